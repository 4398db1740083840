/** The cards of the journey view: what each kind of element shows, and its frame (from styles.ts). */
import type {
    JourneyModel, KpiModel, MomentModel, OpportunityModel, PainModel, ProcessModel, TouchpointModel
} from '../../model/journey-model.js';
import { channelIcon } from '../icons.js';
import { Stack, formatEmotion, labelOf, textWidth, tooltip } from '../kit.js';
import type { DiagramBox, Part } from '../types.js';
import type { Item } from './item.js';
import { nameOf, type Names } from './names.js';
import { kpiShort, kpiStatus, kpiValues } from './kpi-text.js';
import { MARKER_COLUMN } from './sizes.js';
import { figureText, termText } from '../../model/value-text.js';
import { CARD_STYLES, DEFAULT_RADIUS, IMPACT_RADIUS, KPI_STATUS, MOMENT_KINDS, PROBLEM_MARK, RECOVERY_BADGE, emotionStyle, polarityStyle, type CardStyle } from './styles.js';

export function card(style: CardStyle) {
    return (x: number, y: number, width: number, height: number): Part[] => style.tint === undefined
        ? [{ type: 'rect', x, y, width, height, rx: 6, fill: style.fill, stroke: style.stroke, strokeWidth: 1 }]
        : [
            { type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: style.stroke, strokeWidth: 1 },
            { type: 'rect', x, y, width, height, rx: 6, fill: style.fill, fillOpacity: style.tint }
        ];
}

/** The row that says what is wrong with an element (its first error, and how many there are). */
export function addProblemRow(stack: Stack, messages: string[]): void {
    stack.text(`${PROBLEM_MARK.glyph} ${messages.length > 1 ? `${messages.length} errors: ` : ''}${messages[0]}`, 'smallBold', PROBLEM_MARK.colour, 3);
}

/** The frame of an element with an error: in the error colour, thicker and dashed. */
export function markFrame(parts: Part[]): Part[] {
    const i = parts.findIndex(p => p.type === 'rect' && p.stroke !== undefined);
    if (i < 0) return parts;
    const out = [...parts];
    out[i] = { ...parts[i] as Extract<Part, { type: 'rect' }>, stroke: PROBLEM_MARK.colour, strokeWidth: 2, dash: '5 2' };
    return out;
}

/** The tooltip of an element with errors: every message after its own text. */
export function problemTooltip(tooltip: string | undefined, messages: string[]): string {
    return [...(tooltip !== undefined ? [tooltip, ''] : []), ...messages.map(m => `Error: ${m}`)].join('\n');
}

/**
 * A box from its frame and its content; an element with errors gets its frame in the error colour
 * (dashed, thicker), the first message as a last row, and every message in its tooltip.
 */
export function finishBox(box: Omit<DiagramBox, 'height' | 'parts'>, stack: Stack, frame: (height: number) => Part[], messages: string[] | undefined): DiagramBox {
    const out: DiagramBox = { ...box, height: 0, parts: [] };
    if (messages) {
        addProblemRow(stack, messages);
        out.problem = 'error';
        out.tooltip = problemTooltip(box.tooltip, messages);
    }
    out.height = Math.ceil(stack.height);
    const parts = frame(out.height);
    out.parts = [...(messages ? markFrame(parts) : parts), ...stack.draw(box.x, box.y)];
    return out;
}

/** "for A, B" when a touchpoint or moment is for fewer customers than the journey. */
function forCustomers(customers: string[], model: JourneyModel, names: Names, filtered: boolean): string | undefined {
    if (filtered || sameSet(customers, model.customers)) return undefined;
    return `for ${customers.map(c => nameOf(names, c)).join(', ')}`;
}

export function touchpointItem(tp: TouchpointModel, slot: number, model: JourneyModel, names: Names, filtered: boolean): Item {
    const customers = forCustomers(tp.customers, model, names, filtered);
    return {
        lane: 'touchpoints', start: slot, end: slot, kind: 'touchpoint', id: tp.id, element: tp,
        tooltip: tooltip('touchpoint', tp, [tp.channel, tp.emotion !== undefined ? `emotion ${formatEmotion(tp.emotion)}` : undefined, customers]),
        prefWidth: Math.max(textWidth(labelOf(tp), 'title'), 120) + 16,
        content: width => {
            const emotion = tp.emotion !== undefined ? emotionStyle(tp.emotion) : undefined;
            const stack = new Stack(width).iconRow(channelIcon(tp.channel), tp.channel ?? 'no channel', 'muted',
                emotion ? { text: formatEmotion(tp.emotion!), fill: emotion.colour, shape: emotion.shape } : undefined);
            stack.gap(3).text(labelOf(tp), 'title', 'fg', 3);
            if (customers) stack.text(customers, 'small', 'muted', 2);
            return stack;
        },
        frame: card(CARD_STYLES.touchpoint)
    };
}

