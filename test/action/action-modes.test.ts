// The action's diff and site modes (scripts/action/diff.mjs, site.mjs), their steps run as the runner runs
// them (./runner.ts) against the npm tarball, with the event as the runner gives it (GITHUB_EVENT_NAME,
// GITHUB_EVENT_PATH); the workflows the docs show, checked against action.yml.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, type Tokens } from 'marked';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, fitMarkdown } from '../../scripts/action/diff.mjs';
import { escapeMarkdown as actionEscapeMarkdown } from '../../scripts/action/workflow.mjs';
import { escapeMarkdown } from '../../src/cli/markdown/escape-markdown.mjs';
import { ROOT } from '../cli/helpers.js';
import { commit, git } from '../cli/diff/git-repo.js';
import { BUY, SHARED, edit } from '../cli/diff/models.js';
import { tempDir } from '../scripts/npm-package.js';
import { action, commands, packed, runOn, step, walk } from './harness.js';
import { actionOutputs, type StepResult } from './runner.js';

beforeAll(() => {
    packed();
}, 120000);

const model = { 'models/shared.copis': SHARED, 'models/buy.copis': BUY };

interface PullRequest {
    results: StepResult[];
    workspace: string;
    /** The runner's temp folder (RUNNER_TEMP). */
    temp: string;
    base: string;
    summary: string;
    outputs: Record<string, string>;
}

/**
 * The action on a pull request: the workspace a git repository whose first commit holds `base` and whose
 * checkout holds `head` on top (committed), the event naming the first commit as the pull request's base.
 */
function onPullRequest(base: Record<string, string>, head: Record<string, string | null>, inputs: Record<string, string> = {}, env: Record<string, string> = {}): PullRequest {
    const event = join(tempDir('copis-event-'), 'event.json');
    let baseCommit = '';
    const { results, workspace, temp } = runOn({
        prepare: ws => {
            git(ws, 'init', '-q', '-b', 'main');
            baseCommit = commit(ws, base, 'base');
            commit(ws, head, 'the pull request');
            writeFileSync(event, JSON.stringify({ number: 7, pull_request: { number: 7, base: { ref: 'main', sha: baseCommit }, head: { ref: 'feature' } } }));
        },
        inputs: { mode: 'diff', ...inputs },
        env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, ...env }
    });
    const copis = results.find(r => r.step.id === 'copis');
    return { results, workspace, temp, base: baseCommit, summary: copis?.summary ?? '', outputs: actionOutputs(action, results) };
}

function tokensOf(markdown: string) {
    return walk(new Lexer({ gfm: true }).lex(markdown));
}

