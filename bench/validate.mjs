// `npm run bench`: wall time, CPU time and peak memory of `copis validate` (the shipped bundle) on generated
// workspaces. A benchmark, not a test: it prints numbers and never fails on them.
//
// BENCH_RUNS (default 5) runs per case. BENCH_LIKEC4=1 adds LikeC4 1.46's `validate --skip-layout` on a
// workspace of the same size (bench/likec4-workspace.mjs), installed from the npm registry into a temporary
// folder, the two commands alternating run by run so that both see the same load. BENCH_BASELINE=PATH (the
// cli.cjs of another build, e.g. of main) alternates it with this one, case by case, for a before and after.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateWorkspace } from './generate.mjs';
import { generateLikeC4Workspace } from './likec4-workspace.mjs';
import { CLI, alternate, benchRuns, repeat, runNode, summarise } from './measure.mjs';

const runs = benchRuns(5);
const LIKEC4_VERSION = '1.46.0';
const work = mkdtempSync(join(tmpdir(), 'copis-bench-'));

function copisRun(dir, bundle = CLI) {
    return runNode([bundle, 'validate', dir, '--format', 'json'], { env: { NO_COLOR: '1' } });
}
const baseline = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : undefined;

function copisSummary(result) {
    try {
        const s = JSON.parse(result.stdout).summary;
        return `${s.errors} errors, ${s.warnings} warnings, ${s.information} information`;
    } catch {
        return `failed: ${result.stderr.slice(0, 200)}`;
    }
}

const cases = [
    { name: 'workspace 100', total: 100 },
    { name: 'workspace 1,000', total: 1000 },
    { name: 'workspace 10,000', total: 10000 },
    { name: 'single file 30,000', total: 30000, singleFile: true }
];

const load = loadavg()[0];
console.log(`copis validate (dist/cli.cjs), ${runs} runs per case, Node ${process.version}, load average ${load.toFixed(1)} on ${availableParallelism()} cores`);
if (baseline) console.log(`alternating, run by run, with the baseline ${baseline}`);
const rows = [];
const baselineRows = [];
for (const c of cases) {
    const dir = join(work, c.name.replace(/[^a-z0-9]+/gi, '-'));
    const { declarations, files } = generateWorkspace(dir, c.total, { singleFile: c.singleFile });
    // A first run warms the file cache and the bundle's code cache, as any run after the first finds them.
    copisRun(dir);
    if (baseline) copisRun(dir, baseline);
    const [samples, baselineSamples] = baseline
        ? alternate(runs, () => copisRun(dir), () => copisRun(dir, baseline))
        : [repeat(runs, () => copisRun(dir)), []];
    rows.push({ ...c, dir, declarations, files, ...summarise(samples), summary: copisSummary(samples.at(-1)) });
    if (baseline) baselineRows.push({ ...c, name: `${c.name} (baseline)`, dir, declarations, files, ...summarise(baselineSamples), summary: copisSummary(baselineSamples.at(-1)) });
}
const pad = (s, n) => String(s).padStart(n);
const header = () => console.log(`${'case'.padEnd(22)}${pad('decls', 8)}${pad('files', 7)}${pad('wall ms', 10)}${pad('range', 13)}${pad('cpu ms', 9)}${pad('peak MB', 9)}${pad('µs/decl', 9)}  diagnostics`);
const line = (r) => console.log(`${r.name.padEnd(22)}${pad(r.declarations, 8)}${pad(r.files, 7)}${pad(r.ms.toFixed(0), 10)}${pad(`${r.min.toFixed(0)}–${r.max.toFixed(0)}`, 13)}${pad(r.cpu.toFixed(0), 9)}${pad((r.rss / 1048576).toFixed(0), 9)}${pad((r.ms / r.declarations * 1000).toFixed(1), 9)}  ${r.summary}`);
header();
rows.forEach(line);
if (baseline) {
    baselineRows.forEach(line);
    rows.forEach((r, i) => console.log(`${r.name}: wall ${(r.ms / baselineRows[i].ms).toFixed(2)}x, CPU ${(r.cpu / baselineRows[i].cpu).toFixed(2)}x the baseline's (medians)`));
}
const by = (name) => rows.find(r => r.name === name);
const perDecl = (r) => r.ms / r.declarations;
console.log(`time per declaration, 10,000 vs 1,000: ${(perDecl(by('workspace 10,000')) / perDecl(by('workspace 1,000'))).toFixed(2)}x (aim < 1.2x)`);
console.log(`single 30,000-declaration file vs 10,000 workspace: ${(by('single file 30,000').ms / by('workspace 10,000').ms).toFixed(2)}x (aim < 3x)`);
console.log('aims: workspace 10,000 under 600 ms and 150 MB; single file 30,000 under 2,000 ms');

if (process.env.BENCH_LIKEC4 === '1') compareWithLikeC4(by('workspace 10,000'));
rmSync(work, { recursive: true, force: true });

/** LikeC4's `validate` on the same-sized workspace, alternating with copis run by run. */
function compareWithLikeC4(copisCase) {
    const prefix = join(work, 'likec4');
    const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
    const install = spawnSync(npm[0], [...npm[1], 'install', '--no-save', '--no-audit', '--no-fund', '--loglevel', 'error', '--prefix', prefix, `likec4@${LIKEC4_VERSION}`], { encoding: 'utf8' });
    if (install.status !== 0) {
        console.log(`LikeC4: could not install likec4@${LIKEC4_VERSION} from the npm registry: ${install.stderr.trim().slice(0, 300)}`);
        return;
    }
    const bin = join(prefix, 'node_modules', 'likec4', 'bin', 'likec4.mjs');
    const dir = join(work, 'likec4-workspace');
    const { elements, files } = generateLikeC4Workspace(dir, copisCase.total);
    const likec4Run = () => runNode([bin, 'validate', '--skip-layout', dir], { env: { NO_COLOR: '1' } });
    likec4Run();
    copisRun(copisCase.dir);
    const [copis, likec4] = alternate(runs, () => copisRun(copisCase.dir), likec4Run);
    const last = likec4.at(-1);
    const c = { ...copisCase, name: 'copis', ...summarise(copis), summary: copisSummary(copis.at(-1)) };
    const l = { name: `likec4 ${LIKEC4_VERSION}`, declarations: elements, files, ...summarise(likec4), summary: last.status === 0 ? 'valid (exit 0)' : `exit ${last.status}: ${last.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 200)}` };
    console.log(`\nLikeC4 ${LIKEC4_VERSION} \`validate --skip-layout\` on the same workspace in LikeC4 (${elements} elements in ${files} files, a relationship per copis reference), alternating with copis, ${runs} pairs (load average ${loadavg()[0].toFixed(1)}):`);
    header();
    line(c);
    line(l);
    console.log(`copis is ${(l.ms / c.ms).toFixed(1)}x faster in wall time (median), ${(l.cpu / c.cpu).toFixed(1)}x in CPU time (aim ≥ 6x)`);
}
