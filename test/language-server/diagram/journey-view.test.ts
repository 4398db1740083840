import { beforeAll, describe, expect, test } from 'vitest';
import { IMPACT_RADIUS, JOURNEY_SIZES, layoutDiagram, renderDiagram, type Diagram, type DiagramBox } from '../../../language-server/diagram/index.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { ICON_PATHS } from '../../../language-server/diagram/icons.js';
import { REFERENCING, SHOP, generatedJourney } from './fixtures.js';
import { box, boxesOf, center, journeyModels, linesThroughBoxes, modelOf, overlaps, textOutsideBoxes, texts } from './helpers.js';

let model: JourneyModel;
let diagram: Diagram;

beforeAll(async () => {
    model = await modelOf(SHOP);
    diagram = layoutDiagram(model, { view: 'journey' });
});

const within = (inner: { x: number; width: number }, outer: { x: number; width: number }) =>
    inner.x >= outer.x - 0.01 && inner.x + inner.width <= outer.x + outer.width + 0.01;

describe('journey view: columns', () => {
    test('one card per touchpoint, in touchpoint order from left to right', () => {
        const cards = boxesOf(diagram, 'touchpoint');
        expect(cards.map(c => c.id)).toEqual(model.touchpoints.map(t => t.id));
        const xs = cards.map(c => c.x);
        expect(xs).toEqual([...xs].sort((a, b) => a - b));
        expect(new Set(xs).size).toBe(xs.length);
    });

    test('stage headers in stage order, x increasing with the stage index, each over its touchpoints', () => {
        const headers = boxesOf(diagram, 'stage');
        expect(headers.map(h => h.id)).toEqual(['Shop.Discover', 'Shop.Buy', 'Shop.Receive', 'Shop.Later']);
        for (let i = 1; i < headers.length; i++) expect(headers[i].x).toBeGreaterThan(headers[i - 1].x + headers[i - 1].width - 1);
        for (const stage of model.stages) {
            const header = box(diagram, 'stage', stage.id);
            for (const tp of stage.touchpoints) expect(within(box(diagram, 'touchpoint', tp), header)).toBe(true);
            expect(texts(header)).toContain(stage.title);
            expect(texts(header)).toContain(stage.category!.toUpperCase());
        }
    });

    test('a stage without touchpoints keeps a column of its own, at least the minimum width', () => {
        const later = box(diagram, 'stage', 'Shop.Later');
        expect(later.width).toBeGreaterThanOrEqual(JOURNEY_SIZES.slotMin - 2 * JOURNEY_SIZES.inset);
    });

    test('a card shows the title, the channel and the emotion', () => {
        const door = box(diagram, 'touchpoint', 'Shop.Door');
        expect(texts(door)).toEqual(expect.arrayContaining(['At the door', 'partner', '+2']));
        expect(door.parts.some(p => p.type === 'icon' && p.icon === 'partner')).toBe(true);
        // a touchpoint for fewer customers than the journey says so
        expect(texts(box(diagram, 'touchpoint', 'Shop.GiftNote'))).toContain('for Gift buyer');
    });
});

describe('journey view: lanes', () => {
    test('no two boxes overlap', () => {
        expect(overlaps(diagram.boxes)).toEqual([]);
    });

    test('every line of text fits inside its box (by the same width estimate the layout uses)', () => {
        expect(textOutsideBoxes(diagram)).toEqual([]);
    });

    test('lane labels on the left, beside the grid, in lane order', () => {
        const labels = boxesOf(diagram, 'lane-label');
        expect(labels.map(l => texts(l).join(' '))).toEqual(diagram.lanes.filter(l => !['interaction', 'visibility', 'internal'].includes(l.lane)).map(l => l.label));
        const gridLeft = Math.min(...boxesOf(diagram, 'touchpoint').map(b => b.x));
        for (const l of labels) expect(l.x + l.width).toBeLessThan(gridLeft);
    });
});

