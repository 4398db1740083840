import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copis, workspace } from '../helpers.js';

/** A model written by hand: odd spacing, comments everywhere, a one-line KPI and a multi-line one. */
const MODEL = `// KPIs of the shop
journey Shop {
  objective Fast {
    kpi OnTime { metric percent   current 91%   target >= 97% }  // weekly
    kpi Nps {
      metric nps
      current /* last survey */ 32
      target >= 45
    }
    kpi Revenue { metric clv  current 100   EUR  target >= 90 EUR }
    kpi New { metric nps  target >= 10 }
  }
}
objective Shared { kpi Calls { metric count  better lower  current 12  target <= 10 } }
`;
const CSV = 'kpi,date,value\nShop.OnTime,2026-10-31,93.5%\nShop.OnTime,2026-11-30,95.1%\nShop.Nps,2026-11-30,38\nShop.Revenue,2026-11-30,120 EUR\nShop.New,2026-11-30,12\nShared.Calls,2026-11-30,12.0\n';

const EXPECTED = MODEL
    .replace('current 91%', 'current 95.1%')
    .replace('current /* last survey */ 32', 'current /* last survey */ 38')
    .replace('current 100   EUR', 'current 120 EUR');

function folder(model = MODEL, csv = CSV) {
    return workspace({ 'shop.copis': model, 'kpis.csv': csv });
}

const apply = (dir: string, ...more: string[]) => copis(dir, 'actuals', 'apply', 'shop.copis', '--actuals', 'kpis.csv', '--as-of', '2026-12-01', ...more);

describe('copis actuals apply, when an actuals file cannot be read', () => {
    it('--check with the only actuals file missing: says none could be read, never "up to date" (exit 1)', async () => {
        const dir = folder();
        const run = await copis(dir, 'actuals', 'apply', '--check', 'shop.copis', '--actuals', 'nothere.csv', '--as-of', '2026-12-01');
        expect(run.stderr).toBe([
            'copis: nothere.csv: no such file; check the path (an actuals file, --actuals)',
            'copis: nothing applied: the actuals file could not be read (see above); fix the path, or name the CSV files with --actuals FILE',
            ''
        ].join('\n'));
        expect(run.stdout).not.toContain('up to date');
        expect(run.code).toBe(1);
    });

    it('--check with one of two actuals files missing: what the other says, and that it is not known to be up to date (exit 1)', async () => {
        const dir = workspace({ 'shop.copis': EXPECTED, 'kpis.csv': CSV, 'copis.config.json': '{ "actuals": ["kpis.csv", "more/kpis.csv"] }' });
        const run = await copis(dir, 'actuals', 'apply', '--check', 'shop.copis', '--as-of', '2026-12-01');
        expect(run.stderr).toContain('copis: more/kpis.csv: no such file; check the path (an actuals file, `actuals` of copis.config.json)\n');
        expect(run.stdout).toBe('1 file: no current value would change from the actuals read, but an actuals file could not be read (see above), so whether every value is up to date is not known\n');
        expect(run.code).toBe(1);
        // With the file there, the same model is up to date.
        const whole = workspace({ 'shop.copis': EXPECTED, 'kpis.csv': CSV, 'more/kpis.csv': 'kpi,date,value\n', 'copis.config.json': '{ "actuals": ["kpis.csv", "more/kpis.csv"] }' });
        const ok = await copis(whole, 'actuals', 'apply', '--check', 'shop.copis', '--as-of', '2026-12-01');
        expect(ok.stdout).toBe('1 file: every current value is up to date\n');
        expect(ok.code).toBe(0);
    });
});

