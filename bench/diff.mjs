// `npm run bench`: `copis diff` between two commits of a 10,000-declaration workspace that differ in 20
// declarations, against one `copis validate` of that workspace (aim: under 2.5x). Both run the shipped
// bundle. A benchmark, not a test: it prints numbers and never fails on them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from './generate.mjs';
import { CLI, benchRuns, repeat, runNode, summarise } from './measure.mjs';

const runs = benchRuns(3);
const work = mkdtempSync(join(tmpdir(), 'copis-bench-diff-'));
const repo = join(work, 'repo');
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

const { declarations, files } = generateWorkspace(repo, 10000);
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'base');

// 20 declarations changed, spread over 10 journeys: an emotion and a KPI's current value in each.
const journeys = readdirSync(join(repo, 'journeys')).sort().slice(0, 10);
for (const name of journeys) {
    const path = join(repo, 'journeys', name);
    const text = readFileSync(path, 'utf8')
        .replace('emotion 1 }', 'emotion -1 }')
        .replace('current 42  target >= 40', 'current 38  target >= 40');
    writeFileSync(path, text);
}
git('commit', '-q', '-am', 'twenty changes');

/** `runs` runs of `copis ARGS` in the repository: the median wall time, the highest peak memory, the last run. */
function measure(args) {
    return summarise(repeat(runs, () => runNode([CLI, ...args], { cwd: repo })));
}

console.log(`copis diff vs copis validate (dist/cli.cjs), ${declarations} declarations in ${files} files, median of ${runs} runs, Node ${process.version}`);
const validate = measure(['validate', '.', '--format', 'json']);
const diff = measure(['diff', 'HEAD~1', 'HEAD', '--format', 'json']);
const worktree = measure(['diff', 'HEAD~1', '--format', 'json']);
let summary = '';
try {
    const s = JSON.parse(diff.last.stdout).summary;
    summary = `${s.elements.changed} declarations changed, ${s.kpis.nowMissed} KPIs now missed, ${s.diagnostics.introduced.information} information introduced`;
} catch {
    summary = `diff failed: ${diff.last.stderr.slice(0, 200)}`;
}
const pad = (s, n) => String(s).padStart(n);
console.log(`${'run'.padEnd(34)}${pad('wall ms', 10)}${pad('peak MB', 9)}`);
for (const [name, m] of [['validate .', validate], ['diff HEAD~1 HEAD (two commits)', diff], ['diff HEAD~1 (commit, working tree)', worktree]]) {
    console.log(`${name.padEnd(34)}${pad(m.ms.toFixed(0), 10)}${pad((m.rss / 1048576).toFixed(0), 9)}`);
}
console.log(`found: ${summary}`);
console.log(`diff of two commits vs one validate: ${(diff.ms / validate.ms).toFixed(2)}x (aim < 2.5x)`);
rmSync(work, { recursive: true, force: true });