/** A moment's card; `compact`: the title under the marker at the card's full width, each KPI by its name only. */
export function momentItem(m: MomentModel, slot: number, kpis: Map<string, KpiModel>, names: Names, compact = false): Item {
    const radius = IMPACT_RADIUS[m.impact ?? ''] ?? DEFAULT_RADIUS;
    const polarity = polarityStyle(m.polarity);
    const kind = MOMENT_KINDS.find(k => k.kind === m.momentKind);
    const kindLabel = kind?.short ?? (m.momentKind ? m.momentKind.toUpperCase() : 'MOMENT');
    const tag = [kindLabel, m.impact && (compact ? m.impact : `${m.impact} impact`)].filter(Boolean).join(' · ');
    const indent = MARKER_COLUMN + 8;
    return {
        lane: 'moments', start: slot, end: slot, kind: 'moment', id: m.id, element: m,
        tooltip: tooltip('moment', m, [kind ? `${kind.short} (${kind.label})` : kindLabel, m.polarity, m.impact && `impact ${m.impact}`,
            m.kpis.length ? `KPIs ${m.kpis.map(k => nameOf(names, k)).join(', ')}` : undefined,
            m.recovery && `recovery ${nameOf(names, m.recovery)}`, m.owner && `owner ${m.owner}`,
            m.valueAtRisk && `value at risk ${figureText(m.valueAtRisk)}`, ...(m.valueAtRisk?.terms ?? []).map(termText), ...(m.valueAtRisk?.unknown ?? []).map(u => `not counted: ${u.reason}`)]),
        prefWidth: Math.max(textWidth(labelOf(m), 'bold') + indent, 120) + 16,
        content: width => {
            const stack = new Stack(width).text(tag, 'tag', polarity.colour, 2, indent);
            if (compact) {
                if (stack.contentHeight < MARKER_COLUMN) stack.gap(MARKER_COLUMN - stack.contentHeight);
                stack.gap(2).text(labelOf(m), 'bold', 'fg', 3);
            } else {
                stack.text(labelOf(m), 'bold', 'fg', 3, indent);
                if (m.owner) stack.text(m.owner, 'small', 'muted', 1, indent);
                // Below the marker, the KPIs take the card's whole width.
                if (stack.contentHeight < MARKER_COLUMN) stack.gap(MARKER_COLUMN - stack.contentHeight);
            }
            // Value at stake (language §7): what this moment puts at risk, per currency, or that it is not known.
            const risk = m.valueAtRisk;
            if (risk) {
                stack.gap(2);
                if (risk.total.length > 0) {
                    stack.text(`at risk ${figureText(risk)}`, 'smallBold', polarity.colour, 3);
                    if (risk.unknown.length > 0) stack.text('and more not known', 'small', 'muted', 1);
                } else stack.text('value at risk not known', 'small', 'muted', 2);
            }
            if (m.recovery) {
                const recovery = `recovery: ${nameOf(names, m.recovery)}`;
                stack.gap(2).badge(`${recovery} (point at it, or focus it, for the link)`, RECOVERY_BADGE.glyph, RECOVERY_BADGE.colour, recovery, 'smallBold', RECOVERY_BADGE.colour, 2);
            }
            if (m.kpis.length > 0) stack.gap(4);
            for (const id of m.kpis) {
                const kpi = kpis.get(id);
                const status = KPI_STATUS[kpi ? kpiStatus(kpi) : 'unknown'];
                stack.glyphText(status.glyph, status.colour, kpi ? (compact ? labelOf(kpi) : kpiShort(kpi)) : nameOf(names, id), 'small', 'fg', compact ? 2 : 3);
            }
            return stack;
        },
        frame: (x, y, width, height) => {
            const cx = x + 8 + MARKER_COLUMN / 2;
            const cy = y + 7 + MARKER_COLUMN / 2;
            const parts: Part[] = [
                { type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: polarity.colour, strokeWidth: 1.5 },
                { type: 'circle', cx, cy, r: radius, fill: polarity.colour }
            ];
            if (polarity.glyph) parts.push({ type: 'text', x: cx, y: cy + (radius >= 9 ? 4.3 : 3.6), text: polarity.glyph, font: radius >= 9 ? 'bold' : 'tag', fill: 'bg', anchor: 'middle' });
            return parts;
        }
    };
}