describe('mode diff', () => {
    it('compares the pull request\'s base commit with the checkout: the Markdown in the summary and in the file it outputs', () => {
        const pr = onPullRequest(model, { 'models/buy.copis': edit(BUY, ['emotion -1', 'emotion 1']) });
        const run = step(pr.results, 'copis');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`copis diff: the pull request's base, ${pr.base.slice(0, 12)} → the working tree`);
        expect(pr.summary).toMatch(/^## copis diff: 1 journey changed/);
        expect(pr.summary).toContain(`${pr.base.slice(0, 8)}`);
        expect(pr.summary).toContain('copis diff: passed.');
        const table = tokensOf(pr.summary).find((t): t is Tokens.Table => t.type === 'table');
        expect(table?.rows.map(r => r.map(c => c.text).join(' | '))).toEqual(['✏️ changed | touchpoint `Checkout` Checkout | emotion: -1 → 1']);
        // The file is the diff itself (it fits a comment whole), at the path the action outputs.
        const file = pr.outputs['diff-file'];
        expect(file).toBe(join(pr.temp, 'copis-diff.md'));
        expect(readFileSync(file, 'utf8')).toBe(pr.summary.slice(0, pr.summary.indexOf('\ncopis diff: passed.')));
    });

    it('fetches the base commit that a shallow checkout lacks', () => {
        const origin = tempDir('copis-origin-');
        git(origin, 'init', '-q', '-b', 'main');
        const base = commit(origin, model, 'base');
        commit(origin, { 'models/shared.copis': edit(SHARED, ['owner "IT"', 'owner "Platform"']) }, 'the pull request');
        const event = join(tempDir('copis-event-'), 'event.json');
        writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base } } }));
        const { results } = runOn({
            prepare: ws => {
                git(ws, 'clone', '-q', '--depth', '1', `file://${origin}`, '.');
                expect(() => git(ws, 'cat-file', '-e', `${base}^{commit}`)).toThrow();
            },
            inputs: { mode: 'diff' },
            env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }
        });
        const run = step(results, 'copis');
        expect(run.stdout).toContain(`the pull request's base (${base.slice(0, 12)}) is not in this clone (a shallow checkout): fetching that commit from origin.`);
        expect(run.code).toBe(0);
        expect(run.summary).toContain('| ✏️ changed | system `Oms` Order management | owner: IT → Platform |');
    });

    it('fail-on introduced-errors fails the step, with the summary and the file written all the same', () => {
        const pr = onPullRequest(model, { 'models/buy.copis': edit(BUY, ['processes Pay  information', 'processes Pay, Nope  information']) }, { 'fail-on': 'introduced-errors' });
        expect(step(pr.results, 'copis').code).toBe(1);
        expect(pr.summary).toContain('### Diagnostics: 1 introduced, 0 fixed');
        expect(pr.summary).toContain('copis diff: **failed** (exit code 1): the change introduces errors (fail-on: introduced-errors)');
        expect(readFileSync(pr.outputs['diff-file'], 'utf8')).toContain('unresolved-reference');
        // Without fail-on, the same change passes: the diff informs, validate gates.
        expect(step(onPullRequest(model, { 'models/buy.copis': edit(BUY, ['processes Pay  information', 'processes Pay, Nope  information']) }).results, 'copis').code).toBe(0);
    });

    it('takes the base input before the event, and the commit before a push on push', () => {
        const pr = onPullRequest(model, { 'models/buy.copis': edit(BUY, ['emotion -1', 'emotion 1']) }, { base: 'HEAD', 'diff-file': 'reports/diff.md' });
        expect(step(pr.results, 'copis').code).toBe(0);
        expect(pr.summary).toMatch(/^## copis diff: no changes in meaning/); // HEAD is the checkout
        expect(pr.outputs['diff-file']).toBe(join(pr.workspace, 'reports/diff.md'));

        const event = join(tempDir('copis-event-'), 'event.json');
        let before = '';
        const { results } = runOn({
            prepare: ws => {
                git(ws, 'init', '-q', '-b', 'main');
                before = commit(ws, model);
                commit(ws, { 'models/buy.copis': edit(BUY, ['severity high', 'severity low']) });
                writeFileSync(event, JSON.stringify({ before, after: git(ws, 'rev-parse', 'HEAD').trim() }));
            },
            inputs: { mode: 'diff' },
            env: { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event }
        });
        expect(step(results, 'copis').stdout).toContain(`copis diff: the commit before the push, ${before.slice(0, 12)} → the working tree`);
        expect(step(results, 'copis').summary).toMatch(/pain `SlowPay`.*severity: high → low/);
    });

    it('exit code 2 of copis diff (no such revision) fails the step, says so, and outputs no file', () => {
        const pr = onPullRequest(model, {}, { base: 'no-such-branch' });
        const run = step(pr.results, 'copis');
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('copis: no-such-branch: no such revision in this repository');
        expect(pr.summary).toBe('copis diff: **could not compare** (exit code 2); the log says why.\n');
        expect(pr.outputs['diff-file']).toBe('');
    });

    it('refuses what is not a revision, an event whose base is not a commit id, and inputs of another mode, with escaped annotations', () => {
        const refused = (inputs: Record<string, string>, env: Record<string, string> = {}) => {
            const { results } = runOn({ files: model, inputs: { mode: 'diff', ...inputs }, env });
            const run = step(results, 'copis');
            expect(run.code).toBe(1);
            const list = commands(run.stdout);
            expect(list.map(c => c.kind)).toEqual(['error']);
            return list[0].message;
        };
        expect(refused({ base: '--output=/tmp/x' })).toBe('base must be a git revision (a commit id, branch or tag, e.g. origin/main); got "--output=/tmp/x"');
        expect(refused({ head: 'main\n::warning::forged' })).toBe('head must be a git revision (a commit id, branch or tag, e.g. origin/main); got "main%0A::warning::forged"');
        expect(refused({ sarif: 'x.sarif' })).toBe('sarif goes with mode validate, not diff; leave it out, or set mode: validate');
        expect(refused({ 'fail-on': 'errors' })).toBe('fail-on must be introduced-errors or introduced-warnings, or empty; got "errors"');
        expect(refused({ mode: 'deploy' })).toBe('mode must be validate, diff, site; got "deploy"');
        const event = join(tempDir('copis-event-'), 'event.json');
        writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: 'main; rm -rf /' } } }));
        expect(refused({}, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event })).toBe('the pull request\'s base in the pull_request event is not a commit id (got "main; rm -rf /"); give the base input');
        // Six runs of the action, each installing copis from the tarball: 20 s is too little for them on a loaded machine.
    }, 60000);

    it('escapes a hostile model in the summary, and a hostile diff-file name in the log and the output', () => {
        const hostile = 'Checkout <img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** ::error::x';
        const name = 'out/a\n::warning file=x::forged.md';
        const pr = onPullRequest(model, { 'models/buy.copis': edit(BUY, ['touchpoint Checkout "Checkout"', `touchpoint Checkout "${hostile}"`]) }, { 'diff-file': name });
        const run = step(pr.results, 'copis');
        expect(run.code).toBe(0);
        expect(commands(run.stdout)).toEqual([]);
        expect(run.stdout).toContain('out/a\\u{A}::warning file=x::forged.md');
        expect(pr.outputs['diff-file']).toBe(join(pr.workspace, name));
        expect(existsSync(join(pr.workspace, name))).toBe(true);
        const tokens = tokensOf(pr.summary);
        expect(tokens.filter(t => ['link', 'image', 'html', 'strong'].includes(t.type) && t.raw.includes('alert'))).toEqual([]);
        // The one HTML is copis's own footer.
        expect(tokens.filter(t => t.type === 'html').map(t => t.raw)).toEqual(['<sub>', '</sub>']);
        expect(pr.summary).toContain('&lt;img');
    });

    it('cuts a diff too long for a pull-request comment, closing what it leaves open; the summary holds it whole', () => {
        const systems = Array.from({ length: 1500 }, (_, i) => `system Added${String(i).padStart(4, '0')} "A system added by this change" { type crm  owner "Team ${i}" }`).join('\n') + '\n';
        const pr = onPullRequest(model, { 'models/many.copis': systems }, {}, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/models', GITHUB_RUN_ID: '42' });
        expect(step(pr.results, 'copis').code).toBe(0);
        const comment = readFileSync(pr.outputs['diff-file'], 'utf8');
        expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
        expect(comment.length).toBeGreaterThan(COMMENT_LIMIT - 2000);
        expect(comment.trimEnd().endsWith('*The diff is longer than a pull-request comment can be; the rest is in the [job summary](https://github.com/acme/models/actions/runs/42).*')).toBe(true);
        expect(comment.match(/<details>/g)?.length).toBe(comment.match(/<\/details>/g)?.length);
        expect(comment).not.toContain('Added1499');
        expect(pr.summary).toContain('Added1499');
        expect(pr.summary).not.toContain('longer than');
    });
});

