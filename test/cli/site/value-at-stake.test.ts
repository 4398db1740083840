// `copis site` and language §7: the KPIs page shows a KPI's actual, trend and measurements, the tables of moments
// say what each puts at risk, the opportunities page ranks them by priority (model/value-at-stake.ts), the
// portfolio says what each cell and journey puts at risk, a customer's page their share, and the details panel
// every figure with its inputs. The figures here are worked out by hand, or from the model's inputs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { ROOT, copis, workspace } from '../helpers.js';
import { attr, descendants, elementsOf, exampleModels, journeyData, readSite, textOf, type HtmlElement } from './site-helpers.js';

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

// Two currencies, a customer without `count`, a moment whose value at risk is not known at all.
const MONEY = `customer Shopper "Shopper" { value high  clv 1000 EUR  count 100 }
customer Pro "Pro" { clv 2000 USD  count 10 }
customer Anon "Anon" { clv 50 EUR }
journey Buy {
  customers Shopper, Pro, Anon
  objective Convert { kpi Conv "Conversion" { metric conversion  current 3%  target >= 3.5% } }
  stage A { category awareness
    touchpoint Ad { channel social }
  }
  stage S { category purchase
    touchpoint Pay { channel web  reach 50% }
    touchpoint Ship { channel mail  customers Shopper }
  }
  stage H { category support
    touchpoint Help { channel chat  customers Shopper, Pro  reach 10% }
  }
  stage R { category retention
    touchpoint Mail { channel email  customers Anon }
  }
  moment Seen { at Ad  kind zero  polarity positive  impact low }
  moment Abandon { at Pay  kind first  polarity negative  impact high  kpis Conv }
  moment Late "Late parcel" { at Ship  kind actual  polarity mixed  impact medium }
  moment Angry { at Help  kind second  polarity negative  impact critical }
  moment Lost { at Mail  kind second  polarity negative  impact low }
  opportunity OneClick { addresses Abandon  effort low  confidence 80%  improves Conv }
}
`;

async function moneySite(): Promise<Map<string, string>> {
    const dir = workspace({
        'model/copis.config.json': '{ "actuals": ["kpis.csv"] }', 'model/buy.copis': MONEY,
        'model/kpis.csv': 'kpi,date,value\nBuy.Conv,2026-10-31,3.2%\nBuy.Conv,2026-11-30,3.6%\n'
    });
    const run = await copis(dir, 'site', 'model', '-o', 'site', '--as-of', '2026-12-01');
    expect(run.code, run.stderr).toBe(0);
    return readSite(join(dir, 'site'));
}

/** The portfolio's cells of a journey, by category (`total` too). */
function cellsOf(index: string, journey: string): Map<string, HtmlElement> {
    const row = elementsOf(index).find(e => e.tagName === 'tr' && attr(e, 'data-journey') === journey)!;
    return new Map(row.childNodes.filter((n): n is HtmlElement => 'tagName' in n && n.tagName === 'td').map(td => [attr(td, 'data-category')!, td]));
}

const figure = (td: HtmlElement, id: string) => descendants(td).find(e => (attr(e, 'class') ?? '').split(' ').includes(`figure-${id}`));
const text = (e: HtmlElement | undefined) => e ? textOf(e).replace(/\u00a0/g, ' ') : undefined;

