// `npm run bench`: KPI actuals (language §7) at scale. A workspace of about 10,000 declarations with
// 2,000 KPIs and an actuals CSV of 100,000 rows (50 measurements per KPI): `copis validate` with the
// actuals against without (aim: within 1.3x), and `copis report` of the workspace with them (aim:
// under 2 s). A benchmark, not a test: it prints numbers and never fails on them. The cases alternate run by
// run; BENCH_BASELINE=PATH runs another build's cli.cjs too. BENCH_INSTRUCTIONS=1 counts the instructions
// of the two validate cases instead (valgrind, node --predictable, as bench/instructions.mjs does): a
// ratio that does not depend on what else a shared machine runs (a run takes a minute or two).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DECLARATIONS_PER_JOURNEY, generateWorkspace } from './generate.mjs';
import { CLI as cli, benchRuns, inRounds, median, runNode, summarise } from './measure.mjs';

const runs = benchRuns(3);
const work = mkdtempSync(join(tmpdir(), 'copis-bench-actuals-'));
const TOTAL = 10_000;
const KPIS = 2_000;
const ROWS = 100_000;
const KPIS_PER_OBJECTIVE = 20;
const KPIS_PER_JOURNEY = 3; // what generate.mjs writes

/** The generated workspace, less declarations than TOTAL so that the extra KPIs bring it to TOTAL. */
function build(dir) {
    let base = TOTAL;
    for (let i = 0; i < 5; i++) {
        const journeys = Math.max(1, Math.floor(base * 0.9 / DECLARATIONS_PER_JOURNEY));
        const extra = KPIS - journeys * KPIS_PER_JOURNEY;
        base = TOTAL - extra - Math.ceil(extra / KPIS_PER_OBJECTIVE);
    }
    const { declarations, files } = generateWorkspace(dir, base);
    const journeys = Math.max(1, Math.floor(base * 0.9 / DECLARATIONS_PER_JOURNEY));
    const kpis = [];
    for (let j = 0; j < journeys; j++) kpis.push([`J${j}.K1`, 'nps'], [`J${j}.K2`, 'csat'], [`J${j}.K3`, 'churn']);
    const objectives = [];
    for (let o = 0; kpis.length < KPIS; o++) {
        const lines = [`objective Measured${o} "Measured objective ${o}" {`];
        for (let k = 0; k < KPIS_PER_OBJECTIVE && kpis.length < KPIS; k++) {
            const metric = ['nps', 'csat', 'churn', 'resolution-time'][k % 4];
            const values = { nps: 'current 30  target >= 40', csat: 'current 80%  target >= 85%', churn: 'current 6%  target <= 5%', 'resolution-time': 'current 9h  target <= 8h' }[metric];
            lines.push(`  kpi O${o}M${k} "Measure ${k}" { metric ${metric}  ${values} }`);
            kpis.push([`Measured${o}.O${o}M${k}`, metric]);
        }
        lines.push('}');
        objectives.push(lines.join('\n'));
    }
    writeFileSync(join(dir, 'measured.copis'), objectives.join('\n\n') + '\n');
    const extraDeclarations = (kpis.length - journeys * KPIS_PER_JOURNEY) + objectives.length;

    // 50 weekly measurements per KPI, the last on 2026-11-30.
    const rows = ['kpi,date,value'];
    const perKpi = ROWS / KPIS;
    const end = Date.UTC(2026, 10, 30);
    for (let w = perKpi - 1; w >= 0; w--) {
        const date = new Date(end - w * 7 * 86_400_000).toISOString().slice(0, 10);
        for (const [i, [id, metric]] of kpis.entries()) {
            const v = (i + w) % 10;
            rows.push(`${id},${date},${metric === 'nps' ? 35 + v : metric === 'csat' ? `${80 + v}%` : metric === 'churn' ? `${3 + v / 2}%` : `${6 + v}h`}`);
        }
    }
    writeFileSync(join(dir, 'actuals.csv'), rows.join('\n') + '\n');
    return { declarations: declarations + extraDeclarations, files: files + 1, kpis: kpis.length, rows: rows.length - 1 };
}

/** Every case (and build) once per round, the rounds alternating their order (bench/measure.mjs). */
function measureAll(cases) {
    const samples = inRounds(runs, cases.map(c => () => runNode([c.cli, ...c.args], { maxBuffer: 1024 * 1024 * 1024 })));
    return cases.map((c, k) => ({ ...c, ...summarise(samples[k]), samples: samples[k] }));
}

