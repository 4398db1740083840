import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copis, workspace } from '../helpers.js';

/** The `actuals` and `staleAfter` of copis.config.json (design.md, second edition; language §7), in every command that reads the model. */
const MODEL = `customer Shopper { value medium }
journey Shop {
  customers Shopper
  objective Fast "Deliver fast" {
    kpi OnTime "On-time rate" { metric percent  current 91%  target >= 97% }
  }
  opportunity Faster { addresses M  improves OnTime }
  process Ship { owner "Warehouse" }
  stage S { category delivery
    touchpoint T { channel web  processes Ship }
  }
  moment M { at T  kind second  polarity positive  impact high  kpis OnTime }
}
`;
const GOOD = 'kpi,date,value\nShop.OnTime,2026-10-31,95%\nShop.OnTime,2026-11-30,97.5%\n';
const AS_OF = ['--as-of', '2026-12-01'];

describe('the config file\'s actuals', () => {
    it('validate reads the files its globs name, counts them, lists their problems under their names', async () => {
        const dir = workspace({
            'models/copis.config.json': '{ "actuals": ["data/*.csv"] }', 'models/shop.copis': MODEL,
            'models/data/kpis.csv': GOOD, 'models/data/more.csv': 'kpi,date,value\nShop.Late,2026-11-30,1%\n',
            // Not named: a CSV beside the model, one in node_modules, one in a dot-folder.
            'models/other.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,1%\n',
            'models/data/node_modules/x/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,1%\n'
        });
        const run = await copis(dir, 'validate', 'models', ...AS_OF);
        expect(run.stderr).toBe('');
        expect(run.stdout).not.toContain('kpi-off-target');
        expect(run.stdout).toContain('models/data/more.csv:2:1  error  `Shop.Late` names no KPI');
        expect(run.stdout).toContain('3 files: 1 error, 0 warnings, 0 information');
        expect(run.code).toBe(1);
        const json = JSON.parse((await copis(dir, 'validate', 'models', '--format', 'json', ...AS_OF)).stdout);
        expect(json.files).toEqual(['models/shop.copis', 'models/data/kpis.csv', 'models/data/more.csv']);
    });

    it('each model root matches its own files with its own KPIs: two roots may both have Shop.OnTime', async () => {
        const dir = workspace({
            'a/copis.config.json': '{ "actuals": ["kpis.csv"] }', 'a/shop.copis': MODEL, 'a/kpis.csv': GOOD,
            'b/copis.config.json': '{ "actuals": ["kpis.csv"] }', 'b/shop.copis': MODEL, 'b/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,90%\n'
        });
        const run = await copis(dir, 'validate', '.', ...AS_OF);
        expect(run.stdout.split('\n').filter(l => l.includes('kpi-off-target'))).toEqual([
            'b/shop.copis:5:9  information  KPI `OnTime` is off target: actual 90% on 2026-11-30 (kpis.csv), target >= 97%.  kpi-off-target'
        ]);
        expect(run.stdout).toContain('4 files: 0 errors, 0 warnings, 1 information');
    });

    it('--actuals serves every model of the run: a row is unknown only when no model has its KPI', async () => {
        const other = MODEL.replace('journey Shop', 'journey Store');
        const dir = workspace({
            'a/copis.config.json': '{}', 'a/shop.copis': MODEL,
            'b/copis.config.json': '{}', 'b/store.copis': other,
            'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\nStore.OnTime,2026-11-30,90%\nStor.OnTime,2026-11-30,90%\n'
        });
        const run = await copis(dir, 'validate', 'a', 'b', '--actuals', 'kpis.csv', ...AS_OF);
        expect(run.stdout.split('\n').filter(l => / (error|information) /.test(l))).toEqual([
            'b/store.copis:5:9  information  KPI `OnTime` is off target: actual 90% on 2026-11-30 (kpis.csv), target >= 97%.  kpi-off-target',
            'kpis.csv:4:1  error  `Stor.OnTime` names no KPI; did you mean `Store.OnTime`?  actuals-unknown-kpi'
        ]);
    });

    it('the root\'s staleAfter and rules hold for its actuals', async () => {
        const dir = workspace({
            'copis.config.json': '{ "actuals": ["kpis.csv"], "staleAfter": "2w", "rules": { "actuals-duplicate": "error", "kpi-stale": "warning" } }',
            'shop.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-01,98%\nShop.OnTime,2026-11-01,99%\n'
        });
        const run = await copis(dir, 'validate', '.', ...AS_OF);
        expect(run.stdout).toContain('shop.copis:5:9  warning  KPI `OnTime`\'s latest actual is from 2026-11-01, 30 days before 2026-12-01 (older than 2w, the `staleAfter` of its model)');
        expect(run.stdout).toContain('kpis.csv:3:13  error  A second row for `Shop.OnTime` on 2026-11-01');
        expect(run.code).toBe(1);
    });

    it('a file a pattern without wildcards names that cannot be read is a problem of the run (exit 1); a glob that matches nothing is not', async () => {
        const missing = workspace({ 'copis.config.json': '{ "actuals": ["data/kpis.csv"] }', 'shop.copis': MODEL });
        const run = await copis(missing, 'validate', '.', ...AS_OF);
        expect(run.stderr).toBe('copis: data/kpis.csv: no such file; check the path (an actuals file, `actuals` of copis.config.json)\n');
        expect(run.stdout).toContain('kpi-off-target');
        expect(run.code).toBe(1);
        const none = workspace({ 'copis.config.json': '{ "actuals": ["data/*.csv"] }', 'shop.copis': MODEL });
        const quiet = await copis(none, 'validate', '.', ...AS_OF);
        expect(quiet.stderr).toBe('');
        expect(quiet.code).toBe(0);
    });

    it('report, export and actuals apply read them too', async () => {
        const dir = workspace({ 'copis.config.json': '{ "actuals": ["kpis.csv"] }', 'shop.copis': MODEL, 'kpis.csv': GOOD });
        const report = JSON.parse((await copis(dir, 'report', '.', '--to', 'json', ...AS_OF)).stdout);
        expect(report.actuals).toEqual(['kpis.csv']);
        expect(report.report.kpis[0].kpi).toMatchObject({ current: { text: '97.5%' }, met: true, actual: { staleAfter: '90d' } });
        const md = await copis(dir, 'export', 'shop.copis', '--to', 'md', ...AS_OF);
        expect(md.stdout).toContain('97.5% (actual of 2026-11-30)');
        const check = await copis(dir, 'actuals', 'apply', '--check', ...AS_OF);
        expect(check.stdout).toContain('shop.copis:5:57  Shop.OnTime: current 91% → 97.5% (actual of 2026-11-30)');
        expect(check.code).toBe(1);
        expect((await copis(dir, 'actuals', 'apply', ...AS_OF)).code).toBe(0);
        expect(readFileSync(join(dir, 'shop.copis'), 'utf8')).toBe(MODEL.replace('current 91%', 'current 97.5%'));
    });

    it('export --workspace reads the actuals validate reads for the model roots of the files it loads, as one model; --as-of picks the row', async () => {
        const dir = workspace({
            'models/copis.config.json': '{ "actuals": ["data/*.csv"] }', 'models/journeys/shop.copis': MODEL, 'models/data/kpis.csv': GOOD,
            // A second root below the workspace, with a KPI of its own measured in its own file.
            'other/copis.config.json': '{ "actuals": ["kpis.csv"] }', 'other/store.copis': MODEL.replace('journey Shop', 'journey Store').replace('customer Shopper', 'customer Buyer').replace('customers Shopper', 'customers Buyer'),
            'other/kpis.csv': 'kpi,date,value\nStore.OnTime,2026-11-30,99%\n'
        });
        const validated = await copis(dir, 'validate', 'models', ...AS_OF);
        expect(validated.stdout).not.toContain('kpi-off-target');
        const kpiOf = (out: { journey: { objectives: { kpis: unknown[] }[] } }) => out.journey.objectives[0].kpis[0];
        const run = await copis(dir, 'export', 'models/journeys/shop.copis', '--workspace', 'models', '--to', 'json', ...AS_OF);
        expect(run.stderr).toBe('');
        const out = JSON.parse(run.stdout);
        expect(out.files).toEqual(['models/journeys/shop.copis', 'models/data/kpis.csv']);
        expect(kpiOf(out)).toMatchObject({ current: { text: '97.5%' }, writtenCurrent: { text: '91%' }, met: true, actual: { date: '2026-11-30', location: { file: 'models/data/kpis.csv', line: 3 } } });
        const earlier = JSON.parse((await copis(dir, 'export', 'models/journeys/shop.copis', '--workspace', 'models', '--to', 'json', '--as-of', '2026-11-15')).stdout);
        expect(kpiOf(earlier)).toMatchObject({ current: { text: '95%' }, met: false, actual: { date: '2026-10-31' } });
        // Two roots below DIR are one model here: each root's actuals serve it, and none of their rows is unknown.
        const both = JSON.parse((await copis(dir, 'export', 'other/store.copis', '--workspace', '.', '--to', 'json', ...AS_OF)).stdout);
        expect(both.files).toEqual(['other/store.copis', 'models/journeys/shop.copis', 'other/kpis.csv', 'models/data/kpis.csv']);
        expect(kpiOf(both)).toMatchObject({ current: { text: '99%' }, met: true });
        expect(both.diagnostics.map((d: { code: string }) => d.code)).not.toContain('actuals-unknown-kpi');
    });
});
