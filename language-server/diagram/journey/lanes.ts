/**
 * Phase 3, the lanes: a table of lanes top to bottom, one row each; every lane is as tall as its
 * tallest stack of boxes, stacked skyline-fashion so nothing overlaps. The emotion lane holds
 * the curve (emotion.ts) and the line of visibility a dashed rule; neither stacks boxes.
 */
import { Stack } from '../kit.js';
import type { DiagramBox, DiagramLine, LanePosition } from '../types.js';
import type { Item } from './item.js';
import { spanX, type Slot } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';

export type LaneId = 'touchpoints' | 'emotion' | 'moments' | 'pains' | 'opportunities' | 'visibility'
    | 'frontstage' | 'backstage' | 'support' | 'processes' | 'systems' | 'information';

export interface LaneRow {
    id: LaneId;
    label: string;
    /** `stack`: boxes stacked in their slots; `emotion`: the curve; `line`: a labelled rule. */
    kind: 'stack' | 'emotion' | 'line';
    /** A process lane: its boxes say which lane they are in. */
    process?: boolean;
    /** Left out when nothing goes there. */
    optional?: boolean;
}

export const LANES: readonly LaneRow[] = [
    { id: 'touchpoints', label: 'Touchpoints', kind: 'stack' },
    { id: 'emotion', label: 'Emotion', kind: 'emotion' },
    { id: 'moments', label: 'Moments of truth', kind: 'stack' },
    { id: 'pains', label: 'Pains', kind: 'stack' },
    { id: 'opportunities', label: 'Opportunities', kind: 'stack' },
    { id: 'visibility', label: 'Line of visibility', kind: 'line' },
    { id: 'frontstage', label: 'Frontstage', kind: 'stack', process: true },
    { id: 'backstage', label: 'Backstage', kind: 'stack', process: true },
    { id: 'support', label: 'Support processes', kind: 'stack', process: true },
    { id: 'processes', label: 'Other processes', kind: 'stack', process: true, optional: true },
    { id: 'systems', label: 'Systems', kind: 'stack' },
    { id: 'information', label: 'Information', kind: 'stack' }
];

export interface Placed {
    item: Item;
    box: DiagramBox;
}

export interface StackedLanes {
    lanes: LanePosition[];
    placed: Placed[];
    /** Lane labels, in lane order. */
    labels: DiagramBox[];
    /** The rules between lanes and the line of visibility. */
    lines: DiagramLine[];
    emotion: { top: number; height: number };
    bottom: number;
}

export function stackLanes(items: Item[], slots: Slot[], top: number, gridRight: number): StackedLanes {
    const lanes: LanePosition[] = [];
    const placed: Placed[] = [];
    const labels: DiagramBox[] = [];
    const lines: DiagramLine[] = [];
    const emotion = { top: 0, height: 0 };
    let visibilityY = 0;
    let y = top;
    for (const row of LANES) {
        const laneItems = items.filter(i => i.lane === row.id);
        if (row.optional && laneItems.length === 0) continue;
        const laneTop = y;
        let height: number;
        if (row.kind === 'emotion') {
            height = S.emotionLane;
            emotion.top = laneTop;
            emotion.height = height;
        } else if (row.kind === 'line') {
            height = S.visibilityLane;
            visibilityY = laneTop + height - 8;
        } else {
            const skyline = slots.map(() => laneTop + S.lanePad);
            for (const item of laneItems) {
                const { x: bx, width } = spanX(slots, item.start, item.end);
                const stack = item.content(width);
                const by = Math.max(...skyline.slice(item.start, item.end + 1));
                const bh = Math.ceil(stack.height);
                for (let s = item.start; s <= item.end; s++) skyline[s] = by + bh + S.stackGap;
                const box: DiagramBox = {
                    kind: item.kind, id: item.id, x: bx, y: by, width, height: bh, tooltip: item.tooltip,
                    parts: [...item.frame(bx, by, width, bh), ...stack.draw(bx, by)]
                };
                if (row.process) box.lane = row.id;
                placed.push({ item, box });
            }
            height = Math.max(S.minLane, Math.max(laneTop + S.lanePad, ...skyline) - S.stackGap + S.lanePad - laneTop);
        }
        lanes.push({ lane: row.id, label: row.label, y: laneTop, height });
        if (row.kind !== 'line') {
            const labelWidth = row.kind === 'emotion' ? S.labelWidth - 48 : S.labelWidth - 16;
            const label = new Stack(labelWidth, 0, 0).text(row.label, 'bold', 'fg', 2);
            labels.push({ kind: 'lane-label', x: S.margin, y: laneTop + S.lanePad, width: labelWidth, height: label.height, parts: label.draw(S.margin, laneTop + S.lanePad) });
        } else {
            const label = new Stack(S.labelWidth - 16, 0, 0).text(row.label, 'smallBold', 'muted', 1);
            labels.push({ kind: 'lane-label', x: S.margin, y: visibilityY - 4 - label.height, width: S.labelWidth - 16, height: label.height, parts: label.draw(S.margin, visibilityY - 4 - label.height) });
        }
        y = laneTop + height;
        // The line of visibility takes the place of the rule under its lane.
        if (row.kind !== 'line') lines.push({ kind: 'rule', points: [{ x: S.margin, y }, { x: gridRight, y }], shape: 'polyline', stroke: 'rule', width: 1 });
    }
    if (lanes.some(l => l.lane === 'visibility')) {
        lines.push({ kind: 'visibility', points: [{ x: S.margin, y: visibilityY }, { x: gridRight, y: visibilityY }], shape: 'polyline', stroke: 'muted', width: 1.5, dash: '8 5' });
    }
    return { lanes, placed, labels, lines, emotion, bottom: y };
}
