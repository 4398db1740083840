/** The cards of the journey view: what each kind of element shows, and its frame. */
import type {
    InformationModel, JourneyModel, MomentModel, OpportunityModel, PainModel, ProcessModel, SystemModel, TouchpointModel
} from '../../model/journey-model.js';
import { MOMENT_KIND_LABEL } from '../../model/lifecycle.js';
import { channelIcon } from '../icons.js';
import { Stack, emotionColour, formatEmotion, labelOf, polarityColour, textWidth, tooltip } from '../kit.js';
import type { Colour } from '../theme.js';
import type { Names } from './names.js';
import type { Part } from '../types.js';
import type { Item } from './item.js';
import { DEFAULT_RADIUS, IMPACT_RADIUS, MARKER_COLUMN } from './sizes.js';


export function card(fill: Colour = 'surface', stroke: Colour = 'border', tint?: number) {
    return (x: number, y: number, width: number, height: number): Part[] => tint === undefined
        ? [{ type: 'rect', x, y, width, height, rx: 6, fill, stroke, strokeWidth: 1 }]
        : [
            { type: 'rect', x, y, width, height, rx: 6, fill: 'bg' },
            { type: 'rect', x, y, width, height, rx: 6, fill, fillOpacity: tint, stroke, strokeWidth: 1 }
        ];
}

export function touchpointItem(tp: TouchpointModel, slot: number, model: JourneyModel, names: Names, filtered: boolean): Item {
    const customers = !filtered && !sameSet(tp.customers, model.customers) ? `for ${tp.customers.map(c => names.get(c) ?? c).join(', ')}` : undefined;
    return {
        lane: 'touchpoints', start: slot, end: slot, kind: 'touchpoint', id: tp.id,
        tooltip: tooltip('touchpoint', tp, [tp.channel, tp.emotion !== undefined ? `emotion ${formatEmotion(tp.emotion)}` : undefined, customers]),
        prefWidth: Math.max(textWidth(labelOf(tp), 'title'), 120) + 16,
        content: width => {
            const stack = new Stack(width).iconRow(channelIcon(tp.channel), tp.channel ?? 'no channel', 'muted',
                tp.emotion !== undefined ? { text: formatEmotion(tp.emotion), fill: emotionColour(tp.emotion), dot: emotionColour(tp.emotion) } : undefined);
            stack.gap(3).text(labelOf(tp), 'title', 'fg', 3);
            if (customers) stack.text(customers, 'small', 'muted', 1);
            return stack;
        },
        frame: card()
    };
}

export function momentItem(m: MomentModel, slot: number, names: Names): Item {
    const radius = IMPACT_RADIUS[m.impact ?? ''] ?? DEFAULT_RADIUS;
    const colour = polarityColour(m.polarity);
    const kindLabel = m.momentKind ? MOMENT_KIND_LABEL[m.momentKind] ?? m.momentKind.toUpperCase() : 'MOMENT';
    const tag = [kindLabel, m.impact].filter(Boolean).join(' · ');
    const glyph = m.polarity === 'positive' ? '+' : m.polarity === 'negative' ? '\u2212' : m.polarity === 'mixed' ? '\u00b1' : '';
    const indent = MARKER_COLUMN + 8;
    return {
        lane: 'moments', start: slot, end: slot, kind: 'moment', id: m.id,
        tooltip: tooltip('moment', m, [kindLabel, m.polarity, m.impact && `impact ${m.impact}`,
            m.kpis.length ? `KPIs ${m.kpis.map(k => names.get(k) ?? k).join(', ')}` : undefined,
            m.recovery && `recovery ${names.get(m.recovery) ?? m.recovery}`, m.owner && `owner ${m.owner}`]),
        prefWidth: Math.max(textWidth(labelOf(m), 'bold') + indent, 120) + 16,
        content: width => {
            const stack = new Stack(width).text(tag, 'tag', colour, 1, indent).text(labelOf(m), 'bold', 'fg', 3, indent);
            if (stack.contentHeight < MARKER_COLUMN) stack.gap(MARKER_COLUMN - stack.contentHeight);
            return stack;
        },
        frame: (x, y, width, height) => {
            const cx = x + 8 + MARKER_COLUMN / 2;
            const cy = y + 7 + MARKER_COLUMN / 2;
            const parts: Part[] = [
                { type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: colour, strokeWidth: 1.5 },
                { type: 'circle', cx, cy, r: radius, fill: colour }
            ];
            if (glyph) parts.push({ type: 'text', x: cx, y: cy + (radius >= 9 ? 4.3 : 3.3), text: glyph, font: radius >= 9 ? 'bold' : 'tag', fill: 'bg', anchor: 'middle' });
            return parts;
        }
    };
}

