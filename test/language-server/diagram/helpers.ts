import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { URI } from 'langium';
import type { ActualsSource } from '../../../language-server/actuals/actuals-service.js';
import { rootFromConfig } from '../../../language-server/workspace/model-files.js';
import type { ModelRoot } from '../../../language-server/workspace/model-roots.js';
import { pathToFileURL } from 'node:url';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel } from '../../../language-server/model/build-model.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import {
    CARD_STYLES, CURVE_RING, EMOTION, IMPACT_RADIUS, KPI_STATUS, LINE_STYLES, MOMENT_KINDS, POLARITY, PROBLEM_MARK, RECOVERY_BADGE, SPARKLINE, USAGE_MARKS,
    measureText, type Diagram, type DiagramBox, type DiagramLine, type Part, type Point, type Rect
} from '../../../language-server/diagram/index.js';
import { FONTS } from '../../../language-server/diagram/kit.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';

/**
 * The models of every journey in `sources` (one workspace), in file and declaration order; with
 * `roots` and `actuals`, as the CLI loads a model root with the KPI actuals its config names.
 */
export async function journeyModels(sources: Array<{ uri: string; text: string }>, options: { roots?: ModelRoot[]; actuals?: ActualsSource[]; asOf?: string } = {}): Promise<JourneyModel[]> {
    const { documents, services } = await loadWorkspace(sources, { validate: false, ...options });
    const actualsOf = services.validation.Actuals.lookup;
    const models: JourneyModel[] = [];
    for (const doc of documents) {
        for (const e of (doc.parseResult.value as ast.Model).elements) {
            if (ast.isJourney(e)) models.push(buildJourneyModel(e, { actualsOf }).model);
        }
    }
    return models;
}

/** The model of the first journey in `text` (as file:///test/main.copis). */
export async function modelOf(text: string): Promise<JourneyModel> {
    const [model] = await journeyModels([{ uri: 'file:///test/main.copis', text }]);
    if (!model) throw new Error('no journey in the test text');
    return model;
}

/**
 * Every folder of examples/ as one workspace each: folder name → its .copis files; its model root (its
 * copis.config.json) and its actuals.csv, for the tests that load it as the CLI does (journeyModels).
 */
export function exampleFolders(): Array<{ folder: string; sources: Array<{ uri: string; text: string }>; root: ModelRoot; actuals: ActualsSource[] }> {
    const root = new URL('../../../examples/', import.meta.url);
    return readdirSync(root, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort().map(folder => {
        const dir = new URL(`${folder}/`, root);
        const files = readdirSync(dir).filter(f => f.endsWith('.copis')).sort();
        const model = rootFromConfig(URI.parse(pathToFileURL(dir.pathname).toString()), readFileSync(new URL('copis.config.json', dir), 'utf8'));
        const csv = new URL('actuals.csv', dir);
        return {
            folder, root: model,
            sources: files.map(f => ({ uri: pathToFileURL(new URL(f, dir).pathname).toString(), text: readFileSync(new URL(f, dir), 'utf8') })),
            actuals: existsSync(csv) ? [{ uri: pathToFileURL(csv.pathname).toString(), text: readFileSync(csv, 'utf8'), scope: model.uri }] : []
        };
    });
}

/** The boxes of one kind. */
export const boxesOf = (d: Diagram, kind: string): DiagramBox[] => d.boxes.filter(b => b.kind === kind);

/** The box of that kind and id; throws, naming it, when there is none. */
export function box(d: Diagram, kind: string, id: string): DiagramBox {
    const found = d.boxes.find(b => b.kind === kind && b.id === id);
    if (!found) throw new Error(`no ${kind} box ${id}`);
    return found;
}

/** A box's text lines, in order. */
export const texts = (b: DiagramBox): string[] => b.parts.flatMap(p => p.type === 'text' ? [p.text] : []);

/** A box's text as one line (a card wraps its rows). */
export const joined = (b: DiagramBox): string => texts(b).join(' ');

export function intersects(a: Rect, b: Rect): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Every pair of boxes whose rectangles overlap, described for a readable failure. */
export function overlaps(boxes: DiagramBox[]): string[] {
    const found: string[] = [];
    const describe = (b: DiagramBox) => `${b.kind}${b.id ? ` ${b.id}` : ''} [${b.x},${b.y} ${b.width}×${b.height}]`;
    const sorted = [...boxes].sort((a, b) => a.x - b.x);
    for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + sorted[i].width; j++) {
            if (intersects(sorted[i], sorted[j])) found.push(`${describe(sorted[i])} overlaps ${describe(sorted[j])}`);
        }
    }
    return found;
}