describe('copis site: value at risk in the portfolio', () => {
    it('each cell and the journey\'s total: per currency, never added across; +? and the reasons when inputs are missing; unknown when none is known', async () => {
        const cells = cellsOf((await moneySite()).get('index.html')!, 'Buy');
        // Purchase: Abandon (Shopper 100 × 1,000 × 50% = 50,000 EUR; Pro 10 × 2,000 × 50% = 10,000 USD; Anon has no count)
        // and Late (Shopper 100 × 1,000 × 100% = 100,000 EUR).
        const purchase = cells.get('purchase')!;
        expect([attr(purchase, 'data-at-risk'), attr(purchase, 'data-at-risk-moments'), attr(purchase, 'data-at-risk-unknown')]).toEqual(['EUR:150000 USD:10000', '2', '1']);
        expect(text(figure(purchase, 'at-risk'))).toBe('at risk 150k EUR + 10k USD +?');
        expect(attr(figure(purchase, 'at-risk')!, 'title')).toBe('Value at risk: 150,000 EUR + 10,000 USD (2 negative or mixed moments of truth)\nnot counted: customer `Anon` has no `count`, so its share is left out');
        // Support: Angry (Shopper 100 × 1,000 × 10% = 10,000 EUR; Pro 10 × 2,000 × 10% = 2,000 USD): nothing missing.
        const support = cells.get('support')!;
        expect([attr(support, 'data-at-risk'), attr(support, 'data-at-risk-unknown')]).toEqual(['EUR:10000 USD:2000', '0']);
        expect(text(figure(support, 'at-risk'))).toBe('at risk 10k EUR + 2,000 USD');
        // Retention: Lost concerns Anon only, whose share is not known.
        const retention = cells.get('retention')!;
        expect([attr(retention, 'data-at-risk'), attr(retention, 'data-at-risk-moments')]).toEqual(['', '1']);
        expect(text(figure(retention, 'at-risk'))).toBe('at risk unknown');
        expect(attr(figure(retention, 'at-risk')!, 'title')).toContain('(1 negative or mixed moment of truth; 1 with none known)');
        // Awareness: a positive moment puts nothing at risk: no figure.
        expect(attr(cells.get('awareness')!, 'data-at-risk')).toBeUndefined();
        expect(figure(cells.get('awareness')!, 'at-risk')).toBeUndefined();
        // The total: every moment; Anon's missing count once.
        const total = cells.get('total')!;
        expect([attr(total, 'data-at-risk'), attr(total, 'data-at-risk-moments'), attr(total, 'data-at-risk-unknown')]).toEqual(['EUR:160000 USD:12000', '4', '1']);
        expect(text(figure(total, 'at-risk'))).toBe('at risk 160k EUR + 12k USD +?');
    });

    it('the examples\' cells say Σ count × CLV × reach of the moments of their stages, worked out here from the model\'s inputs', async () => {
        const dir = join(workspace(), 'site');
        const run = await copis(ROOT, 'site', 'examples', '-o', dir);
        expect(run.code, run.stderr).toBe(0);
        const index = readSite(dir).get('index.html')!;
        let checked = 0;
        for (const model of await exampleModels()) {
            for (const [category, td] of cellsOf(index, model.id)) {
                if ((attr(td, 'class') ?? '').includes('empty')) continue;
                const stages = category === 'total' ? model.stages : model.stages.filter(s => (s.category ?? '') === category);
                const moments = model.moments.filter(m => category === 'total' || stages.some(s => s.id === m.stage));
                const expected = atRiskByHand(model, moments);
                expect(attr(td, 'data-at-risk'), `${model.id} ${category}`).toBe(expected.length === 0 && !moments.some(atRisk) ? undefined : expected);
                if (expected) checked++;
            }
        }
        expect(checked).toBeGreaterThan(8);
    });
});

const atRisk = (m: JourneyModel['moments'][number]) => m.polarity === 'negative' || m.polarity === 'mixed';

/** `EUR:1234 USD:5`: Σ over the negative and mixed moments of count × clv × reach of each of their customers, per currency. */
function atRiskByHand(model: JourneyModel, moments: JourneyModel['moments']): string {
    const sums = new Map<string, number>();
    for (const m of moments.filter(atRisk)) {
        const tp = model.touchpoints.find(t => t.id === m.at);
        if (!tp) continue;
        for (const id of new Set(m.customers)) {
            const c = model.customerDetails.find(x => x.id === id);
            if (c?.count === undefined || c.clv?.form !== 'money') continue;
            sums.set(c.clv.currency, (sums.get(c.clv.currency) ?? 0) + c.count * c.clv.value * (tp.reach ?? 100) / 100);
        }
    }
    return [...sums].sort(([a], [b]) => a < b ? -1 : 1).map(([currency, amount]) => `${currency}:${Math.round(amount * 100) / 100}`).join(' ');
}

describe('copis site: a customer\'s value at risk', () => {
    it('their share of each moment on their path, the sum per currency, and what is not known, on their page and in the index', async () => {
        const files = await moneySite();
        const shopper = files.get('customers/Shopper.html')!;
        const section = (html: string) => textOf(elementsOf(html).find(e => e.tagName === 'section' && attr(e, 'id') === 'value-at-risk')!).replace(/\s+/g, ' ').trim();
        // Abandon 50,000 + Late 100,000 + Angry 10,000.
        expect(section(shopper)).toBe('Value at risk 160,000 EUR their share of 3 negative or mixed moments of truth on their path (their count × CLV × the reach of the moment\'s touchpoint)');
        // Each moment: its whole value at risk, and their share (the inputs in the tooltip).
        const moments = rows(shopper, 'moments');
        expect(moments.map(r => [r[0], r[r.length - 2], r[r.length - 1]])).toEqual([
            ['Seen', '', ''], ['Abandon', '50,000 EUR + 10,000 USD', '50,000 EUR'], ['Late parcel', '100,000 EUR', '100,000 EUR'], ['Angry', '10,000 EUR + 2,000 USD', '10,000 EUR']
        ]);
        expect(shopper).toContain('title="Shopper: 100 × 1,000 EUR × 50% = 50,000 EUR"');
        expect(section(files.get('customers/Pro.html')!)).toMatch(/^Value at risk 12,000 USD their share of 2 /);
        // Anon: no count, so nothing of theirs is known; the page says why.
        const anon = files.get('customers/Anon.html')!;
        expect(section(anon)).toBe('Value at risk unknown what is at risk on their path is not known not counted: customer Anon has no count, so its share is left out');
        expect(anon).toContain('<li>not counted: customer <code>Anon</code> has no <code>count</code>, so its share is left out</li>');
        expect(rows(anon, 'moments').map(r => [r[0], r[r.length - 1]])).toEqual([['Seen', ''], ['Abandon', 'unknown'], ['Lost', 'unknown']]);
        // The index's customers table, each linked to that section.
        const customers = rows(files.get('index.html')!, 'customers');
        expect(customers.map(r => [r[0], r[r.length - 1]])).toEqual([['Shopper', '160,000 EUR'], ['Pro', '12,000 USD'], ['Anon', 'unknown']]);
        // Their count beside their CLV (as the model writes it): the two the share is made of (no count for Anon).
        expect(customers.map(r => [r[3], r[4]])).toEqual([['100', '1000 EUR'], ['10', '2000 USD'], ['', '50 EUR']]);
        expect(files.get('index.html')).toContain('href="customers/Shopper.html#value-at-risk"');
    });
});

