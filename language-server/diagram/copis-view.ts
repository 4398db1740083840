/**
 * The COPIS view: five columns — Customers, Objectives, Processes, Information, Systems —
 * and one link per reference between them: `for` (objective → customer), `supports`
 * (process → objective), `reads` and `writes` (process → information), `source`
 * (information → system) and `systems` (process → system, routed through a gap of the
 * Information column). Boxes are ordered by a few passes of barycentric ordering, keeping
 * the order with the fewest crossings; ties fall back to the previous order, then the id.
 */
import type { Element, JourneyModel } from '../model/journey-model.js';
import { referencedFrom } from '../model/origin.js';
import { Stack, clamp, labelOf, textWidth, tooltip } from './kit.js';
import type { Colour } from './theme.js';
import type { Band, Diagram, DiagramBox, DiagramLine, Part, Point } from './types.js';
import { problemsBanner } from './banner.js';
import { addProblemRow, finishBox, markFrame, problemTooltip } from './journey/cards.js';
import { NO_PROBLEMS, type ProblemIndex } from './problems.js';
import { kpiCounts } from '../model/kpi-status.js';
import { plural } from '../model/labels.js';

export const COPIS_SIZES = {
    margin: 20,
    columnMin: 176,
    columnMax: 236,
    columnGap: 124,
    boxGap: 20,
    headerHeight: 40,
    passes: 6
} as const;

const S = COPIS_SIZES;

export type ColumnKind = 'customer' | 'objective' | 'process' | 'information' | 'system';
/** The view's columns: `label` heads one, `one` and `many` count its elements in the subtitle (`1 customer · 3 systems`). */
export const COPIS_COLUMNS: Array<{ kind: ColumnKind; label: string; one: string; many: string }> = [
    { kind: 'customer', label: 'Customers', one: 'customer', many: 'customers' },
    { kind: 'objective', label: 'Objectives', one: 'objective', many: 'objectives' },
    { kind: 'process', label: 'Processes', one: 'process', many: 'processes' },
    { kind: 'information', label: 'Information', one: 'information item', many: 'information items' },
    { kind: 'system', label: 'Systems', one: 'system', many: 'systems' }
];

export type LinkKind = 'for' | 'supports' | 'reads' | 'writes' | 'source' | 'systems';

interface LinkStyle {
    stroke: Colour;
    width: number;
    dash?: string;
    /** The arrow points at the element named (`to`), or back at the one that names it (`from`). */
    towards: 'to' | 'from';
    label: string;
}

export const LINK_STYLES: Record<LinkKind, LinkStyle> = {
    for: { stroke: 'muted', width: 1.2, towards: 'to', label: 'for (objective → customer)' },
    supports: { stroke: 'objective', width: 1.5, towards: 'to', label: 'supports (process → objective)' },
    reads: { stroke: 'accent', width: 1.4, dash: '5 3', towards: 'from', label: 'reads (information → process)' },
    writes: { stroke: 'accent', width: 1.4, towards: 'to', label: 'writes (process → information)' },
    source: { stroke: 'muted', width: 1.4, dash: '2 3', towards: 'to', label: 'source (system of record)' },
    systems: { stroke: 'neutral', width: 1.2, towards: 'to', label: 'runs on (process → system)' }
};

interface Node {
    id: string;
    column: number;
    element: Element;
    content: (width: number) => Stack;
    tooltip: string;
    prefWidth: number;
}

export interface Link {
    kind: LinkKind;
    from: string;
    to: string;
}