/** Text lines that stick out of their box, left or right, top or bottom. */
export function textOutsideBoxes(diagram: Diagram): string[] {
    const found: string[] = [];
    for (const b of diagram.boxes) {
        for (const p of b.parts) {
            if (p.type !== 'text') continue;
            const font = FONTS[p.font];
            const width = measureText(p.text, font);
            const left = p.anchor === 'middle' ? p.x - width / 2 : p.anchor === 'end' ? p.x - width : p.x;
            const inside = left >= b.x - 0.5 && left + width <= b.x + b.width + 0.5
                && p.y - font.size * 0.75 >= b.y - 0.5 && p.y + font.size * 0.25 <= b.y + b.height + 0.5;
            if (!inside) found.push(`${b.kind} ${b.id ?? ''}: "${p.text}" at ${p.x},${p.y} outside [${b.x},${b.y} ${b.width}×${b.height}]`);
        }
    }
    return found;
}

/**
 * Connectors of `kind` that run through a box other than the two they join (a card, an emotion
 * point, a matrix mark). Only axis-aligned segments are checked.
 */
export function linesThroughBoxes(diagram: Diagram, kind: string): string[] {
    const found: string[] = [];
    for (const line of diagram.lines.filter(l => l.kind === kind)) {
        const ends = [line.points[0], line.points[line.points.length - 1]];
        const own = (b: DiagramBox) => (b.id === line.from || b.id === line.to)
            && ends.some(p => p.x >= b.x - 0.01 && p.x <= b.x + b.width + 0.01 && p.y >= b.y - 0.01 && p.y <= b.y + b.height + 0.01);
        for (let i = 1; i < line.points.length; i++) {
            const a = line.points[i - 1];
            const b = line.points[i];
            if (a.x !== b.x && a.y !== b.y) continue;
            const seg = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
            for (const box of diagram.boxes) {
                if (own(box)) continue;
                const hit = seg.x < box.x + box.width && box.x < seg.x + seg.width + (seg.width === 0 ? 0.001 : 0)
                    && seg.y < box.y + box.height && box.y < seg.y + seg.height + (seg.height === 0 ? 0.001 : 0)
                    && (seg.width > 0 || (seg.x > box.x && seg.x < box.x + box.width))
                    && (seg.height > 0 || (seg.y > box.y && seg.y < box.y + box.height));
                if (hit) found.push(`${line.kind} ${line.from} → ${line.to} runs through ${box.kind} ${box.id ?? ''}`);
            }
        }
    }
    return found;
}

export interface Segment {
    line: DiagramLine;
    vertical: boolean;
    at: number;
    from: number;
    to: number;
}

function segmentsOf(lines: DiagramLine[]): Segment[] {
    const out: Segment[] = [];
    for (const line of lines) {
        for (let i = 1; i < line.points.length; i++) {
            const [a, b] = [line.points[i - 1], line.points[i]];
            if (Math.abs(a.x - b.x) < 0.01) out.push({ line, vertical: true, at: a.x, from: Math.min(a.y, b.y), to: Math.max(a.y, b.y) });
            else if (Math.abs(a.y - b.y) < 0.01) out.push({ line, vertical: false, at: a.y, from: Math.min(a.x, b.x), to: Math.max(a.x, b.x) });
        }
    }
    return out;
}

const CONNECTORS = ['uses', 'recovery', 'addresses'];
const describeLine = (l: DiagramLine) => `${l.kind} ${l.from} → ${l.to}`;
const same = (a: Point, b: Point) => Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01;

/**
 * The runs two connectors of one source share from where they start: their points while they are
 * the same, then the first runs on in the same direction as far as the shorter goes (a trunk, from
 * which each parts once).
 */
