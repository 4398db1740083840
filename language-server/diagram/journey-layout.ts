/**
 * The journey view, service-blueprint style, laid out on a grid computed directly.
 *
 * Columns: one slot per touchpoint, grouped under their stage, in order (a stage without
 * touchpoints keeps one empty slot); a trailing slot "Not at a touchpoint" holds what has
 * no place (a process no touchpoint uses, a pain without `at`, ...). Slot widths come from
 * their content, between SLOT_MIN and SLOT_MAX, so a long journey gets wider, never cramped.
 *
 * Lanes, top to bottom: touchpoints, the emotion curve, moments of truth, pains,
 * opportunities, the line of visibility, frontstage / backstage / support processes (and
 * "other processes" for those without a lane), systems, information. A lane is as tall as
 * its tallest stack of boxes; boxes of one lane are stacked skyline-fashion, so nothing
 * overlaps. Objectives and KPIs form a side panel on the right.
 */
import type {
    InformationModel, JourneyModel, KpiModel, MomentModel, ObjectiveModel, OpportunityModel, PainModel, ProcessModel,
    StageModel, SystemModel, TouchpointModel
} from '../model/journey-model.js';
import { MOMENT_KIND_LABEL } from '../model/lifecycle.js';
import { channelIcon } from './icons.js';
import {
    FONTS, Stack, baseline, clamp, emotionColour, formatEmotion, labelOf, polarityColour, runs, sortedUnique, textWidth, tooltip
} from './kit.js';
import { referencedFrom } from '../model/origin.js';
import type { Colour } from './theme.js';
import type { Band, Diagram, DiagramBox, DiagramLine, LanePosition, Part, Point } from './types.js';

export interface JourneyLayoutOptions {
    /** Stages drawn faded (the customer filter left them without touchpoints). */
    dimmedStages?: ReadonlySet<string>;
    /** The customer the model was filtered for, named in the subtitle. */
    customer?: string;
}

export const JOURNEY_SIZES = {
    margin: 20,
    labelWidth: 124,
    slotMin: 172,
    slotMax: 224,
    /** A box's inset in its slot: adjacent slots' boxes are 2 × inset apart. */
    inset: 8,
    lanePad: 10,
    stackGap: 8,
    minLane: 44,
    emotionLane: 96,
    visibilityLane: 30,
    panelGap: 28,
    panelWidth: 300
} as const;

const S = JOURNEY_SIZES;

/** Marker radius by impact: low < medium < high < critical. */
export const IMPACT_RADIUS: Record<string, number> = { low: 6, medium: 9, high: 12, critical: 15 };
const DEFAULT_RADIUS = 8;
const MARKER_COLUMN = 2 * IMPACT_RADIUS.critical;

type LaneId = 'touchpoints' | 'emotion' | 'moments' | 'pains' | 'opportunities' | 'visibility'
    | 'frontstage' | 'backstage' | 'support' | 'processes' | 'systems' | 'information';

const LANE_LABELS: Record<LaneId, string> = {
    touchpoints: 'Touchpoints', emotion: 'Emotion', moments: 'Moments of truth', pains: 'Pains',
    opportunities: 'Opportunities', visibility: 'Line of visibility', frontstage: 'Frontstage',
    backstage: 'Backstage', support: 'Support processes', processes: 'Other processes',
    systems: 'Systems', information: 'Information'
};

/** Lanes that hold boxes, in order; `emotion` and `visibility` are drawn, not stacked. */
const LANE_ORDER: LaneId[] = ['touchpoints', 'emotion', 'moments', 'pains', 'opportunities', 'visibility',
    'frontstage', 'backstage', 'support', 'processes', 'systems', 'information'];

interface Slot {
    x: number;
    width: number;
    stage?: StageModel;
    touchpoint?: TouchpointModel;
    trailing?: boolean;
}

/** Something to place in a lane, over slots `start..end`. */
interface Item {
    lane: LaneId;
    start: number;
    end: number;
    kind: string;
    id: string;
    tooltip: string;
    /** The width it would like when alone in its slot (the box, not the slot). */
    prefWidth: number;
    content: (width: number) => Stack;
    frame: (x: number, y: number, width: number, height: number) => Part[];
}

interface Placed {
    item: Item;
    box: DiagramBox;
}

