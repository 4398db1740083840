/**
 * Marks: elements drawn as added, changed or removed (`copis diff --to svg`). Applied to a laid-out
 * diagram by id, whatever the layout: a marked box gets a frame and a labelled badge on its top
 * edge (NEW, CHANGED, REMOVED: the label tells a mark from the diagram's own green, orange and red,
 * which mean polarity and status), a removed one is a ghost (faded, its frame dashed; svg.ts fades
 * it), the lines to and from a ghost fade with it, and a legend row is added below the diagram.
 * The layout itself knows nothing of marks.
 */
import { FONTS, Stack, baseline, textWidth } from './kit.js';
import type { Colour } from './theme.js';
import type { Diagram, DiagramBox, Part } from './types.js';

export type Mark = 'added' | 'changed' | 'removed';
/** Element id → its mark. */
export type Marks = Readonly<Record<string, Mark>>;

export const MARK_STYLES: Record<Mark, { colour: Colour; badge: string; legend: string; dash?: string; opacity?: number }> = {
    added: { colour: 'positive', badge: 'NEW', legend: 'added' },
    changed: { colour: 'mixed', badge: 'CHANGED', legend: 'changed' },
    removed: { colour: 'negative', badge: 'REMOVED', legend: 'removed (a ghost where it was)', dash: '4 3', opacity: 0.45 }
};

/** Boxes narrower than this (the points of the emotion curve) get the frame only. */
const BADGE_MIN_WIDTH = 60;
const BADGE_HEIGHT = 12;

/** Boxes smaller than this (the points of the emotion curve) keep their mark as data only: a frame would hide them. */
const FRAME_MIN_SIZE = 20;

/** The frame and badge of a mark on a box of this size. */
export function markParts(mark: Mark, box: { x: number; y: number; width: number; height: number }): Part[] {
    const style = MARK_STYLES[mark];
    if (box.width < FRAME_MIN_SIZE || box.height < FRAME_MIN_SIZE) return [];
    const parts: Part[] = [{
        type: 'rect', x: box.x + 1, y: box.y + 1, width: Math.max(0, box.width - 2), height: Math.max(0, box.height - 2), rx: 4,
        stroke: style.colour, strokeWidth: 2.5, ...(style.dash ? { dash: style.dash } : {})
    }];
    if (box.width < BADGE_MIN_WIDTH) return parts;
    const width = Math.ceil(textWidth(style.badge, 'tag')) + 10;
    const top = box.y - BADGE_HEIGHT / 2;
    const x = box.x + 8;
    parts.push(
        { type: 'rect', x, y: top, width, height: BADGE_HEIGHT, rx: BADGE_HEIGHT / 2, fill: style.colour, stroke: 'bg', strokeWidth: 1 },
        { type: 'text', x: x + width / 2, y: baseline(top, 'tag'), text: style.badge, font: 'tag', fill: 'bg', anchor: 'middle' }
    );
    return parts;
}

const MARGIN = 24;

export function markDiagram(diagram: Diagram, marks: Marks): Diagram {
    const boxes = diagram.boxes.map(box => {
        const mark = box.id !== undefined ? marks[box.id] : undefined;
        return mark === undefined ? box : { ...box, mark, parts: [...box.parts, ...markParts(mark, box)] };
    });
    const ghost = (id: string | undefined) => id !== undefined && marks[id] === 'removed';
    const faded = MARK_STYLES.removed.opacity!;
    const lines = diagram.lines.map(line => ghost(line.from) || ghost(line.to)
        ? { ...line, opacity: Math.min(line.opacity ?? 1, faded), dash: line.dash ?? MARK_STYLES.removed.dash }
        : line);

    // The legend: a row below the diagram.
    const y = diagram.height + 4;
    // A sample box as tall as the smallest one framed, its badge on its top edge.
    const sampleHeight = FRAME_MIN_SIZE;
    const row = BADGE_HEIGHT / 2 + sampleHeight + 8;
    const textTop = y + BADGE_HEIGHT / 2 + (sampleHeight - FONTS.small.lineHeight) / 2;
    const legend: DiagramBox[] = [];
    let x = MARGIN;
    const heading = 'Changes since BASE:';
    const headingWidth = Math.ceil(textWidth(heading, 'smallBold')) + 2;
    legend.push({ kind: 'marks-legend', x, y, width: headingWidth, height: row, parts: new Stack(headingWidth, 0, 0).text(heading, 'smallBold', 'muted', 1).draw(x, textTop) });
    x += headingWidth + 14;
    for (const mark of ['added', 'changed', 'removed'] as const) {
        const style = MARK_STYLES[mark];
        const sample = { x, y: y + BADGE_HEIGHT / 2, width: 78, height: sampleHeight };
        const label = Math.ceil(textWidth(style.legend, 'small')) + 2;
        legend.push({
            kind: 'marks-legend', x, y, width: sample.width + 8 + label, height: row,
            parts: [
                { type: 'rect', ...sample, rx: 4, fill: 'surface', stroke: 'border' },
                ...markParts(mark, sample),
                ...new Stack(label, 0, 0).text(style.legend, 'small', 'fg', 1).draw(x + sample.width + 8, textTop)
            ]
        });
        x += sample.width + 8 + label + 18;
    }
    return { ...diagram, width: Math.max(diagram.width, x + MARGIN), height: y + row + 12, boxes: [...boxes, ...legend], lines };
}