describe('fitMarkdown', () => {
    const markdown = ['## Title', '', '| a |', '| --- |', ...Array.from({ length: 50 }, (_, i) => `| row ${i} |`), '', '<details><summary>more</summary>', '', ...Array.from({ length: 50 }, (_, i) => `| more ${i} |`), '</details>', ''].join('\n');

    it('leaves what fits alone', () => {
        expect(fitMarkdown(markdown, () => true, 'NOTE')).toBe(markdown);
    });

    it('cuts at a line, closes an open <details>, ends with the note, and fits', () => {
        for (const limit of [100, 500, 700, 1000]) {
            const cut = fitMarkdown(markdown, t => t.length <= limit, 'NOTE');
            expect(cut.length).toBeLessThanOrEqual(limit);
            expect(cut.trimEnd().endsWith('NOTE')).toBe(true);
            expect(cut.match(/<details>/g)?.length ?? 0).toBe(cut.match(/<\/details>/g)?.length ?? 0);
            const kept = cut.slice(0, cut.lastIndexOf('\n\n'));
            for (const line of kept.split('\n')) if (line !== '</details>') expect(markdown.split('\n')).toContain(line);
        }
        // Cut inside the folded rows, the closing tag comes back.
        expect(fitMarkdown(markdown, t => t.length <= 800, 'NOTE')).toMatch(/\| more \d+ \|\n\n<\/details>\n\nNOTE\n$/);
    });
});

describe('the action\'s escapeMarkdown', () => {
    it('is copis\'s (src/cli/markdown/escape-markdown.mjs), run from the action\'s checkout', () => {
        expect(actionEscapeMarkdown).toBe(escapeMarkdown);
        for (const text of ['plain', '<b>x</b> & y', '[a](javascript:alert(1))', '*em* _u_ `c` ~s~ |p| @me $x$', '# head', '> quote', '- item', '1. item', 'https://x.example www.x.example', 'a\nb\r\nc\u2028d', 'tab\there\u0007bell\u0085', '\\']) {
            expect(actionEscapeMarkdown(text), text).toBe(escapeMarkdown(text));
        }
    });
});

