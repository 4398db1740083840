import { beforeAll, describe, expect, test } from 'vitest';
import { COPIS_COLUMNS, copisLinks, layoutDiagram, type Diagram, type DiagramBox } from '../../../language-server/diagram/index.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { REFERENCING, SHOP } from './fixtures.js';
import { journeyModels, modelOf, overlaps, textOutsideBoxes, texts } from './helpers.js';

let model: JourneyModel;
let diagram: Diagram;

beforeAll(async () => {
    model = await modelOf(SHOP);
    diagram = layoutDiagram(model, { view: 'copis' });
});

const KINDS = ['customer', 'objective', 'process', 'information', 'system'];
const elementBoxes = (d: Diagram) => d.boxes.filter(b => b.id !== undefined && KINDS.includes(b.kind));
const boxOf = (d: Diagram, id: string): DiagramBox => {
    const found = elementBoxes(d).filter(b => b.id === id);
    expect(found, id).toHaveLength(1);
    return found[0];
};

describe('COPIS view', () => {
    test('its subtitle counts each column in the singular for one, the plural for none or more', async () => {
        const one = await modelOf('customer C "C"\nsystem S "S"\njourney J "J" { customers C  stage A { category awareness  touchpoint T { systems S } } }\n');
        const subtitle = (d: Diagram) => d.boxes.flatMap(texts).find(t => t.startsWith('COPIS view'));
        expect(subtitle(layoutDiagram(one, { view: 'copis' }))).toBe('COPIS view · 1 customer · 0 objectives · 0 processes · 0 information items · 1 system');
    });

    test('five columns left to right: customers, objectives, processes, information, systems', () => {
        expect(diagram.boxes.filter(b => b.kind === 'column-header').map(h => h.parts.flatMap(p => p.type === 'text' ? [p.text] : [])[0]))
            .toEqual(COPIS_COLUMNS.map(c => c.label));
        const xs = KINDS.map(kind => {
            const boxes = elementBoxes(diagram).filter(b => b.kind === kind);
            const x = new Set(boxes.map(b => b.x));
            expect(x.size, kind).toBe(1);
            return [...x][0];
        });
        expect(xs).toEqual([...xs].sort((a, b) => a - b));
    });

    test('one box per customer, objective, process, information and system of the model', () => {
        const ids = (kind: string) => elementBoxes(diagram).filter(b => b.kind === kind).map(b => b.id).sort();
        expect(ids('customer')).toEqual(model.customerDetails.map(c => c.id).sort());
        expect(ids('objective')).toEqual(model.objectives.map(o => o.id).sort());
        expect(ids('process')).toEqual(model.processes.map(p => p.id).sort());
        expect(ids('information')).toEqual(model.information.map(i => i.id).sort());
        expect(ids('system')).toEqual(model.systems.map(s => s.id).sort());
    });

    test('each for, supports, reads, writes, source and systems reference is exactly one link between the right boxes', () => {
        const expected: string[] = [];
        for (const o of model.objectives) o.for.forEach(c => expected.push(`for ${o.id} ${c}`));
        for (const p of model.processes) {
            p.supports.forEach(o => expected.push(`supports ${p.id} ${o}`));
            p.reads.forEach(i => expected.push(`reads ${p.id} ${i}`));
            p.writes.forEach(i => expected.push(`writes ${p.id} ${i}`));
            p.systems.forEach(s => expected.push(`systems ${p.id} ${s}`));
        }
        for (const i of model.information) if (i.source) expected.push(`source ${i.id} ${i.source}`);
        expect(expected).toHaveLength(13);
        const links = diagram.lines.filter(l => l.kind !== 'legend');
        expect(links.map(l => `${l.kind} ${l.from} ${l.to}`).sort()).toEqual(expected.sort());

        // the ends of each link touch the sides of its two boxes
        for (const l of links) {
            const from = boxOf(diagram, l.from!);
            const to = boxOf(diagram, l.to!);
            const ends = [l.points[0], l.points[l.points.length - 1]];
            const touches = (b: DiagramBox) => ends.some(p => (Math.abs(p.x - b.x) < 0.01 || Math.abs(p.x - b.x - b.width) < 0.01) && p.y > b.y && p.y < b.y + b.height);
            expect(touches(from), `${l.kind} ${l.from}`).toBe(true);
            expect(touches(to), `${l.kind} ${l.to}`).toBe(true);
        }
    });

    test('reads and writes look different; the arrow of reads points at the process, of writes at the information', () => {
        const reads = diagram.lines.find(l => l.kind === 'reads')!;
        const writes = diagram.lines.find(l => l.kind === 'writes')!;
        expect(reads.dash).toBeTruthy();
        expect(writes.dash).toBeUndefined();
        const end = (l: typeof reads) => l.points[l.points.length - 1];
        expect(Math.abs(end(reads).x - (boxOf(diagram, reads.from!).x + boxOf(diagram, reads.from!).width))).toBeLessThan(0.01);
        expect(Math.abs(end(writes).x - boxOf(diagram, writes.to!).x)).toBeLessThan(0.01);
    });

    test('process → system links pass the information column in a gap, not through a box', () => {
        const info = elementBoxes(diagram).filter(b => b.kind === 'information');
        const left = info[0].x;
        const right = left + info[0].width;
        for (const l of diagram.lines.filter(x => x.kind === 'systems')) {
            const across = l.points.filter(p => p.x >= left && p.x <= right);
            expect(across.length).toBeGreaterThan(0);
            for (const p of across) {
                for (const b of info) expect(p.y > b.y && p.y < b.y + b.height, `${l.from} → ${l.to} crosses ${b.id}`).toBe(false);
            }
        }
    });

    test('no overlaps; text inside its boxes', () => {
        expect(overlaps(diagram.boxes)).toEqual([]);
        expect(textOutsideBoxes(diagram)).toEqual([]);
    });

    test('ordering keeps crossings few: a model drawn crossed in declaration order comes out uncrossed', async () => {
        // Declared so that the naive order crosses: P1 supports O2, P2 supports O1, ...
        const m = await modelOf(`
            customer C1  customer C2  customer C3
            system S1  system S2  system S3
            information I1 { source S3 }  information I2 { source S2 }  information I3 { source S1 }
            journey J {
              customers C1, C2, C3
              objective O1 { for C3 }  objective O2 { for C2 }  objective O3 { for C1 }
              process P1 { supports O3  writes I3  systems S1 }
              process P2 { supports O2  writes I2  systems S2 }
              process P3 { supports O1  writes I1  systems S3 }
              stage St { touchpoint T { processes P1, P2, P3 } }
            }`);
        const d = layoutDiagram(m, { view: 'copis' });
        const y = (id: string) => boxOf(d, id).y;
        const pairs = d.lines.filter(l => l.kind !== 'legend' && l.kind !== 'systems');
        let crossings = 0;
        for (let i = 0; i < pairs.length; i++) {
            for (let j = i + 1; j < pairs.length; j++) {
                const a = pairs[i];
                const b = pairs[j];
                if (a.kind !== b.kind) continue;
                if ((y(a.from!) - y(b.from!)) * (y(a.to!) - y(b.to!)) < 0) crossings++;
            }
        }
        expect(crossings).toBe(0);
        expect(copisLinks(m)).toHaveLength(15);
    });

    test('a reference written twice is one link', async () => {
        const m = await modelOf('information I  journey J { process P { reads I, I } stage S { touchpoint T { processes P } } }');
        expect(copisLinks(m)).toEqual([{ kind: 'reads', from: 'J.P', to: 'I' }]);
    });
});