/** A pain's card; `stage`: the stage it is at, when it is at a whole stage. */
export function painItem(p: PainModel, [start, end]: [number, number], names: Names, stage?: string): Item {
    return {
        lane: 'pains', start, end, kind: 'pain', id: p.id, element: p,
        tooltip: tooltip('pain', p, [p.severity && `severity ${p.severity}`, p.at && `at ${nameOf(names, p.at)}`]),
        prefWidth: Math.max(textWidth(labelOf(p), 'bold'), 120) + 16,
        content: width => new Stack(width).text([CARD_STYLES.pain.tag, p.severity?.toUpperCase()].filter(Boolean).join(' · '), 'tag', CARD_STYLES.pain.stroke, 2)
            .text(labelOf(p), 'bold', 'fg', 3).text(stage !== undefined ? `all of ${stage}` : undefined, 'small', 'muted', 2),
        frame: card(CARD_STYLES.pain)
    };
}

export function opportunityItem(o: OpportunityModel, slot: number, names: Names): Item {
    return {
        lane: 'opportunities', start: slot, end: slot, kind: 'opportunity', id: o.id, element: o,
        tooltip: tooltip('opportunity', o, [
            o.addresses.length ? `addresses ${o.addresses.map(a => nameOf(names, a)).join(', ')}` : undefined,
            o.improves.length ? `improves ${o.improves.map(k => nameOf(names, k)).join(', ')}` : undefined,
            o.owner && `owner ${o.owner}`]),
        prefWidth: Math.max(textWidth(labelOf(o), 'bold'), 120) + 16,
        content: width => {
            const stack = new Stack(width).text(CARD_STYLES.opportunity.tag, 'tag', CARD_STYLES.opportunity.stroke, 1).text(labelOf(o), 'bold', 'fg', 3);
            if (o.owner) stack.text(o.owner, 'small', 'muted', 1);
            return stack;
        },
        frame: card(CARD_STYLES.opportunity)
    };
}

export function processItem(p: ProcessModel, start: number, end: number, names: Names): Item {
    const facts = [p.owner, p.sla && `SLA ${p.sla.text}`].filter(Boolean).join(' · ');
    return {
        lane: p.lane ?? 'processes', start, end, kind: 'process', id: p.id, element: p,
        tooltip: tooltip('process', p, [p.lane, p.owner && `owner ${p.owner}`, p.sla && `SLA ${p.sla.text}`,
            p.systems.length ? `systems ${p.systems.map(s => nameOf(names, s)).join(', ')}` : undefined,
            p.steps.length ? `steps: ${p.steps.join(' → ')}` : undefined]),
        prefWidth: Math.max(textWidth(labelOf(p), 'title'), 120) + 16,
        content: width => new Stack(width).text(labelOf(p), 'title', 'fg', 3).text(facts || undefined, 'small', 'muted', 1),
        frame: card(CARD_STYLES.process)
    };
}

/** A KPI under a stage it is measured in (a moment there names it). */
export function kpiItem(kpi: KpiModel, slot: number): Item {
    const status = KPI_STATUS[kpiStatus(kpi)];
    return {
        lane: 'kpis', start: slot, end: slot, kind: 'kpi', id: kpi.id, element: kpi,
        tooltip: tooltip('kpi', kpi, [kpi.metric && `metric ${kpi.metric}`, kpiValues(kpi), status.label, kpi.due && `due ${kpi.due}`]),
        prefWidth: Math.max(textWidth(labelOf(kpi), 'bold') + 20, 120) + 16,
        content: width => {
            const stack = new Stack(width).glyphText(status.glyph, status.colour, labelOf(kpi), 'bold', 'fg', 2).text(kpiValues(kpi), 'small', 'fg', 2);
            const meta = [kpi.metric, kpi.due && `due ${kpi.due}`].filter(Boolean).join(' · ');
            return stack.text(meta || undefined, 'small', 'muted', 1);
        },
        frame: card(CARD_STYLES.touchpoint)
    };
}

function sameSet(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every(x => b.includes(x));
}
