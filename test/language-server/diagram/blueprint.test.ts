/**
 * The journey view as a service designer reads it (/work/shared/blueprint.md): lanes in blueprint
 * order, the three lines labelled and in their places, empty lanes folded, names instead of
 * identifiers, the persona header, a moment's KPIs on its card, the emotion curve, the legend
 * drawn from the styles, and the model's errors in the picture. Geometric checks on the laid-out
 * diagram.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import {
    CARD_STYLES, COMPACT_SIZES, EMOTION, JOURNEY_SIZES, PROBLEM_MARK, RECOVERY_BADGE, SPARKLINE, USAGE_MARKS, renderPanes, sliceStages, KPI_STATUS, LINE_STYLES, MOMENT_KINDS, POLARITY, errorsOf, layoutDiagram, renderDiagram,
    type Diagram, type DiagramBox, type DiagramLine, type DiagramProblem, type Part
} from '../../../language-server/diagram/index.js';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel } from '../../../language-server/model/build-model.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { SHOP, bigJourney, crowdedJourney } from './fixtures.js';
import { allElements, box, boxesOf, closeRuns, commonTrunk, joined, legendMismatches, linesThroughBoxes, modelOf, overlaps, parseXml, runsAlongLines, runsNearEdges, textOf, textOutsideBoxes, texts } from './helpers.js';

let model: JourneyModel;
let diagram: Diagram;

beforeAll(async () => {
    model = await modelOf(SHOP);
    diagram = layoutDiagram(model, { view: 'journey' });
});

/** The tiny journey of the review: one stage, one touchpoint. */
const TINY = 'journey Tiny "Tiny" { stage Only "Only" { category usage touchpoint A "A" { channel web emotion 1 } } }';

const lineOf = (d: Diagram, kind: string): DiagramLine => {
    const found = d.lines.filter(l => l.kind === kind);
    expect(found, kind).toHaveLength(1);
    return found[0];
};
const bottom = (bs: DiagramBox[]) => Math.max(...bs.map(b => b.y + b.height));
const top = (bs: DiagramBox[]) => Math.min(...bs.map(b => b.y));

/** A model and the errors the validator finds in it, as the preview passes them. */
async function withErrors(text: string): Promise<{ model: JourneyModel; problems: DiagramProblem[] }> {
    const uri = 'file:///test/errors.copis';
    const { documents } = await loadWorkspace([{ uri, text }]);
    const journey = (documents[0].parseResult.value as ast.Model).elements.find(ast.isJourney)!;
    return { model: buildJourneyModel(journey).model, problems: errorsOf(uri, documents[0].diagnostics) };
}

describe('lanes in blueprint order, with the three lines', () => {
    test('top to bottom: the customer\'s side, line of interaction, frontstage, line of visibility, backstage, line of internal interaction, support, technology', () => {
        expect(diagram.lanes.map(l => l.lane)).toEqual(['touchpoints', 'emotion', 'moments', 'pains', 'opportunities', 'interaction', 'frontstage',
            'visibility', 'backstage', 'internal', 'support', 'systems', 'information', 'kpis']);
        for (let i = 1; i < diagram.lanes.length; i++) expect(diagram.lanes[i].y).toBeCloseTo(diagram.lanes[i - 1].y + diagram.lanes[i - 1].height, 5);
    });

    test('each line lies between the lanes it separates: moments, pains and opportunities above the line of interaction, frontstage between it and the line of visibility, backstage above the line of internal interaction, support below', () => {
        const y = (kind: string) => lineOf(diagram, kind).points[0].y;
        const processes = (lane: string) => boxesOf(diagram, 'process').filter(b => b.lane === lane);
        const customerSide = [...boxesOf(diagram, 'touchpoint'), ...boxesOf(diagram, 'moment'), ...boxesOf(diagram, 'pain'), ...boxesOf(diagram, 'opportunity'), ...boxesOf(diagram, 'emotion')];
        expect(bottom(customerSide)).toBeLessThan(y('interaction'));
        expect(top(processes('frontstage'))).toBeGreaterThan(y('interaction'));
        expect(bottom(processes('frontstage'))).toBeLessThan(y('visibility'));
        expect(top(processes('backstage'))).toBeGreaterThan(y('visibility'));
        expect(bottom(processes('backstage'))).toBeLessThan(y('internal'));
        expect(top(processes('support'))).toBeGreaterThan(y('internal'));
        expect(top([...boxesOf(diagram, 'system'), ...boxesOf(diagram, 'information')])).toBeGreaterThan(bottom(processes('support')));
        expect(y('interaction')).toBeLessThan(y('visibility'));
        expect(y('visibility')).toBeLessThan(y('internal'));
    });

    test('each line runs the full width, styled from the table, and is labelled where it starts', () => {
        const gridRight = Math.max(...diagram.boxes.filter(b => ['touchpoint', 'process', 'system', 'information', 'column-header'].includes(b.kind)).map(b => b.x + b.width));
        const labels = boxesOf(diagram, 'line-label');
        for (const kind of ['interaction', 'visibility', 'internal'] as const) {
            const line = lineOf(diagram, kind);
            const [a, b] = line.points;
            expect(a.y).toBe(b.y);
            expect(a.x).toBe(JOURNEY_SIZES.margin);
            expect(b.x).toBeGreaterThanOrEqual(gridRight);
            expect({ stroke: line.stroke, width: line.width, dash: line.dash }).toEqual({ stroke: LINE_STYLES[kind].stroke, width: LINE_STYLES[kind].width, dash: 'dash' in LINE_STYLES[kind] ? LINE_STYLES[kind].dash : undefined });
            const lane = diagram.lanes.find(l => l.lane === kind)!;
            const label = labels.find(l => joined(l) === lane.label)!;
            expect(label, kind).toBeDefined();
            expect(label.x).toBe(JOURNEY_SIZES.margin);
            expect(label.y + label.height).toBeLessThanOrEqual(a.y);
            expect(a.y - (label.y + label.height)).toBeLessThan(10);
        }
        expect(labels.map(joined)).toEqual(['Line of interaction', 'Line of visibility', 'Line of internal interaction']);
        // no faint rule doubles a line of the blueprint
        for (const kind of ['interaction', 'visibility', 'internal']) {
            const y = lineOf(diagram, kind).points[0].y;
            expect(diagram.lines.filter(l => l.kind === 'rule' && Math.abs(l.points[0].y - y) < 12), kind).toEqual([]);
        }
    });
});