export function commonTrunk(a: DiagramLine, b: DiagramLine): Segment[] {
    const [p, q] = [a.points, b.points];
    if (p.length === 0 || q.length === 0 || !same(p[0], q[0])) return [];
    let i = 1;
    while (i < p.length && i < q.length && same(p[i], q[i])) i++;
    const shared = p.slice(0, i);
    if (i < p.length && i < q.length) {
        const from = p[i - 1];
        const [da, db] = [{ x: p[i].x - from.x, y: p[i].y - from.y }, { x: q[i].x - from.x, y: q[i].y - from.y }];
        const along = (Math.abs(da.x) < 0.01 && Math.abs(db.x) < 0.01 && Math.sign(da.y) === Math.sign(db.y))
            || (Math.abs(da.y) < 0.01 && Math.abs(db.y) < 0.01 && Math.sign(da.x) === Math.sign(db.x));
        if (along) shared.push(Math.hypot(da.x, da.y) < Math.hypot(db.x, db.y) ? p[i] : q[i]);
    }
    return segmentsOf([{ ...a, points: shared }]);
}

/**
 * Pairs of connectors (shown ones) with parallel runs closer than `min` px that overlap by more than
 * 1 px: two lines that close read as one double line. The one exception is a bundle: connectors of
 * one source on exactly the same run, within the trunk they share from their start (commonTrunk).
 */
export function closeRuns(diagram: Diagram, min = 6): string[] {
    const shown = diagram.lines.filter(l => CONNECTORS.includes(l.kind) && !l.hidden);
    const segments = segmentsOf(shown);
    const found: string[] = [];
    const trunks = new Map<string, Segment[]>();
    const trunkOf = (a: DiagramLine, b: DiagramLine) => {
        const key = `${shown.indexOf(a)} ${shown.indexOf(b)}`;
        let trunk = trunks.get(key);
        if (!trunk) trunks.set(key, trunk = commonTrunk(a, b));
        return trunk;
    };
    const sorted = [...segments].sort((a, b) => a.at - b.at);
    for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length && sorted[j].at - sorted[i].at < min; j++) {
            const [a, b] = [sorted[i], sorted[j]];
            if (a.line === b.line || a.vertical !== b.vertical) continue;
            const lo = Math.max(a.from, b.from);
            const hi = Math.min(a.to, b.to);
            if (hi - lo <= 1) continue;
            const gap = Math.abs(a.at - b.at);
            const bundled = gap < 0.01 && a.line.from === b.line.from && a.line.kind === b.line.kind
                && trunkOf(a.line, b.line).some(t => t.vertical === a.vertical && Math.abs(t.at - a.at) < 0.01 && t.from <= lo + 0.5 && hi - 0.5 <= t.to);
            if (!bundled) found.push(`${describeLine(a.line)} and ${describeLine(b.line)} run ${gap.toFixed(1)} px apart at ${a.vertical ? 'x' : 'y'} ${a.at}`);
        }
    }
    return found;
}

/** Connectors with a sideways run closer than `min` px to a rule or a line of the blueprint (they would read as running along it). */
export function runsAlongLines(diagram: Diagram, min = 6): string[] {
    const ruled = diagram.lines.filter(l => !CONNECTORS.includes(l.kind) && l.points.length === 2 && l.points[0].y === l.points[1].y);
    const found: string[] = [];
    for (const s of segmentsOf(diagram.lines.filter(l => CONNECTORS.includes(l.kind)))) {
        if (s.vertical || s.to - s.from < 1) continue;
        for (const r of ruled) {
            if (Math.abs(r.points[0].y - s.at) < min) found.push(`${s.line.kind} ${s.line.from} → ${s.line.to} runs along the ${r.kind} at y ${r.points[0].y}`);
        }
    }
    return found;
}

/** What a connector may not run close beside: the cards and the emotion curve's points. */
const CARD_KINDS = new Set(['touchpoint', 'moment', 'pain', 'opportunity', 'process', 'kpi', 'emotion']);

/**
 * Connectors (shown ones) with a run beside the edge of a card, outside it and closer than `min` px,
 * along more than 1 px of it: a vertical run beside a left or right edge, a sideways run above or
 * below a top or bottom edge. The cards a connector joins count too (a run along its own card is
 * no better), except for the run that leaves or enters it.
 */
