import { describe, expect, test } from 'vitest';
import { layoutDiagram, renderDiagram, renderStandaloneSvg } from '../../../language-server/diagram/index.js';
import { closeRuns, exampleFolders, journeyModels, legendMismatches, linesThroughBoxes, overlaps, parseXml, runsAlongLines, runsNearEdges, textOutsideBoxes } from './helpers.js';

const folders = exampleFolders();

describe('every example renders', () => {
    test('there are examples', () => {
        expect(folders.length).toBeGreaterThan(0);
    });

    for (const { folder, sources } of folders) {
        test(`examples/${folder}: both views, for everyone and for each customer, well-formed, no overlaps, connectors 6 px apart and from rules and cards, a legend of what is drawn`, async () => {
            const models = await journeyModels(sources);
            expect(models.length, folder).toBeGreaterThan(0);
            for (const model of models) {
                for (const customer of [undefined, ...model.customers]) {
                    for (const view of ['journey', 'copis'] as const) {
                        const where = `${folder} ${model.name} ${view}${customer ? ` for ${customer}` : ''}`;
                        const diagram = layoutDiagram(model, { view, customer });
                        expect(overlaps(diagram.boxes), where).toEqual([]);
                        expect(textOutsideBoxes(diagram), where).toEqual([]);
                        for (const kind of ['uses', 'recovery', 'addresses']) expect(linesThroughBoxes(diagram, kind), where).toEqual([]);
                        expect(closeRuns(diagram, 6), where).toEqual([]);
                        expect(runsAlongLines(diagram, 6), where).toEqual([]);
                        expect(runsNearEdges(diagram, 6), where).toEqual([]);
                        if (view === 'journey') {
                            expect(legendMismatches(diagram), where).toEqual([]);
                            const small = layoutDiagram(model, { view, customer, compact: true });
                            expect(overlaps(small.boxes), `${where} compact`).toEqual([]);
                            expect(textOutsideBoxes(small), `${where} compact`).toEqual([]);
                            expect(legendMismatches(small), `${where} compact`).toEqual([]);
                        }
                        const rendered = renderDiagram(model, { view, customer });
                        expect(rendered.width).toBeGreaterThan(0);
                        expect(() => parseXml(rendered.svg), where).not.toThrow();
                        expect(() => parseXml(renderStandaloneSvg(model, { view, customer })), where).not.toThrow();
                        for (const e of rendered.elements) expect(e.location, `${where}: ${e.id}`).toBeDefined();
                    }
                }
                // every touchpoint of the journey has its card
                const journey = layoutDiagram(model, { view: 'journey' });
                expect(journey.boxes.filter(b => b.kind === 'touchpoint').map(b => b.id)).toEqual(model.touchpoints.map(t => t.id));
            }
        });
    }
});
