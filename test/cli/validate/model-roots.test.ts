import { describe, expect, it } from 'vitest';
import { bundle, copis, fixture, lines, workspace } from '../helpers.js';

const shop = fixture('shop.copis');
const returns = fixture('returns.copis');

describe('copis validate: model roots (copis.config.json)', () => {
    it('a named file is validated with its whole root loaded, and only it is reported', async () => {
        const dir = workspace({ 'models/copis.config.json': '{}', 'models/shop.copis': shop, 'models/journeys/returns.copis': returns });
        // Alone, returns.copis refers to nothing; in its root, Shopper and Shop resolve.
        const run = await copis(dir, 'validate', 'models/journeys/returns.copis');
        expect(run).toEqual({ code: 0, stdout: '1 file: no problems\n', stderr: '' });
        const json = JSON.parse((await copis(dir, 'validate', 'models/journeys/returns.copis', '--format', 'json')).stdout);
        expect(json.files).toEqual(['models/journeys/returns.copis']);
        // From inside the root, too.
        expect(await copis(`${dir}/models/journeys`, 'validate', 'returns.copis')).toEqual({ code: 0, stdout: '1 file: no problems\n', stderr: '' });
        // Without the config, the named files are the model, as before.
        const plain = workspace({ 'shop.copis': shop, 'journeys/returns.copis': returns });
        expect((await copis(plain, 'validate', 'journeys/returns.copis')).stdout).toMatch(/`Shopper` is not declared/);
    });

    it('reports only the named files, though workspace-wide rules see the whole root', async () => {
        const dir = workspace({
            'copis.config.json': '{}',
            'shop.copis': shop,
            'unused.copis': 'system Lonely "Lonely" { type crm  owner "IT" }\n',
            'journeys/returns.copis': returns
        });
        const run = await copis(dir, 'validate', 'journeys');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe('1 file: no problems\n');
        expect((await copis(dir, 'validate')).stdout).toMatch(/^unused\.copis:1:8 {2}information {2}System `Lonely` is not used anywhere/m);
    });

    it('each root is a model of its own: no names across roots, no duplicates across roots', async () => {
        const dir = workspace({
            'retail/copis.config.json': '{}', 'retail/shop.copis': shop,
            'saas/copis.config.json': '{}', 'saas/returns.copis': returns, 'saas/shop-too.copis': 'customer Shopper "Another" { value medium }\n'
        });
        const run = await copis(dir, 'validate', '--format', 'json');
        expect(run.code).toBe(1);
        const report = JSON.parse(run.stdout);
        expect(report.files).toEqual(['retail/shop.copis', 'saas/returns.copis', 'saas/shop-too.copis']);
        const codes = report.diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
        expect(codes).toContain('saas/returns.copis unresolved-reference'); // Shop lives in retail
        expect(codes.filter((c: string) => c.includes('duplicate-name'))).toEqual([]);
        // The same files without configs: one model, Shopper declared twice.
        const one = workspace({ 'retail/shop.copis': shop, 'saas/returns.copis': returns, 'saas/shop-too.copis': 'customer Shopper "Another" { value medium }\n' });
        expect((await copis(one, 'validate')).stdout).toMatch(/duplicate-name/);
    });

    it('never loads a gitignored copy, node_modules or dot-folders, nor what the config excludes', async () => {
        const dir = workspace({
            '.gitignore': 'build/\n', 'shop.copis': shop, 'returns.copis': returns,
            'build/shop.copis': shop, 'build/returns.copis': returns, 'node_modules/m/shop.copis': shop, '.backup/shop.copis': shop,
            'copis.config.json': '{ "exclude": ["old/**"] }', 'old/shop.copis': shop
        });
        const run = await copis(dir, 'validate', '--format', 'json');
        expect(JSON.parse(run.stdout).files).toEqual(['returns.copis', 'shop.copis']);
        expect(run.code).toBe(0);
        // A pattern leaves them out as a walk does.
        expect(JSON.parse((await copis(dir, 'validate', '**/*.copis', '--format', 'json')).stdout).files).toEqual(['returns.copis', 'shop.copis']);
        // git's rules without a config too: nested .gitignore files, negations.
        const plain = workspace({ 'shop.copis': shop, 'gen/.gitignore': '*\n!keep.copis\n', 'gen/x.copis': shop, 'gen/keep.copis': 'system K "K" { type crm  owner "IT" }\n' });
        expect(JSON.parse((await copis(plain, 'validate', '--format', 'json')).stdout).files).toEqual(['gen/keep.copis', 'shop.copis']);
    });

    it('a named file that its root leaves out is validated on its own', async () => {
        const dir = workspace({ 'copis.config.json': '{ "exclude": ["drafts/**"] }', 'shop.copis': shop, 'drafts/shop.copis': shop });
        const run = await copis(dir, 'validate', 'drafts/shop.copis', 'shop.copis', '--format', 'json');
        const report = JSON.parse(run.stdout);
        expect(report.files).toEqual(['drafts/shop.copis', 'shop.copis']);
        expect(report.diagnostics.filter((d: { code: string }) => d.code === 'duplicate-name')).toEqual([]);
    });

    it('a named file that its root leaves out is not given the root\'s actuals: their rows are not about it', async () => {
        const journey = 'journey R "R" {\n  objective O "O" { kpi Csat "CSAT" { metric csat  target >= 90%  current 50% } }\n}\n';
        const dir = workspace({
            'copis.config.json': '{ "exclude": ["drafts/**"], "actuals": ["kpis.csv"] }', 'drafts/r.copis': journey,
            'kpis.csv': 'kpi,date,value\nR.Csat,2026-11-01,95%\n'
        });
        const alone = JSON.parse((await copis(dir, 'validate', 'drafts/r.copis', '--format', 'json', '--as-of', '2026-12-01')).stdout);
        expect(alone.files).toEqual(['drafts/r.copis']);
        expect(alone.diagnostics.map((d: { code: string }) => d.code)).not.toContain('actuals-unknown-kpi');
        // In its root (no longer excluded), the same file reads the actual.
        const inRoot = workspace({ 'copis.config.json': '{ "actuals": ["kpis.csv"] }', 'r.copis': journey, 'kpis.csv': 'kpi,date,value\nR.Csat,2026-11-01,95%\n' });
        const read = JSON.parse((await copis(inRoot, 'validate', 'r.copis', '--format', 'json', '--as-of', '2026-12-01')).stdout);
        expect(read.files).toEqual(['r.copis', 'kpis.csv']);
        expect(read.diagnostics.map((d: { code: string }) => d.code)).not.toContain('kpi-off-target');
    });

    it('an invalid config is a diagnostic on copis.config.json, with line and column, and the defaults hold', async () => {
        const dir = workspace({
            'copis.config.json': '{\n  "rules": { "touchpoint-without-channel": "loud" },\n  "exlude": []\n}\n',
            'shop.copis': shop.replace('channel web ', '')
        });
        const run = await copis(dir, 'validate');
        expect(run.code).toBe(1);
        expect(lines(run.stdout)).toEqual([
            'copis.config.json:2:44  error  The severity of `touchpoint-without-channel` must be one of "off", "information", "warning", "error"; this rule is ignored.  invalid-config',
            'copis.config.json:3:3  error  Unknown field `exlude`; did you mean `exclude`? copis.config.json has the fields `include`, `exclude`, `rules`, `actuals`, `staleAfter`; it is ignored.  invalid-config',
            'shop.copis:6:57  warning  Touchpoint `Page` has no channel; add one, e.g. `channel web`.  touchpoint-without-channel',
            '1 file: 2 errors, 1 warning, 0 information'
        ]);
        const broken = workspace({ 'copis.config.json': '{ "exclude": [', 'shop.copis': shop });
        const json = JSON.parse((await copis(broken, 'validate', '--format', 'json')).stdout);
        expect(json.diagnostics).toEqual([expect.objectContaining({ file: 'copis.config.json', line: 1, code: 'invalid-config', severity: 'error' })]);
        expect(json.summary).toEqual({ files: 1, errors: 1, warnings: 0, information: 0 });
    });

    it('rule severities apply in every format, and suppressions silence', async () => {
        const text = shop.replace('channel web ', '').replace('  stage S2', '  // copis-disable-next-line touchpoint-without-channel -- the courier decides\n  stage S2').replace('channel mail ', '');
        const dir = workspace({
            'copis.config.json': '{ "rules": { "touchpoint-without-channel": "error", "touchpoint-without-process": "off" } }',
            'shop.copis': text, 'lonely.copis': 'system Lonely "Lonely" { type crm  owner "IT" }\n'
        });
        const textRun = await copis(dir, 'validate');
        expect(textRun.code).toBe(1);
        expect(lines(textRun.stdout)).toEqual([
            'lonely.copis:1:8  information  System `Lonely` is not used anywhere; refer to it, or remove it.  unused-declaration',
            'shop.copis:6:57  error  Touchpoint `Page` has no channel; add one, e.g. `channel web`.  touchpoint-without-channel',
            '2 files: 1 error, 0 warnings, 1 information'
        ]);
        const github = (await copis(dir, 'validate', '--format', 'github')).stdout;
        expect(github).toMatch(/^::error file=shop\.copis,line=6,.*title=touchpoint-without-channel::/m);
        const sarif = JSON.parse((await copis(dir, 'validate', '--format', 'sarif')).stdout);
        expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'touchpoint-without-channel').level).toBe('error');
        const json = JSON.parse((await copis(dir, 'validate', '--format', 'json')).stdout);
        expect(json.diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`)).toEqual(['unused-declaration:information', 'touchpoint-without-channel:error']);
    });

    it('the bundle reads the configs of the examples: a journey file is validated with its example loaded, and the actuals its config names', () => {
        const run = bundle(process.cwd(), 'validate', 'examples/retail/buy-and-return.copis', '--format', 'json');
        expect(run.stderr).toBe('');
        const report = JSON.parse(run.stdout);
        expect(report.files).toEqual(['examples/retail/buy-and-return.copis', 'examples/retail/actuals.csv']);
        // Its customers and systems live in examples/retail/shared.copis, which is loaded though not named.
        expect(report.diagnostics.filter((d: { severity: string }) => d.severity !== 'information')).toEqual([]);
        expect(run.code).toBe(0);
    });
});