export function runsNearEdges(diagram: Diagram, min = 6): string[] {
    const found: string[] = [];
    const cards = diagram.boxes.filter(b => CARD_KINDS.has(b.kind));
    for (const s of segmentsOf(diagram.lines.filter(l => CONNECTORS.includes(l.kind) && !l.hidden))) {
        if (s.to - s.from < 1) continue;
        for (const b of cards) {
            const [lo, hi, near, far] = s.vertical ? [b.y, b.y + b.height, b.x, b.x + b.width] : [b.x, b.x + b.width, b.y, b.y + b.height];
            if (Math.min(s.to, hi) - Math.max(s.from, lo) <= 1) continue;
            const gap = s.at <= near ? near - s.at : s.at >= far ? s.at - far : -1;
            if (gap >= 0 && gap < min) found.push(`${describeLine(s.line)} runs ${gap.toFixed(1)} px from the ${s.vertical ? 'side' : 'top or bottom'} of ${b.kind} ${b.id ?? ''}`);
        }
    }
    return found;
}

/**
 * Each entry of the style tables that the legend lists or the picture draws, where the two
 * disagree: `listed, not drawn` (the legend explains what is not there) or `drawn, not listed`.
 * What the picture draws is read from its own boxes and lines (not from the legend's code): the
 * connectors' kinds, the moment markers' colours and sizes, the cards' tags, the emotion shapes,
 * the KPI glyphs and statuses, the matrix marks, the cards and the marked elements.
 */
export function legendMismatches(diagram: Diagram): string[] {
    const legends = diagram.boxes.filter(b => b.kind === 'legend');
    if (legends.length > 1) return [`${legends.length} legends`];
    const listed = legends.length === 0 ? '' : texts(legends[0]).join(' ').replace(/\s+/g, ' ');
    const picture = diagram.boxes.filter(b => b.kind !== 'legend');
    const of = (...kinds: string[]) => picture.filter(b => kinds.includes(b.kind));
    const partsOf = (...kinds: string[]) => of(...kinds).flatMap(b => b.parts);
    const marker = (b: DiagramBox) => b.parts.find((p): p is Extract<Part, { type: 'circle' }> => p.type === 'circle');
    const moments = of('moment');
    const momentTexts = moments.flatMap(texts);
    const glyphs = partsOf('moment', 'kpi').filter((p): p is Extract<Part, { type: 'text' }> => p.type === 'text');
    const usage = of('usage');
    const entries: Array<[string, string, boolean]> = [
        ...Object.entries(LINE_STYLES).map(([kind, style]): [string, string, boolean] => [`line ${kind}`, style.label, diagram.lines.some(l => l.kind === kind)]),
        ...Object.entries(POLARITY).map(([key, p]): [string, string, boolean] => [`polarity ${key}`, p.label, moments.some(m => marker(m)?.fill === p.colour)]),
        ...Object.entries(IMPACT_RADIUS).map(([impact, r]): [string, string, boolean] => [`impact ${impact}`, `${impact} impact`, moments.some(m => marker(m)?.r === r)]),
        ['ring', CURVE_RING.label, partsOf('emotion').some(p => p.type === 'circle' && p.stroke !== undefined)],
        ...MOMENT_KINDS.map((k): [string, string, boolean] => [`kind ${k.kind}`, k.label, momentTexts.some(t => t === k.short || t.startsWith(`${k.short} `))]),
        ['recovery badge', RECOVERY_BADGE.label, momentTexts.includes(RECOVERY_BADGE.glyph)],
        ...Object.entries(EMOTION).map(([key, e]): [string, string, boolean] => [`emotion ${key}`, e.label, partsOf('touchpoint', 'emotion').some(p => p.type === 'shape' && p.shape === e.shape && p.fill === e.colour)]),
        ...Object.entries(KPI_STATUS).map(([status, k]): [string, string, boolean] => [`KPI ${status}`, k.label,
            glyphs.some(t => t.text === k.glyph && t.fill === k.colour) || of('kpi').some(b => b.status === status)]),
        ['sparkline', SPARKLINE.label, of('kpi').some(b => b.parts.some(p => p.type === 'line'))],
        ...Object.entries(USAGE_MARKS).map(([mark, u]): [string, string, boolean] => [`usage ${mark}`, u.label, usage.some(b => u.glyph
            ? b.parts.some(p => p.type === 'text' && p.text === u.glyph)
            : b.parts.some(p => p.type === 'circle' && (u.filled ? p.stroke === undefined : p.stroke !== undefined)))]),
        ...(['pain', 'opportunity'] as const).map((kind): [string, string, boolean] => [`card ${kind}`, CARD_STYLES[kind].label, of(kind).length > 0]),
        ['problem', PROBLEM_MARK.label, picture.some(b => b.problem !== undefined)]
    ];
    return entries.flatMap(([entry, label, drawn]) => drawn === listed.includes(label) ? [] : [`${entry}: ${drawn ? 'drawn, not listed' : 'listed, not drawn'}`]);
}