describe('journey view: emotion curve', () => {
    test('a path through the emotion points of the touchpoints that have one, higher emotion higher up', () => {
        const curve = diagram.lines.find(l => l.kind === 'emotion')!;
        const withEmotion = model.touchpoints.filter(t => t.emotion !== undefined);
        expect(withEmotion.map(t => t.id)).not.toContain('Shop.GiftNote');
        expect(curve.points).toHaveLength(withEmotion.length);
        const dots = boxesOf(diagram, 'emotion');
        expect(dots.map(d => d.id)).toEqual(withEmotion.map(t => t.id));
        dots.forEach((dot, i) => {
            expect(center(dot).x).toBeCloseTo(curve.points[i].x, 5);
            expect(center(dot).x).toBeCloseTo(center(box(diagram, 'touchpoint', dot.id!)).x, 5);
        });
        const yOf = (id: string) => center(box(diagram, 'emotion', id)).y;
        expect(yOf('Shop.Door')).toBeLessThan(yOf('Shop.Ad')); // +2 above +1
        expect(yOf('Shop.Ad')).toBeLessThan(yOf('Shop.Confirm')); // +1 above 0
        expect(yOf('Shop.Confirm')).toBeLessThan(yOf('Shop.Checkout')); // 0 above -1
        const emotion = diagram.lanes.find(l => l.lane === 'emotion')!;
        for (const p of curve.points) expect(p.y > emotion.y && p.y < emotion.y + emotion.height).toBe(true);
    });
});

describe('journey view: moments of truth', () => {
    const marker = (b: DiagramBox) => b.parts.find(p => p.type === 'circle') as Extract<DiagramBox['parts'][number], { type: 'circle' }>;

    test('in the column of their touchpoint, coloured by polarity, sized by impact, with the kind label and the title', () => {
        for (const m of model.moments) {
            const b = box(diagram, 'moment', m.id);
            const card = box(diagram, 'touchpoint', m.at!);
            expect(within(b, card), m.id).toBe(true);
        }
        const pay = box(diagram, 'moment', 'Shop.PayMoment');
        const arrives = box(diagram, 'moment', 'Shop.Arrives');
        const gift = box(diagram, 'moment', 'Shop.GiftMoment');
        expect([marker(arrives).fill, marker(gift).fill, marker(pay).fill]).toEqual(['positive', 'negative', 'mixed']);
        expect(marker(gift).r).toBe(IMPACT_RADIUS.low);
        expect(marker(pay).r).toBe(IMPACT_RADIUS.high);
        expect(marker(arrives).r).toBe(IMPACT_RADIUS.critical);
        expect(IMPACT_RADIUS.low).toBeLessThan(IMPACT_RADIUS.medium);
        expect(IMPACT_RADIUS.medium).toBeLessThan(IMPACT_RADIUS.high);
        expect(IMPACT_RADIUS.high).toBeLessThan(IMPACT_RADIUS.critical);
        expect(texts(pay)).toEqual(expect.arrayContaining(['FMOT · high', 'Pay or leave']));
        expect(texts(arrives)).toContain('AMOT · critical');
        expect(texts(gift)).toContain('SMOT · low');
    });
});

describe('journey view: pains and opportunities', () => {
    test('a pain at a touchpoint sits under it; a pain at a stage in the stage\'s first column, saying it is about all of the stage', () => {
        expect(within(box(diagram, 'pain', 'Shop.Fees'), box(diagram, 'touchpoint', 'Shop.Checkout'))).toBe(true);
        const slow = box(diagram, 'pain', 'Shop.Slow');
        expect(within(slow, box(diagram, 'touchpoint', 'Shop.Door'))).toBe(true);
        expect(slow.x).toBeCloseTo(box(diagram, 'stage', 'Shop.Receive').x, 5);
        expect(texts(slow)).toContain('all of Receive');
    });

    test('an opportunity has one line to each thing it addresses', () => {
        const lines = diagram.lines.filter(l => l.kind === 'addresses');
        expect(lines.map(l => [l.from, l.to])).toEqual([['Shop.ShowFees', 'Shop.Fees'], ['Shop.ShowFees', 'Shop.PayMoment']]);
        const opp = box(diagram, 'opportunity', 'Shop.ShowFees');
        for (const l of lines) {
            const target = diagram.boxes.find(b => b.id === l.to && (b.kind === 'pain' || b.kind === 'moment'))!;
            expect(l.points[0].y).toBeCloseTo(opp.y, 5);
            expect(l.points[l.points.length - 1].y).toBeCloseTo(target.y + target.height, 5);
        }
    });
});