describe('mode site', () => {
    it('writes the site into _site, outputs its path, and says so in the summary', () => {
        const { results, workspace } = runOn({ files: model, inputs: { mode: 'site', paths: 'models', title: 'Journeys <b>&</b> more' } });
        const run = step(results, 'copis');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^site written: _site\/index\.html \(\d+ pages/m);
        const dir = actionOutputs(action, results)['site-dir'];
        expect(dir).toBe(join(workspace, '_site'));
        expect(readdirSync(dir)).toEqual(expect.arrayContaining(['index.html', 'journeys', 'assets']));
        expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('Journeys &lt;b&gt;&amp;&lt;/b&gt; more');
        expect(run.summary).toBe('copis site: written to \\_site.\n');
    });

    it('writes into site-dir, its name escaped in the summary; a folder copis refuses fails the step and is left as it was', () => {
        const dir = 'public/[x](javascript:alert(1)) <b>';
        const { results, workspace } = runOn({ files: model, inputs: { mode: 'site', 'site-dir': dir } });
        expect(step(results, 'copis').code).toBe(0);
        expect(existsSync(join(workspace, dir, 'index.html'))).toBe(true);
        const summary = step(results, 'copis').summary;
        expect(tokensOf(summary).filter(t => ['link', 'html'].includes(t.type))).toEqual([]);
        expect(summary).toBe(`copis site: written to ${escapeMarkdown(dir)}.\n`);

        const refused = runOn({ files: { ...model, 'docs/notes.txt': 'mine' }, inputs: { mode: 'site', 'site-dir': 'docs' } });
        const run = step(refused.results, 'copis');
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/docs/);
        expect(run.summary).toBe('copis site: **not written** (exit code 2); the log says why.\n');
        expect(readdirSync(join(refused.workspace, 'docs'))).toEqual(['notes.txt']);
        expect(actionOutputs(action, refused.results)['site-dir']).toBe('');
    });

    it('passes as-of and actuals on: the site says the date and uses the CSV', () => {
        const { results, workspace } = runOn({ files: { ...model, 'data/kpis.csv': `kpi,date,value\nBuy.Nps,2026-10-01,-7\n` }, inputs: { mode: 'site', paths: 'models', 'as-of': '2026-11-01', actuals: 'data/kpis.csv' } });
        expect(step(results, 'copis').code).toBe(0);
        const index = readFileSync(join(workspace, '_site', 'index.html'), 'utf8');
        expect(index).toContain(' · as of 2026-11-01');
        const kpis = readFileSync(join(workspace, '_site', 'kpis.html'), 'utf8');
        expect(kpis).toContain('Due dates judged as of 2026-11-01.');
        expect(kpis).toContain('-7');
    });

    it('refuses inputs of another mode', () => {
        const { results } = runOn({ files: model, inputs: { mode: 'site', base: 'main' } });
        expect(step(results, 'copis').code).toBe(1);
        expect(commands(step(results, 'copis').stdout)).toEqual([expect.objectContaining({ kind: 'error', message: 'base goes with mode diff, not site; leave it out, or set mode: diff' })]);
    });
});

