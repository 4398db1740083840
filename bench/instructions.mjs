// The instructions `copis validate` executes on the bench's workspaces: a count that, unlike a time, does not
// depend on what else the machine runs, for comparing two builds on a shared machine. Needs valgrind. Node
// runs with --predictable (one thread, the garbage collector's work included), so the same build gives the
// same count every run. BENCH_BASELINE=PATH counts another build's cli.cjs too. Not part of `npm run bench`
// (a run under valgrind takes about a minute for 10,000 declarations).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateWorkspace } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const builds = [['this build', join(root, 'dist', 'cli.cjs')]];
if (process.env.BENCH_BASELINE) builds.push(['baseline', resolve(process.env.BENCH_BASELINE)]);
const work = mkdtempSync(join(tmpdir(), 'copis-instructions-'));
const cache = join(work, 'code-cache');

if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('bench/instructions.mjs needs valgrind (apt-get install valgrind)');
    process.exit(0);
}

function instructions(cli, dir) {
    const env = { ...process.env, COPIS_CODE_CACHE: cache };
    const args = ['--predictable', cli, 'validate', dir, '--format', 'json'];
    spawnSync(process.execPath, args, { env, stdio: 'ignore' }); // writes the code cache, with the same flags
    const run = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const count = /I\s+refs:\s+([\d,]+)/.exec(run.stderr)?.[1];
    return count ? Number(count.replace(/,/g, '')) : NaN;
}

console.log(`copis validate, instructions (valgrind, node --predictable, Node ${process.version})`);
// One declaration: what every run pays to start (docs/performance.md, "Starting copis").
for (const [name, total] of [['one declaration', 1], ['workspace 100', 100], ['workspace 10,000', 10000]]) {
    const dir = join(work, String(total));
    if (total === 1) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'a.copis'), 'customer Rider "Rider"\n');
    } else generateWorkspace(dir, total);
    const counts = builds.map(([label, cli]) => [label, instructions(cli, dir)]);
    const shown = counts.map(([label, n]) => `${label} ${(n / 1e9).toFixed(3)} G`).join(', ');
    const ratio = counts.length > 1 ? ` (${(counts[0][1] / counts[1][1]).toFixed(3)}x the baseline)` : '';
    console.log(`${name.padEnd(18)} ${shown}${ratio}`);
}
rmSync(work, { recursive: true, force: true });