describe('empty lanes fold away', () => {
    test('the tiny journey (one stage, one touchpoint): the touchpoints lane and the emotion curve, no lines', async () => {
        const m = await modelOf('customer C "Customer" journey T "Tiny" { customers C  stage S "Only stage" { touchpoint A "Ask" { channel web  emotion 1 } } }');
        const d = layoutDiagram(m, { view: 'journey' });
        expect(d.lanes.map(l => l.lane)).toEqual(['touchpoints', 'emotion']);
        expect(d.lines.filter(l => ['interaction', 'visibility', 'internal'].includes(l.kind))).toEqual([]);
        expect(boxesOf(d, 'lane-label').map(joined)).toEqual(['Touchpoints', 'Emotion']);
        expect(overlaps(d.boxes)).toEqual([]);
        const noEmotion = layoutDiagram(await modelOf('journey T { stage S { touchpoint A { channel web } } }'), { view: 'journey' });
        expect(noEmotion.lanes.map(l => l.lane)).toEqual(['touchpoints']);
    });

    test('a line is drawn only with a drawn lane above it and a process lane below; a process without a lane has a lane of its own', async () => {
        const m = await modelOf(`journey J {
            process Back "Back office" { lane backstage }
            process Loose "Unfiled work"
            stage S { touchpoint A { channel web  processes Back, Loose } }
        }`);
        const d = layoutDiagram(m, { view: 'journey' });
        expect(d.lanes.map(l => l.lane)).toEqual(['touchpoints', 'interaction', 'visibility', 'backstage', 'internal', 'processes']);
        expect(d.lanes.find(l => l.lane === 'processes')!.label).toBe('Processes without a lane');
        expect(box(d, 'process', 'J.Loose').lane).toBe('processes');
        // frontstage work and a system, nothing behind it: no line of visibility or internal interaction over the technology
        const front = layoutDiagram(await modelOf(`system S "Sys" journey J { process F "Front" { lane frontstage  systems S }
            stage St { touchpoint A { channel web  processes F } } }`), { view: 'journey' });
        expect(front.lanes.map(l => l.lane)).toEqual(['touchpoints', 'interaction', 'frontstage', 'systems']);
    });
});

