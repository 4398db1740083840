/** The emotion curve: a point per touchpoint with an emotion, -2 at the bottom of the lane, +2 at the top. */
import { emotionColour, formatEmotion, labelOf } from '../kit.js';
import type { DiagramBox, DiagramLine, Point } from '../types.js';
import type { Columns } from './slots.js';

const PAD = 14;

export function emotionCurve(columns: Columns, lane: { top: number; height: number }, gridLeft: number, gridRight: number): { lines: DiagramLine[]; boxes: DiagramBox[] } {
    const emotionY = (e: number) => lane.top + PAD + (2 - e) / 4 * (lane.height - 2 * PAD);
    const lines: DiagramLine[] = [
        { kind: 'rule', points: [{ x: gridLeft, y: emotionY(0) }, { x: gridRight, y: emotionY(0) }], shape: 'polyline', stroke: 'muted', width: 1, dash: '2 4', opacity: 0.6 }
    ];
    const boxes: DiagramBox[] = [];
    const curve: Point[] = [];
    for (const tp of columns.touchpoints) {
        if (tp.emotion === undefined) continue;
        const slot = columns.slots[columns.slotOfTouchpoint.get(tp.id)!];
        const point = { x: slot.x + slot.width / 2, y: emotionY(tp.emotion) };
        curve.push(point);
        boxes.push({
            kind: 'emotion', id: tp.id, x: point.x - 6, y: point.y - 6, width: 12, height: 12,
            tooltip: `${labelOf(tp)}\nEmotion ${formatEmotion(tp.emotion)}`,
            parts: [{ type: 'circle', cx: point.x, cy: point.y, r: 5, fill: emotionColour(tp.emotion), stroke: 'bg', strokeWidth: 1.5 }]
        });
    }
    if (curve.length > 1) lines.push({ kind: 'emotion', points: curve, shape: 'polyline', stroke: 'accent', width: 2, opacity: 0.85 });
    boxes.push({
        kind: 'scale', x: gridLeft - 40, y: emotionY(2) - 8, width: 34, height: emotionY(-2) - emotionY(2) + 14,
        parts: [2, 0, -2].map(e => ({ type: 'text' as const, x: gridLeft - 8, y: emotionY(e) + 3.5, text: formatEmotion(e), font: 'small' as const, fill: 'muted' as const, anchor: 'end' as const }))
    });
    return { lines, boxes };
}
