import { describe, expect, test } from 'vitest';
import { SPARKLINE_HEIGHT, layoutDiagram, renderKpiSparkline, renderStandaloneSvg, type Diagram, type DiagramBox, type Part } from '../../../language-server/diagram/index.js';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel } from '../../../language-server/model/build-model.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { loadWorkspace } from '../../helpers.js';
import { box, joined, texts } from './helpers.js';

// Language §7 in the journey view: a negative or mixed moment's card says what it puts at risk, and a
// KPI with actuals shows its measurements as a sparkline in the objectives panel.
const MODEL = `customer Shopper { value high  clv 1450 EUR  count 12000 }
customer Gifter { value medium  clv 300 EUR }
journey Shop {
  customers Shopper, Gifter
  objective Fast {
    kpi Nps "Delivery NPS" { metric nps  current 30  target >= 45 }
    kpi OnTime "On-time rate" { metric percent  current 91%  target >= 97% }
    kpi Written "Written only" { metric nps  current 50  target >= 45 }
  }
  stage Buy { category purchase
    touchpoint Checkout { channel web  reach 40% }
    touchpoint Thanks { channel email }
  }
  moment Abandon "Abandon at checkout" { at Checkout  kind first  polarity negative  impact high  kpis Nps }
  moment Glad "Glad it worked" { at Thanks  kind actual  polarity positive  impact low }
}
`;
const CSV = 'kpi,date,value\nShop.Nps,2026-09-30,20\nShop.Nps,2026-10-31,35\nShop.Nps,2026-11-30,48\nShop.OnTime,2026-11-30,95%\n';

async function journey(csv = CSV, model = MODEL): Promise<JourneyModel> {
    const { documents, services } = await loadWorkspace([{ uri: 'file:///test/main.copis', text: model }], { actuals: [{ uri: 'file:///test/actuals.csv', text: csv }] });
    const node = (documents[0].parseResult.value as ast.Model).elements.find(ast.isJourney)!;
    return buildJourneyModel(node, { actualsOf: services.validation.Actuals.lookup }).model;
}

/** The KPI's box in the objectives panel (the KPIs lane under the stages has one too, without a status). */
const panelKpi = (d: Diagram, id: string): DiagramBox => {
    const found = d.boxes.find(b => b.kind === 'kpi' && b.id === id && b.status !== undefined);
    if (!found) throw new Error(`no KPI ${id} in the panel`);
    return found;
};

describe('journey view: value at risk on the cards of negative and mixed moments', () => {
    test('the figure, in the moment\'s colour; that some of it is not known; the terms in the tooltip', async () => {
        const d = layoutDiagram(await journey(), { view: 'journey' });
        const abandon = box(d, 'moment', 'Shop.Abandon');
        // Shopper 12,000 × 1,450 EUR × 40% = 6,960,000 EUR; Gifter has no count.
        expect(joined(abandon)).toContain('at risk 6,960,000 EUR and more not known');
        expect(abandon.parts).toContainEqual(expect.objectContaining({ type: 'text', font: 'smallBold', fill: 'negative', text: expect.stringMatching(/^at risk/) }));
        expect(abandon.tooltip).toContain('value at risk 6,960,000 EUR');
        expect(abandon.tooltip).toContain('Shopper: 12,000 × 1,450 EUR × 40% = 6,960,000 EUR');
        expect(abandon.tooltip).toContain('not counted: customer `Gifter` has no `count`');
        // A positive moment puts nothing at risk: no such row.
        expect(texts(box(d, 'moment', 'Shop.Glad')).some(t => /risk/.test(t))).toBe(false);
    });

    test('not known at all: it says so; compact mode keeps the row', async () => {
        const d = layoutDiagram(await journey(CSV, MODEL.replace('  count 12000', '')), { view: 'journey' });
        expect(joined(box(d, 'moment', 'Shop.Abandon'))).toContain('value at risk not known');
        const compact = layoutDiagram(await journey(), { view: 'journey', compact: true });
        expect(joined(box(compact, 'moment', 'Shop.Abandon'))).toMatch(/at risk 6,960,000 EUR/);
    });
});