export function layoutJourney(model: JourneyModel, options: JourneyLayoutOptions = {}): Diagram {
    const dimmed = options.dimmedStages ?? new Set<string>();
    const names = nameIndex(model);

    // ---- slots --------------------------------------------------------------------------
    const touchpointById = new Map(model.touchpoints.map(t => [t.id, t]));
    const slots: Slot[] = [];
    const stageSpan = new Map<string, [number, number]>();
    const slotOfTouchpoint = new Map<string, number>();
    for (const stage of model.stages) {
        const start = slots.length;
        const tps = stage.touchpoints.map(id => touchpointById.get(id)).filter((t): t is TouchpointModel => t !== undefined);
        if (tps.length === 0) slots.push({ x: 0, width: 0, stage });
        for (const tp of tps) {
            slotOfTouchpoint.set(tp.id, slots.length);
            slots.push({ x: 0, width: 0, stage, touchpoint: tp });
        }
        stageSpan.set(stage.id, [start, slots.length - 1]);
    }
    const trailing = slots.length;
    const touchpoints = slots.flatMap(s => s.touchpoint ? [s.touchpoint] : []);

    // ---- where each element goes --------------------------------------------------------
    const processSlots = new Map<string, number[]>();
    const systemSlots = new Map<string, number[]>();
    const informationSlots = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, id: string, slot: number) => {
        const list = map.get(id);
        if (list) list.push(slot);
        else map.set(id, [slot]);
    };
    for (const tp of touchpoints) {
        const slot = slotOfTouchpoint.get(tp.id)!;
        tp.processes.forEach(p => add(processSlots, p, slot));
        tp.systems.forEach(s => add(systemSlots, s, slot));
        tp.information.forEach(i => add(informationSlots, i, slot));
    }
    const momentSlot = (m: MomentModel) => m.at !== undefined && slotOfTouchpoint.has(m.at) ? slotOfTouchpoint.get(m.at)! : trailing;
    // A process that no touchpoint uses but that recovers a moment goes where the moment is.
    const recoverySlots = new Map<string, number[]>();
    for (const m of model.moments) {
        if (m.recovery && momentSlot(m) !== trailing) add(recoverySlots, m.recovery, momentSlot(m));
    }
    /** Runs of consecutive slots; the trailing slot is a run of its own. */
    const spans = (where: number[]) => {
        const sorted = sortedUnique(where);
        const out = runs(sorted.filter(s => s !== trailing));
        if (sorted.includes(trailing)) out.push([trailing, trailing]);
        return out;
    };
    const slotsOfProcess = (p: ProcessModel): number[] =>
        sortedUnique(processSlots.get(p.id) ?? recoverySlots.get(p.id) ?? [trailing]);
    const placedProcessSlots = new Map(model.processes.map(p => [p.id, slotsOfProcess(p)]));
    for (const p of model.processes) {
        const where = placedProcessSlots.get(p.id)!;
        p.systems.forEach(s => where.forEach(slot => add(systemSlots, s, slot)));
        [...p.reads, ...p.writes].forEach(i => where.forEach(slot => add(informationSlots, i, slot)));
    }

    const items: Item[] = [];
    for (const tp of touchpoints) {
        const slot = slotOfTouchpoint.get(tp.id)!;
        items.push(touchpointItem(tp, slot, model, names, options.customer !== undefined));
    }
    for (const m of model.moments) {
        const slot = momentSlot(m);
        items.push(momentItem(m, slot, names));
    }
    const painSpan = new Map<string, [number, number]>();
    for (const p of model.pains) {
        const span: [number, number] = p.at !== undefined && slotOfTouchpoint.has(p.at) ? [slotOfTouchpoint.get(p.at)!, slotOfTouchpoint.get(p.at)!]
            : p.at !== undefined && stageSpan.has(p.at) ? stageSpan.get(p.at)! : [trailing, trailing];
        painSpan.set(p.id, span);
        items.push(painItem(p, span, names));
    }
    const momentIds = new Map(model.moments.map(m => [m.id, m]));
    for (const o of model.opportunities) {
        const targets = o.addresses.flatMap(a => painSpan.has(a) ? [painSpan.get(a)![0]] : momentIds.has(a) ? [momentSlot(momentIds.get(a)!)] : []);
        const slot = targets.length > 0 ? Math.min(...targets) : trailing;
        items.push(opportunityItem(o, slot, names));
    }
    for (const p of model.processes) {
        for (const [start, end] of spans(placedProcessSlots.get(p.id)!)) items.push(processItem(p, start, end, names));
    }
    for (const s of model.systems) {
        for (const [start, end] of spans(systemSlots.get(s.id) ?? [trailing])) items.push(systemItem(s, start, end));
    }
    for (const i of model.information) {
        for (const [start, end] of spans(informationSlots.get(i.id) ?? [trailing])) items.push(informationItem(i, start, end, names));
    }
    if (items.some(i => i.start === trailing) || slots.length === 0) slots.push({ x: 0, width: 0, trailing: true });

    // ---- column widths ------------------------------------------------------------------
    const gridLeft = S.margin + S.labelWidth;
    let x = gridLeft;
    const wanted = slots.map(() => 0);
    for (const it of items) if (it.start === it.end) wanted[it.start] = Math.max(wanted[it.start], it.prefWidth);
    for (let i = 0; i < slots.length; i++) {
        slots[i].width = Math.round(clamp(wanted[i] + 2 * S.inset, S.slotMin, S.slotMax));
        slots[i].x = x;
        x += slots[i].width;
    }
    const gridRight = x;
    const spanX = (start: number, end: number) => ({ x: slots[start].x + S.inset, width: slots[end].x + slots[end].width - slots[start].x - 2 * S.inset });

    const boxes: DiagramBox[] = [];
    const bands: Band[] = [];
    const lines: DiagramLine[] = [];
    const lanes: LanePosition[] = [];

    // ---- title --------------------------------------------------------------------------
    let y = S.margin;
    const titleWidth = gridRight + S.panelGap + S.panelWidth - S.margin;
    const subtitle = [
        `${model.stages.length} ${plural(model.stages.length, 'stage')}`,
        `${touchpoints.length} ${plural(touchpoints.length, 'touchpoint')}`,
        `${model.moments.length} ${plural(model.moments.length, 'moment')} of truth`,
        options.customer !== undefined ? `path of ${names.get(options.customer) ?? options.customer}` : undefined
    ].filter(Boolean).join(' · ');
    const title = new Stack(titleWidth, 0, 0).text(labelOf(model), 'heading', 'fg', 1).text(subtitle, 'small', 'muted', 1);
    boxes.push({ kind: 'journey', id: model.id, x: S.margin, y, width: titleWidth, height: title.height, tooltip: tooltip('journey', model), parts: title.draw(S.margin, y) });
    y += title.height + 14;

    // ---- stage headers ------------------------------------------------------------------
    const headerTop = y;
    const headers = model.stages.map(stage => {
        const [start, end] = stageSpan.get(stage.id)!;
        const { x: hx, width } = spanX(start, end);
        const stack = new Stack(width, 4, 6)
            .text(stage.category ? stage.category.toUpperCase() : 'STAGE', 'tag', 'muted', 1)
            .text(labelOf(stage), 'header', 'fg', 2);
        if (dimmed.has(stage.id)) stack.text(options.customer !== undefined ? 'not on this path' : 'no touchpoints', 'small', 'muted', 1);
        return { stage, x: hx, width, stack };
    });
    const trailingHeader = slots[slots.length - 1].trailing
        ? new Stack(slots[slots.length - 1].width - 2 * S.inset, 4, 6).text('NOT PLACED', 'tag', 'muted', 1).text('Not at a touchpoint', 'header', 'muted', 2)
        : undefined;
    const headerHeight = Math.max(40, ...headers.map(h => h.stack.height), trailingHeader?.height ?? 0);
    for (const h of headers) {
        boxes.push({
            kind: 'stage', id: h.stage.id, x: h.x, y: headerTop, width: h.width, height: headerHeight,
            tooltip: tooltip('stage', h.stage, [h.stage.category, `${h.stage.touchpoints.length} ${plural(h.stage.touchpoints.length, 'touchpoint')}`]),
            ...(dimmed.has(h.stage.id) ? { dimmed: true } : {}),
            parts: [...h.stack.draw(h.x, headerTop), { type: 'rect', x: h.x, y: headerTop + headerHeight - 3, width: h.width, height: 3, rx: 1.5, fill: 'accent', fillOpacity: dimmed.has(h.stage.id) ? 0.3 : 0.8 }]
        });
    }
    if (trailingHeader) {
        const slot = slots[slots.length - 1];
        boxes.push({
            kind: 'column-header', x: slot.x + S.inset, y: headerTop, width: slot.width - 2 * S.inset, height: headerHeight,
            tooltip: 'Elements that no touchpoint places on the journey', parts: trailingHeader.draw(slot.x + S.inset, headerTop)
        });
    }
    y = headerTop + headerHeight + 8;

    // ---- lanes --------------------------------------------------------------------------
    const placed: Placed[] = [];
    const hasOtherProcesses = items.some(i => i.lane === 'processes');
    let emotionTop = 0;
    let emotionHeight = 0;
    let visibilityY = 0;
    for (const lane of LANE_ORDER) {
        if (lane === 'processes' && !hasOtherProcesses) continue;
        const top = y;
        let height: number;
        if (lane === 'emotion') {
            height = S.emotionLane;
            emotionTop = top;
            emotionHeight = height;
        } else if (lane === 'visibility') {
            height = S.visibilityLane;
            visibilityY = top + height - 8;
        } else {
            const laneItems = items.filter(i => i.lane === lane);
            const skyline = slots.map(() => top + S.lanePad);
            for (const item of laneItems) {
                const { x: bx, width } = spanX(item.start, item.end);
                const stack = item.content(width);
                const by = Math.max(...skyline.slice(item.start, item.end + 1));
                const bh = Math.ceil(stack.height);
                for (let s = item.start; s <= item.end; s++) skyline[s] = by + bh + S.stackGap;
                const box: DiagramBox = {
                    kind: item.kind, id: item.id, x: bx, y: by, width, height: bh, tooltip: item.tooltip,
                    parts: [...item.frame(bx, by, width, bh), ...stack.draw(bx, by)]
                };
                if (['frontstage', 'backstage', 'support', 'processes'].includes(lane)) box.lane = lane;
                placed.push({ item, box });
            }
            height = Math.max(S.minLane, Math.max(top + S.lanePad, ...skyline) - S.stackGap + S.lanePad - top);
        }
        lanes.push({ lane, label: LANE_LABELS[lane], y: top, height });
        if (lane !== 'visibility') {
            const labelWidth = lane === 'emotion' ? S.labelWidth - 48 : S.labelWidth - 16;
            const label = new Stack(labelWidth, 0, 0).text(LANE_LABELS[lane], 'bold', 'fg', 2);
            boxes.push({ kind: 'lane-label', x: S.margin, y: top + S.lanePad, width: labelWidth, height: label.height, parts: label.draw(S.margin, top + S.lanePad) });
        } else {
            const label = new Stack(S.labelWidth - 16, 0, 0).text(LANE_LABELS[lane], 'smallBold', 'muted', 1);
            boxes.push({ kind: 'lane-label', x: S.margin, y: visibilityY - 4 - label.height, width: S.labelWidth - 16, height: label.height, parts: label.draw(S.margin, visibilityY - 4 - label.height) });
        }
        y = top + height;
        lines.push({ kind: 'rule', points: [{ x: S.margin, y }, { x: gridRight, y }], shape: 'polyline', stroke: 'rule', width: 1 });
    }
    const gridBottom = y;
    // The line of visibility replaces the rule under its lane.
    const visibilityLane = lanes.find(l => l.lane === 'visibility')!;
    const ruleIndex = lines.findIndex(l => l.kind === 'rule' && l.points[0].y === visibilityLane.y + visibilityLane.height);
    if (ruleIndex >= 0) lines.splice(ruleIndex, 1);
    lines.push({ kind: 'visibility', points: [{ x: S.margin, y: visibilityY }, { x: gridRight, y: visibilityY }], shape: 'polyline', stroke: 'muted', width: 1.5, dash: '8 5' });
    boxes.push(...placed.map(p => p.box));

    // ---- stage bands --------------------------------------------------------------------
    // Every other stage column on a faint stripe.
    model.stages.forEach((stage, i) => {
        if (i % 2 === 1) return;
        const [start, end] = stageSpan.get(stage.id)!;
        const bx = slots[start].x;
        const width = slots[end].x + slots[end].width - bx;
        bands.push({ kind: 'stage', id: stage.id, x: bx, y: headerTop - 6, width, height: gridBottom - headerTop + 6, fill: 'stripe', opacity: 0.035, ...(dimmed.has(stage.id) ? { dimmed: true } : {}) });
    });
    if (slots[slots.length - 1].trailing) {
        const slot = slots[slots.length - 1];
        bands.push({ kind: 'column', x: slot.x, y: headerTop - 6, width: slot.width, height: gridBottom - headerTop + 6, fill: 'muted', opacity: 0.06 });
    }

    // ---- the emotion curve --------------------------------------------------------------
    const pad = 14;
    const emotionY = (e: number) => emotionTop + pad + (2 - e) / 4 * (emotionHeight - 2 * pad);
    lines.push({ kind: 'rule', points: [{ x: gridLeft, y: emotionY(0) }, { x: gridRight, y: emotionY(0) }], shape: 'polyline', stroke: 'muted', width: 1, dash: '2 4', opacity: 0.6 });
    const curve: Point[] = [];
    for (const tp of touchpoints) {
        if (tp.emotion === undefined) continue;
        const slot = slots[slotOfTouchpoint.get(tp.id)!];
        const point = { x: slot.x + slot.width / 2, y: emotionY(tp.emotion) };
        curve.push(point);
        boxes.push({
            kind: 'emotion', id: tp.id, x: point.x - 6, y: point.y - 6, width: 12, height: 12,
            tooltip: `${labelOf(tp)}\nEmotion ${formatEmotion(tp.emotion)}`,
            parts: [{ type: 'circle', cx: point.x, cy: point.y, r: 5, fill: emotionColour(tp.emotion), stroke: 'bg', strokeWidth: 1.5 }]
        });
    }
    if (curve.length > 1) lines.push({ kind: 'emotion', points: curve, shape: 'polyline', stroke: 'accent', width: 2, opacity: 0.85 });
    const scaleX = gridLeft - 40;
    boxes.push({
        kind: 'scale', x: scaleX, y: emotionY(2) - 8, width: 34, height: emotionY(-2) - emotionY(2) + 14,
        parts: [2, 0, -2].map(e => ({ type: 'text' as const, x: gridLeft - 8, y: emotionY(e) + 3.5, text: formatEmotion(e), font: 'small' as const, fill: 'muted' as const, anchor: 'end' as const }))
    });

    // ---- connectors ---------------------------------------------------------------------
    const boxesOf = new Map<string, Placed[]>();
    for (const p of placed) {
        const list = boxesOf.get(p.item.id);
        if (list) list.push(p);
        else boxesOf.set(p.item.id, [p]);
    }
    /** The box of `id` nearest to slot `slot` (the one covering it, if any). */
    const nearest = (id: string, slot: number): DiagramBox | undefined => {
        const candidates = boxesOf.get(id) ?? [];
        let best: Placed | undefined;
        let bestDistance = Infinity;
        for (const c of candidates) {
            const d = slot < c.item.start ? c.item.start - slot : slot > c.item.end ? slot - c.item.end : 0;
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best?.box;
    };
    const laneOfBox = new Map<DiagramBox, LanePosition>();
    const laneById = new Map(lanes.map(l => [l.lane, l]));
    for (const p of placed) laneOfBox.set(p.box, laneById.get(p.item.lane)!);
    const router = new Router(placed.map(p => p.box), lanes, slots);
    for (const tp of touchpoints) {
        const slot = slotOfTouchpoint.get(tp.id)!;
        const card = nearest(tp.id, slot)!;
        const targets = tp.processes.filter(p => boxesOf.has(p));
        targets.forEach((p, i) => {
            const target = nearest(p, slot)!;
            const cx = clamp(card.x + card.width / 2 + (i - (targets.length - 1) / 2) * 10, card.x + 8, card.x + card.width - 8);
            const points = router.route(card, cx, laneOfBox.get(card)!, target, laneOfBox.get(target)!);
            lines.push({ kind: 'uses', from: tp.id, to: p, points, shape: 'polyline', stroke: 'muted', width: 1.2, opacity: 0.7, arrow: true });
        });
    }
    for (const m of model.moments) {
        if (!m.recovery || !boxesOf.has(m.recovery)) continue;
        const slot = momentSlot(m);
        const source = nearest(m.id, slot)!;
        const target = nearest(m.recovery, slot)!;
        const sx = clamp(target.x + target.width / 2, source.x + 10, source.x + source.width - 10);
        const points = router.route(source, sx, laneOfBox.get(source)!, target, laneOfBox.get(target)!);
        lines.push({ kind: 'recovery', from: m.id, to: m.recovery, points, shape: 'polyline', stroke: 'negative', width: 1.2, dash: '5 3', opacity: 0.85, arrow: true });
    }
    for (const o of model.opportunities) {
        const source = boxesOf.get(o.id)![0];
        for (const a of o.addresses) {
            if (!boxesOf.has(a)) continue;
            // Routed from the pain or moment down to the opportunity, drawn the other way.
            const target = nearest(a, source.item.start)!;
            const tx = clamp(source.box.x + source.box.width / 2, target.x + 10, target.x + target.width - 10);
            const points = router.route(target, tx, laneOfBox.get(target)!, source.box, laneOfBox.get(source.box)!).reverse();
            lines.push({ kind: 'addresses', from: o.id, to: a, points, shape: 'polyline', stroke: 'opportunity', width: 1.2, dash: '4 3', opacity: 0.85, arrow: true });
        }
    }

    // ---- objectives and KPIs ------------------------------------------------------------
    const panelX = gridRight + S.panelGap;
    let py = headerTop;
    // The journey's own objectives, then those it only refers to (a KPI of theirs is named here).
    const owned = model.objectives.filter(o => !o.referenced);
    const referenced = model.objectives.filter(o => o.referenced);
    const panelHeader = new Stack(S.panelWidth - 24, 0, 0).text('Objectives and KPIs', 'header', 'fg', 1)
        .text(kpiSummary(owned), 'small', 'muted', 1);
    boxes.push({ kind: 'panel-header', x: panelX + 12, y: py + 10, width: S.panelWidth - 24, height: panelHeader.height, parts: panelHeader.draw(panelX + 12, py + 10) });
    py += 10 + panelHeader.height + 10;
    if (owned.length === 0) {
        const none = new Stack(S.panelWidth - 24, 0, 0).text('No objectives', 'body', 'muted', 1);
        boxes.push({ kind: 'panel-note', x: panelX + 12, y: py, width: S.panelWidth - 24, height: none.height, parts: none.draw(panelX + 12, py) });
        py += none.height + 10;
    }
    const objectiveWithKpis = (objective: ObjectiveModel) => {
        const box = objectiveBox(objective, panelX + 12, py, S.panelWidth - 24, names);
        boxes.push(box);
        py += box.height + 6;
        for (const kpi of objective.kpis) {
            const k = kpiBox(kpi, panelX + 24, py, S.panelWidth - 36);
            boxes.push(k);
            py += k.height + 6;
        }
        py += 8;
    };
    owned.forEach(objectiveWithKpis);
    if (referenced.length > 0) {
        const header = new Stack(S.panelWidth - 24, 0, 0).text('Referenced, not owned', 'bold', 'fg', 1)
            .text('KPIs named here, of objectives the journey does not own', 'small', 'muted', 2)
            .text(kpiSummary(referenced), 'small', 'muted', 1);
        boxes.push({ kind: 'panel-header', x: panelX + 12, y: py + 4, width: S.panelWidth - 24, height: header.height, parts: header.draw(panelX + 12, py + 4) });
        py += 4 + header.height + 10;
        referenced.forEach(objectiveWithKpis);
    }
    const bottom = Math.max(gridBottom, py);
    bands.push({ kind: 'panel', x: panelX, y: headerTop - 6, width: S.panelWidth, height: bottom - headerTop + 6, fill: 'surface', opacity: 1 });

    return {
        view: 'journey',
        title: labelOf(model),
        width: Math.ceil(panelX + S.panelWidth + S.margin),
        height: Math.ceil(bottom + S.margin),
        bands, lines, boxes, lanes
    };
}

