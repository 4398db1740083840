/**
 * The journey view as a service blueprint, laid out on a grid computed directly, in phases:
 * slots (the columns) → items (where each element goes) → lanes (stacked top to bottom, from
 * the lane table) → routing (the connectors) → panel (objectives and KPIs) and legend.
 */
import type { JourneyModel, KpiModel } from '../../model/journey-model.js';
import { labelOf } from '../kit.js';
import { NO_PROBLEMS, type ProblemIndex } from '../problems.js';
import type { Band, Diagram, DiagramBox } from '../types.js';
import { emotionCurve } from './emotion.js';
import { problemsBanner } from '../banner.js';
import { personaRow, stageHeaders, titleBox } from './header.js';
import { placeItems } from './items.js';
import { COMPACT_LANES, stackLanes } from './lanes.js';
import { drawnSignals } from './drawn.js';
import { legendBox } from './legend.js';
import { nameIndex } from './names.js';
import { noObjectivesNote, objectivesPanel } from './panel.js';
import { connectors } from './routing.js';
import { addTrailingSlot, columnsOf, sizeColumns } from './slots.js';
import { COMPACT_SIZES, JOURNEY_SIZES, JOURNEY_SIZES as S } from './sizes.js';

export { JOURNEY_SIZES, COMPACT_SIZES } from './sizes.js';
export { IMPACT_RADIUS, LINE_STYLES, POLARITY, EMOTION, KPI_STATUS, CARD_STYLES, CURVE_RING, MOMENT_KINDS, PROBLEM_MARK, RECOVERY_BADGE, SPARKLINE, USAGE_MARKS } from './styles.js';
export { LANES, COMPACT_LANES, shownLanes, type LaneId, type LaneRow } from './lanes.js';
export { kpiStatus, kpiValues } from './kpi-text.js';

export interface JourneyLayoutOptions {
    /** Stages drawn faded (the customer filter left them without touchpoints). */
    dimmedStages?: ReadonlySet<string>;
    /** The customer the model was filtered for, named in the subtitle. */
    customer?: string;
    /** The model's errors, by element (the diagram marks them and says how many). */
    problems?: ProblemIndex;
    /** Only touchpoints, emotion, moments and pains, in narrower columns: a long journey that stays readable. */
    compact?: boolean;
    /** Which stages are drawn, when not all (`--stages`), said in the subtitle. */
    range?: string;
    /** The whole journey, when `model` is a part of it (a customer's path, a range of stages): what its elements name is found there. */
    whole?: JourneyModel;
}

export function layoutJourney(model: JourneyModel, options: JourneyLayoutOptions = {}): Diagram {
    const dimmed = options.dimmedStages ?? new Set<string>();
    const problems = options.problems ?? NO_PROBLEMS;
    const names = nameIndex(options.whole ?? model);

    // ---- slots and items
    const columns = columnsOf(model);
    const compact = options.compact === true;
    const placement = placeItems(model, columns, names, options.customer !== undefined, compact);
    const { momentSlot } = placement;
    const items = compact ? placement.items.filter(i => COMPACT_LANES.has(i.lane)) : placement.items;
    const usage = compact ? [] : placement.usage;
    addTrailingSlot(columns, items.some(i => i.start === columns.trailing) || usage.some(u => u.uses.has(columns.trailing)));
    const { slots } = columns;
    const wanted = slots.map(() => 0);
    for (const it of items) if (it.start === it.end) wanted[it.start] = Math.max(wanted[it.start], it.prefWidth);
    const grid = sizeColumns(slots, wanted, compact ? COMPACT_SIZES : JOURNEY_SIZES);
    const width = Math.max(grid.right, S.margin + S.panelWidth) + S.margin;

    // ---- title, errors, customers, stage headers
    const boxes: DiagramBox[] = [];
    const title = titleBox(model, columns, width - 2 * S.margin, S.margin, names, { customer: options.customer, range: options.range, compact }, problems);
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
    const stacked = stackLanes({ items, usage, slots, gridLeft: grid.left, gridRight: grid.right, hasEmotion, names, problems, compact }, headerTop + headers.height + 8);
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
    bands.push(...stacked.bands);
    const last = slots[slots.length - 1];
    if (last.trailing) bands.push({ kind: 'column', x: last.x, y: headerTop - 6, width: last.width, height: gridBottom - headerTop + 6, fill: 'muted', opacity: 0.06 });

    const lines = [...stacked.lines];
    const points: DiagramBox[] = [];
    let rings = false;
    if (stacked.emotion) {
        const curve = emotionCurve(columns, model.moments, stacked.emotion, grid.left, grid.right);
        lines.push(...curve.lines);
        points.push(...curve.boxes.filter(b => b.kind === 'emotion'));
        boxes.push(...curve.boxes);
        rings = curve.rings;
    }

    // ---- routing: around every card and emotion point, never along a rule or a line of the blueprint
    const ruled = lines.filter(l => l.points.length === 2 && l.points[0].y === l.points[1].y).map(l => l.points[0].y);
    lines.push(...connectors(model, columns, momentSlot, stacked.placed, stacked.lanes, points, ruled));

    // ---- the full panel (not in compact mode; one line when there are no objectives) and the legend, at the start of the diagram under the lanes
    const room = width - 2 * S.margin;
    const top = gridBottom + S.legendGap;
    /** What the legend goes beside, or under when it does not fit beside it in one row. */
    let before: { right: number; top: number; bottom: number } | undefined;
    let panelKpis: KpiModel[] = [];
    if (!compact && model.objectives.length === 0) {
        const note = noObjectivesNote(S.margin, top, room);
        boxes.push(note);
        before = { right: note.x + note.width, top, bottom: note.y + note.height };
    } else if (!compact) {
        const panel = objectivesPanel(model.objectives, S.margin, top, room, names, problems);
        bands.push(panel.band);
        boxes.push(...panel.boxes);
        panelKpis = panel.kpis;
        before = { right: panel.right, top: panel.band.y, bottom: panel.bottom };
    }
    const drawn = drawnSignals({ items, usage, lines, boxes, kpis: placement.kpis, panelKpis, rings });
    const besideX = before ? before.right + S.legendGap : S.margin;
    const beside = before ? legendBox(drawn, besideX, before.top, width - S.margin - besideX) : undefined;
    const legend = beside && beside.box.width <= width - S.margin - besideX && beside.rows === 1 ? beside
        : legendBox(drawn, S.margin, before ? before.bottom + S.legendGap : top, room);
    if (legend) boxes.push(legend.box);

    return {
        view: 'journey',
        title: labelOf(model),
        width: Math.ceil(Math.max(width, ...boxes.map(b => b.x + b.width + S.margin))),
        height: Math.ceil(Math.max(gridBottom, ...boxes.map(b => b.y + b.height), ...bands.map(b => b.y + b.height)) + S.margin),
        ...(compact ? { compact: true } : {}),
        frozen: { labelsRight: grid.left - 2, headerTop: headerTop - 6, headerBottom: headerTop + headers.height + 4, gridBottom },
        bands, lines, boxes,
        lanes: stacked.lanes
    };
}