export function layoutCopis(model: JourneyModel, options: { customer?: string; problems?: ProblemIndex } = {}): Diagram {
    const problems = options.problems ?? NO_PROBLEMS;
    const nodes = copisNodes(model);
    const byId = new Map(nodes.map(n => [n.id, n]));
    const links = copisLinks(model).filter(l => byId.has(l.from) && byId.has(l.to));

    // ---- order ----------------------------------------------------------------------------
    const columns = orderColumns(nodes, links, byId);

    // ---- sizes and positions --------------------------------------------------------------
    const width = Math.round(clamp(Math.max(0, ...nodes.map(n => n.prefWidth)) , S.columnMin, S.columnMax));
    const columnX = (c: number) => S.margin + c * (width + S.columnGap);
    const totalWidth = columnX(4) + width + S.margin;

    const boxes: DiagramBox[] = [];
    const bands: Band[] = [];
    const lines: DiagramLine[] = [];

    let y = S.margin;
    const subtitle = [
        'COPIS view',
        ...COPIS_COLUMNS.map((c, i) => plural(columns[i].length, c.one, c.many)),
        options.customer !== undefined ? `the path of ${byId.has(options.customer) ? labelOf(byId.get(options.customer)!.element) : options.customer}` : undefined
    ].filter(Boolean).join(' · ');
    const title = new Stack(totalWidth - 2 * S.margin, 0, 0).text(labelOf(model), 'heading', 'fg', 1).text(subtitle, 'small', 'muted', 1);
    boxes.push(finishBox({ kind: 'journey', id: model.id, x: S.margin, y, width: totalWidth - 2 * S.margin, tooltip: tooltip('journey', model) }, title, () => [], problems.of(model)));
    y += boxes[0].height + 16;
    const banner = problemsBanner(problems.count, S.margin, y, Math.min(totalWidth - 2 * S.margin, 760));
    if (banner) {
        boxes.push(banner);
        y += banner.height + 16;
    }

    const headerTop = y;
    COPIS_COLUMNS.forEach((c, i) => {
        const stack = new Stack(width, 10, 6).text(c.label, 'header', 'fg', 1).text(`${columns[i].length}`, 'small', 'muted', 1);
        boxes.push({ kind: 'column-header', x: columnX(i), y: headerTop, width, height: S.headerHeight, parts: stack.draw(columnX(i), headerTop) });
    });
    const contentTop = headerTop + S.headerHeight + 18;

    const stacks = columns.map(col => col.map(n => {
        const stack = n.content(width);
        const messages = problems.of(n.element);
        if (messages) addProblemRow(stack, messages);
        return stack;
    }));
    const heights = stacks.map(col => col.map(s => Math.ceil(s.height)));
    const columnHeight = heights.map(h => h.reduce((a, b) => a + b, 0) + Math.max(0, h.length - 1) * S.boxGap);
    const tallest = Math.max(60, ...columnHeight);
    const contentBottom = contentTop + tallest;
    const boxOf = new Map<string, DiagramBox>();
    columns.forEach((col, c) => {
        let by = contentTop + Math.round((tallest - columnHeight[c]) / 2);
        if (col.length === 0) {
            const note = new Stack(width, 10, 6).text('None', 'body', 'muted', 1, 0, 'middle');
            boxes.push({ kind: 'column-note', x: columnX(c), y: contentTop, width, height: note.height, parts: note.draw(columnX(c), contentTop) });
        }
        col.forEach((n, i) => {
            const height = heights[c][i];
            const x = columnX(c);
            const messages = problems.of(n.element);
            const box: DiagramBox = {
                kind: kindOf(n.element), id: n.id, x, y: by, width, height,
                tooltip: messages ? problemTooltip(n.tooltip, messages) : n.tooltip,
                ...(messages ? { problem: 'error' as const } : {}),
                parts: [...(messages ? markFrame(frame(n, x, by, width, height)) : frame(n, x, by, width, height)), ...stacks[c][i].draw(x, by)]
            };
            boxes.push(box);
            boxOf.set(n.id, box);
            by += height + S.boxGap;
        });
        bands.push({ kind: 'column', x: columnX(c) - 12, y: headerTop - 6, width: width + 24, height: contentBottom - headerTop + 18, fill: 'stripe', opacity: 0.03 });
    });

    // ---- anchors: links spread along a box's side, ordered by where they go ----------------
    const sideSlots = new Map<string, Array<{ link: Link; otherY: number }>>();
    const sideKey = (id: string, side: 'left' | 'right') => `${side}:${id}`;
    const sideOf = (id: string, otherId: string): 'left' | 'right' => byId.get(id)!.column < byId.get(otherId)!.column ? 'right' : 'left';
    for (const link of links) {
        for (const [self, other] of [[link.from, link.to], [link.to, link.from]] as const) {
            const key = sideKey(self, sideOf(self, other));
            const otherBox = boxOf.get(other)!;
            const list = sideSlots.get(key) ?? [];
            list.push({ link, otherY: otherBox.y + otherBox.height / 2 });
            sideSlots.set(key, list);
        }
    }
    const kindRank = (k: LinkKind) => Object.keys(LINK_STYLES).indexOf(k);
    for (const list of sideSlots.values()) {
        list.sort((a, b) => a.otherY - b.otherY || kindRank(a.link.kind) - kindRank(b.link.kind)
            || compare(a.link.from, b.link.from) || compare(a.link.to, b.link.to));
    }
    const anchor = (self: string, other: string, link: Link): Point => {
        const side = sideOf(self, other);
        const list = sideSlots.get(sideKey(self, side))!;
        const i = list.findIndex(s => s.link === link);
        const box = boxOf.get(self)!;
        const span = Math.min(box.height - 12, Math.max(16, list.length * 10));
        const y = box.y + box.height / 2 - span / 2 + span * (i + 1) / (list.length + 1);
        return { x: side === 'right' ? box.x + box.width : box.x, y };
    };

    // ---- gaps of the Information column, for process → system links -----------------------
    const informationBoxes = columns[3].map(n => boxOf.get(n.id)!);
    const gaps: Array<{ top: number; bottom: number; used: number }> = [];
    {
        let top = contentTop - 10;
        for (const b of informationBoxes) {
            gaps.push({ top, bottom: b.y, used: 0 });
            top = b.y + b.height;
        }
        gaps.push({ top, bottom: contentBottom + 10, used: 0 });
    }

    for (const link of links) {
        const style = LINK_STYLES[link.kind];
        const a = anchor(link.from, link.to, link);
        const b = anchor(link.to, link.from, link);
        let start = a;
        let end = b;
        if (style.towards === 'from') [start, end] = [b, a];
        let points: Point[];
        if (link.kind === 'systems' && informationBoxes.length > 0) {
            const middle = (start.y + end.y) / 2;
            let best = gaps[0];
            let bestCost = Infinity;
            for (const g of gaps) {
                const gy = clamp(middle, g.top + 5, g.bottom - 5);
                const cost = Math.abs(gy - start.y) + Math.abs(gy - end.y);
                if (cost < bestCost - 0.01) {
                    best = g;
                    bestCost = cost;
                }
            }
            const base = clamp(middle, best.top + 5, best.bottom - 5);
            const gy = clamp(base + (best.used % 3) * 4 - 4, best.top + 3, best.bottom - 3);
            best.used++;
            const xa = columnX(3) - 14;
            const xb = columnX(3) + width + 14;
            const d = (xa - start.x) / 2;
            points = [
                start, { x: start.x + d, y: start.y }, { x: xa - d, y: gy }, { x: xa, y: gy },
                { x: xa + (xb - xa) / 3, y: gy }, { x: xa + 2 * (xb - xa) / 3, y: gy }, { x: xb, y: gy },
                { x: xb + (end.x - xb) / 2, y: gy }, { x: end.x - (end.x - xb) / 2, y: end.y }, end
            ];
        } else {
            const d = (end.x - start.x) / 2;
            points = [start, { x: start.x + d, y: start.y }, { x: end.x - d, y: end.y }, end];
        }
        lines.push({
            kind: link.kind, from: link.from, to: link.to, points, shape: 'bezier',
            stroke: style.stroke, width: style.width, ...(style.dash ? { dash: style.dash } : {}), opacity: 0.9, arrow: true
        });
    }

    // ---- legend ---------------------------------------------------------------------------
    let ly = contentBottom + 34;
    const legendKinds = Object.keys(LINK_STYLES) as LinkKind[];
    const perRow = 3;
    const cell = (totalWidth - 2 * S.margin) / perRow;
    legendKinds.forEach((kind, i) => {
        const style = LINK_STYLES[kind];
        const lx = S.margin + (i % perRow) * cell;
        const rowY = ly + Math.floor(i / perRow) * 22;
        lines.push({ kind: 'legend', points: [{ x: lx, y: rowY + 8 }, { x: lx + 36, y: rowY + 8 }], shape: 'polyline', stroke: style.stroke, width: style.width, ...(style.dash ? { dash: style.dash } : {}), arrow: true });
        const label = new Stack(cell - 56, 0, 0).text(style.label, 'small', 'muted', 1);
        boxes.push({ kind: 'legend', x: lx + 44, y: rowY + 1, width: cell - 56, height: label.height, parts: label.draw(lx + 44, rowY + 1) });
    });
    ly += Math.ceil(legendKinds.length / perRow) * 22;

    return { view: 'copis', title: labelOf(model), width: Math.ceil(totalWidth), height: Math.ceil(ly + S.margin), bands, lines, boxes, lanes: [] };
}

