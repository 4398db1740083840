import { describe, expect, it } from 'vitest';
import { copis, workspace } from '../helpers.js';

/** `--actuals FILE` on validate and export (language §7): a KPI's latest row takes the place of its current value. */
const MODEL = `customer Shopper { value high  clv 1450 EUR  count 1000 }
journey Shop {
  customers Shopper
  objective Fast "Deliver fast" {
    kpi OnTime "On-time rate" { metric percent  current 91%  target >= 97% }
  }
  process Ship { owner "Warehouse" }
  stage S { category delivery
    touchpoint T { channel web  processes Ship }
  }
  moment M { at T  kind second  polarity positive  impact high  kpis OnTime }
}
`;
const GOOD = 'kpi,date,value\nShop.OnTime,2026-10-31,95%\nShop.OnTime,2026-11-30,97.5%\n';

function folder(csv = GOOD) {
    return workspace({ 'shop.copis': MODEL, 'data/kpis.csv': csv });
}

describe('copis validate --actuals', () => {
    it('judges the KPI by its actual: no kpi-off-target, and the file is counted', async () => {
        const dir = folder();
        const without = await copis(dir, 'validate', 'shop.copis', '--as-of', '2026-12-01');
        expect(without.stdout).toContain('kpi-off-target');
        const run = await copis(dir, 'validate', 'shop.copis', '--actuals', 'data/kpis.csv', '--as-of', '2026-12-01');
        expect(run.stderr).toBe('');
        expect(run.stdout).not.toContain('kpi-off-target');
        expect(run.stdout).toBe('2 files: no problems\n');
        expect(run.code).toBe(0);
    });

    it('lists the CSV file\'s problems with line and column, under its name; errors fail the run', async () => {
        const dir = folder('kpi,date,value\nShop.OnTme,2026-11-30,95%\nShop.OnTime,2026-11-30,95\n');
        const run = await copis(dir, 'validate', 'shop.copis', '--actuals', 'data/kpis.csv', '--as-of', '2026-12-01');
        expect(run.stdout).toContain('data/kpis.csv:2:1  error  `Shop.OnTme` names no KPI; did you mean `Shop.OnTime`?  actuals-unknown-kpi');
        expect(run.stdout).toContain('data/kpis.csv:3:24  error  The value of `Shop.OnTime` (metric percent) takes a percent (e.g. `97%`), not `95`.  actuals-bad-value');
        expect(run.code).toBe(1);
        const json = JSON.parse((await copis(dir, 'validate', 'shop.copis', '--actuals', 'data/kpis.csv', '--format', 'json', '--as-of', '2026-12-01')).stdout);
        expect(json.files).toEqual(['shop.copis', 'data/kpis.csv']);
        expect(json.diagnostics.filter((d: { file: string }) => d.file === 'data/kpis.csv').map((d: { code: string; line: number; column: number }) => `${d.line}:${d.column} ${d.code}`))
            .toEqual(['2:1 actuals-unknown-kpi', '3:24 actuals-bad-value']);
    });

    it('is repeatable; --as-of picks the row', async () => {
        const dir = workspace({ 'shop.copis': MODEL, 'a.csv': 'kpi,date,value\nShop.OnTime,2026-10-31,90%\n', 'b.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,99%\n' });
        const late = await copis(dir, 'validate', 'shop.copis', '--actuals', 'a.csv', '--actuals', 'b.csv', '--as-of', '2026-12-01');
        expect(late.stdout).not.toContain('kpi-off-target');
        const early = await copis(dir, 'validate', 'shop.copis', '--actuals', 'a.csv', '--actuals', 'b.csv', '--as-of', '2026-11-15');
        expect(early.stdout).toContain('KPI `OnTime` is off target: actual 90% on 2026-10-31 (a.csv), target >= 97%.');
    });

    it('kpi-stale on the KPI when the latest actual is older than 90 days', async () => {
        const run = await copis(folder('kpi,date,value\nShop.OnTime,2026-06-30,99%\n'), 'validate', 'shop.copis', '--actuals', 'data/kpis.csv', '--as-of', '2026-12-01');
        expect(run.stdout).toContain("shop.copis:5:9  information  KPI `OnTime`'s latest actual is from 2026-06-30, 154 days before 2026-12-01 (older than 90d, the `staleAfter` of its model); add a newer row to kpis.csv, or check that the KPI is still measured.  kpi-stale");
    });

    it('an actuals file that cannot be read is reported, and the rest is still validated (exit 1)', async () => {
        const run = await copis(folder(), 'validate', 'shop.copis', '--actuals', 'data/missing.csv', '--as-of', '2026-12-01');
        // It never existed: not "disappeared while copis ran".
        expect(run.stderr).toBe('copis: data/missing.csv: no such file; check the path (an actuals file, --actuals)\n');
        expect(run.stdout).toContain('kpi-off-target');
        expect(run.code).toBe(1);
    });
});

describe('copis export --actuals', () => {
    const args = ['--actuals', 'data/kpis.csv', '--as-of', '2026-12-01'];

    it('md: the actual in the KPI table, with its date, and met', async () => {
        const md = (await copis(folder(), 'export', 'shop.copis', '--to', 'md', ...args)).stdout;
        expect(md).toContain('| On-time rate | percent | 97.5% (actual of 2026-11-30) | ≥ 97% |   |   | **met** |');
        const without = (await copis(folder(), 'export', 'shop.copis', '--to', 'md', '--as-of', '2026-12-01')).stdout;
        expect(without).toContain('| On-time rate | percent | 91% | ≥ 97% |   |   | **missed** |');
    });

    it('html: the actual in the KPI table, met', async () => {
        const html = (await copis(folder(), 'export', 'shop.copis', '--to', 'html', ...args)).stdout;
        expect(html).toContain('<td class="num">97.5% (actual of 2026-11-30)</td>');
        expect(html).toContain('<td class="met">met</td>');
        expect(html).toContain('now 97.5%');
    });

    it('svg: the diagram\'s KPI panel shows the actual', async () => {
        const svg = (await copis(folder(), 'export', 'shop.copis', '--to', 'svg', ...args)).stdout;
        expect(svg).toContain('now 97.5%');
        expect(svg).not.toContain('now 91%');
    });

    it('json: current is the actual, with the written value, the actual\'s row (file, line, column), the series and the trend', async () => {
        const out = JSON.parse((await copis(folder(), 'export', 'shop.copis', '--to', 'json', ...args)).stdout);
        const kpi = out.journey.objectives[0].kpis[0];
        expect(kpi).toMatchObject({
            current: { form: 'percent', value: 97.5, text: '97.5%' }, writtenCurrent: { text: '91%' }, met: true,
            actual: { date: '2026-11-30', ageDays: 1, stale: false, location: { file: 'data/kpis.csv', line: 3, column: 24, endLine: 3, endColumn: 29 } },
            series: [{ date: '2026-10-31', value: { text: '95%' } }],
            trend: { from: '2026-10-31', change: 'up', improving: true }
        });
        expect(out.files).toEqual(['shop.copis', 'data/kpis.csv']);
    });

    it('an unreadable actuals file stops the export (exit 2), as an unreadable model file does', async () => {
        const run = await copis(folder(), 'export', 'shop.copis', '--to', 'md', '--actuals', 'nope.csv');
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('nope.csv: no such file');
    });
});
