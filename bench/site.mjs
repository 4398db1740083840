// `copis site` (the shipped bundle) of generated model roots: wall time, peak memory, and the site's size
// (files and bytes, the largest page). A benchmark, not a test: it prints numbers and never fails on them.
// Aim, for the 10,000-declaration root (about 180 journeys): under 10 s and under 50 MB.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from './generate.mjs';
import { CLI, benchRuns, repeat, runNode, summarise } from './measure.mjs';

const runs = benchRuns(3);
const work = mkdtempSync(join(tmpdir(), 'copis-bench-site-'));

function sizeOf(dir) {
    let bytes = 0;
    let files = 0;
    let largest = { path: '', bytes: 0 };
    const walk = d => {
        for (const name of readdirSync(d)) {
            const path = join(d, name);
            const info = statSync(path);
            if (info.isDirectory()) walk(path);
            else {
                files++;
                bytes += info.size;
                if (info.size > largest.bytes) largest = { path: path.slice(dir.length + 1), bytes: info.size };
            }
        }
    };
    walk(dir);
    return { bytes, files, largest };
}

/** `runs` builds of the site of `models` into `out`, each into a fresh folder: the median wall time, the highest peak memory, the site's size. */
function measure(models, out) {
    const { ms, rss } = summarise(repeat(runs, () => {
        rmSync(out, { recursive: true, force: true });
        const run = runNode([CLI, 'site', models, '-o', out, '--as-of', '2026-12-31'], { maxBuffer: 64 * 1024 * 1024 });
        if (run.status !== 0) throw new Error(`copis site failed (exit ${run.status}): ${run.stderr.slice(0, 400)}`);
        return run;
    }));
    return { ms, rss, ...sizeOf(out) };
}

const cases = [
    { name: 'model root 1,000', total: 1000 },
    { name: 'model root 10,000', total: 10000 }
];

console.log(`copis site (dist/cli.cjs), median of ${runs} runs, Node ${process.version}`);
const pad = (s, n) => String(s).padStart(n);
console.log(`${'case'.padEnd(20)}${pad('decls', 8)}${pad('journeys', 10)}${pad('wall ms', 10)}${pad('peak MB', 9)}${pad('files', 7)}${pad('site MB', 9)}  largest file`);
for (const c of cases) {
    const dir = join(work, c.name.replace(/[^a-z0-9]+/gi, '-'));
    const { declarations } = generateWorkspace(dir, c.total);
    const journeys = readdirSync(join(dir, 'journeys')).length;
    const m = measure(dir, join(work, 'site'));
    console.log(`${c.name.padEnd(20)}${pad(declarations, 8)}${pad(journeys, 10)}${pad(m.ms.toFixed(0), 10)}${pad((m.rss / 1048576).toFixed(0), 9)}${pad(m.files, 7)}${pad((m.bytes / 1e6).toFixed(1), 9)}  ${m.largest.path} (${(m.largest.bytes / 1e3).toFixed(0)} KB)`);
}
console.log('aim for 10,000 declarations: < 10,000 ms and a site < 50 MB');
rmSync(work, { recursive: true, force: true });