const dir = join(work, 'workspace');
const shape = build(dir);
const baseline = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : undefined;
console.log(`KPI actuals at scale (dist/cli.cjs), median of ${runs} runs (the cases alternating run by run), Node ${process.version}`);
console.log(`workspace: ${shape.declarations} declarations in ${shape.files} files, ${shape.kpis} KPIs; actuals: ${shape.rows} rows`);
if (baseline) console.log(`alternating, run by run, with the baseline ${baseline}`);
const asOf = ['--as-of', '2026-12-01'];
const casesOf = (cliPath, suffix) => [
    { name: `validate${suffix}`, cli: cliPath, args: ['validate', dir, '--format', 'json', ...asOf] },
    { name: `validate --actuals${suffix}`, cli: cliPath, args: ['validate', dir, '--format', 'json', '--actuals', join(dir, 'actuals.csv'), ...asOf] },
    { name: `report --actuals${suffix}`, cli: cliPath, args: ['report', dir, '--to', 'json', '--actuals', join(dir, 'actuals.csv'), ...asOf] }
];
if (process.env.BENCH_INSTRUCTIONS) {
    const env = { ...process.env, COPIS_CODE_CACHE: join(work, 'code-cache') };
    const instructions = ({ cli: cliPath, args }) => {
        const command = ['--predictable', cliPath, ...args];
        spawnSync(process.execPath, command, { env, stdio: 'ignore' }); // writes the code cache, with the same flags
        const run = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, ...command], { env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
        const count = /I\s+refs:\s+([\d,]+)/.exec(run.stderr)?.[1];
        return count ? Number(count.replace(/,/g, '')) : NaN;
    };
    for (const [label, cliPath] of [['this build', cli], ...(baseline ? [['baseline', baseline]] : [])]) {
        const [plain, withActuals] = casesOf(cliPath, '').slice(0, 2).map(instructions);
        console.log(`${label}: validate ${(plain / 1e9).toFixed(3)} G instructions, with actuals ${(withActuals / 1e9).toFixed(3)} G: ${(withActuals / plain).toFixed(3)}x`);
    }
    if (process.env.BENCH_KEEP) console.log(`kept: ${dir}`); else rmSync(work, { recursive: true, force: true });
    process.exit(0);
}
const rows = measureAll([...casesOf(cli, ''), ...(baseline ? casesOf(baseline, ' (base)') : [])]);
const pad = (s, n) => String(s).padStart(n);
console.log(`${'case'.padEnd(29)}${pad('wall ms', 10)}${pad('CPU ms', 9)}${pad('peak MB', 9)}  result`);
for (const r of rows) {
    let what;
    try {
        const out = JSON.parse(r.last.stdout);
        what = out.summary ? `${out.summary.errors} errors, ${out.summary.warnings} warnings, ${out.summary.information} information`
            : `${out.report.kpis.length} KPIs, ${out.report.kpis.filter(k => k.kpi.actual).length} with actuals`;
    } catch {
        what = `exit ${r.last.status}: ${r.last.stderr.slice(0, 200)}`;
    }
    console.log(`${r.name.padEnd(29)}${pad(r.ms.toFixed(0), 10)}${pad(r.cpu.toFixed(0), 9)}${pad((r.rss / 1048576).toFixed(0), 9)}  ${what}`);
}
for (let b = 0; b < rows.length; b += 3) {
    const [plain, withActuals, report] = rows.slice(b, b + 3);
    const which = b === 0 ? '' : ' (base)';
    // The ratio of each round's two runs too: they ran one after the other, under the same load.
    const paired = key => plain.samples.map((s, i) => withActuals.samples[i][key] / s[key]).sort((x, y) => x - y);
    const range = list => `${list[0].toFixed(2)}-${list.at(-1).toFixed(2)}`;
    const wall = paired('wall');
    const cpu = paired('cpu');
    console.log(`validate with actuals vs without${which}: ${(withActuals.ms / plain.ms).toFixed(2)}x wall, ${(withActuals.cpu / plain.cpu).toFixed(2)}x CPU (aim <= 1.3x); per round ${median(wall).toFixed(2)}x wall (${range(wall)}), ${median(cpu).toFixed(2)}x CPU (${range(cpu)})`);
    console.log(`report with actuals${which}: ${(report.ms / 1000).toFixed(2)} s wall, ${(report.cpu / 1000).toFixed(2)} s CPU (aim < 2 s)`);
}
console.log(`load average now: ${(await import('node:os')).loadavg().map(l => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores (wall times stretch with it)`);
if (process.env.BENCH_KEEP) console.log(`kept: ${dir}`); else rmSync(work, { recursive: true, force: true });
