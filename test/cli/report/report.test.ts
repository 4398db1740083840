import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copis, workspace } from '../helpers.js';

/** Two journeys over shared customers, in two files; figures worked out by hand in the tests. */
const SHARED = `customer Shopper "Shopper" { value high  clv 1000 EUR  count 100 }
customer Pro { value medium  clv 500 USD  count 10 }
customer Anon { clv 10 EUR }
objective Loyalty "Loyal shoppers" { kpi Repeat "Repeat rate" { metric repeat-purchase  current 30%  target >= 35% } }
`;
const BUY = `journey Buy "Buy online" {
  customers Shopper, Pro
  objective Convert { kpi Conv "Conversion" { metric conversion  current 3%  target >= 3.5% } }
  stage S { category purchase
    touchpoint Pay { channel web  reach 50% }
    touchpoint Ship { channel mail }
  }
  moment Abandon "Abandon at payment" { at Pay  kind first  polarity negative  impact high  kpis Conv }
  moment Late "Late parcel" { at Ship  kind actual  polarity mixed  impact medium }
  opportunity OneClick "One-click pay" { addresses Abandon  effort low  confidence 80%  improves Conv }
  opportunity Tracking { addresses Late  effort high }
  opportunity Shipped { addresses Late  effort low  status done }
}
`;
const RETURN = `journey Return {
  customers Shopper, Anon
  stage R { category support
    touchpoint Form { channel web  reach 20% }
  }
  moment Fight "Return fight" { at Form  kind second  polarity negative  impact critical  kpis Loyalty.Repeat }
  opportunity EasyReturn { addresses Fight  effort medium }
  opportunity Someday { addresses Fight }
}
`;
const CSV = 'kpi,date,value\nBuy.Conv,2026-10-31,3.2%\nBuy.Conv,2026-11-30,3.6%\nLoyalty.Repeat,2026-06-30,31%\n';

function folder(extra: Record<string, string> = {}) {
    return workspace({ 'models/shared.copis': SHARED, 'models/buy.copis': BUY, 'models/return.copis': RETURN, 'kpis.csv': CSV, ...extra });
}

const report = (dir: string, ...args: string[]) => copis(dir, 'report', 'models', '--actuals', 'kpis.csv', '--as-of', '2026-12-01', ...args);

describe('copis report --to json: the figures', () => {
    it('KPIs with actual, target, trend and staleness', async () => {
        const run = await report(folder(), '--to', 'json');
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const out = JSON.parse(run.stdout);
        expect(out).toMatchObject({ version: 1, asOf: '2026-12-01', files: ['models/buy.copis', 'models/return.copis', 'models/shared.copis'], actuals: ['kpis.csv'] });
        const kpis = Object.fromEntries(out.report.kpis.map((k: { kpi: { id: string } }) => [k.kpi.id, k]));
        expect(Object.keys(kpis).sort()).toEqual(['Buy.Conv', 'Loyalty.Repeat']);
        expect(kpis['Buy.Conv'].kpi).toMatchObject({ current: { text: '3.6%' }, met: true, trend: { change: 'up', improving: true }, actual: { stale: false, location: { file: 'kpis.csv', line: 3 } } });
        expect(kpis['Loyalty.Repeat']).toMatchObject({ journeys: ['Return'], kpi: { current: { text: '31%' }, met: false, actual: { stale: true, ageDays: 154, staleAfter: '90d' } } });
    });

    it('moments ranked by value at risk, per currency, across journeys', async () => {
        const { report: r } = JSON.parse((await report(folder(), '--to', 'json')).stdout);
        // Abandon: 100 × 1000 × 50% = 50,000 EUR and 10 × 500 × 50% = 2,500 USD; Late: 100,000 EUR and 5,000 USD; Fight: 100 × 1000 × 20% = 20,000 EUR (Anon has no count)
        expect(r.momentsByValueAtRisk.map((c: { currency: string; moments: Array<{ moment: { id: string }; amount: number }> }) => [c.currency, c.moments.map(m => [m.moment.id, m.amount])])).toEqual([
            ['EUR', [['Buy.Late', 100_000], ['Buy.Abandon', 50_000], ['Return.Fight', 20_000]]],
            ['USD', [['Buy.Late', 5_000], ['Buy.Abandon', 2_500]]]
        ]);
        expect(r.journeys).toEqual([
            { id: 'Buy', name: 'Buy', title: 'Buy online', valueAtRisk: [{ currency: 'EUR', amount: 150_000 }, { currency: 'USD', amount: 7_500 }] },
            { id: 'Return', name: 'Return', valueAtRisk: [{ currency: 'EUR', amount: 20_000 }] }
        ]);
    });

    it('opportunities ranked by priority across journeys; done and unranked ones apart; what is unknown and why', async () => {
        const { report: r } = JSON.parse((await report(folder(), '--to', 'json')).stdout);
        // OneClick: 50,000 × 0.75 × 80% ÷ 1 = 30,000 EUR; EasyReturn: 20,000 × 1 × 50% ÷ 2 = 5,000; Tracking: 100,000 × 0.5 × 50% ÷ 4 = 6,250
        expect(r.opportunitiesByPriority.map((c: { currency: string; opportunities: Array<{ opportunity: { id: string }; rank: number; of: number; priority: number }> }) =>
            [c.currency, c.opportunities.map(o => [o.rank, o.of, o.opportunity.id, o.priority])])).toEqual([
            ['EUR', [[1, 3, 'Buy.OneClick', 30_000], [2, 3, 'Buy.Tracking', 6_250], [3, 3, 'Return.EasyReturn', 5_000]]],
            // USD: OneClick 2,500 × 0.75 × 80% = 1,500; Tracking 5,000 × 0.5 × 50% ÷ 4 = 312.5
            ['USD', [[1, 2, 'Buy.OneClick', 1_500], [2, 2, 'Buy.Tracking', 312.5]]]
        ]);
        expect(r.opportunitiesDone.map((o: { opportunity: { id: string } }) => o.opportunity.id)).toEqual(['Buy.Shipped']);
        expect(r.opportunitiesUnranked.map((o: { opportunity: { id: string } }) => o.opportunity.id)).toEqual(['Return.Someday']);
        expect(r.unknown.map((u: { element: string; missing: string; journey?: string }) => `${u.element}:${u.missing}:${u.journey ?? ''}`)).toEqual([
            'Anon:count:Return', 'Return.Someday:effort:Return'
        ]);
    });
});

