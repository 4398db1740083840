/**
 * The journey view, service-blueprint style, laid out on a grid computed directly, in phases:
 * slots (the columns) → items (where each element goes) → lanes (stacked top to bottom, from
 * the lane table) → routing (the connectors) → panel (objectives and KPIs on the right).
 */
import type { JourneyModel } from '../../model/journey-model.js';
import { labelOf } from '../kit.js';
import type { Band, Diagram } from '../types.js';
import { emotionCurve } from './emotion.js';
import { stageHeaders, titleBox } from './header.js';
import { placeItems } from './items.js';
import { stackLanes } from './lanes.js';
import { nameIndex } from './names.js';
import { objectivesPanel } from './panel.js';
import { connectors } from './routing.js';
import { addTrailingSlot, columnsOf, sizeColumns } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';

export { JOURNEY_SIZES, IMPACT_RADIUS } from './sizes.js';
export { LANES, type LaneId, type LaneRow } from './lanes.js';
export { kpiStatus, kpiValues } from './panel.js';

export interface JourneyLayoutOptions {
    /** Stages drawn faded (the customer filter left them without touchpoints). */
    dimmedStages?: ReadonlySet<string>;
    /** The customer the model was filtered for, named in the subtitle. */
    customer?: string;
}

export function layoutJourney(model: JourneyModel, options: JourneyLayoutOptions = {}): Diagram {
    const dimmed = options.dimmedStages ?? new Set<string>();
    const names = nameIndex(model);

    // ---- slots and items
    const columns = columnsOf(model);
    const { items, momentSlot } = placeItems(model, columns, names, options.customer !== undefined);
    addTrailingSlot(columns, items.some(i => i.start === columns.trailing));
    const { slots } = columns;
    const wanted = slots.map(() => 0);
    for (const it of items) if (it.start === it.end) wanted[it.start] = Math.max(wanted[it.start], it.prefWidth);
    const grid = sizeColumns(slots, wanted);

    // ---- title and stage headers
    const title = titleBox(model, columns, grid.right + S.panelGap + S.panelWidth - S.margin, S.margin, names, options.customer);
    const headerTop = title.y + title.height + 14;
    const headers = stageHeaders(model, columns, headerTop, dimmed, options.customer);

    // ---- lanes
    const stacked = stackLanes(items, slots, headerTop + headers.height + 8, grid.right);
    const gridBottom = stacked.bottom;

    // Every other stage column on a faint stripe.
    const bands: Band[] = [];
    model.stages.forEach((stage, i) => {
        if (i % 2 === 1) return;
        const [start, end] = columns.stageSpan.get(stage.id)!;
        const bx = slots[start].x;
        const width = slots[end].x + slots[end].width - bx;
        bands.push({ kind: 'stage', id: stage.id, x: bx, y: headerTop - 6, width, height: gridBottom - headerTop + 6, fill: 'stripe', opacity: 0.035, ...(dimmed.has(stage.id) ? { dimmed: true } : {}) });
    });
    const last = slots[slots.length - 1];
    if (last.trailing) bands.push({ kind: 'column', x: last.x, y: headerTop - 6, width: last.width, height: gridBottom - headerTop + 6, fill: 'muted', opacity: 0.06 });

    const curve = emotionCurve(columns, stacked.emotion, grid.left, grid.right);

    // ---- routing
    const routed = connectors(model, columns.touchpoints, columns.slotOfTouchpoint, momentSlot, stacked.placed, stacked.lanes, slots);

    // ---- panel
    const panelX = grid.right + S.panelGap;
    const panel = objectivesPanel(model.objectives, panelX, headerTop, gridBottom, names);
    bands.push(panel.band);

    return {
        view: 'journey',
        title: labelOf(model),
        width: Math.ceil(panelX + S.panelWidth + S.margin),
        height: Math.ceil(panel.bottom + S.margin),
        bands,
        lines: [...stacked.lines, ...curve.lines, ...routed],
        boxes: [title, ...headers.boxes, ...stacked.labels, ...stacked.placed.map(p => p.box), ...curve.boxes, ...panel.boxes],
        lanes: stacked.lanes
    };
}