describe('copis site: KPIs with their series', () => {
    it('every KPI table draws the measurements as the diagram does (its sparkline, by its renderer) and lists the values with their dates', async () => {
        const files = await moneySite();
        for (const path of ['kpis.html', 'journeys/Buy.html']) {
            const cell = rows(files.get(path)!, 'kpis')[0];
            expect(cell[cell.length - 1], path).toBe('Conversion: 3.2% on 2026-10-31, 3.6% on 2026-11-30; target ≥ 3.5%3.2% → 3.6%2 measurements since 2026-10-31');
            const svg = elementsOf(files.get(path)!).filter(e => e.tagName === 'svg' && attr(e, 'class') === 'copis-sparkline');
            expect(svg, path).toHaveLength(1);
            // Two dots, the actual's larger and in its status colour (met: positive); the target dashed.
            const circles = descendants(svg[0]).filter(e => e.tagName === 'circle');
            expect(circles.map(c => attr(c, 'r'))).toEqual(['1.75', '3']);
            expect(attr(circles[1], 'fill')).toContain('--copis-positive');
            expect(descendants(svg[0]).some(e => e.tagName === 'path' && attr(e, 'stroke-dasharray') === '3 2')).toBe(true);
        }
        expect(files.get('kpis.html')).toContain('<span class="nowrap" title="2026-10-31">3.2%</span> → <span class="nowrap" title="2026-11-30">3.6%</span>');
    });
});

describe('copis site: the details panel\'s figures', () => {
    it('a KPI\'s current value, trend and measurements (drawn by the page from its model); a moment\'s value at risk; an opportunity\'s value and priority; a customer\'s share', async () => {
        const data = journeyData((await moneySite()).get('journeys/Buy.html')!);
        const facts = (id: string) => Object.fromEntries((data.elements[id].facts ?? []).map(f => [f.label, f]));
        const conv = facts('Buy.Conv');
        expect(conv.Current).toEqual({ label: 'Current', text: '3.6% (actual of 2026-11-30)' });
        expect(conv['As written']).toEqual({ label: 'As written', text: '3%' });
        expect(conv.Trend).toEqual({ label: 'Trend', text: '↑ up since 2026-10-31 (better)' });
        expect(conv.Measurements).toEqual({ label: 'Measurements', text: '3.2% on 2026-10-31, 3.6% on 2026-11-30', sparkline: 'Buy.Conv' });
        // The page draws it from the KPI in its model: the series is there.
        expect(data.model.objectives[0].kpis[0].series?.map(p => p.value.text)).toEqual(['3.2%']);
        expect(facts('Buy.Abandon')['Value at risk']).toEqual({
            label: 'Value at risk', message: true,
            text: '50,000 EUR + 10,000 USD (leaves out 1 missing input)\n- Shopper: 100 × 1,000 EUR × 50% = 50,000 EUR\n- Pro: 10 × 2,000 USD × 50% = 10,000 USD\n- not counted: customer `Anon` has no `count`, so its share is left out'
        });
        // OneClick: 50,000 EUR × 0.75 = 37,500 EUR and 10,000 USD × 0.75 = 7,500 USD; × 80% ÷ 1.
        const one = facts('Buy.OneClick');
        expect(one.Value.text).toBe('37,500 EUR + 7,500 USD\n- Abandon: 50,000 EUR + 10,000 USD at risk × 0.75 (impact high) = 37,500 EUR + 7,500 USD\n- not counted: customer `Anon` has no `count`, so its share is left out');
        expect(one.Priority.text).toBe('30,000 EUR + 6,000 USD, rank 1 of 1 in EUR, 1 of 1 in USD\n- value × 80% confidence ÷ 1 (effort)');
        expect(one.Confidence.text).toBe('80%');
        expect(facts('Buy.Pay').Reach.text).toBe('50%');
        expect(facts('Shopper')['Customers in the segment'].text).toBe('100');
        expect(facts('Shopper')['Value at risk in this journey'].text).toBe('160,000 EUR\n- Abandon: 100 × 1,000 EUR × 50% = 50,000 EUR\n- Late parcel: 100 × 1,000 EUR × 100% = 100,000 EUR\n- Angry: 100 × 1,000 EUR × 10% = 10,000 EUR');
        expect(facts('Anon')['Value at risk in this journey'].text).toBe('unknown\n- not counted: customer `Anon` has no `count`, so its share is left out');
    });
});