export function painItem(p: PainModel, [start, end]: [number, number], names: Names): Item {
    return {
        lane: 'pains', start, end, kind: 'pain', id: p.id,
        tooltip: tooltip('pain', p, [p.severity && `severity ${p.severity}`, p.at && `at ${names.get(p.at) ?? p.at}`]),
        prefWidth: Math.max(textWidth(labelOf(p), 'bold'), 120) + 16,
        content: width => new Stack(width).text(['PAIN', p.severity?.toUpperCase()].filter(Boolean).join(' · '), 'tag', 'pain', 1)
            .text(labelOf(p), 'bold', 'fg', 3),
        frame: card('pain', 'pain', 0.08)
    };
}

export function opportunityItem(o: OpportunityModel, slot: number, names: Names): Item {
    return {
        lane: 'opportunities', start: slot, end: slot, kind: 'opportunity', id: o.id,
        tooltip: tooltip('opportunity', o, [
            o.addresses.length ? `addresses ${o.addresses.map(a => names.get(a) ?? a).join(', ')}` : undefined,
            o.improves.length ? `improves ${o.improves.map(k => names.get(k) ?? k).join(', ')}` : undefined,
            o.owner && `owner ${o.owner}`]),
        prefWidth: Math.max(textWidth(labelOf(o), 'bold'), 120) + 16,
        content: width => {
            const stack = new Stack(width).text('OPPORTUNITY', 'tag', 'opportunity', 1).text(labelOf(o), 'bold', 'fg', 3);
            if (o.owner) stack.text(o.owner, 'small', 'muted', 1);
            return stack;
        },
        frame: card('opportunity', 'opportunity', 0.08)
    };
}

export function processItem(p: ProcessModel, start: number, end: number, names: Names): Item {
    const facts = [p.owner, p.sla && `SLA ${p.sla.text}`].filter(Boolean).join(' · ');
    return {
        lane: p.lane ?? 'processes', start, end, kind: 'process', id: p.id,
        tooltip: tooltip('process', p, [p.lane, p.owner && `owner ${p.owner}`, p.sla && `SLA ${p.sla.text}`,
            p.systems.length ? `systems ${p.systems.map(s => names.get(s) ?? s).join(', ')}` : undefined,
            p.steps.length ? `steps: ${p.steps.join(' → ')}` : undefined]),
        prefWidth: Math.max(textWidth(labelOf(p), 'title'), 120) + 16,
        content: width => new Stack(width).text(labelOf(p), 'title', 'fg', 3).text(facts || undefined, 'small', 'muted', 1),
        frame: card()
    };
}

export function systemItem(s: SystemModel, start: number, end: number): Item {
    const facts = [s.type, s.owner].filter(Boolean).join(' · ');
    return {
        lane: 'systems', start, end, kind: 'system', id: s.id,
        tooltip: tooltip('system', s, [s.type, s.owner && `owner ${s.owner}`, s.approved && `approved for ${s.approved}`]),
        prefWidth: Math.max(textWidth(labelOf(s), 'title'), 120) + 16,
        content: width => new Stack(width).text(labelOf(s), 'title', 'fg', 3).text(facts || undefined, 'small', 'muted', 1),
        frame: card()
    };
}

export function informationItem(i: InformationModel, start: number, end: number, names: Names): Item {
    const facts = [i.classification, i.source && `in ${names.get(i.source) ?? i.source}`].filter(Boolean).join(' · ');
    return {
        lane: 'information', start, end, kind: 'information', id: i.id,
        tooltip: tooltip('information', i, [i.classification, i.source && `source ${names.get(i.source) ?? i.source}`, i.owner && `owner ${i.owner}`]),
        prefWidth: Math.max(textWidth(labelOf(i), 'title'), 120) + 16,
        content: width => new Stack(width).text(labelOf(i), 'title', 'fg', 3).text(facts || undefined, 'small', 'muted', 1),
        frame: card()
    };
}

function sameSet(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every(x => b.includes(x));
}
