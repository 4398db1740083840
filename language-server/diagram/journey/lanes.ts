/**
 * Phase 3, the lanes, top to bottom as a service blueprint has them: one row of LANES each.
 * The customer's side (touchpoints, the emotion curve, moments of truth, pains, opportunities),
 * the line of interaction, frontstage, the line of visibility, backstage, the line of internal
 * interaction, support processes, then the technology (systems, information). A lane is as tall
 * as its tallest stack of boxes, stacked skyline-fashion so nothing overlaps; a lane with nothing
 * in it folds away, and a line is drawn only where a drawn lane is above it and a drawn process lane below.
 */
import { Stack } from '../kit.js';
import type { ProblemIndex } from '../problems.js';
import type { Band, DiagramBox, DiagramLine, LanePosition } from '../types.js';
import { finishBox } from './cards.js';
import type { Item } from './item.js';
import { drawMatrix, matrixHeight, type UsageRow } from './matrix.js';
import type { Names } from './names.js';
import { spanX, type Slot } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';
import { LINE_STYLES, type BlueprintLine } from './styles.js';

export type LaneId = 'touchpoints' | 'emotion' | 'moments' | 'pains' | 'opportunities' | BlueprintLine
    | 'frontstage' | 'backstage' | 'support' | 'processes' | 'systems' | 'information' | 'kpis';

export interface LaneRow {
    id: LaneId;
    label: string;
    /** `stack`: boxes stacked in their slots; `emotion`: the curve; `line`: a labelled line of the blueprint; `matrix`: usage rows. */
    kind: 'stack' | 'emotion' | 'line' | 'matrix';
    /** A process lane: its boxes say which lane they are in. */
    process?: boolean;
    /** Its boxes leave the columns' right edge free (the spine the touchpoints' connectors run down). */
    spine?: boolean;
    /** Drawn even when empty. */
    keep?: boolean;
}

export const LANES: readonly LaneRow[] = [
    { id: 'touchpoints', label: 'Touchpoints', kind: 'stack', keep: true },
    { id: 'emotion', label: 'Emotion', kind: 'emotion' },
    { id: 'moments', label: 'Moments of truth', kind: 'stack', spine: true },
    { id: 'pains', label: 'Pains', kind: 'stack', spine: true },
    { id: 'opportunities', label: 'Opportunities', kind: 'stack', spine: true },
    { id: 'interaction', label: 'Line of interaction', kind: 'line' },
    { id: 'frontstage', label: 'Frontstage', kind: 'stack', process: true },
    { id: 'visibility', label: 'Line of visibility', kind: 'line' },
    { id: 'backstage', label: 'Backstage', kind: 'stack', process: true },
    { id: 'internal', label: 'Line of internal interaction', kind: 'line' },
    { id: 'support', label: 'Support processes', kind: 'stack', process: true },
    { id: 'processes', label: 'Processes without a lane', kind: 'stack', process: true },
    { id: 'systems', label: 'Systems', kind: 'matrix' },
    { id: 'information', label: 'Information', kind: 'matrix' },
    { id: 'kpis', label: 'KPIs measured here', kind: 'stack' }
];

export interface Placed {
    item: Item;
    box: DiagramBox;
}

export interface StackedLanes {
    lanes: LanePosition[];
    placed: Placed[];
    /** Lane labels, in lane order, then the usage matrix's row labels and marks. */
    labels: DiagramBox[];
    /** The rules between lanes and the lines of the blueprint. */
    lines: DiagramLine[];
    /** The stripes of the matrix rows. */
    bands: Band[];
    emotion?: { top: number; height: number };
    bottom: number;
}

/** The lanes drawn: those with something in them, and each line with a drawn lane above it and a drawn process lane below. */
/** The lanes compact mode draws. */
export const COMPACT_LANES: ReadonlySet<LaneId> = new Set(['touchpoints', 'emotion', 'moments', 'pains']);

export function shownLanes(items: readonly Item[], usage: readonly UsageRow[], hasEmotion: boolean, compact = false): LaneRow[] {
    const used = new Set<LaneId>([...items.map(i => i.lane), ...usage.map(u => u.lane)]);
    const filled = LANES.map(row => compact && !COMPACT_LANES.has(row.id) ? false : row.kind === 'stack' || row.kind === 'matrix' ? row.keep === true || used.has(row.id) : row.kind === 'emotion' ? hasEmotion : false);
    return LANES.filter((row, i) => row.kind !== 'line' ? filled[i] : filled.slice(0, i).some(Boolean) && LANES.some((below, j) => j > i && below.process && filled[j]));
}