describe('the workflows the docs show', () => {
    interface WorkflowStep { id?: string; if?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> }
    type Workflow = { jobs: Record<string, { steps: WorkflowStep[] }> };
    const sources = ['README.md', 'docs/cli.md', 'docs/packaging/npm/README.md'].filter(f => existsSync(join(ROOT, f)));
    const blocks = sources.flatMap(file => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map(m => ({ file, yaml: m[1] })));
    const workflows = blocks
        .filter(b => b.yaml.includes('uses: your-org/copis@'))
        .map(b => ({ file: b.file, workflow: parse(b.yaml) as Workflow }));
    /** The workflows that run copis by hand (`npx copis`), without the action. */
    const byHand = blocks.filter(b => /\bnpx copis\b/.test(b.yaml)).map(b => ({ file: b.file, yaml: b.yaml, workflow: parse(b.yaml) as Workflow | unknown[] }));

    it('name a tarball as `version`: copis is not on the npm registry yet', () => {
        for (const { file, workflow } of workflows) {
            for (const s of Object.values(workflow.jobs).flatMap(j => j.steps).filter(s => s.uses?.startsWith('your-org/copis@'))) {
                expect(String(s.with?.version), `${file}: ${JSON.stringify(s.with)}`).toMatch(/^[\w./-]+\.tgz$/);
            }
        }
    });

    it('by hand: whole workflows that set up Node 22 and install copis (npm ci) before the first npx copis', () => {
        expect(new Set(byHand.map(b => b.file))).toEqual(new Set(sources));
        for (const { file, yaml, workflow } of byHand) {
            expect(Array.isArray(workflow) || typeof (workflow as Workflow).jobs !== 'object', `${file}: a fragment, not a workflow:\n${yaml}`).toBe(false);
            for (const job of Object.values((workflow as Workflow).jobs)) {
                const steps = job.steps;
                const first = steps.findIndex(s => s.run?.includes('npx copis'));
                if (first < 0) continue;
                const node = steps.findIndex(s => s.uses?.startsWith('actions/setup-node@'));
                const install = steps.findIndex(s => /^npm ci\b|^npm install .*\.tgz/m.test(s.run ?? ''));
                expect(node, `${file}: no actions/setup-node before npx copis:\n${yaml}`).toBeGreaterThanOrEqual(0);
                expect(String(steps[node].with?.['node-version'])).toBe('22');
                expect(install, `${file}: no npm ci before npx copis:\n${yaml}`).toBeGreaterThan(node);
                expect(install, `${file}: npm ci after npx copis:\n${yaml}`).toBeLessThan(first);
            }
        }
    });

    it('post a pull request\'s diff as one comment, edited on every push, from every diff workflow but for a fork', () => {
        const posts = [...workflows, ...byHand].flatMap(w => Array.isArray(w.workflow) ? [] : Object.values((w.workflow as Workflow).jobs).flatMap(j => j.steps.map(s => ({ file: w.file, step: s }))))
            .filter(p => p.step.run?.includes('gh pr comment'));
        expect(new Set(posts.map(p => p.file))).toEqual(new Set(['README.md', 'docs/cli.md']));
        expect(posts.length).toBeGreaterThanOrEqual(4);
        for (const { file, step: s } of posts) {
            expect(s.run, file).toMatch(/gh pr comment "\$PR" --body-file \S+ --edit-last --create-if-none/);
            expect(s.if, file).toMatch(/^\$\{\{ !cancelled\(\) && .*github\.event\.pull_request\.head\.repo\.full_name == github\.repository \}\}$/);
        }
        // The action's diff workflow is the same in the README and in docs/cli.md.
        const actionIfs = posts.filter(p => p.step.run?.includes('"$DIFF"')).map(p => p.step.if);
        expect(new Set(actionIfs).size).toBe(1);
    });

    it('use the action with inputs it has and outputs it gives', () => {
        expect(workflows.length).toBeGreaterThanOrEqual(3);
        for (const { file, workflow } of workflows) {
            for (const job of Object.values(workflow.jobs)) {
                const ours = new Set(job.steps.filter(s => s.uses?.startsWith('your-org/copis@')).map(s => s.id));
                for (const s of job.steps) {
                    if (s.uses?.startsWith('your-org/copis@')) for (const input of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs), `${file}: ${input}`).toContain(input);
                    for (const [, id, output] of JSON.stringify(s).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
                        if (ours.has(id)) expect(Object.keys(action.outputs ?? {}), `${file}: steps.${id}.outputs.${output}`).toContain(output);
                    }
                }
            }
        }
    });

    it('post the diff file as a comment on a pull request, and publish the site to GitHub Pages', () => {
        const steps = workflows.flatMap(w => Object.values(w.workflow.jobs).flatMap(j => j.steps.map(s => ({ file: w.file, step: s, steps: j.steps }))));
        const diff = steps.filter(s => s.step.with?.mode === 'diff');
        const site = steps.filter(s => s.step.with?.mode === 'site');
        expect(new Set(diff.map(s => s.file))).toEqual(new Set(['README.md', 'docs/cli.md']));
        expect(new Set(site.map(s => s.file))).toEqual(new Set(['README.md', 'docs/cli.md']));
        for (const { step: s, steps: all } of diff) {
            const post = all.find(p => p.run?.includes('gh pr comment'));
            expect(post?.run).toContain('--body-file "$DIFF"');
            expect(post?.env?.DIFF).toBe(`\${{ steps.${s.id}.outputs.diff-file }}`);
        }
        for (const { step: s, steps: all } of site) {
            const upload = all.find(p => p.uses?.startsWith('actions/upload-pages-artifact@'));
            expect(upload?.with?.path).toBe(`\${{ steps.${s.id}.outputs.site-dir }}`);
            expect(all.some(p => p.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
        }
    });
});
