// The GitHub Action (action.yml and scripts/action/copis-action.mjs), its steps run as the runner runs them
// (./runner.ts) against the npm tarball: annotations, the job summary, SARIF, max-warnings, the format check
// (mode validate; action-modes.test.ts has diff and site).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, type Tokens } from 'marked';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatText } from '../../language-server/formatting/format-text.js';
import { ROOT, fixture } from '../cli/helpers.js';
import { action, annotations as commands, packed, runOn as runActionOn, step, walk } from './harness.js';
import { actionOutputs, type StepResult } from './runner.js';

beforeAll(() => {
    packed();
}, 120000);

/** A repository holding `files`, with the tarball in it (`version: ./copis.tgz`), and the action run on it. */
function runOn(files: Record<string, string>, inputs: Record<string, string> = {}): { results: StepResult[]; workspace: string } {
    return runActionOn({ files, inputs });
}

/** Two files that are valid together, in the canonical layout. */
const clean = { 'models/shop.copis': formatText(fixture('shop.copis'))!, 'models/returns/returns.copis': formatText(fixture('returns.copis'))! };

describe('action.yml', () => {
    it('has the inputs of its three modes, and runs composite', () => {
        expect(Object.keys(action.inputs).sort()).toEqual(['actuals', 'as-of', 'base', 'diff-file', 'fail-on', 'format-check', 'head', 'max-warnings', 'mode', 'paths', 'sarif', 'site-dir', 'title', 'version']);
        expect(action.inputs.mode.default).toBe('validate');
        expect(Object.keys(action.outputs ?? {}).sort()).toEqual(['diff-file', 'sarif', 'site-dir']);
        expect(action.runs.using).toBe('composite');
        for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
    });

    it('never splices an expression into a script: inputs reach the steps through env', () => {
        for (const s of action.runs.steps) if (s.run) expect(s.run, s.name).not.toContain('${{');
    });

    it('is used in the README with inputs it has', () => {
        const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
        const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]).find(b => b.includes('uses: your-org/copis@'));
        expect(block, 'the README shows no workflow that uses the action').toBeDefined();
        const workflow = parse(block!) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
        const steps = Object.values(workflow.jobs).flatMap(j => j.steps);
        const step = steps.find(s => s.uses?.startsWith('your-org/copis@'))!;
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs), input).toContain(input);
        const upload = steps.find(s => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
        expect(upload?.with?.sarif_file).toBe(step.with?.sarif);
    });

    it('sets up Node 22 only when the runner\'s Node is older', () => {
        const setup = action.runs.steps.find(s => s.uses?.startsWith('actions/setup-node@'));
        expect(setup?.with?.['node-version']).toBe('22');
        expect(setup?.if).toBe("steps.node.outputs.setup == 'true'");
    });
});

describe('the action on a clean repository', () => {
    let results: StepResult[];
    let workspace: string;
    beforeAll(() => {
        ({ results, workspace } = runOn(clean, { sarif: 'reports/copis.sarif', 'format-check': 'true' }));
    }, 120000);

    it('checks Node (22 here: no set-up), installs copis from the tarball and passes', () => {
        expect(step(results, 'node')).toMatchObject({ code: 0, outputs: {} });
        expect(step(results, 'install').stdout).toMatch(/copis \d+\.\d+\.\d+ installed/);
        expect(step(results, 'install').outputs.cli).toMatch(/copis-action-.*\/node_modules\/copis\/dist\/cli\.cjs$/);
        expect(step(results, 'copis').code).toBe(0);
    });

    it('says so in the summary', () => {
        const summary = step(results, 'copis').summary;
        expect(summary).toContain('**2 files: no problems**');
        expect(summary).toContain('copis validate: passed.');
        expect(summary).toContain('copis format --check: passed.');
    });

    it('writes the SARIF file where asked, and gives its path as the action\'s output', () => {
        const path = join(workspace, 'reports/copis.sarif');
        const sarif = JSON.parse(readFileSync(path, 'utf8'));
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThan(30);
        expect(actionOutputs(action, results).sarif).toBe(path);
    });
});