/** One link per reference between elements of the view (a reference written twice counts once). */
export function copisLinks(model: JourneyModel): Link[] {
    const links: Link[] = [];
    const seen = new Set<string>();
    const push = (kind: LinkKind, from: string, to: string) => {
        const key = `${kind}\u0000${from}\u0000${to}`;
        if (seen.has(key)) return;
        seen.add(key);
        links.push({ kind, from, to });
    };
    for (const o of model.objectives) o.for.forEach(c => push('for', o.id, c));
    for (const p of model.processes) {
        p.supports.forEach(o => push('supports', p.id, o));
        p.reads.forEach(i => push('reads', p.id, i));
        p.writes.forEach(i => push('writes', p.id, i));
        p.systems.forEach(s => push('systems', p.id, s));
    }
    for (const i of model.information) if (i.source) push('source', i.id, i.source);
    return links;
}

function copisNodes(model: JourneyModel): Node[] {
    const nodes: Node[] = [];
    const seen = new Set<string>();
    /** `note`: a line of its own under the title (what kind of box this is), before the facts. */
    const add = (column: number, element: Element, details: Array<string | undefined>, tip: Array<string | undefined>, note?: string) => {
        if (seen.has(element.id)) return;
        seen.add(element.id);
        const facts = details.filter(Boolean).join(' · ');
        nodes.push({
            id: element.id, column, element,
            tooltip: tooltip(kindOf(element), element, tip),
            prefWidth: Math.max(textWidth(labelOf(element), 'title'), note ? textWidth(note, 'small') : 0, 120) + 24,
            content: width => new Stack(width, 12, 8).text(labelOf(element), 'title', 'fg', 3).text(note, 'small', 'muted', 2).text(facts || undefined, 'small', 'muted', 2)
        });
    };
    for (const c of model.customerDetails) {
        add(0, c, [c.segment, c.tier && `value ${c.tier}`, c.clv && `CLV ${c.clv.text}`], [c.segment, c.tier && `value ${c.tier}`, c.clv && `CLV ${c.clv.text}`, c.needs.length ? `needs: ${c.needs.join(', ')}` : undefined]);
    }
    for (const o of model.objectives) {
        const { met, missed } = kpiCounts(o.kpis);
        const summary = `${plural(o.kpis.length, 'KPI')}${o.kpis.length ? ` · ${met} met · ${missed} missed` : ''}`;
        // An objective the journey does not own, held for the KPIs of it that the journey names.
        const note = o.referenced ? `referenced · ${referencedFrom(o)}` : undefined;
        add(1, o, [summary], [o.referenced ? `referenced, not owned (${referencedFrom(o)}): this journey names ${o.kpis.length === 1 ? 'one of its KPIs' : 'some of its KPIs'}` : undefined, summary], note);
    }
    for (const p of model.processes) add(2, p, [p.lane, p.owner], [p.lane, p.owner && `owner ${p.owner}`, p.sla && `SLA ${p.sla.text}`, p.steps.length ? `steps: ${p.steps.join(' → ')}` : undefined]);
    for (const i of model.information) add(3, i, [i.classification, i.owner], [i.classification, i.owner && `owner ${i.owner}`]);
    for (const s of model.systems) add(4, s, [s.type, s.owner], [s.type, s.owner && `owner ${s.owner}`, s.approved && `approved for ${s.approved}`]);
    return nodes;
}