describe('journey view: processes, systems, information', () => {
    test('each process sits in the columns of the touchpoints that use it, with a connector from each of them', () => {
        const uses = diagram.lines.filter(l => l.kind === 'uses');
        const expected = model.touchpoints.flatMap(t => t.processes.map(p => [t.id, p]));
        expect(uses.map(l => [l.from, l.to])).toEqual(expected);
        for (const l of uses) {
            const card = box(diagram, 'touchpoint', l.from!);
            const end = l.points[l.points.length - 1];
            const target = diagram.boxes.find(b => b.kind === 'process' && b.id === l.to && within({ x: end.x, width: 0 }, b))!;
            expect(target, `${l.from} → ${l.to}`).toBeDefined();
            expect(l.points[0].y).toBeCloseTo(card.y + card.height, 5);
            expect(within({ x: l.points[0].x, width: 0 }, card)).toBe(true);
            expect(end.y).toBeCloseTo(target.y, 5);
            // orthogonal: every segment vertical or horizontal
            for (let i = 1; i < l.points.length; i++) {
                const [a, b] = [l.points[i - 1], l.points[i]];
                expect(a.x === b.x || a.y === b.y).toBe(true);
            }
            // the process box covers the touchpoint's column
            expect(target.x).toBeLessThanOrEqual(card.x + 0.01);
            expect(target.x + target.width).toBeGreaterThanOrEqual(card.x + card.width - 0.01);
        }
        // used by two neighbouring touchpoints: one box over both columns
        const notify = diagram.boxes.filter(b => b.kind === 'process' && b.id === 'Shop.Notify');
        expect(notify).toHaveLength(1);
        expect(notify[0].x).toBeCloseTo(box(diagram, 'touchpoint', 'Shop.Confirm').x, 5);
        expect(notify[0].x + notify[0].width).toBeCloseTo(box(diagram, 'touchpoint', 'Shop.Door').x + box(diagram, 'touchpoint', 'Shop.Door').width, 5);
    });

    test('a connector never runs behind a box it does not join: past a frontstage box it takes the gutter', () => {
        for (const kind of ['uses', 'recovery', 'addresses']) expect(linesThroughBoxes(diagram, kind), kind).toEqual([]);
        const doorToNotify = diagram.lines.find(l => l.kind === 'uses' && l.from === 'Shop.Door' && l.to === 'Shop.Notify')!;
        expect(doorToNotify.points.length).toBeGreaterThan(2); // routed around Ship, which is in the way
        const confirmToNotify = diagram.lines.find(l => l.kind === 'uses' && l.from === 'Shop.Confirm' && l.to === 'Shop.Notify')!;
        expect(confirmToNotify.points).toHaveLength(2); // nothing in the way: straight down
    });

    test('a process no touchpoint uses goes to a trailing column, right of every stage', () => {
        const audit = box(diagram, 'process', 'Shop.Audit');
        const trailing = diagram.boxes.find(b => b.kind === 'column-header')!;
        expect(texts(trailing)).toContain('Not at a touchpoint');
        expect(within(audit, trailing)).toBe(true);
        const lastStage = box(diagram, 'stage', 'Shop.Later');
        expect(audit.x).toBeGreaterThan(lastStage.x + lastStage.width);
    });

    test('systems and information: one row each, with a mark under each touchpoint that uses them, directly or through a process', () => {
        const rows = (kind: string) => boxesOf(diagram, kind).map(b => b.id);
        expect(rows('system')).toEqual(model.systems.map(s => s.id));
        expect(rows('information')).toEqual(model.information.map(i => i.id));
        const column = (tp: string) => center(box(diagram, 'touchpoint', tp)).x;
        const marks = (id: string) => diagram.boxes.filter(b => b.kind === 'usage' && b.id === id).map(b => center(b).x);
        // Web: through Pay at Checkout; Crm: through Notify at Confirm and Door; Order: at Checkout itself, read by Ship and Notify
        expect(marks('Web')).toEqual([column('Shop.Checkout')]);
        expect(marks('Crm')).toEqual([column('Shop.Confirm'), column('Shop.Door')]);
        expect(marks('Order')).toEqual([column('Shop.Checkout'), column('Shop.Confirm'), column('Shop.Door')]);
        const order = diagram.boxes.filter(b => b.kind === 'usage' && b.id === 'Order');
        expect(order[0].parts.some(p => p.type === 'circle' && p.stroke === undefined)).toBe(true); // at the touchpoint: a disc
        expect(order[1].parts.some(p => p.type === 'text' && p.text === 'R')).toBe(true); // read by Notify
        // each mark in its row
        for (const mark of boxesOf(diagram, 'usage')) {
            const row = diagram.boxes.find(b => (b.kind === 'system' || b.kind === 'information') && b.id === mark.id)!;
            expect(mark.y).toBeCloseTo(row.y, 5);
        }
    });

    test('a process no touchpoint uses puts its systems\' marks in the trailing column', async () => {
        const m = await modelOf(`system S "Sys" journey J { process Lone "Lone" { lane support  systems S }  stage St { touchpoint A { channel web } } }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const trailing = d.boxes.find(b => b.kind === 'column-header')!;
        const marks = d.boxes.filter(b => b.kind === 'usage' && b.id === 'S');
        expect(marks).toHaveLength(1);
        expect(center(marks[0]).x).toBeCloseTo(center(trailing).x, 0);
    });
});

describe('journey view: what has no place', () => {
    test('a process only used to recover a moment goes to the moment\'s column, with a recovery connector', async () => {
        const m = await modelOf(`journey J {
            process Fix "Fix it" { lane frontstage }
            stage S { touchpoint A { channel web } touchpoint B { channel web } }
            moment Bad { at B  polarity negative  recovery Fix }
        }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const fix = box(d, 'process', 'J.Fix');
        expect(within(box(d, 'touchpoint', 'J.B'), fix)).toBe(true);
        const recovery = d.lines.filter(l => l.kind === 'recovery');
        expect(recovery.map(l => [l.from, l.to])).toEqual([['J.Bad', 'J.Fix']]);
        expect(recovery[0].dash).toBeTruthy();
        expect(d.boxes.some(b => b.kind === 'column-header')).toBe(false);
    });

    test('a moment without a touchpoint and a pain without `at` go to the trailing column', async () => {
        const m = await modelOf(`journey J {
            stage S { touchpoint A { channel web } }
            moment Lost "Somewhere"  pain Vague "Vague"
        }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const trailing = d.boxes.find(b => b.kind === 'column-header')!;
        expect(within(box(d, 'moment', 'J.Lost'), trailing)).toBe(true);
        expect(within(box(d, 'pain', 'J.Vague'), trailing)).toBe(true);
        expect(overlaps(d.boxes)).toEqual([]);
    });

    test('an empty journey still draws: title, the touchpoints lane and a one-line note; no legend, as nothing is drawn that it would explain', async () => {
        const m = await modelOf('journey J "Nothing yet"');
        const d = layoutDiagram(m, { view: 'journey' });
        expect(d.width).toBeGreaterThan(0);
        expect(box(d, 'journey', 'J').parts.some(p => p.type === 'text' && p.text === 'Nothing yet')).toBe(true);
        expect(d.lanes.map(l => l.lane)).toEqual(['touchpoints']);
        expect(d.boxes.filter(b => b.kind === 'legend')).toEqual([]);
        expect(d.boxes.filter(b => b.kind === 'panel-note').map(b => texts(b))).toEqual([['No objectives or KPIs']]);
        expect(overlaps(d.boxes)).toEqual([]);
        expect(layoutDiagram(m, { view: 'copis' }).boxes.filter(b => b.kind === 'column-note')).toHaveLength(5);
    });
});

describe('journey view: objectives and KPIs', () => {
    test('the full panel at the start of the diagram, under the lanes: each objective, each KPI with current vs target and met, missed or unknown', () => {
        const gridBottom = Math.max(...diagram.lanes.map(l => l.y + l.height));
        const header = boxesOf(diagram, 'panel-header')[0];
        expect(header.x).toBeLessThan(JOURNEY_SIZES.margin + 20);
        expect(header.y).toBeGreaterThan(gridBottom);
        const kpis = boxesOf(diagram, 'kpi').filter(k => k.y > gridBottom);
        expect(kpis.map(k => k.id)).toEqual(['Shop.OnTime', 'Shop.Nps', 'Shop.Csat', 'Shop.Repeat']);
        expect(kpis.map(k => k.status)).toEqual(['missed', 'met', 'unknown', 'met']);
        const onTime = texts(kpis[0]);
        expect(onTime).toEqual(expect.arrayContaining(['On-time delivery', '\u2717', 'now 91% · target \u2265 97%']));
        expect(texts(kpis[1])).toContain('\u2713');
        expect(texts(kpis[2])).toEqual(expect.arrayContaining(['?', 'now \u2014 · no target']));
        // each objective above its KPIs, in its column
        const fast = box(diagram, 'objective', 'Shop.Fast');
        expect(fast.y + fast.height).toBeLessThanOrEqual(kpis[0].y);
        expect(kpis[0].x).toBeGreaterThan(fast.x);
        expect(kpis[0].x + kpis[0].width).toBeLessThanOrEqual(fast.x + fast.width + 0.01);
    });

    test('each KPI beside the stages it is measured in: under the stage of every moment that names it', () => {
        const lane = diagram.lanes.find(l => l.lane === 'kpis')!;
        const inLane = boxesOf(diagram, 'kpi').filter(k => k.y >= lane.y && k.y < lane.y + lane.height);
        const expected = model.stages.flatMap(stage => [...new Set(model.moments.filter(m => m.stage === stage.id).flatMap(m => m.kpis))].map(k => [stage.id, k]));
        expect(expected).toEqual([['Shop.Buy', 'Shop.OnTime'], ['Shop.Receive', 'Shop.OnTime']]);
        expect(inLane.map(k => [model.stages.find(s => within(k, box(diagram, 'stage', s.id)))?.id, k.id])).toEqual(expected);
    });

    test('the tiny journey: the panel is no wider than the map', async () => {
        const m = await modelOf(`customer C "Customer" journey T "Tiny" { customers C
            objective O1 "One" { kpi K1 { metric nps current 1 target >= 2 } }
            objective O2 "Two" { kpi K2 { metric nps current 1 target >= 2 } }
            stage S "Only stage" { touchpoint A "Ask" { channel web } } }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const gridRight = Math.max(...d.boxes.filter(b => b.kind === 'stage' || b.kind === 'touchpoint').map(b => b.x + b.width)) + JOURNEY_SIZES.inset;
        const panel = d.bands.find(b => b.kind === 'panel')!;
        expect(panel.x + panel.width).toBeLessThanOrEqual(Math.max(gridRight, JOURNEY_SIZES.margin + JOURNEY_SIZES.panelWidth) + 0.01);
        expect(overlaps(d.boxes)).toEqual([]);
    });
});

describe('journey view: KPIs of objectives the journey does not own', () => {
    let referencing: Diagram;
    beforeAll(async () => {
        const models = await journeyModels([{ uri: 'file:///test/main.copis', text: REFERENCING }]);
        referencing = layoutDiagram(models.find(m => m.id === 'J')!, { view: 'journey' });
    });

    test('drawn after the journey\'s own, under "Referenced, not owned", with met or missed and nothing it does not name', () => {
        // The panel's KPIs (the KPIs lane beside the stages draws the ones its moments name, too).
        const panel = referencing.bands.find(b => b.kind === 'panel')!;
        const kpis = boxesOf(referencing, 'kpi').filter(k => k.y >= panel.y && k.y + k.height <= panel.y + panel.height);
        expect(kpis.map(k => [k.id, k.status])).toEqual([['J.Csat', 'met'], ['Other.Nps', 'met'], ['Shared.Repeat', 'missed']]);
        const header = referencing.boxes.find(b => b.kind === 'panel-header' && texts(b).includes('Referenced, not owned'))!;
        expect(header).toBeDefined();
        expect(texts(header).join(' ')).toContain('2 KPIs · 1 met · 1 missed · 0 unknown');
        expect(header.y).toBeGreaterThan(kpis[0].y);
        expect(header.y + header.height).toBeLessThanOrEqual(box(referencing, 'objective', 'Other.Theirs').y);
        // The panel header counts the journey's own KPIs only.
        const top = referencing.boxes.find(b => b.kind === 'panel-header' && texts(b).includes('Objectives and KPIs'))!;
        expect(texts(top)).toContain('1 KPI · 1 met · 0 missed · 0 unknown');
    });

    test('a referenced objective says where it is from and is framed dashed; one of the journey\'s own is not', () => {
        const theirs = box(referencing, 'objective', 'Other.Theirs');
        expect(texts(theirs)).toContain('referenced · from journey Other');
        expect(texts(box(referencing, 'objective', 'Shared'))).toContain('referenced · shared objective');
        expect(theirs.tooltip).toContain('referenced, not owned');
        const frame = (b: DiagramBox) => b.parts.find(p => p.type === 'rect');
        expect(frame(theirs)).toMatchObject({ dash: '4 3' });
        expect(frame(box(referencing, 'objective', 'J.Own'))).not.toHaveProperty('dash');
    });

    test('a KPI\'s owner is shown under it and in its tooltip', () => {
        const repeat = box(referencing, 'kpi', 'Shared.Repeat');
        expect(texts(repeat)).toContain('percent · owner CRM team');
        expect(repeat.tooltip).toContain('owner CRM team');
    });

    test('no overlaps, text inside its boxes', () => {
        expect(overlaps(referencing.boxes)).toEqual([]);
        expect(textOutsideBoxes(referencing)).toEqual([]);
    });

    test('an in-person touchpoint gets the in-person icon, drawn in the SVG', async () => {
        const card = box(referencing, 'touchpoint', 'J.T');
        expect(card.parts).toContainEqual(expect.objectContaining({ type: 'icon', icon: 'in-person' }));
        expect(texts(card)).toContain('in-person');
        const models = await journeyModels([{ uri: 'file:///test/main.copis', text: REFERENCING }]);
        expect(renderDiagram(models.find(m => m.id === 'J')!, { view: 'journey' }).svg).toContain(`<path d="${ICON_PATHS['in-person']}"`);
        expect(ICON_PATHS['in-person']).not.toBe(ICON_PATHS.partner);
        expect(ICON_PATHS['in-person']).not.toBe(ICON_PATHS.other);
    });
});

describe('journey view: long text', () => {
    test('long titles wrap to at most 3 lines, end with an ellipsis, and keep the full text in the tooltip', async () => {
        const long = 'A very long touchpoint title that goes on and on about the many things that happen at this touchpoint, more than fits';
        const m = await modelOf(`journey J { stage S { touchpoint T "${long}" { channel web } } }`);
        const d = layoutDiagram(m, { view: 'journey' });
        const card = box(d, 'touchpoint', 'J.T');
        const titleLines = card.parts.filter(p => p.type === 'text' && p.font === 'title');
        expect(titleLines).toHaveLength(3);
        expect(texts(card).some(t => t.endsWith('\u2026'))).toBe(true);
        expect(card.tooltip!.split('\n')[0]).toBe(long);
        const { svg } = renderDiagram(m, { view: 'journey' });
        expect(svg).toContain(`<title>${long}\nTouchpoint T · web</title>`);
    });
});

describe('journey view: a long journey stays legible', () => {
    test('40 touchpoints: no overlaps, every column at least the minimum width, the diagram just gets wider', async () => {
        const m = await modelOf(generatedJourney(8, 5));
        expect(m.touchpoints).toHaveLength(40);
        const d = layoutDiagram(m, { view: 'journey' });
        expect(overlaps(d.boxes)).toEqual([]);
        const cards = boxesOf(d, 'touchpoint');
        expect(cards).toHaveLength(40);
        for (let i = 1; i < cards.length; i++) {
            expect(cards[i].x - cards[i - 1].x).toBeGreaterThanOrEqual(JOURNEY_SIZES.slotMin);
        }
        expect(d.width).toBeGreaterThan(40 * JOURNEY_SIZES.slotMin);
        expect(textOutsideBoxes(d)).toEqual([]);
        for (const kind of ['uses', 'recovery', 'addresses']) expect(linesThroughBoxes(d, kind), kind).toEqual([]);
    });
});