export function center(r: Rect): { x: number; y: number } {
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

// ---- a tiny XML parser: well-formedness, and a tree to query ------------------------------

export interface XmlElement {
    name: string;
    attributes: Record<string, string>;
    children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
        const ch = raw[i];
        if (ch === '<') throw new Error(`raw < in ${where}`);
        if (ch !== '&') {
            out += ch;
            continue;
        }
        const m = ENTITY.exec(raw.slice(i));
        if (!m) throw new Error(`bad entity in ${where}: ${raw.slice(i, i + 12)}`);
        const e = m[1];
        out += e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(1), 10)) : DECODE[e];
        i += m[0].length - 1;
    }
    return out;
}

/**
 * Parses an XML document made of elements, attributes and text (no comments, CDATA,
 * doctype or processing instructions: the renderer emits none). Throws on anything
 * malformed: unbalanced or crossed tags, unquoted or duplicate attributes, a raw `<` or a
 * stray `&` in text or attribute values, content after the root.
 */
export function parseXml(xml: string): XmlElement {
    let i = 0;
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    const skipSpace = () => {
        while (i < xml.length && /\s/.test(xml[i])) i++;
    };
    while (i < xml.length) {
        if (xml[i] !== '<') {
            const end = xml.indexOf('<', i);
            const raw = xml.slice(i, end < 0 ? xml.length : end);
            i = end < 0 ? xml.length : end;
            if (stack.length === 0) {
                if (raw.trim() !== '') throw new Error(`text outside the root: ${raw.slice(0, 20)}`);
                continue;
            }
            stack[stack.length - 1].children.push(decode(raw, 'text'));
            continue;
        }
        if (xml.startsWith('</', i)) {
            i += 2;
            const m = NAME.exec(xml.slice(i));
            if (!m) throw new Error(`bad closing tag at ${i}`);
            i += m[0].length;
            skipSpace();
            if (xml[i] !== '>') throw new Error(`bad closing tag </${m[0]} at ${i}`);
            i++;
            const open = stack.pop();
            if (!open || open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name ?? 'nothing'}>`);
            continue;
        }
        if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) throw new Error(`unexpected markup at ${i}: ${xml.slice(i, i + 12)}`);
        i++;
        const m = NAME.exec(xml.slice(i));
        if (!m) throw new Error(`bad tag at ${i}: ${xml.slice(i - 1, i + 12)}`);
        i += m[0].length;
        const element: XmlElement = { name: m[0], attributes: {}, children: [] };
        for (;;) {
            const before = i;
            skipSpace();
            if (xml.startsWith('/>', i) || xml[i] === '>') break;
            if (i === before) throw new Error(`attributes of <${element.name}> not separated at ${i}`);
            const a = NAME.exec(xml.slice(i));
            if (!a) throw new Error(`bad attribute name in <${element.name}> at ${i}: ${xml.slice(i, i + 12)}`);
            i += a[0].length;
            if (xml[i] !== '=') throw new Error(`attribute ${a[0]} without value`);
            i++;
            const quote = xml[i];
            if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${a[0]}`);
            const end = xml.indexOf(quote, i + 1);
            if (end < 0) throw new Error(`unterminated attribute ${a[0]}`);
            if (a[0] in element.attributes) throw new Error(`duplicate attribute ${a[0]} in <${element.name}>`);
            element.attributes[a[0]] = decode(xml.slice(i + 1, end), `attribute ${a[0]}`);
            i = end + 1;
        }
        if (stack.length > 0) stack[stack.length - 1].children.push(element);
        else if (root) throw new Error('a second root element');
        else root = element;
        if (xml.startsWith('/>', i)) {
            i += 2;
        } else {
            i++;
            stack.push(element);
        }
    }
    if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
    if (!root) throw new Error('no root element');
    return root;
}

/** All elements of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    const visit = (e: XmlElement) => {
        out.push(e);
        for (const c of e.children) if (typeof c !== 'string') visit(c);
    };
    visit(root);
    return out;
}

/** The decoded text content of an element. */
export function textOf(e: XmlElement): string {
    return e.children.map(c => typeof c === 'string' ? c : textOf(c)).join('');
}