function kindOf(element: Element): string {
    return (element as Element & { kind: string }).kind;
}

function frame(n: Node, x: number, y: number, width: number, height: number): Part[] {
    const accent: Record<string, Colour> = { customer: 'positive', objective: 'objective', process: 'accent', information: 'mixed', system: 'neutral' };
    const referenced = (n.element as Element & { referenced?: boolean }).referenced;
    return [
        { type: 'rect', x, y, width, height, rx: 6, fill: 'surface', stroke: 'border', strokeWidth: 1, ...(referenced ? { dash: '4 3' } : {}) },
        { type: 'rect', x, y, width: 4, height, rx: 2, fill: accent[kindOf(n.element)] ?? 'neutral' }
    ];
}

/** Barycentric ordering of the five columns; the order with the fewest crossings wins. */
function orderColumns(nodes: Node[], links: Link[], byId: Map<string, Node>): Node[][] {
    let columns: Node[][] = [0, 1, 2, 3, 4].map(c => nodes.filter(n => n.column === c));
    const neighbours = new Map<string, string[]>(nodes.map(n => [n.id, []]));
    for (const l of links) {
        neighbours.get(l.from)!.push(l.to);
        neighbours.get(l.to)!.push(l.from);
    }
    const positions = (cols: Node[][]) => {
        const pos = new Map<string, number>();
        cols.forEach(col => col.forEach((n, i) => pos.set(n.id, (i + 0.5) / col.length)));
        return pos;
    };
    let best = columns;
    let bestCrossings = countCrossings(columns, links, byId);
    const sweep = [1, 2, 3, 4, 3, 2, 1, 0];
    for (let pass = 0; pass < S.passes && bestCrossings > 0; pass++) {
        for (const c of sweep) {
            const pos = positions(columns);
            const keyed = columns[c].map((n, i) => {
                const around = neighbours.get(n.id)!;
                const bary = around.length ? around.reduce((s, id) => s + pos.get(id)!, 0) / around.length : pos.get(n.id)!;
                return { n, bary, i };
            });
            keyed.sort((a, b) => a.bary - b.bary || a.i - b.i || compare(a.n.id, b.n.id));
            columns = columns.map((col, k) => k === c ? keyed.map(x => x.n) : col);
        }
        const crossings = countCrossings(columns, links, byId);
        if (crossings < bestCrossings) {
            best = columns;
            bestCrossings = crossings;
        }
    }
    return best;
}

