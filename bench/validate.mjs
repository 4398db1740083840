// `npm run bench`: wall time and peak memory of `copis validate` (the shipped bundle) on generated
// workspaces. A benchmark, not a test: it prints numbers and never fails on them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateWorkspace } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.cjs');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'copis-bench-'));

function measure(dir) {
    const rssFile = join(work, 'rss');
    const times = [];
    let rss = 0;
    let result;
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        result = spawnSync(process.execPath, ['--require', join(root, 'bench', 'report-rss.cjs'), cli, 'validate', dir, '--format', 'json'], {
            env: { ...process.env, COPIS_BENCH_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024
        });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        rss = Math.max(rss, Number(readFileSync(rssFile, 'utf8')));
    }
    let summary = {};
    try { summary = JSON.parse(result.stdout).summary; } catch { summary = { error: result.stderr.slice(0, 200) }; }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)], rss, summary };
}

const cases = [
    { name: 'workspace 100', total: 100 },
    { name: 'workspace 1,000', total: 1000 },
    { name: 'workspace 10,000', total: 10000 },
    { name: 'single file 30,000', total: 30000, singleFile: true }
];

console.log(`copis validate (dist/cli.cjs), median of ${runs} runs, Node ${process.version}`);
const rows = [];
for (const c of cases) {
    const dir = join(work, c.name.replace(/[^a-z0-9]+/gi, '-'));
    const { declarations, files } = generateWorkspace(dir, c.total, { singleFile: c.singleFile });
    const m = measure(dir);
    rows.push({ ...c, declarations, files, ...m, perDecl: m.ms / declarations });
}
const pad = (s, n) => String(s).padStart(n);
console.log(`${'case'.padEnd(20)}${pad('decls', 8)}${pad('files', 7)}${pad('wall ms', 10)}${pad('peak MB', 9)}${pad('µs/decl', 9)}  diagnostics`);
for (const r of rows) {
    const s = r.summary;
    console.log(`${r.name.padEnd(20)}${pad(r.declarations, 8)}${pad(r.files, 7)}${pad(r.ms.toFixed(0), 10)}${pad((r.rss / 1048576).toFixed(0), 9)}${pad((r.perDecl * 1000).toFixed(1), 9)}  ${s.error ?? `${s.errors} errors, ${s.warnings} warnings, ${s.information} information`}`);
}
const by = (name) => rows.find(r => r.name === name);
console.log(`time per declaration, 10,000 vs 1,000: ${(by('workspace 10,000').perDecl / by('workspace 1,000').perDecl).toFixed(2)}x (aim < 1.2x)`);
console.log(`single 30,000-declaration file vs 10,000 workspace: ${(by('single file 30,000').ms / by('workspace 10,000').ms).toFixed(2)}x (aim < 3x)`);
console.log(`largest vs smallest run, time per declaration: ${(rows.at(-1).perDecl / rows[0].perDecl).toFixed(2)}x`);
rmSync(work, { recursive: true, force: true });