describe('journey view: a KPI\'s actuals as a sparkline in the objectives panel', () => {
    test('a line through its measurements, the actual last and largest, in its status colour; the target dashed; how many and since when', async () => {
        const model = await journey();
        const d = layoutDiagram(model, { view: 'journey' });
        const nps = panelKpi(d, 'Shop.Nps');
        expect(nps.status).toBe('met');
        expect(texts(nps)).toContain('now 48 · target ≥ 45');
        expect(texts(nps)).toContain('3 measurements since 2026-09-30');
        const segments = nps.parts.filter((p): p is Extract<Part, { type: 'line' }> => p.type === 'line' && p.stroke === 'accent');
        expect(segments).toHaveLength(2);
        const dots = nps.parts.filter((p): p is Extract<Part, { type: 'circle' }> => p.type === 'circle' && p.r <= 3);
        expect(dots).toHaveLength(3);
        // Oldest left, newest right; higher values higher up (20 → 35 → 48).
        expect(dots.map(p => p.cx)).toEqual([...dots.map(p => p.cx)].sort((a, b) => a - b));
        expect(dots[0].cy).toBeGreaterThan(dots[1].cy);
        expect(dots[1].cy).toBeGreaterThan(dots[2].cy);
        expect(dots[2]).toMatchObject({ r: 3, fill: 'positive' });
        // The target 45 is drawn between 35 and 48.
        const target = nps.parts.find((p): p is Extract<Part, { type: 'line' }> => p.type === 'line' && p.dash !== undefined)!;
        expect(target.y1).toBeGreaterThan(dots[2].cy);
        expect(target.y1).toBeLessThan(dots[1].cy);
        // Every part of the sparkline inside the box.
        const inside = ([x, y]: [number, number]) => x >= nps.x && x <= nps.x + nps.width && y >= nps.y && y <= nps.y + nps.height;
        for (const p of segments) expect(inside([p.x1, p.y1]) && inside([p.x2, p.y2])).toBe(true);
        for (const p of dots) expect(inside([p.cx, p.cy])).toBe(true);
        expect(nps.tooltip).toContain('series 2026-09-30 20 → 2026-10-31 35 → 2026-11-30 48');
    });

    test('one measurement, or none: no sparkline', async () => {
        const d = layoutDiagram(await journey(), { view: 'journey' });
        for (const id of ['Shop.OnTime', 'Shop.Written']) {
            const k = panelKpi(d, id);
            expect(k.parts.some(p => p.type === 'line'), id).toBe(false);
            expect(texts(k).some(t => /measurements? since/.test(t)), id).toBe(false);
        }
        expect(texts(panelKpi(d, 'Shop.OnTime'))).toContain('now 95% · target ≥ 97%');
    });

    test('the SVG draws it (the renderer that serves the preview, the exports and the site)', async () => {
        const svg = renderStandaloneSvg(await journey(), { view: 'journey' });
        expect(svg).toMatch(/>at risk 6,960,000 EUR<\/text>|>at risk 6,960,000<\/text>/);
        expect(svg).toContain('>and more not known</text>');
        expect(svg).toContain('>3 measurements since 2026-09-30</text>');
        expect(svg).toMatch(/<path d="M[^"]*" fill="none" stroke="[^"]*" stroke-width="1" stroke-dasharray="3 2"/);
    });
});

describe('a KPI\'s sparkline as an SVG of its own (the site\'s KPI tables and details panel)', () => {
    test('the objectives panel\'s drawing, by the same writer: the same segments and dots, placed at 0,0; its measurements in words as the title', async () => {
        const model = await journey();
        const nps = model.objectives[0].kpis.find(k => k.id === 'Shop.Nps')!;
        const drawn = renderKpiSparkline(nps, 120, SPARKLINE_HEIGHT)!;
        expect(drawn.text).toBe('Delivery NPS: 20 on 2026-09-30, 35 on 2026-10-31, 48 on 2026-11-30; target ≥ 45');
        expect(drawn.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="120" height="22" viewBox="0 0 120 22" role="img" aria-label="Delivery NPS: [^"]*" class="copis-sparkline"><title>Delivery NPS: 20 on 2026-09-30/);
        // Its dots are the panel's, moved to the sparkline's own origin.
        const panel = panelKpi(layoutDiagram(model, { view: 'journey' }), 'Shop.Nps');
        const panelDots = panel.parts.filter((p): p is Extract<Part, { type: 'circle' }> => p.type === 'circle' && p.r <= 3);
        const dots = [...drawn.svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g)].map(m => ({ cx: Number(m[1]), cy: Number(m[2]), r: Number(m[3]) }));
        expect(dots).toHaveLength(3);
        expect(dots.map(d => d.r)).toEqual(panelDots.map(d => d.r));
        expect(dots.map(d => d.cy - dots[0].cy)).toEqual(panelDots.map(d => Math.round((d.cy - panelDots[0].cy) * 100) / 100));
        // Two segments, the target dashed; the actual in the status colour (met: positive).
        expect(drawn.svg.match(/<path d="M[^"]*" fill="none" stroke="var\(--copis-accent/g)).toHaveLength(2);
        expect(drawn.svg).toContain('stroke-dasharray="3 2"');
        expect(drawn.svg).toMatch(/<circle cx="117" cy="[\d.]+" r="3" fill="var\(--copis-positive, #16692f\)"\/>/);
        expect(renderKpiSparkline(nps, 120, 22, { colours: 'resolved' })!.svg).toContain('fill="#16692f"');
    });

    test('nothing to plot, nothing drawn; the title is escaped', async () => {
        const model = await journey(CSV, MODEL.replace('"Delivery NPS"', '"<b>NPS</b> & \\"co\\""'));
        const [nps, onTime, written] = ['Shop.Nps', 'Shop.OnTime', 'Shop.Written'].map(id => model.objectives[0].kpis.find(k => k.id === id)!);
        expect(renderKpiSparkline(onTime)).toBeUndefined();
        expect(renderKpiSparkline(written)).toBeUndefined();
        const svg = renderKpiSparkline(nps)!.svg;
        expect(svg).toContain('<title>&lt;b&gt;NPS&lt;/b&gt; &amp; &quot;co&quot;: 20 on 2026-09-30');
        expect(svg).not.toContain('<b>');
    });
});