/** Crossings between links that join the same pair of columns: inversions after sorting by one end. */
export function countCrossings(columns: Node[][], links: Link[], byId: Map<string, Node>): number {
    const index = new Map<string, number>();
    columns.forEach(col => col.forEach((n, i) => index.set(n.id, i)));
    const groups = new Map<string, Array<[number, number]>>();
    for (const l of links) {
        const a = byId.get(l.from)!;
        const b = byId.get(l.to)!;
        const [lo, hi] = a.column < b.column ? [a, b] : [b, a];
        const key = `${lo.column}-${hi.column}`;
        const list = groups.get(key) ?? [];
        list.push([index.get(lo.id)!, index.get(hi.id)!]);
        groups.set(key, list);
    }
    let total = 0;
    for (const pairs of groups.values()) {
        pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
        total += inversions(pairs.map(p => p[1]));
    }
    return total;
}

/** Pairs i < j with values[j] < values[i] (merge sort). */
function inversions(values: number[]): number {
    if (values.length < 2) return 0;
    const mid = values.length >> 1;
    const left = values.slice(0, mid);
    const right = values.slice(mid);
    let count = inversions(left) + inversions(right);
    left.sort((a, b) => a - b);
    right.sort((a, b) => a - b);
    let j = 0;
    for (const v of left) {
        while (j < right.length && right[j] < v) j++;
        count += j;
    }
    return count;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