export interface LaneInput {
    items: Item[];
    usage: UsageRow[];
    slots: Slot[];
    gridLeft: number;
    gridRight: number;
    hasEmotion: boolean;
    names: Names;
    problems: ProblemIndex;
    compact: boolean;
}

export function stackLanes(input: LaneInput, top: number): StackedLanes {
    const { items, usage, slots, gridLeft, gridRight, hasEmotion, names, problems, compact } = input;
    const lanes: LanePosition[] = [];
    const placed: Placed[] = [];
    const labels: DiagramBox[] = [];
    const lines: DiagramLine[] = [];
    const bands: Band[] = [];
    let emotion: StackedLanes['emotion'];
    const rows = shownLanes(items, usage, hasEmotion, compact);
    const byLane = new Map<LaneId, Item[]>();
    for (const item of items) {
        const list = byLane.get(item.lane);
        if (list) list.push(item);
        else byLane.set(item.lane, [item]);
    }
    const labelWidth = S.labelWidth - 16;
    const matrix: DiagramBox[] = [];
    let y = top;
    rows.forEach((row, index) => {
        const laneTop = y;
        let height: number;
        if (row.kind === 'line') {
            const label = new Stack(labelWidth, 0, 0).text(row.label, 'smallBold', LINE_STYLES[row.id as BlueprintLine].stroke, 2);
            const lineY = laneTop + 2 + label.height + 4;
            height = lineY - laneTop + 6;
            labels.push({ kind: 'line-label', x: S.margin, y: laneTop + 2, width: labelWidth, height: label.height, parts: label.draw(S.margin, laneTop + 2) });
            const style = LINE_STYLES[row.id as BlueprintLine];
            lines.push({
                kind: row.id as BlueprintLine, points: [{ x: S.margin, y: lineY }, { x: gridRight, y: lineY }], shape: 'polyline',
                stroke: style.stroke, width: style.width, ...('dash' in style ? { dash: style.dash } : {})
            });
        } else if (row.kind === 'matrix') {
            const label = new Stack(labelWidth, 0, 0).text(row.label, 'bold', 'fg', 1);
            labels.push({ kind: 'lane-label', x: S.margin, y: laneTop + S.lanePad, width: labelWidth, height: label.height, parts: label.draw(S.margin, laneTop + S.lanePad) });
            const laneRows = usage.filter(u => u.lane === row.id);
            height = matrixHeight(laneRows.length, label.height);
            const drawn = drawMatrix(laneRows, slots, laneTop + S.lanePad + label.height + 4, gridLeft, gridRight, names, problems);
            matrix.push(...drawn.boxes);
            bands.push(...drawn.bands);
        } else {
            if (row.kind === 'emotion') {
                height = S.emotionLane;
                emotion = { top: laneTop, height };
            } else {
                const skyline = slots.map(() => laneTop + S.lanePad);
                for (const item of byLane.get(row.id) ?? []) {
                    const span = spanX(slots, item.start, item.end);
                    const x = span.x;
                    const width = row.spine && !compact ? span.width - S.spine : span.width;
                    const by = Math.max(...skyline.slice(item.start, item.end + 1));
                    const box = finishBox({ kind: item.kind, id: item.id, x, y: by, width, tooltip: item.tooltip, ...(row.process ? { lane: row.id } : {}) },
                        item.content(width), h => item.frame(x, by, width, h), problems.of(item.element));
                    for (let s = item.start; s <= item.end; s++) skyline[s] = by + box.height + S.stackGap;
                    placed.push({ item, box });
                }
                height = Math.max(S.minLane, Math.max(laneTop + S.lanePad, ...skyline) - S.stackGap + S.lanePad - laneTop);
            }
            const width = row.kind === 'emotion' ? labelWidth - 36 : labelWidth;
            const label = new Stack(width, 0, 0).text(row.label, 'bold', 'fg', 2);
            labels.push({ kind: 'lane-label', x: S.margin, y: laneTop + S.lanePad, width, height: label.height, parts: label.draw(S.margin, laneTop + S.lanePad) });
        }
        lanes.push({ lane: row.id, label: row.label, y: laneTop, height });
        y = laneTop + height;
        // A faint rule between two lanes; a line of the blueprint needs none beside it.
        const next = rows[index + 1];
        if (row.kind !== 'line' && next?.kind !== 'line') lines.push({ kind: 'rule', points: [{ x: S.margin, y }, { x: gridRight, y }], shape: 'polyline', stroke: 'rule', width: 1 });
    });
    return { lanes, placed, labels: [...labels, ...matrix], lines, bands, ...(emotion ? { emotion } : {}), bottom: y };
}
