/**
 * The emotion curve: a point per touchpoint with an emotion, -2 at the bottom of the lane, +2 at
 * the top, its shape telling the sign as its colour does; a touchpoint that hosts a moment of
 * truth has a ring around its point, in the moment's polarity colour.
 */
import type { MomentModel } from '../../model/journey-model.js';
import { formatEmotion, labelOf } from '../kit.js';
import type { DiagramBox, DiagramLine, Part, Point } from '../types.js';
import type { Columns } from './slots.js';
import { EMOTION, LINE_STYLES, emotionStyle, polarityStyle } from './styles.js';

const PAD = 20;
export const EMOTION_POINT = 6;
export const MOMENT_RING = 11;

/** The curve, its points and the scale; `rings`: some point has a moment's ring. */
export function emotionCurve(columns: Columns, moments: readonly MomentModel[], lane: { top: number; height: number }, gridLeft: number, gridRight: number): { lines: DiagramLine[]; boxes: DiagramBox[]; rings: boolean } {
    const emotionY = (e: number) => lane.top + PAD + (2 - e) / 4 * (lane.height - 2 * PAD);
    const lines: DiagramLine[] = [
        { kind: 'rule', points: [{ x: gridLeft, y: emotionY(0) }, { x: gridRight, y: emotionY(0) }], shape: 'polyline', stroke: 'muted', width: 1, dash: '2 4', opacity: 0.6 }
    ];
    const momentsAt = new Map<string, MomentModel[]>();
    for (const m of moments) {
        if (m.at === undefined) continue;
        const list = momentsAt.get(m.at);
        if (list) list.push(m);
        else momentsAt.set(m.at, [m]);
    }
    const boxes: DiagramBox[] = [];
    const curve: Point[] = [];
    let rings = false;
    columns.touchpoints.forEach((tp, i) => {
        if (tp.emotion === undefined) return;
        const slot = columns.slots[columns.touchpointSlots[i]];
        const point = { x: slot.x + slot.width / 2, y: emotionY(tp.emotion) };
        curve.push(point);
        const style = emotionStyle(tp.emotion);
        // The moments belong to the first touchpoint of their name (as their cards do).
        const hosted = columns.slotOfTouchpoint.get(tp.id) === columns.touchpointSlots[i] ? momentsAt.get(tp.id) ?? [] : [];
        const parts: Part[] = [];
        if (hosted.length > 0) {
            rings = true;
            parts.push({ type: 'circle', cx: point.x, cy: point.y, r: MOMENT_RING, fill: 'bg', stroke: polarityStyle(hosted[0].polarity).colour, strokeWidth: 2 });
        }
        parts.push({ type: 'shape', shape: style.shape, cx: point.x, cy: point.y, r: EMOTION_POINT, fill: style.colour, stroke: 'bg', strokeWidth: 1 });
        const half = hosted.length > 0 ? MOMENT_RING + 1 : EMOTION_POINT + 1;
        boxes.push({
            kind: 'emotion', id: tp.id, x: point.x - half, y: point.y - half, width: 2 * half, height: 2 * half,
            tooltip: [labelOf(tp), `Emotion ${formatEmotion(tp.emotion)}`, ...hosted.map(m => `Moment of truth: ${labelOf(m)}`)].join('\n'),
            parts
        });
    });
    if (curve.length > 1) {
        const s = LINE_STYLES.emotion;
        lines.push({ kind: 'emotion', points: curve, shape: 'polyline', stroke: s.stroke, width: s.width });
    }
    boxes.push({
        kind: 'scale', x: gridLeft - 34, y: emotionY(2) - 10, width: 28, height: emotionY(-2) - emotionY(2) + 18,
        parts: [2, 0, -2].map(e => ({ type: 'text' as const, x: gridLeft - 8, y: emotionY(e) + 4, text: formatEmotion(e), font: 'smallBold' as const, fill: EMOTION[e > 0 ? 'positive' : e < 0 ? 'negative' : 'neutral'].colour, anchor: 'end' as const }))
    });
    return { lines, boxes, rings };
}