describe('COPIS view: objectives the journey does not own', () => {
    test('in the Objectives column, marked referenced and framed dashed, with the KPIs of theirs it names; their `for` customers too', async () => {
        const models = await journeyModels([{ uri: 'file:///test/main.copis', text: REFERENCING }]);
        const d = layoutDiagram(models.find(m => m.id === 'J')!, { view: 'copis' });
        const objectives = elementBoxes(d).filter(b => b.kind === 'objective');
        expect(objectives.map(b => b.id).sort()).toEqual(['J.Own', 'Other.Theirs', 'Shared']);
        const shared = boxOf(d, 'Shared');
        expect(texts(shared)).toEqual(expect.arrayContaining(['Shared loyalty', 'referenced · shared objective', '1 KPI · 0 met · 1 missed']));
        expect(texts(boxOf(d, 'Other.Theirs'))).toEqual(expect.arrayContaining(['referenced · from journey Other', '1 KPI · 1 met · 0 missed']));
        expect(shared.parts[0]).toMatchObject({ type: 'rect', dash: '4 3' });
        expect(boxOf(d, 'J.Own').parts[0]).not.toHaveProperty('dash');
        // `for B` of the shared objective is a link to B, who is drawn.
        expect(d.lines.filter(l => l.kind === 'for').map(l => [l.from, l.to])).toEqual([['Shared', 'B']]);
        expect(overlaps(d.boxes)).toEqual([]);
        expect(textOutsideBoxes(d)).toEqual([]);
    });
});