describe('the action on a repository with many problems and a hostile file name', () => {
    const hostile = 'models/a|b [x](javascript:alert(1)) <img src=x> *c* $x$ %0A,:\n.copis';
    const processes = Array.from({ length: 12 }, (_, i) => `processes Nope${i}`).join(' ');
    const model = `journey Bad "Bad" {\n  stage S "S" { category awareness touchpoint T "T" { channel web ${processes} } }\n  stage Empty "Empty" { category consideration }\n}\n`;
    let results: StepResult[];
    beforeAll(() => {
        ({ results } = runOn({ ...clean, [hostile]: model }));
    }, 120000);

    it('fails the step, and annotates each diagnostic with the file name escaped', () => {
        const validate = step(results, 'copis');
        expect(validate.code).toBe(1);
        const list = commands(validate.stdout);
        const errors = list.filter(c => c.kind === 'error');
        expect(errors).toHaveLength(12);
        for (const c of list) {
            expect(Object.keys(c.properties)).toEqual(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
            // The name as every output of copis shows it (shown.ts: the line break as `\n`), so that it cannot start a line.
            expect(decodeURIComponent(c.properties.file)).toBe(hostile.replace('\n', '\\n'));
        }
        expect(errors[0].properties.file).toBe('models/a|b [x](javascript%3Aalert(1)) <img src=x> *c* $x$ %250A%2C%3A\\n.copis');
    });

    it('lists every diagnostic in the summary and says how many GitHub does not annotate', () => {
        const summary = step(results, 'copis').summary;
        const list = commands(step(results, 'copis').stdout);
        const warnings = list.filter(c => c.kind === 'warning').length;
        const notices = list.filter(c => c.kind === 'notice').length;
        const over = [`${12 - 10} errors`, warnings > 10 && `${warnings - 10} warnings`, notices > 10 && `${notices - 10} notices`].filter(Boolean).join(', ');
        expect(summary).toContain(`GitHub annotates at most 10 errors, 10 warnings and 10 notices per step: ${over} below are not annotated on the pull request.`);
        expect(summary).toContain('copis validate: **failed** (exit code 1)');

        const tokens = walk(new Lexer({ gfm: true }).lex(summary));
        const tables = tokens.filter((t): t is Tokens.Table => t.type === 'table');
        expect(tables).toHaveLength(1);
        expect(tables[0].rows).toHaveLength(list.length);
        for (const row of tables[0].rows) expect(row).toHaveLength(4);
        // The name is text: no link, image, HTML or emphasis comes from it.
        expect(tokens.filter(t => ['link', 'image', 'html', 'em', 'strong'].includes(t.type) && !/failed|files/.test(t.raw))).toEqual([]);
        const where = tables[0].rows.map(r => r[0].text);
        expect(where.every(w => w.includes('javascript') && w.includes('&lt;img'))).toBe(true);
    });
});

describe('the action\'s inputs', () => {
    it('max-warnings 0 fails on a warning that passes without it', () => {
        const files = { ...clean, 'models/warnings.copis': fixture('warnings.copis') };
        expect(step(runOn(files).results, 'copis').code).toBe(0);
        const strict = runOn(files, { 'max-warnings': '0' }).results;
        expect(step(strict, 'copis').code).toBe(1);
        expect(step(strict, 'copis').stderr).toContain('copis: too many warnings');
    });

    it('format-check fails on a file that is not formatted, and says so in the summary', () => {
        const { results } = runOn({ ...clean, 'models/messy.copis': 'customer   Gifter "Gifter"   { value low }\n' }, { 'format-check': 'true', paths: 'models/messy.copis' });
        const validate = step(results, 'copis');
        expect(validate.code).toBe(1);
        expect(validate.stdout).toContain('not formatted: models/messy.copis');
        expect(validate.summary).toContain('copis format --check: **failed**');
    });

    it('paths: several, separated by spaces or lines', () => {
        const { results } = runOn({ 'a/x.copis': fixture('shop.copis'), 'b/y.copis': fixture('returns.copis'), 'c/broken.copis': fixture('broken.copis') }, { paths: 'a\n b/y.copis ' });
        expect(step(results, 'copis').code).toBe(0);
        expect(step(results, 'copis').summary).toContain('**2 files: no problems**');
    });

    it('refuses a version that is not a version, range or tarball, with an escaped error annotation', () => {
        const { results } = runOn(clean, { version: 'npm:evil@1\n::warning::x' });
        const install = step(results, 'install');
        expect(install.code).toBe(1);
        expect(install.stdout).toMatch(/^::error title=copis::version must be a copis version or range .*got "npm:evil@1%0A::warning::x"$/m);
        expect(commands(install.stdout).filter(c => c.kind === 'warning')).toEqual([]);
        expect(results.find(r => r.step.id === 'copis')).toBeUndefined();
    });

    it('an empty version installs the action\'s own from the registry; when that fails, the annotation says to give a tarball', () => {
        // Offline: as on a runner, where copis is not on the registry yet (npm answers 404).
        const { results } = runOn(clean, { version: '' });
        const install = step(results, 'install');
        expect(install.code).toBe(1);
        const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
        const errors = commands(install.stdout).filter(c => c.kind === 'error');
        expect(errors).toHaveLength(1);
        expect(errors[0].message).toContain(`npm install copis@${version} failed`);
        expect(errors[0].message).toContain('set `version:` to the path of a tarball in the repository: build it with `npm run pack:npm`');
        expect(errors[0].message).toContain('or point npm at a registry that has copis');
        expect(results.find(r => r.step.id === 'copis')).toBeUndefined();
    });

    it('a tarball that fails to install gets no registry advice, and its path is escaped in the annotation', () => {
        const { results } = runOn({ ...clean, 'tools/bad%0A.tgz': 'not a tarball' }, { version: 'tools/bad%0A.tgz' });
        const install = step(results, 'install');
        expect(install.code).toBe(1);
        const [error] = commands(install.stdout).filter(c => c.kind === 'error');
        expect(error.message).toMatch(/^npm install \S*tools\/bad%250A\.tgz failed \(exit code \d+\); see the log above$/);
    });

    it('as-of and actuals: the KPIs judged as of the date, with the CSV named, in the annotations, the summary and the SARIF', () => {
        const model = 'customer C\nprocess P { owner "x" }\njourney J {\n  customers C\n  objective O { kpi K { metric nps  current 20  target >= 10  due 2026-10-31 } }\n'
            + '  stage S { touchpoint T { channel web  processes P } }\n  moment M { at T  kpis K }\n  opportunity Fix { addresses M  improves K }\n}\n';
        const files = { 'models/j.copis': model, 'data/kpis.csv': 'kpi,date,value\nJ.K,2026-10-01,4\nJ.K,2026-12-01,30\n' };
        const codes = (ws: string) => JSON.parse(readFileSync(join(ws, 'copis.sarif'), 'utf8')).runs[0].results.map((r: { ruleId: string }) => r.ruleId);
        let workspace: string;
        let results: StepResult[];
        // Without them: the model's own `current 20` is on target.
        ({ results, workspace } = runOn(files, { paths: 'models', sarif: 'copis.sarif' }));
        expect(step(results, 'copis').code).toBe(0);
        expect(codes(workspace)).toEqual([]);
        // As of 2026-11-01, the CSV's row of 2026-10-01 (4) is the actual: off target, and overdue.
        ({ results, workspace } = runOn(files, { paths: 'models', sarif: 'copis.sarif', 'as-of': '2026-11-01', actuals: ' data/kpis.csv\n' }));
        const run = step(results, 'copis');
        expect(codes(workspace).sort()).toEqual(['kpi-off-target', 'kpi-overdue']);
        expect(commands(run.stdout).map(c => c.properties.title).sort()).toEqual(['kpi-off-target', 'kpi-overdue']);
        expect(run.summary).toContain('KPI `K` is off target: actual 4 on 2026-10-01 (kpis.csv), target >= 10.');
        expect(run.code).toBe(0);
    });

    it('refuses an as-of that is not a date, with what to write', () => {
        const { results } = runOn(clean, { 'as-of': 'tomorrow' });
        expect(step(results, 'copis').code).toBe(1);
        expect(step(results, 'copis').stdout).toContain('::error title=copis::as-of must be a date, YYYY-MM-DD (e.g. 2026-12-31), or empty for the day the job runs; got "tomorrow"');
    });

    it('refuses a max-warnings that is not a number', () => {
        const { results } = runOn(clean, { 'max-warnings': 'few' });
        expect(step(results, 'copis').code).toBe(1);
        expect(step(results, 'copis').stdout).toContain('::error title=copis::max-warnings must be a whole number');
    });
});
