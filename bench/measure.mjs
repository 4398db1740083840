// How the CLI benches measure a command: `node SCRIPT ARGS` in a child process with bench/report-usage.cjs
// preloaded, so that each run reports its own wall time, CPU time (user + system, every thread: the garbage
// collector's helpers too) and peak memory; runs one after another, or two commands alternating; and the
// medians of the runs. The benches say what they measure and print the numbers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const REPORT_USAGE = join(root, 'bench', 'report-usage.cjs');

/** The CLI bundle the benches run. */
export const CLI = join(root, 'dist', 'cli.cjs');

/** `BENCH_RUNS`, or the bench's own default. */
export function benchRuns(fallback) {
    return Number(process.env.BENCH_RUNS ?? fallback);
}

let usageDir;
function usageFile() {
    if (!usageDir) {
        usageDir = mkdtempSync(join(tmpdir(), 'copis-bench-usage-'));
        process.once('exit', () => rmSync(usageDir, { recursive: true, force: true }));
    }
    return join(usageDir, 'usage.json');
}

/**
 * One run of `node ARGS` (ARGS[0] the script): wall ms, CPU ms and peak bytes as the process itself
 * reported them, its exit status and what it printed. `env` is added to this process's.
 */
export function runNode(args, { cwd, env = {}, maxBuffer = 512 * 1024 * 1024 } = {}) {
    const file = usageFile();
    // A run that dies before it reports must not be given the previous run's numbers.
    rmSync(file, { force: true });
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--require', REPORT_USAGE, ...args], {
        cwd, env: { ...process.env, COPIS_BENCH_USAGE_FILE: file, ...env }, encoding: 'utf8', maxBuffer
    });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    let usage;
    try {
        usage = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
        throw new Error(`node ${args.join(' ')} did not report its usage (exit ${result.status}${result.signal ? `, ${result.signal}` : ''}): ${String(result.stderr ?? result.error).slice(0, 400)}`);
    }
    return { wall, cpu: usage.cpuMs, rss: usage.rss, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `runs` runs of `run`, one after another. */
export function repeat(runs, run) {
    return Array.from({ length: runs }, () => run());
}

/**
 * `runs` runs of each of two commands, alternating and each first in turn (a b, b a, a b, ...), so that
 * a change of load between runs falls on both: `[a's runs, b's runs]`.
 */
export function alternate(runs, a, b) {
    const as = [];
    const bs = [];
    for (let i = 0; i < runs; i++) {
        if (i % 2 === 0) {
            as.push(a());
            bs.push(b());
        } else {
            bs.push(b());
            as.push(a());
        }
    }
    return [as, bs];
}

/**
 * Each of `commands` once per round for `runs` rounds, the order reversed every other round, after one
 * unmeasured round (it writes the code caches): every command sees the same drift of a shared machine's
 * load. `[the first command's runs, the second's, ...]`.
 */
export function inRounds(runs, commands) {
    for (const command of commands) command();
    const samples = commands.map(() => []);
    for (let i = 0; i < runs; i++) {
        const order = commands.map((_, k) => k);
        if (i % 2 === 1) order.reverse();
        for (const k of order) samples[k].push(commands[k]());
    }
    return samples;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs summed up: the median wall time (`ms`) and its range, the median CPU time, the highest peak memory, the last run. */
export function summarise(samples) {
    const walls = samples.map(s => s.wall);
    return {
        ms: median(walls), min: Math.min(...walls), max: Math.max(...walls),
        cpu: median(samples.map(s => s.cpu)), rss: Math.max(...samples.map(s => s.rss)), last: samples.at(-1)
    };
}
