import { describe, expect, test } from 'vitest';
import { THEME_KINDS, THEMES, renderDiagram, type DiagramProblem } from '../../../language-server/diagram/index.js';
import { contrast, hexToRgb, lowContrast, measureContrast } from './contrast.js';
import { SHOP, bigJourney } from './fixtures.js';
import { exampleFolders, journeyModels, modelOf } from './helpers.js';

describe('contrast, computed from the SVG for each theme kind', () => {
    test('the measure itself: black on white is 21:1, and a pale text on white is caught', () => {
        expect(contrast(hexToRgb('#000000'), hexToRgb('#ffffff'))).toBeCloseTo(21, 5);
        const pale = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect class="copis-background" x="0" y="0" width="10" height="10" fill="#ffffff"/>'
            + '<g class="copis-label" data-kind="x"><text x="1" y="8" font-size="11" fill="var(--copis-rule, #d0d7de)">pale</text></g></svg>';
        expect(lowContrast(pale, 'light').map(f => f.what)).toEqual(['text "pale" in x']);
    });

    test('every theme holds every colour', () => {
        for (const kind of THEME_KINDS) expect(Object.keys(THEMES[kind]).sort(), kind).toEqual(Object.keys(THEMES.light).sort());
    });

    for (const { folder, sources } of exampleFolders()) {
        test(`examples/${folder}: text ≥ 4.5:1, frames, markers and lines ≥ 3:1, in both views, in light, dark and high contrast`, async () => {
            for (const model of await journeyModels(sources)) {
                for (const customer of [undefined, ...model.customers]) {
                    for (const view of ['journey', 'copis'] as const) {
                        const { svg } = renderDiagram(model, { view, customer });
                        for (const kind of THEME_KINDS) expect(lowContrast(svg, kind), `${folder} ${model.name} ${view} ${customer ?? ''} ${kind}`).toEqual([]);
                    }
                }
            }
        });
    }

    test('a model with errors (banner and marked elements) and a big journey', async () => {
        const shop = await modelOf(SHOP);
        const checkout = shop.touchpoints.find(t => t.name === 'Checkout')!;
        const problems: DiagramProblem[] = [{ uri: checkout.location!.uri, range: checkout.location!.nameRange!, message: 'something is wrong here' }];
        const marked = renderDiagram(shop, { view: 'journey', problems });
        expect(marked.svg).toContain('data-problem="error"');
        const big = renderDiagram(await modelOf(bigJourney(40)), { view: 'journey' });
        const { measured } = measureContrast(marked.svg, 'light');
        // texts, card frames, markers (moments, KPIs), emotion points and rings, connectors and lines were all measured
        for (const what of ['text', 'frame', 'marker', 'emotion', 'ring', 'line']) expect(measured[what], what).toBeGreaterThan(0);
        expect(measured.text).toBeGreaterThan(100);
        for (const kind of THEME_KINDS) {
            expect(lowContrast(marked.svg, kind), kind).toEqual([]);
            expect(lowContrast(big.svg, kind), kind).toEqual([]);
        }
    });
});
