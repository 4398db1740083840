// `copis site` (the shipped bundle) of generated model roots: wall time, peak memory, and the site's size
// (files and bytes, the largest page). A benchmark, not a test: it prints numbers and never fails on them.
// Aim, for the 10,000-declaration root (about 180 journeys): under 10 s and under 50 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateWorkspace } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.cjs');
const runs = Number(process.env.BENCH_RUNS ?? 3);
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

function measure(models, out) {
    const rssFile = join(work, 'rss');
    const times = [];
    let rss = 0;
    let result;
    for (let i = 0; i < runs; i++) {
        rmSync(out, { recursive: true, force: true });
        const start = process.hrtime.bigint();
        result = spawnSync(process.execPath, ['--require', join(root, 'bench', 'report-rss.cjs'), cli, 'site', models, '-o', out, '--as-of', '2026-12-31'], {
            env: { ...process.env, COPIS_BENCH_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024
        });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        rss = Math.max(rss, Number(readFileSync(rssFile, 'utf8')));
        if (result.status !== 0) throw new Error(`copis site failed (exit ${result.status}): ${result.stderr.slice(0, 400)}`);
    }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)], rss, ...sizeOf(out) };
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