// ---- the boxes ---------------------------------------------------------------------------

function card(fill: Colour = 'surface', stroke: Colour = 'border', tint?: number) {
    return (x: number, y: number, width: number, height: number): Part[] => tint === undefined
        ? [{ type: 'rect', x, y, width, height, rx: 6, fill, stroke, strokeWidth: 1 }]
        : [
            { type: 'rect', x, y, width, height, rx: 6, fill: 'bg' },
            { type: 'rect', x, y, width, height, rx: 6, fill, fillOpacity: tint, stroke, strokeWidth: 1 }
        ];
}

function touchpointItem(tp: TouchpointModel, slot: number, model: JourneyModel, names: Map<string, string>, filtered: boolean): Item {
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

function momentItem(m: MomentModel, slot: number, names: Map<string, string>): Item {
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

function painItem(p: PainModel, [start, end]: [number, number], names: Map<string, string>): Item {
    return {
        lane: 'pains', start, end, kind: 'pain', id: p.id,
        tooltip: tooltip('pain', p, [p.severity && `severity ${p.severity}`, p.at && `at ${names.get(p.at) ?? p.at}`]),
        prefWidth: Math.max(textWidth(labelOf(p), 'bold'), 120) + 16,
        content: width => new Stack(width).text(['PAIN', p.severity?.toUpperCase()].filter(Boolean).join(' · '), 'tag', 'pain', 1)
            .text(labelOf(p), 'bold', 'fg', 3),
        frame: card('pain', 'pain', 0.08)
    };
}

function opportunityItem(o: OpportunityModel, slot: number, names: Map<string, string>): Item {
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

function processItem(p: ProcessModel, start: number, end: number, names: Map<string, string>): Item {
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

function systemItem(s: SystemModel, start: number, end: number): Item {
    const facts = [s.type, s.owner].filter(Boolean).join(' · ');
    return {
        lane: 'systems', start, end, kind: 'system', id: s.id,
        tooltip: tooltip('system', s, [s.type, s.owner && `owner ${s.owner}`, s.approved && `approved for ${s.approved}`]),
        prefWidth: Math.max(textWidth(labelOf(s), 'title'), 120) + 16,
        content: width => new Stack(width).text(labelOf(s), 'title', 'fg', 3).text(facts || undefined, 'small', 'muted', 1),
        frame: card()
    };
}

function informationItem(i: InformationModel, start: number, end: number, names: Map<string, string>): Item {
    const facts = [i.classification, i.source && `in ${names.get(i.source) ?? i.source}`].filter(Boolean).join(' · ');
    return {
        lane: 'information', start, end, kind: 'information', id: i.id,
        tooltip: tooltip('information', i, [i.classification, i.source && `source ${names.get(i.source) ?? i.source}`, i.owner && `owner ${i.owner}`]),
        prefWidth: Math.max(textWidth(labelOf(i), 'title'), 120) + 16,
        content: width => new Stack(width).text(labelOf(i), 'title', 'fg', 3).text(facts || undefined, 'small', 'muted', 1),
        frame: card()
    };
}

function objectiveBox(o: ObjectiveModel, x: number, y: number, width: number, names: Map<string, string>): DiagramBox {
    const stack = new Stack(width, 12, 7).text(labelOf(o), 'title', 'fg', 2);
    if (o.referenced) stack.text(`referenced · ${referencedFrom(o)}`, 'small', 'muted', 1);
    if (o.for.length) stack.text(`for ${o.for.map(c => names.get(c) ?? c).join(', ')}`, 'small', 'muted', 2);
    const height = Math.ceil(stack.height);
    return {
        kind: 'objective', id: o.id, x, y, width, height,
        tooltip: tooltip('objective', o, [
            o.referenced ? 'referenced, not owned: this journey names some of its KPIs' : undefined,
            o.for.length ? `for ${o.for.map(c => names.get(c) ?? c).join(', ')}` : undefined,
            `${o.kpis.length} ${plural(o.kpis.length, 'KPI')}${o.referenced ? ' named here' : ''}`
        ]),
        parts: [
            { type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: 'border', strokeWidth: 1, ...(o.referenced ? { dash: '4 3' } : {}) },
            { type: 'rect', x, y, width: 4, height, rx: 2, fill: 'objective' },
            ...stack.draw(x, y)
        ]
    };
}

/** Met, missed or unknown (no current value or target, or values that do not compare). */
export function kpiStatus(kpi: KpiModel): 'met' | 'missed' | 'unknown' {
    return kpi.met === true ? 'met' : kpi.met === false ? 'missed' : 'unknown';
}

const STATUS_GLYPH = { met: '\u2713', missed: '\u2717', unknown: '?' } as const;
const STATUS_COLOUR: Record<string, Colour> = { met: 'positive', missed: 'negative', unknown: 'neutral' };
const OPERATOR: Record<string, string> = { '>=': '\u2265', '<=': '\u2264', '=': '=' };

export function kpiValues(kpi: KpiModel): string {
    const unit = kpi.unit ? ` ${kpi.unit}` : '';
    const current = kpi.current ? `now ${kpi.current.text}${unit}` : 'now \u2014';
    const target = kpi.target ? `target ${OPERATOR[kpi.target.op] ?? kpi.target.op} ${kpi.target.value.text}${unit}` : 'no target';
    return `${current} · ${target}`;
}

function kpiBox(kpi: KpiModel, x: number, y: number, width: number): DiagramBox {
    const status = kpiStatus(kpi);
    const indent = 26;
    const stack = new Stack(width, 8, 6).text(labelOf(kpi), 'bold', 'fg', 2, indent).text(kpiValues(kpi), 'small', 'fg', 2, indent);
    const meta = [kpi.metric, kpi.due && `due ${kpi.due}`, kpi.owner && `owner ${kpi.owner}`].filter(Boolean).join(' · ');
    if (meta) stack.text(meta, 'small', 'muted', 1, indent);
    const height = Math.ceil(stack.height);
    const colour = STATUS_COLOUR[status];
    return {
        kind: 'kpi', id: kpi.id, x, y, width, height, status,
        tooltip: tooltip('kpi', kpi, [kpi.metric && `metric ${kpi.metric}`, kpiValues(kpi), status === 'unknown' ? 'met: unknown' : status, kpi.due && `due ${kpi.due}`, kpi.owner && `owner ${kpi.owner}`]),
        parts: [
            { type: 'rect', x, y, width, height, rx: 5, fill: 'bg', stroke: 'border', strokeWidth: 1 },
            { type: 'circle', cx: x + 8 + 9, cy: y + 6 + 9, r: 9, fill: colour },
            { type: 'text', x: x + 8 + 9, y: baseline(y + 6 + 9 - FONTS.bold.lineHeight / 2, 'bold'), text: STATUS_GLYPH[status], font: 'bold', fill: 'bg', anchor: 'middle' },
            ...stack.draw(x, y)
        ]
    };
}

function kpiSummary(objectives: ObjectiveModel[]): string {
    const kpis = objectives.flatMap(o => o.kpis);
    const met = kpis.filter(k => k.met === true).length;
    const missed = kpis.filter(k => k.met === false).length;
    return `${kpis.length} ${plural(kpis.length, 'KPI')} · ${met} met · ${missed} missed · ${kpis.length - met - missed} unknown`;
}

/**
 * Orthogonal routes for connectors that go down the lanes, from the bottom of one box to
 * the top of another, without running behind any other box: straight down where nothing
 * is in the way; otherwise sideways along the free band at a lane boundary (boxes keep a
 * padding from their lane's edges) to the nearest free gutter between columns, and back
 * under the target.
 */
class Router {
    private gutterUse = new Map<number, number>();
    private channelUse = new Map<number, number>();
    /** Gutters left to right: both sides of every slot boundary. */
    private gutters: Array<{ index: number; x: number; side: -1 | 1 }> = [];
    /** Boxes by horizontal bucket, so that a look-up does not scan the whole diagram. */
    private buckets = new Map<number, DiagramBox[]>();
    private static readonly BUCKET = 128;

    constructor(boxes: DiagramBox[], private readonly lanes: LanePosition[], slots: Slot[]) {
        slots.forEach((slot, i) => {
            this.gutters.push({ index: 2 * i, x: slot.x, side: 1 });
            this.gutters.push({ index: 2 * i + 1, x: slot.x + slot.width, side: -1 });
        });
        this.gutters.sort((a, b) => a.x + a.side - (b.x + b.side));
        for (const box of boxes) {
            const first = Math.floor(box.x / Router.BUCKET);
            const last = Math.floor((box.x + box.width) / Router.BUCKET);
            for (let k = first; k <= last; k++) {
                const list = this.buckets.get(k);
                if (list) list.push(box);
                else this.buckets.set(k, [box]);
            }
        }
    }

    /** A vertical segment at `x` from `y1` to `y2` meets no box other than `a` and `b`. */
    private free(x: number, y1: number, y2: number, a: DiagramBox, b: DiagramBox): boolean {
        const list = this.buckets.get(Math.floor(x / Router.BUCKET)) ?? [];
        return !list.some(o => o !== a && o !== b && o.x < x && x < o.x + o.width && o.y < y2 && y1 < o.y + o.height);
    }

    private gutterX(i: number): number {
        const g = this.gutters[i];
        return g.x + g.side * (2 + ((this.gutterUse.get(g.index) ?? 0) % 3) * 2.5);
    }

    /** The free gutter nearest `x` for a vertical run from `y1` to `y2` (ties: the left one). */
    private gutter(x: number, y1: number, y2: number, a: DiagramBox, b: DiagramBox): number | undefined {
        // Walk outwards from x, nearest first.
        let right = this.gutters.findIndex(g => g.x + g.side * 2 >= x);
        if (right < 0) right = this.gutters.length;
        let left = right - 1;
        while (left >= 0 || right < this.gutters.length) {
            const dl = left >= 0 ? Math.abs(x - this.gutterX(left)) : Infinity;
            const dr = right < this.gutters.length ? Math.abs(this.gutterX(right) - x) : Infinity;
            const i = dl <= dr ? left-- : right++;
            const gx = this.gutterX(i);
            if (!this.free(gx, y1, y2, a, b)) continue;
            const index = this.gutters[i].index;
            this.gutterUse.set(index, (this.gutterUse.get(index) ?? 0) + 1);
            return gx;
        }
        return undefined;
    }

    /** The y of a sideways run in the free band just above `laneTop`. */
    private channel(laneTop: number): number {
        const used = this.channelUse.get(laneTop) ?? 0;
        this.channelUse.set(laneTop, used + 1);
        return laneTop - 3 - (used % 3) * 2;
    }

    route(from: DiagramBox, fx: number, fromLane: LanePosition, to: DiagramBox, toLane: LanePosition): Point[] {
        const points: Point[] = [{ x: fx, y: from.y + from.height }];
        let x = fx;
        const move = (nx: number, y: number) => {
            points.push({ x, y }, { x: nx, y });
            x = nx;
        };
        const fromBottom = from.y + from.height;
        const fromLaneBottom = fromLane.y + fromLane.height;
        if (fromLane === toLane) return this.finish(points, x, fromBottom, to, from);
        // out of the source's lane
        if (!this.free(x, fromBottom, fromLaneBottom, from, to)) {
            const gx = this.gutter(x, fromBottom + 4, fromLaneBottom, from, to);
            if (gx !== undefined) move(gx, fromBottom + 4);
        }
        // across the lanes in between
        const first = this.lanes.indexOf(fromLane) + 1;
        const last = this.lanes.indexOf(toLane);
        for (let i = first; i < last; i++) {
            const lane = this.lanes[i];
            if (this.free(x, lane.y, lane.y + lane.height, from, to)) continue;
            const gx = this.gutter(x, lane.y, lane.y + lane.height, from, to);
            if (gx !== undefined) move(gx, this.channel(lane.y));
        }
        return this.finish(points, x, toLane.y, to, from);
    }

    /** Into the target from `x` at `top` (the top of its lane). */
    private finish(points: Point[], x: number, top: number, to: DiagramBox, from: DiagramBox): Point[] {
        const inside = (v: number) => v >= to.x + 6 && v <= to.x + to.width - 6;
        const tx = clamp(x, to.x + 10, to.x + to.width - 10);
        if (inside(x) && this.free(x, top, to.y, from, to)) {
            points.push({ x, y: to.y });
        } else if (this.free(tx, top, to.y, from, to)) {
            const cy = this.channel(top);
            points.push({ x, y: cy }, { x: tx, y: cy }, { x: tx, y: to.y });
        } else {
            const gx = this.gutter(tx, top, to.y - 4, from, to);
            const cy = this.channel(top);
            if (gx !== undefined) points.push({ x, y: cy }, { x: gx, y: cy }, { x: gx, y: to.y - 4 }, { x: tx, y: to.y - 4 }, { x: tx, y: to.y });
            else points.push({ x: tx, y: to.y });
        }
        return simplify(points);
    }
}

/** Drops repeated points and middle points of straight runs. */
function simplify(points: Point[]): Point[] {
    const out: Point[] = [];
    for (const p of points) {
        const last = out[out.length - 1];
        if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
        const before = out[out.length - 2];
        if (before && last && ((Math.abs(before.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) || (Math.abs(before.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))) {
            out[out.length - 1] = p;
            continue;
        }
        out.push(p);
    }
    return out;
}

/** Display names (titles) of everything a box may mention. */
function nameIndex(model: JourneyModel): Map<string, string> {
    const names = new Map<string, string>();
    const all = [
        ...model.customerDetails, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains,
        ...model.opportunities, ...model.objectives, ...model.objectives.flatMap(o => o.kpis), ...model.processes,
        ...model.systems, ...model.information
    ];
    for (const e of all) names.set(e.id, e.name);
    return names;
}

function sameSet(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every(x => b.includes(x));
}

function plural(n: number, word: string): string {
    return n === 1 ? word : `${word}s`;
}

