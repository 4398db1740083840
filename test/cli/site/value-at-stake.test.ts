// `copis site` and language §7: the KPIs page shows a KPI's actual and trend, the tables of moments say
// what each puts at risk, and the opportunities page ranks them by priority (model/value-at-stake.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copis, workspace } from '../helpers.js';
import { attr, descendants, elementsOf, readSite, textOf, type HtmlElement } from './site-helpers.js';

const MODEL = `customer Shopper "Shopper" { value high  clv 1000 EUR  count 100 }
journey Buy {
  customers Shopper
  objective Convert { kpi Conv "Conversion" { metric conversion  current 3%  target >= 3.5% } }
  stage S { category purchase
    touchpoint Pay { channel web  reach 50% }
    touchpoint Ship { channel mail }
  }
  moment Abandon { at Pay  kind first  polarity negative  impact high  kpis Conv }
  moment Late { at Ship  kind actual  polarity mixed  impact medium }
  opportunity OneClick { addresses Abandon  effort low  confidence 80%  improves Conv }
  opportunity Tracking { addresses Late  effort high }
  opportunity Someday { addresses Late }
  opportunity Shipped { addresses Late  effort low  status done }
}
`;

/** The rows of the first table with `className` on a page: each row's cells as text. */
function rows(html: string, className: string): string[][] {
    const table = elementsOf(html).find(e => e.tagName === 'table' && (attr(e, 'class') ?? '').split(' ').includes(className));
    if (!table) throw new Error(`no table .${className}`);
    const trs = descendants(table).filter(e => e.tagName === 'tr' && e.childNodes.some(c => 'tagName' in c && c.tagName === 'td'));
    return trs.map(tr => tr.childNodes.filter((c): c is HtmlElement => 'tagName' in c && c.tagName === 'td').map(td => textOf(td).trim()));
}

describe('copis site: actuals and value at stake', () => {
    it('KPIs with their actual and trend; opportunities by priority with value, effort and confidence; moments with what they put at risk', async () => {
        const dir = workspace({
            'model/copis.config.json': '{ "actuals": ["kpis.csv"] }', 'model/buy.copis': MODEL,
            'model/kpis.csv': 'kpi,date,value\nBuy.Conv,2026-10-31,3.2%\nBuy.Conv,2026-11-30,3.6%\n'
        });
        const run = await copis(dir, 'site', 'model', '-o', 'site', '--as-of', '2026-12-01');
        expect(run.code, run.stderr).toBe(0);
        const files = readSite(join(dir, 'site'));
        const kpi = rows(files.get('kpis.html')!, 'kpis')[0];
        expect(kpi).toContain('3.6% (actual of 2026-11-30)');
        expect(kpi).toContain('↑ up since 2026-10-31 (better)');
        // OneClick: 50,000 EUR at risk × 0.75 × 80% ÷ 1 = 30,000; Tracking: 100,000 × 0.5 × 50% ÷ 4 = 6,250; Someday: no effort; Shipped: done.
        const opportunities = rows(files.get('opportunities.html')!, 'opportunities');
        expect(opportunities.map(r => r[0])).toEqual(['OneClick', 'Tracking', 'Someday', 'Shipped']);
        expect(opportunities[0]).toEqual(expect.arrayContaining(['1 of 2 · 30,000 EUR', '37,500 EUR', 'low · 80%']));
        expect(opportunities[1]).toEqual(expect.arrayContaining(['2 of 2 · 6,250 EUR', '50,000 EUR', 'high · 50%']));
        expect(opportunities[2]).toContain('unknown: no effort given');
        expect(opportunities[3]).toEqual(expect.arrayContaining(['done', 'done']));
        const moments = rows(files.get('customers/Shopper.html')!, 'moments');
        expect(moments.map(r => [r[0], r[r.length - 1]])).toEqual([['Abandon', '50,000 EUR'], ['Late', '100,000 EUR']]);
    });
});