describe('copis actuals apply', () => {
    it('rewrites only the value tokens of `current`: every other byte stays (comments, spacing)', async () => {
        const dir = folder();
        const run = await apply(dir);
        expect(run.stderr).toBe('shop.copis:11:5  KPI `Shop.New` has no `current` to rewrite; add `current 12` to it by hand\n');
        expect(run.stdout).toBe([
            'shop.copis:4:43  Shop.OnTime: current 91% → 95.1% (actual of 2026-11-30)',
            'shop.copis:7:33  Shop.Nps: current 32 → 38 (actual of 2026-11-30)',
            'shop.copis:10:39  Shop.Revenue: current 100   EUR → 120 EUR (actual of 2026-11-30)',
            '1 file: 3 values updated in 1 file',
            ''
        ].join('\n'));
        expect(run.code).toBe(0);
        // `12` and `12.0` say the same: left as written.
        expect(readFileSync(join(dir, 'shop.copis'), 'utf8')).toBe(EXPECTED);
    });

    it('is idempotent: a second run changes nothing', async () => {
        const dir = folder();
        await apply(dir);
        const before = statSync(join(dir, 'shop.copis')).mtimeMs;
        const again = await apply(dir);
        expect(again.stdout).toBe('1 file: 0 values updated in 0 files\n');
        expect(readFileSync(join(dir, 'shop.copis'), 'utf8')).toBe(EXPECTED);
        expect(statSync(join(dir, 'shop.copis')).mtimeMs).toBe(before);
    });

    it('keeps CRLF line ends and a byte order mark', async () => {
        const crlf = `\uFEFF${MODEL.replace(/\n/g, '\r\n')}`;
        const dir = folder(crlf);
        await apply(dir);
        expect(readFileSync(join(dir, 'shop.copis'), 'utf8')).toBe(`\uFEFF${EXPECTED.replace(/\n/g, '\r\n')}`);
    });

    it('--check lists what would change and exits 1, writing nothing; once applied, it exits 0', async () => {
        const dir = folder();
        const check = await apply(dir, '--check');
        expect(check.code).toBe(1);
        expect(check.stdout).toContain('shop.copis:4:43  Shop.OnTime: current 91% → 95.1% (actual of 2026-11-30)');
        expect(check.stdout).toContain('3 values in 1 file would change; run copis actuals apply to write them');
        expect(readFileSync(join(dir, 'shop.copis'), 'utf8')).toBe(MODEL);
        await apply(dir);
        const clean = await apply(dir, '--check');
        expect(clean.stdout).toBe('1 file: every current value is up to date\n');
        expect(clean.code).toBe(0);
    });

    it('--as-of picks the row: an earlier date writes an earlier value', async () => {
        const dir = folder();
        await copis(dir, 'actuals', 'apply', 'shop.copis', '--actuals', 'kpis.csv', '--as-of', '2026-11-15');
        expect(readFileSync(join(dir, 'shop.copis'), 'utf8')).toContain('current 93.5%');
    });

    it('refuses a file that does not parse (left byte for byte), and still updates the others', async () => {
        const broken = MODEL.replace('target >= 45', 'target >= 45 }}}');
        const dir = workspace({ 'shop.copis': broken, 'other.copis': 'objective Other { kpi K { metric nps  current 1  target >= 2 } }\n', 'kpis.csv': `${CSV}Other.K,2026-11-30,5\n` });
        const run = await copis(dir, 'actuals', 'apply', '.', '--actuals', 'kpis.csv', '--as-of', '2026-12-01');
        expect(run.stderr).toContain('copis: shop.copis: has syntax errors, left as it is; fix them first (copis validate shows them)');
        expect(run.code).toBe(1);
        expect(readFileSync(join(dir, 'shop.copis'), 'utf8')).toBe(broken);
        expect(readFileSync(join(dir, 'other.copis'), 'utf8')).toBe('objective Other { kpi K { metric nps  current 5  target >= 2 } }\n');
    });

    it('rows with problems are listed and not used, the others are; the run fails', async () => {
        const dir = folder(MODEL, 'kpi,date,value\nShop.OnTime,2026-11-30,95\nShop.Nps,2026-11-30,40\n');
        const run = await apply(dir);
        expect(run.stderr).toContain('kpis.csv:2:24  error  The value of `Shop.OnTime` (metric percent) takes a percent (e.g. `97%`), not `95`.  actuals-bad-value');
        expect(run.code).toBe(1);
        const text = readFileSync(join(dir, 'shop.copis'), 'utf8');
        expect(text).toContain('current 91%');
        expect(text).toContain('current /* last survey */ 40');
    });

    it('needs an actuals file, from --actuals or the config (exit 2)', async () => {
        const run = await copis(folder(), 'actuals', 'apply', 'shop.copis');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('copis: nothing to apply: no actuals file; name the CSV files with --actuals FILE (repeatable), or with `actuals` in copis.config.json; see copis actuals apply --help\n');
    });
});