describe('names, not identifiers', () => {
    test('every card, header and mention shows the title; a blank title falls back to the name', async () => {
        for (const b of diagram.boxes.filter(b => b.id !== undefined && !['emotion', 'usage'].includes(b.kind))) {
            const element = [model, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains, ...model.opportunities, ...model.processes,
                ...model.systems, ...model.information, ...model.objectives, ...model.objectives.flatMap(o => o.kpis), ...model.customerDetails].find(e => e.id === b.id)!;
            expect(joined(b), `${b.kind} ${b.id}`).toContain(element.title ?? element.name);
        }
        expect(joined(box(diagram, 'touchpoint', 'Shop.GiftNote'))).toContain('for Gift buyer');
        const filtered = layoutDiagram(model, { view: 'journey', customer: 'Gifter' });
        expect(joined(box(filtered, 'journey', 'Shop'))).toContain('the path of Gift buyer');
        const blank = layoutDiagram(await modelOf('journey J "  " { stage S "" { touchpoint Named " " { channel web } } }'), { view: 'journey' });
        expect(texts(box(blank, 'journey', 'J'))).toContain('J');
        expect(texts(box(blank, 'stage', 'J.S'))).toContain('S');
        expect(texts(box(blank, 'touchpoint', 'J.Named'))).toContain('Named');
    });

    test('a persona header: one card per customer of the journey, with title, segment, value tier and CLV; the filter narrows it to one', async () => {
        const m = await modelOf(`customer Fam "Busy family" { segment "Households"  value high  clv 2400 EUR }
            customer Stu "Student"
            journey J { customers Fam, Stu  stage S { touchpoint A { channel web } } }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const cards = boxesOf(d, 'customer');
        expect(cards.map(c => c.id)).toEqual(['Fam', 'Stu']);
        expect(joined(cards[0])).toContain('Busy family');
        expect(texts(cards[0])).toContain('Households');
        expect(texts(cards[0])).toContain('high value · CLV 2400 EUR');
        const title = box(d, 'journey', 'J');
        const header = box(d, 'stage', 'J.S');
        for (const c of cards) {
            expect(c.y).toBeGreaterThan(title.y + title.height);
            expect(c.y + c.height).toBeLessThan(header.y);
        }
        expect(boxesOf(layoutDiagram(m, { view: 'journey', customer: 'Stu' }), 'customer').map(c => c.id)).toEqual(['Stu']);
        expect(overlaps(d.boxes)).toEqual([]);
    });

    test('a persona card says how many customers the segment holds (its `count`, as hover says it), in full beside a long segment, and in its tooltip', async () => {
        const m = await modelOf(`customer Fam "Busy family" { segment "Urban households with two working parents and children under twelve"  value high  clv 2400 EUR  count 42000 }
            customer One "The one customer" { count 1 }
            customer Stu "Student"
            journey J { customers Fam, One, Stu  stage S { touchpoint A { channel web } } }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const [fam, one, stu] = boxesOf(d, 'customer');
        // The figures on lines of their own, whole (the segment before them may be cut), the count on one line.
        expect(texts(fam).slice(-2)).toEqual(['high value · CLV 2400 EUR', '42,000 customers']);
        expect(fam.tooltip).toContain('42,000 customers');
        expect(texts(one).at(-1)).toBe('1 customer');
        expect(texts(stu)).toEqual(['customer', 'Student']);
        // The filter's one card keeps it.
        expect(joined(boxesOf(layoutDiagram(m, { view: 'journey', customer: 'Fam' }), 'customer')[0])).toContain('42,000 customers');
        expect(overlaps(d.boxes)).toEqual([]);
    });
});

describe('moments of truth on the customer\'s side', () => {
    test('a moment\'s KPIs are on its card, each with met or missed as a glyph', () => {
        const pay = box(diagram, 'moment', 'Shop.PayMoment');
        expect(texts(pay)).toContain(KPI_STATUS.missed.glyph);
        expect(joined(pay)).toContain('On-time delivery: 91%, target \u2265 97%');
        const glyph = pay.parts.find(p => p.type === 'text' && p.text === KPI_STATUS.missed.glyph) as Extract<Part, { type: 'text' }>;
        expect(glyph.fill).toBe(KPI_STATUS.missed.colour);
        expect(joined(pay)).toContain('FMOT · high impact');
    });

    test('the emotion curve is tall enough to read; its points are shaped by sign, and a touchpoint with a moment has a ring in the moment\'s colour', () => {
        const lane = diagram.lanes.find(l => l.lane === 'emotion')!;
        expect(lane.height).toBeGreaterThanOrEqual(140);
        for (const tp of model.touchpoints.filter(t => t.emotion !== undefined)) {
            const point = box(diagram, 'emotion', tp.id);
            const shape = point.parts.find(p => p.type === 'shape') as Extract<Part, { type: 'shape' }>;
            const sign = tp.emotion! > 0 ? EMOTION.positive : tp.emotion! < 0 ? EMOTION.negative : EMOTION.neutral;
            expect({ shape: shape.shape, fill: shape.fill }).toEqual({ shape: sign.shape, fill: sign.colour });
            const moment = model.moments.find(m => m.at === tp.id);
            const ring = point.parts.find(p => p.type === 'circle') as Extract<Part, { type: 'circle' }> | undefined;
            if (moment) expect(ring?.stroke, tp.id).toBe(POLARITY[moment.polarity as 'positive'].colour);
            else expect(ring, tp.id).toBeUndefined();
        }
        expect(new Set(Object.values(EMOTION).map(e => e.shape)).size).toBe(3);
    });
});

describe('the legend, drawn from the styling table', () => {
    const legendOf = (d: Diagram) => {
        const legends = boxesOf(d, 'legend');
        expect(legends).toHaveLength(1);
        return legends[0];
    };

    test('its samples are styled from the tables: a line sample per line style drawn, in the table\'s order; a disc per polarity and KPI status drawn, with its glyph; a shape per emotion drawn', async () => {
        for (const d of [diagram, layoutDiagram(await modelOf(bigJourney(40)), { view: 'journey' })]) {
            const legend = legendOf(d);
            const samples = legend.parts.filter((p): p is Extract<Part, { type: 'line' }> => p.type === 'line').map(s => ({ stroke: s.stroke, width: s.width, dash: s.dash }));
            const drawnLines = Object.entries(LINE_STYLES).filter(([kind]) => d.lines.some(l => l.kind === kind))
                .map(([, s]) => ({ stroke: s.stroke, width: s.width, dash: 'dash' in s ? s.dash : undefined }));
            expect(drawnLines.length).toBeGreaterThan(4);
            const sparkline = boxesOf(d, 'kpi').some(b => b.parts.some(p => p.type === 'line'))
                // the sample sparkline (a KPI's actuals): its target, and the three segments of its four points
                ? [{ ...SPARKLINE.target }, ...[1, 2, 3].map(() => ({ ...SPARKLINE.line, dash: undefined }))] : [];
            expect(samples).toEqual([...drawnLines, ...sparkline]);
            const discs = legend.parts.filter((p): p is Extract<Part, { type: 'circle' }> => p.type === 'circle' && p.stroke === undefined).map(p => p.fill);
            const words = joined(legend).replace(/\s+/g, ' ');
            for (const style of [...Object.values(POLARITY), ...Object.values(KPI_STATUS)].filter(style => words.includes(style.label))) {
                expect(discs).toContain(style.colour);
                if (style.glyph) expect(texts(legend)).toContain(style.glyph);
            }
            const shapes = legend.parts.filter((p): p is Extract<Part, { type: 'shape' }> => p.type === 'shape').map(p => [p.shape, p.fill]);
            expect(shapes).toEqual(Object.values(EMOTION).filter(e => words.includes(e.label)).map(e => [e.shape, e.colour]));
            for (const k of MOMENT_KINDS.filter(k => words.includes(k.label))) expect(texts(legend)).toContain(k.short);
            for (const kind of ['pain', 'opportunity'] as const) {
                expect(legend.parts.some(p => p.type === 'rect' && p.stroke === CARD_STYLES[kind].stroke)).toBe(words.includes(CARD_STYLES[kind].label));
            }
        }
    });

    test('it lists what this picture draws and nothing else: full, compact, a customer\'s path, a range, a model with errors, the tiny journey', async () => {
        const big = await modelOf(bigJourney(40, { busy: true }));
        const { model: broken, problems } = await withErrors(`journey J { process Fix "Fix" { lane frontstage }
            stage S { touchpoint A { channel web  processes Fix, Nowhere  emotion -1 } } moment M { at A  polarity negative  recovery Fix } }`);
        const cases: Array<[string, Diagram]> = [
            ['shop', diagram],
            ['shop compact', layoutDiagram(model, { view: 'journey', compact: true })],
            ['shop for Gifter', layoutDiagram(model, { view: 'journey', customer: 'Gifter' })],
            ['busy', layoutDiagram(big, { view: 'journey' })],
            ['busy compact', layoutDiagram(big, { view: 'journey', compact: true })],
            ['busy St3..St4', layoutDiagram(big, { view: 'journey', stages: { from: 'Big.St3', to: 'Big.St4' } })],
            ['errors', layoutDiagram(broken, { view: 'journey', problems })],
            ['tiny', layoutDiagram(await modelOf(TINY), { view: 'journey' })]
        ];
        for (const [name, d] of cases) {
            expect(boxesOf(d, 'legend'), name).toHaveLength(1);
            expect(legendMismatches(d), name).toEqual([]);
        }
        const words = (d: Diagram) => joined(legendOf(d)).replace(/\s+/g, ' ');
        // compact draws no connectors, lines of the blueprint, processes, matrix or opportunities: its legend says nothing of them
        const compact = words(cases[4][1]);
        for (const label of [LINE_STYLES.uses.label, LINE_STYLES.recovery.label, LINE_STYLES.addresses.label, LINE_STYLES.interaction.label, USAGE_MARKS.reads.label, CARD_STYLES.opportunity.label]) {
            expect(compact).not.toContain(label);
            expect(words(cases[3][1])).toContain(label);
        }
        expect(compact).toContain(RECOVERY_BADGE.label);
        expect(words(cases[6][1])).toContain(PROBLEM_MARK.label);
        expect(words(cases[0][1])).not.toContain(PROBLEM_MARK.label);
    });

    test('the tiny journey: a legend of one row under a one-line note, not a full legend and an empty panel under a 340 px map', async () => {
        const d = layoutDiagram(await modelOf(TINY), { view: 'journey' });
        const legend = legendOf(d);
        expect(texts(legend)).toEqual(['Legend', 'Emotion and KPIs', EMOTION.positive.label]);
        const notes = boxesOf(d, 'panel-note');
        expect(notes.map(joined)).toEqual(['No objectives or KPIs']);
        expect(notes[0].height).toBeLessThanOrEqual(20);
        expect(d.bands.filter(b => b.kind === 'panel')).toEqual([]);
        const map = Math.max(...d.lanes.map(l => l.y + l.height));
        // what is under the map is smaller than the map (it was 1,518 px high in all, 1,100 of them under a 340 px map)
        expect(d.height - map).toBeLessThan(map - boxesOf(d, 'stage')[0].y);
        expect(d.height).toBeLessThan(600);
        expect(overlaps(d.boxes)).toEqual([]);
        expect(textOutsideBoxes(d)).toEqual([]);
    });

    test('the check sees what it looks for: a row of what is not drawn, a drawn thing without its row', () => {
        const withoutOpportunities = { ...diagram, boxes: diagram.boxes.filter(b => b.kind !== 'opportunity') };
        expect(legendMismatches(withoutOpportunities)).toEqual(['card opportunity: listed, not drawn']);
        const withoutAddresses = { ...diagram, lines: diagram.lines.filter(l => l.kind !== 'addresses') };
        expect(legendMismatches(withoutAddresses)).toEqual(['line addresses: listed, not drawn']);
        const noLegend = { ...diagram, boxes: diagram.boxes.filter(b => b.kind !== 'legend') };
        expect(legendMismatches(noLegend)).toEqual(expect.arrayContaining(['line uses: drawn, not listed', 'polarity negative: drawn, not listed', 'KPI missed: drawn, not listed', 'usage reads: drawn, not listed']));
    });

    test('the picture uses the same styles: connectors, moment markers, pain and opportunity cards', () => {
        for (const line of diagram.lines.filter(l => l.kind in LINE_STYLES)) {
            const style = LINE_STYLES[line.kind as keyof typeof LINE_STYLES];
            expect({ stroke: line.stroke, width: line.width, dash: line.dash }, line.kind).toEqual({ stroke: style.stroke, width: style.width, dash: 'dash' in style ? style.dash : undefined });
        }
        for (const m of model.moments) {
            const marker = box(diagram, 'moment', m.id).parts.find(p => p.type === 'circle') as Extract<Part, { type: 'circle' }>;
            expect(marker.fill).toBe(POLARITY[m.polarity as 'positive'].colour);
        }
        for (const kind of ['pain', 'opportunity'] as const) {
            for (const b of boxesOf(diagram, kind)) expect((b.parts[0] as Extract<Part, { type: 'rect' }>).stroke).toBe(CARD_STYLES[kind].stroke);
        }
    });

    test('below the lanes, inside the diagram, in every journey view and in the SVG', () => {
        const legend = legendOf(diagram);
        expect(legend.y).toBeGreaterThan(Math.max(...diagram.lanes.map(l => l.y + l.height)));
        expect(legend.y + legend.height).toBeLessThanOrEqual(diagram.height);
        expect(textOutsideBoxes({ ...diagram, boxes: [legend] })).toEqual([]);
        legendOf(layoutDiagram(model, { view: 'journey', customer: 'Shopper' }));
        expect(renderDiagram(model, { view: 'journey' }).svg).toContain('data-kind="legend"');
    });
});

describe('the model\'s errors are in the picture', () => {
    const TEXT = `journey J "Errors" {
        process Fix "Fix" { lane frontstage }
        stage S "Stage" {
            touchpoint A "First A" { channel web  processes Fix }
            touchpoint A "Second A" { channel email  processes Nowhere }
            touchpoint B "B" { channel phone }
        }
    }`;

    test('two touchpoints of one name are both drawn, in their own columns: none is dropped, none drawn twice', async () => {
        const { model: m } = await withErrors(TEXT);
        const d = layoutDiagram(m, { view: 'journey' });
        const cards = boxesOf(d, 'touchpoint');
        expect(cards.map(joined).map(t => t.match(/First A|Second A|B$/)?.[0])).toEqual(['First A', 'Second A', 'B']);
        expect(new Set(cards.map(c => c.x)).size).toBe(3);
        expect(overlaps(d.boxes)).toEqual([]);
    });

    test('a banner says how many errors; the element each is in is marked (frame and message), its twin is not', async () => {
        const { model: m, problems } = await withErrors(TEXT);
        expect(problems.length).toBe(2); // duplicate-name, unresolved-reference
        const d = layoutDiagram(m, { view: 'journey', problems });
        const banner = boxesOf(d, 'problems');
        expect(banner).toHaveLength(1);
        expect(joined(banner[0])).toContain('The model has 2 errors');
        const [first, second] = boxesOf(d, 'touchpoint');
        expect(first.problem).toBeUndefined();
        expect(second.problem).toBe('error');
        const frame = second.parts[0] as Extract<Part, { type: 'rect' }>;
        expect([frame.stroke, frame.dash]).toEqual(['negative', '5 2']);
        expect(joined(second)).toContain('! 2 errors: ');
        const errors = second.tooltip!.split('\n').filter(l => l.startsWith('Error: '));
        expect(errors).toHaveLength(2);
        expect(errors.join('\n')).toMatch(/Nowhere/);
        expect(errors.join('\n')).toMatch(/`A`/);
        expect(textOutsideBoxes(d)).toEqual([]);
        expect(overlaps(d.boxes)).toEqual([]);
        expect(renderDiagram(m, { view: 'journey', problems }).svg).toContain('data-problem="error"');
        // without errors: no banner, no marks
        const clean = layoutDiagram(model, { view: 'journey', problems: [] });
        expect(boxesOf(clean, 'problems')).toEqual([]);
        expect(clean.boxes.filter(b => b.problem)).toEqual([]);
    });
});

describe('big journeys: compact mode and a range of stages', () => {
    test('compact: touchpoints, emotion, moments and pains only, in narrow columns, without connectors or panel; the same touchpoints', async () => {
        const m = await modelOf(bigJourney(40));
        const full = layoutDiagram(m, { view: 'journey' });
        const compact = layoutDiagram(m, { view: 'journey', compact: true });
        expect(compact.compact).toBe(true);
        expect(compact.lanes.map(l => l.lane)).toEqual(['touchpoints', 'emotion', 'moments', 'pains']);
        const cards = boxesOf(compact, 'touchpoint');
        expect(cards.map(c => c.id)).toEqual(m.touchpoints.map(t => t.id));
        for (let i = 1; i < cards.length; i++) expect(cards[i].x - cards[i - 1].x).toBeCloseTo(COMPACT_SIZES.slotMin, 5);
        expect(compact.width).toBeLessThan(full.width * 0.6);
        expect(compact.lines.filter(l => ['uses', 'recovery', 'addresses'].includes(l.kind))).toEqual([]);
        for (const kind of ['process', 'usage', 'opportunity', 'objective', 'panel-header']) expect(boxesOf(compact, kind), kind).toEqual([]);
        expect(boxesOf(compact, 'moment')).toHaveLength(m.moments.length);
        expect(boxesOf(compact, 'legend')).toHaveLength(1);
        expect(overlaps(compact.boxes)).toEqual([]);
        expect(textOutsideBoxes(compact)).toEqual([]);
        // the moment's title takes the card's width under the marker
        const moment = boxesOf(compact, 'moment')[0];
        const title = moment.parts.find(p => p.type === 'text' && p.font === 'bold') as Extract<Part, { type: 'text' }>;
        expect(title.x).toBeLessThan(moment.x + 12);
    });

    test('a range of stages: only those stages, their touchpoints, moments and pains, and what those use', async () => {
        const m = await modelOf(bigJourney(40));
        const d = layoutDiagram(m, { view: 'journey', stages: { from: 'Big.St3', to: 'Big.St5' } });
        expect(boxesOf(d, 'stage').map(s => s.id)).toEqual(['Big.St3', 'Big.St4', 'Big.St5']);
        const kept = new Set(m.touchpoints.filter(t => ['Big.St3', 'Big.St4', 'Big.St5'].includes(t.stage)).map(t => t.id));
        expect(boxesOf(d, 'touchpoint').map(c => c.id)).toEqual([...kept]);
        for (const b of boxesOf(d, 'moment')) expect(kept.has(m.moments.find(x => x.id === b.id)!.at!)).toBe(true);
        const processes = new Set([...m.touchpoints.filter(t => kept.has(t.id)).flatMap(t => t.processes),
            ...m.moments.filter(x => kept.has(x.at!)).flatMap(x => x.recovery ? [x.recovery] : [])]);
        expect(new Set(boxesOf(d, 'process').map(b => b.id))).toEqual(processes);
        expect(joined(box(d, 'journey', 'Big'))).toContain('stages Buy to Set up (3 of 10)');
        // backwards is the same range; an unknown stage leaves the journey whole
        expect(boxesOf(layoutDiagram(m, { view: 'journey', stages: { from: 'Big.St5', to: 'Big.St3' } }), 'stage')).toHaveLength(3);
        expect(sliceStages(m, 'Big.St3', 'Big.Nope')).toBeUndefined();
        expect(boxesOf(layoutDiagram(m, { view: 'journey', stages: { from: 'Big.St3', to: 'Big.Nope' } }), 'stage')).toHaveLength(10);
        // with the customer filter too
        const path = layoutDiagram(m, { view: 'journey', stages: { from: 'Big.St3', to: 'Big.St5' }, customer: 'Business' });
        expect(boxesOf(path, 'touchpoint').map(c => c.id)).toEqual(m.touchpoints.filter(t => kept.has(t.id) && t.customers.includes('Business')).map(t => t.id));
    });

    test('systems and information as one row each even in a big journey: 16 systems are 16 rows, not a box per run of columns', async () => {
        const m = await modelOf(bigJourney(40));
        const d = layoutDiagram(m, { view: 'journey' });
        expect(boxesOf(d, 'system')).toHaveLength(m.systems.length);
        expect(boxesOf(d, 'information')).toHaveLength(m.information.length);
        expect(m.systems.length).toBe(16);
    });
});

describe('what stays in view while the diagram scrolls', () => {
    test('the panes: the lane labels (with the emotion scale, line labels and matrix rows) and the stage headers, each wholly inside its strip', async () => {
        const panes = renderPanes(diagram)!;
        const labels = parseXml(panes.labels);
        const header = parseXml(panes.header);
        const frozen = diagram.frozen!;
        expect(labels.attributes.viewBox).toBe(`0 ${frozen.headerTop} ${frozen.labelsRight} ${frozen.gridBottom - frozen.headerTop}`);
        // the title above and the panel and legend below are not covered
        const title = box(diagram, 'journey', 'Shop');
        expect(title.y + title.height).toBeLessThan(frozen.headerTop);
        expect(Math.min(...boxesOf(diagram, 'legend').map(b => b.y))).toBeGreaterThan(frozen.gridBottom);
        expect(Math.min(...boxesOf(diagram, 'panel-header').map(b => b.y))).toBeGreaterThan(frozen.gridBottom);
        expect(header.attributes.viewBox).toBe(`0 ${frozen.headerTop} ${diagram.width} ${frozen.headerBottom - frozen.headerTop}`);
        const kinds = (root: ReturnType<typeof parseXml>) => new Set(allElements(root).map(e => e.attributes['data-kind']).filter(Boolean));
        expect([...kinds(labels)]).toEqual(expect.arrayContaining(['lane-label', 'line-label', 'scale', 'system', 'information']));
        expect(kinds(labels).has('touchpoint')).toBe(false);
        const stageIds = allElements(header).filter(e => e.name === 'g' && e.attributes['data-kind'] === 'stage').map(e => e.attributes['data-id']);
        expect(stageIds).toEqual(model.stages.map(s => s.id));
        expect(kinds(header).has('touchpoint')).toBe(false);
        // every lane label of the diagram is in the pane
        const labelTexts = allElements(labels).filter(e => e.name === 'g' && e.attributes['data-kind'] === 'lane-label').map(textOf);
        expect(labelTexts).toEqual(boxesOf(diagram, 'lane-label').map(b => texts(b).join('')));
        expect(renderPanes(layoutDiagram(model, { view: 'copis' }))).toBeUndefined();
    });
});

describe('routing on tracks', () => {
    test('in a 40-touchpoint journey (one to three processes per touchpoint): no connector through a card or an emotion point; runs 6 px apart, 6 px from every rule, line and card edge', async () => {
        for (const busy of [false, true]) {
            const m = await modelOf(bigJourney(40, { busy }));
            for (const customer of [undefined, ...m.customers]) {
                const d = layoutDiagram(m, { view: 'journey', customer });
                const where = `${busy ? 'busy' : 'big'} ${customer ?? 'all'}`;
                expect(d.lines.filter(l => l.kind === 'uses').length, where).toBeGreaterThan(busy ? 60 : 20);
                for (const kind of ['uses', 'recovery', 'addresses']) expect(linesThroughBoxes(d, kind), `${where} ${kind}`).toEqual([]);
                expect(closeRuns(d, 6), where).toEqual([]);
                expect(runsAlongLines(d, 6), where).toEqual([]);
                expect(runsNearEdges(d, 6), where).toEqual([]);
                // every route is orthogonal and ends on its target's top edge
                for (const l of d.lines.filter(l => l.kind === 'uses')) {
                    for (let i = 1; i < l.points.length; i++) expect(l.points[i - 1].x === l.points[i].x || l.points[i - 1].y === l.points[i].y).toBe(true);
                    const end = l.points[l.points.length - 1];
                    expect(d.boxes.some(b => b.id === l.to && b.kind === 'process' && Math.abs(b.y - end.y) < 0.01 && end.x > b.x && end.x < b.x + b.width), `${l.from} → ${l.to}`).toBe(true);
                }
            }
        }
    });

    test('a touchpoint\'s connectors are one bundle: they leave its card at one point and share a trunk, each parting from it once', async () => {
        const m = await modelOf(bigJourney(40, { busy: true }));
        const d = layoutDiagram(m, { view: 'journey' });
        let forks = 0;
        for (const tp of m.touchpoints) {
            const bundle = d.lines.filter(l => l.kind === 'uses' && l.from === tp.id);
            expect(bundle.length, tp.id).toBe(new Set(tp.processes).size);
            expect(new Set(bundle.map(l => `${l.points[0].x} ${l.points[0].y}`)).size, tp.id).toBe(1);
            // each pair shares a trunk from the card (past it, closeRuns holds them 6 px apart: they never meet again)
            for (let i = 1; i < bundle.length; i++) {
                const trunk = commonTrunk(bundle[0], bundle[i]);
                expect(trunk.length, `${tp.id}: ${bundle[0].to} and ${bundle[i].to}`).toBeGreaterThan(0);
                forks++;
            }
        }
        expect(forks).toBeGreaterThan(40);
        expect(closeRuns(d, 6)).toEqual([]);
    });

    test('a crowded journey: where 6 px cannot be kept, a route keeps 3 px rather than run through a card or end beside its target', async () => {
        for (const seed of [8, 40]) {
            const d = layoutDiagram(await modelOf(crowdedJourney(seed)), { view: 'journey' });
            const uses = d.lines.filter(l => l.kind === 'uses');
            expect(uses.length, `seed ${seed}`).toBeGreaterThan(30);
            // crowded: somewhere the narrow spacing was needed, and only there
            expect(closeRuns(d, 6).length, `seed ${seed}`).toBeGreaterThan(0);
            expect(closeRuns(d, 6).length, `seed ${seed}`).toBeLessThan(uses.length / 3);
            expect(closeRuns(d, 3), `seed ${seed}`).toEqual([]);
            expect(runsNearEdges(d, 3), `seed ${seed}`).toEqual([]);
            expect(runsAlongLines(d, 3), `seed ${seed}`).toEqual([]);
            for (const kind of ['uses', 'recovery', 'addresses']) expect(linesThroughBoxes(d, kind), `seed ${seed} ${kind}`).toEqual([]);
            for (const l of uses) {
                const end = l.points[l.points.length - 1];
                expect(d.boxes.some(b => b.id === l.to && b.kind === 'process' && Math.abs(b.y - end.y) < 0.01 && end.x > b.x && end.x < b.x + b.width), `seed ${seed}: ${l.from} → ${l.to}`).toBe(true);
            }
        }
    });

    test('the 40-touchpoint journey is no wider for it, and the SHOP journey routes as cleanly', async () => {
        const m = await modelOf(bigJourney(40, { busy: true }));
        // 41 columns between 180 and 232 px, the labels and the margins: 8,482 px before the tracks were set 6 px apart
        expect(layoutDiagram(m, { view: 'journey' }).width).toBeLessThanOrEqual(8482);
        expect(closeRuns(diagram, 6)).toEqual([]);
        expect(runsAlongLines(diagram, 6)).toEqual([]);
        expect(runsNearEdges(diagram, 6)).toEqual([]);
    });

    test('the helpers see what they look for: close runs, a run along a line or beside a card, a line through an emotion point; a bundle\'s trunk is not a close run, a bundle that meets again is', () => {
        const polyline = (kind: 'uses' | 'addresses', from: string, to: string, points: Array<[number, number]>): DiagramLine =>
            ({ kind, from, to, points: points.map(([x, y]) => ({ x, y })), shape: 'polyline', stroke: 'muted', width: 1 });
        const fake: Diagram = {
            ...diagram,
            lines: [
                polyline('uses', 'a', 'b', [[10, 0], [10, 100]]),
                polyline('uses', 'c', 'd', [[15.5, 50], [15.5, 150]]),
                { kind: 'interaction', points: [{ x: 0, y: 300 }, { x: 500, y: 300 }], shape: 'polyline', stroke: 'line', width: 1.5 },
                polyline('addresses', 'e', 'f', [[20, 305], [200, 305]]),
                // a bundle: one trunk down x 600, parting at y 100 and at y 200
                polyline('uses', 'T', 'P1', [[600, 0], [600, 150]]),
                polyline('uses', 'T', 'P2', [[600, 0], [600, 100], [700, 100], [700, 250]]),
                polyline('uses', 'T', 'P3', [[600, 0], [600, 100], [700, 100], [700, 200], [650, 200], [650, 260]]),
                // parts from the trunk, then runs on it again
                polyline('uses', 'U', 'Q1', [[900, 0], [900, 300]]),
                polyline('uses', 'U', 'Q2', [[900, 0], [900, 50], [950, 50], [950, 100], [900, 100], [900, 200]])
            ],
            boxes: [{ kind: 'emotion', id: 'p', x: 5, y: 20, width: 12, height: 12, parts: [] }, { kind: 'process', id: 'q', x: 704, y: 120, width: 60, height: 40, parts: [] }]
        };
        expect(closeRuns(fake, 6)).toEqual(['uses a → b and uses c → d run 5.5 px apart at x 10', 'uses U → Q1 and uses U → Q2 run 0.0 px apart at x 900']);
        expect(closeRuns(fake, 5)).toEqual(['uses U → Q1 and uses U → Q2 run 0.0 px apart at x 900']);
        expect(runsAlongLines(fake, 6)).toEqual(['addresses e → f runs along the interaction at y 300']);
        expect(runsAlongLines(fake, 5)).toEqual([]);
        expect(runsNearEdges(fake, 6)).toEqual(['uses T → P2 runs 4.0 px from the side of process q', 'uses T → P3 runs 4.0 px from the side of process q']);
        expect(linesThroughBoxes(fake, 'uses')).toEqual(['uses a → b runs through emotion p']);
    });

    test('recovery is a badge on the moment\'s card naming the process; its link is drawn only while pointed at', async () => {
        const m = await modelOf(`journey J {
            process Fix "Call the customer back" { lane frontstage }
            stage S { touchpoint A { channel web  emotion -2 } touchpoint B { channel web } }
            moment Bad "It broke" { at A  polarity negative  recovery Fix }
        }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const card = box(d, 'moment', 'J.Bad');
        expect(joined(card)).toContain('recovery: Call the customer back');
        expect(texts(card)).toContain(RECOVERY_BADGE.glyph);
        const link = lineOf(d, 'recovery');
        expect([link.from, link.to, link.hidden]).toEqual(['J.Bad', 'J.Fix', true]);
        const { svg } = renderDiagram(m, { view: 'journey' });
        expect(svg).toMatch(/<g class="copis-line copis-on-hover" display="none" data-kind="recovery" data-from="J\.Bad" data-to="J\.Fix"/);
        expect(boxesOf(d, 'legend')[0].parts.some(p => p.type === 'text' && p.text === RECOVERY_BADGE.glyph)).toBe(true);
    });
});
