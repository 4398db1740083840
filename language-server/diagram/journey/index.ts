/**
 * The journey view as a service blueprint, laid out on a grid computed directly, in phases:
 * slots (the columns) → items (where each element goes) → lanes (stacked top to bottom, from
 * the lane table) → routing (the connectors) → panel (objectives and KPIs) and legend.
 */
import type { JourneyModel } from '../../model/journey-model.js';
import { labelOf } from '../kit.js';
import { NO_PROBLEMS, type ProblemIndex } from '../problems.js';
import type { Band, Diagram, DiagramBox } from '../types.js';
import { emotionCurve } from './emotion.js';
import { problemsBanner } from '../banner.js';
import { personaRow, stageHeaders, titleBox } from './header.js';
import { placeItems } from './items.js';
import { stackLanes } from './lanes.js';
import { legendBox } from './legend.js';
import { nameIndex } from './names.js';
import { objectivesPanel } from './panel.js';
import { connectors } from './routing.js';
import { addTrailingSlot, columnsOf, sizeColumns } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';

export { JOURNEY_SIZES } from './sizes.js';
export { IMPACT_RADIUS, LINE_STYLES, POLARITY, EMOTION, KPI_STATUS, CARD_STYLES, MOMENT_KINDS, PROBLEM_MARK } from './styles.js';
export { LANES, shownLanes, type LaneId, type LaneRow } from './lanes.js';
export { kpiStatus, kpiValues } from './kpi-text.js';

export interface JourneyLayoutOptions {
    /** Stages drawn faded (the customer filter left them without touchpoints). */
    dimmedStages?: ReadonlySet<string>;
    /** The customer the model was filtered for, named in the subtitle. */
    customer?: string;
    /** The model's errors, by element (the diagram marks them and says how many). */
    problems?: ProblemIndex;
}

export function layoutJourney(model: JourneyModel, options: JourneyLayoutOptions = {}): Diagram {
    const dimmed = options.dimmedStages ?? new Set<string>();
    const problems = options.problems ?? NO_PROBLEMS;
    const names = nameIndex(model);

    // ---- slots and items
    const columns = columnsOf(model);
    const { items, momentSlot } = placeItems(model, columns, names, options.customer !== undefined);
    addTrailingSlot(columns, items.some(i => i.start === columns.trailing));
    const { slots } = columns;
    const wanted = slots.map(() => 0);
    for (const it of items) if (it.start === it.end) wanted[it.start] = Math.max(wanted[it.start], it.prefWidth);
    const grid = sizeColumns(slots, wanted);
    const width = grid.right + S.panelGap + S.panelWidth + S.margin;

    // ---- title, errors, customers, stage headers
    const boxes: DiagramBox[] = [];
    const title = titleBox(model, columns, width - 2 * S.margin, S.margin, names, options.customer, problems);
    boxes.push(title);
    let y = title.y + title.height + 12;
    const banner = problemsBanner(problems.count, S.margin, y, Math.min(width - 2 * S.margin, 760));
    if (banner) {
        boxes.push(banner);
        y += banner.height + 12;
    }
    const personas = personaRow(model, grid.left + S.inset, grid.right - S.inset, y, problems);
    if (personas.boxes.length > 0) {
        boxes.push(...personas.boxes);
        y += personas.height + 16;
    }
    const headerTop = y;
    const headers = stageHeaders(model, columns, headerTop, dimmed, options.customer, problems);
    boxes.push(...headers.boxes);

    // ---- lanes
    const hasEmotion = columns.touchpoints.some(t => t.emotion !== undefined);
    const stacked = stackLanes(items, slots, headerTop + headers.height + 8, grid.right, hasEmotion, problems);
    const gridBottom = stacked.bottom;
    boxes.push(...stacked.labels, ...stacked.placed.map(p => p.box));

    // Every other stage column on a faint stripe.
    const bands: Band[] = [];
    model.stages.forEach((stage, i) => {
        if (i % 2 === 1) return;
        const [start, end] = columns.stageSpans[i];
        const bx = slots[start].x;
        bands.push({ kind: 'stage', id: stage.id, x: bx, y: headerTop - 6, width: slots[end].x + slots[end].width - bx, height: gridBottom - headerTop + 6, fill: 'stripe', opacity: 0.035, ...(dimmed.has(stage.id) ? { dimmed: true } : {}) });
    });
    const last = slots[slots.length - 1];
    if (last.trailing) bands.push({ kind: 'column', x: last.x, y: headerTop - 6, width: last.width, height: gridBottom - headerTop + 6, fill: 'muted', opacity: 0.06 });

    const lines = [...stacked.lines];
    if (stacked.emotion) {
        const curve = emotionCurve(columns, model.moments, stacked.emotion, grid.left, grid.right);
        lines.push(...curve.lines);
        boxes.push(...curve.boxes);
    }

    // ---- routing
    lines.push(...connectors(model, columns, momentSlot, stacked.placed, stacked.lanes));

    // ---- panel and legend
    const panelX = grid.right + S.panelGap;
    const panel = objectivesPanel(model.objectives, panelX, headerTop, gridBottom, names, problems);
    bands.push(panel.band);
    boxes.push(...panel.boxes);
    const legend = legendBox(S.margin, gridBottom + S.legendGap, grid.right - S.margin);
    boxes.push(legend);

    return {
        view: 'journey',
        title: labelOf(model),
        width: Math.ceil(width),
        height: Math.ceil(Math.max(panel.bottom, legend.y + legend.height) + S.margin),
        bands, lines, boxes,
        lanes: stacked.lanes
    };
}