describe('copis report --to md and html', () => {
    it('md: the sections, in order, with the figures and their inputs', async () => {
        const md = (await report(folder(), '--to', 'md')).stdout;
        expect(md.split('\n').filter(l => /^##? /.test(l))).toEqual(['# Model report', '## KPIs', '## Moments of truth by value at risk', '## Opportunities by priority', '## What is not known, and why']);
        expect(md).toContain('2 journeys · 2 KPIs: 1 met, 1 missed · as of 2026-12-01 · 3 files · actuals: kpis.csv');
        expect(md).toContain('| Conversion `Buy.Conv` | Convert | `Buy` | 3.6% (actual of 2026-11-30) | ≥ 3.5% | **met** | ↑ up since 2026-10-31 (better) | 1 day old |');
        expect(md).toContain('| Repeat rate `Loyalty.Repeat` | Loyal shoppers | `Return` | 31% (actual of 2026-06-30, stale: 154 days old) | ≥ 35% | **missed** | first measurement | stale: 154 days old (over 90d) |');
        expect(md).toContain('| 1 | Late parcel | `Buy` | mixed | medium | 100,000 EUR | Shopper: 100 × 1,000 EUR × 100% = 100,000 EUR |');
        // Its value in both currencies; ranked in each.
        expect(md).toContain('| 1 of 3 | One-click pay | `Buy` | 30,000 EUR | 37,500 EUR + 1,875 USD | 80% | low |   | 50,000 EUR + 2,500 USD |');
        expect(md).toContain('### In USD\n\n| # | Opportunity |');
        expect(md).toContain('| 1 of 2 | One-click pay | `Buy` | 1,500 USD |');
        expect(md).toContain('- Someday (`Return`): no `effort`; value 20,000 EUR');
        expect(md).toContain('- customer `Anon` has no `count`, so its share is left out (`Return`)');
    });

    it('html: one standalone page with the same tables, under a strict CSP', async () => {
        const html = (await report(folder(), '--to', 'html')).stdout;
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
        expect(html).not.toMatch(/<script/i);
        expect(html).toContain('<tr data-id="Buy.Conv" class="kpi-met"><td>Conversion</td><td>Convert</td><td>Buy</td><td class="num">3.6% (actual of 2026-11-30)</td>');
        expect(html).toContain('<td class="stale">stale: 154 days old (over 90d)</td>');
        expect(html).toContain('<tr data-id="Buy.OneClick"><td class="num">1 of 3</td><td>One-click pay</td><td><code>Buy</code></td><td class="num">30,000 EUR</td>');
    });

    it('escapes every string from a model, in md and html', async () => {
        const hostile = '<script>alert(1)</script> [x](javascript:alert(2)) | # &amp;';
        const model = `customer C { clv 10 EUR  count 10 }
journey J "${hostile.replace(/"/g, '')}" {
  customers C
  objective O "${hostile}" { kpi K "${hostile}" { metric nps  current 1  target >= 2 } }
  stage S { touchpoint T { channel web } }
  moment M "${hostile}" { at T  kind first  polarity negative  impact high }
  opportunity P "${hostile}" { addresses M  effort low }
}
`;
        const dir = workspace({ 'models/j.copis': model });
        const md = (await copis(dir, 'report', 'models', '--to', 'md', '--as-of', '2026-12-01')).stdout;
        expect(md).not.toMatch(/<script/i);
        expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
        for (const line of md.split('\n').filter(l => l.startsWith('| '))) {
            const cells = line.replace(/\\\|/g, '').split('|').length - 2;
            expect([2, 7, 8, 9], line).toContain(cells);
        }
        const html = (await copis(dir, 'report', 'models', '--to', 'html', '--as-of', '2026-12-01')).stdout;
        expect(html).not.toContain('<script>alert');
        expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2)) | # &amp;amp;</td>');
    });
});

describe('copis report: inputs and output', () => {
    it('a file with syntax errors is left out and reported (exit 1); the rest is reported', async () => {
        const run = await report(folder({ 'models/broken.copis': 'journey Broken { stage }}}' }), '--to', 'md');
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('copis: models/broken.copis: has syntax errors, so it is left out of the report');
        expect(run.stdout).toContain('## Opportunities by priority');
    });

    it('-o writes the file (and its folders), and says so', async () => {
        const dir = folder();
        const run = await report(dir, '--to', 'html', '-o', 'site/report.html');
        expect(run.stdout).toBe('reported: site/report.html\n');
        expect(readFileSync(join(dir, 'site', 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    });

    it('nothing to report: exit 2', async () => {
        const run = await copis(workspace({ 'a.txt': 'x' }), 'report', '.');
        expect(run.code).toBe(2);
    });
});
