/**
 * Building blocks shared by both layouts: fonts, a vertical stack of rows that knows its
 * height before it is placed, tooltips, small number helpers.
 */
import type { Element } from '../model/journey-model.js';
import type { IconName } from './icons.js';
import { ellipsize, measureText, normalizeSpace, wrapText, type Font } from './text.js';
import type { Colour } from './theme.js';
import type { FontRole, Part, ShapeName, TextAnchor } from './types.js';

export interface FontSpec extends Font {
    lineHeight: number;
}

/** No text under 11 px at 100%. */
export const FONTS: Record<FontRole, FontSpec> = {
    heading: { size: 18, bold: true, lineHeight: 23 },
    header: { size: 14, bold: true, lineHeight: 18 },
    title: { size: 12, bold: true, lineHeight: 15 },
    body: { size: 12, lineHeight: 15 },
    bold: { size: 12, bold: true, lineHeight: 15 },
    small: { size: 11, lineHeight: 14 },
    smallBold: { size: 11, bold: true, lineHeight: 14 },
    tag: { size: 11, bold: true, lineHeight: 14 }
};

/** The baseline of a line of `role` whose line box starts at `top`: cap height centred in the line. */
export function baseline(top: number, role: FontRole): number {
    const f = FONTS[role];
    return top + f.lineHeight / 2 + f.size * 0.36;
}

export function textWidth(text: string, role: FontRole): number {
    return measureText(normalizeSpace(text), FONTS[role]);
}

type Draw = (x: number, y: number, width: number) => Part[];

/**
 * Rows of content stacked top to bottom inside a box of known width: its height is known
 * before the box is placed, so layouts can size lanes first and draw afterwards.
 */
export class Stack {
    private rows: Array<{ height: number; draw: Draw }> = [];
    /** Some text was cut to fit. */
    truncated = false;

    constructor(readonly width: number, readonly padX = 8, readonly padY = 7) {}

    get innerWidth(): number {
        return Math.max(8, this.width - 2 * this.padX);
    }

    /** Wrapped text, at most `maxLines` lines (the rest cut with an ellipsis); `indent` from the left. */
    text(text: string | undefined, role: FontRole, fill: Colour, maxLines = 1, indent = 0, anchor: TextAnchor = 'start'): this {
        if (text === undefined || normalizeSpace(text) === '') return this;
        const lh = FONTS[role].lineHeight;
        const width = this.innerWidth - indent;
        const wrapped = wrapText(text, width, FONTS[role], maxLines);
        if (wrapped.truncated) this.truncated = true;
        this.rows.push({
            height: wrapped.lines.length * lh,
            draw: (x, y) => wrapped.lines.map((line, i) => ({
                type: 'text' as const,
                x: anchor === 'middle' ? x + indent + width / 2 : anchor === 'end' ? x + indent + width : x + indent,
                y: baseline(y + i * lh, role),
                text: line, font: role, fill, ...(anchor !== 'start' ? { anchor } : {})
            }))
        });
        return this;
    }

    /**
     * A glyph (a status mark) in its colour, then wrapped text after it, at most `maxLines` lines;
     * `indent` from the left.
     */
    glyphText(glyph: string, glyphFill: Colour, text: string, role: FontRole, fill: Colour, maxLines = 1, indent = 0): this {
        const lh = FONTS[role].lineHeight;
        const glyphWidth = textWidth(glyph, 'smallBold') + 4;
        const width = this.innerWidth - indent - glyphWidth;
        const wrapped = wrapText(text, width, FONTS[role], maxLines);
        if (wrapped.truncated) this.truncated = true;
        this.rows.push({
            height: Math.max(1, wrapped.lines.length) * lh,
            draw: (x, y) => [
                { type: 'text' as const, x: x + indent, y: baseline(y, role), text: glyph, font: 'smallBold' as const, fill: glyphFill },
                ...wrapped.lines.map((line, i) => ({ type: 'text' as const, x: x + indent + glyphWidth, y: baseline(y + i * lh, role), text: line, font: role, fill }))
            ]
        });
        return this;
    }

    /**
     * A `glyphText` row that is a badge too (a `badge` part over the glyph and the text): pointed at
     * or focused, it shows its box's lines drawn only on demand. `label` is the badge's tooltip.
     */
    badge(label: string, glyph: string, glyphFill: Colour, text: string, role: FontRole, fill: Colour, maxLines = 1, indent = 0): this {
        this.glyphText(glyph, glyphFill, text, role, fill, maxLines, indent);
        const row = this.rows[this.rows.length - 1];
        const drawRow = row.draw;
        row.draw = (x, y, width) => {
            const parts = drawRow(x, y, width);
            const right = Math.max(...parts.map(p => p.type === 'text' ? p.x + textWidth(p.text, p.font) : x));
            const left = x + indent;
            return [...parts, { type: 'badge', x: left - 3, y: y - 1, width: right - left + 6, height: row.height + 2, label }];
        };
        return this;
    }

    /** An icon and a one-line text after it; `right` is a short text at the right end of the row, after a shape. */
    iconRow(icon: IconName, text: string, fill: Colour, right?: { text: string; fill: Colour; shape?: ShapeName }): this {
        const role: FontRole = 'small';
        const lh = 16;
        const rightWidth = right ? textWidth(right.text, 'smallBold') + (right.shape ? 14 : 0) : 0;
        const room = this.innerWidth - 18 - (right ? rightWidth + 6 : 0);
        const shown = ellipsize(normalizeSpace(text), Math.max(8, room), FONTS[role]);
        if (shown !== normalizeSpace(text)) this.truncated = true;
        this.rows.push({
            height: lh,
            draw: (x, y) => {
                const parts: Part[] = [
                    { type: 'icon', icon, x, y: y + 1, size: 14, stroke: fill },
                    { type: 'text', x: x + 18, y: baseline(y, role) + 1, text: shown, font: role, fill }
                ];
                if (right) {
                    const end = x + this.innerWidth;
                    parts.push({ type: 'text', x: end, y: baseline(y, 'smallBold') + 1, text: right.text, font: 'smallBold', fill: right.fill, anchor: 'end' });
                    if (right.shape) parts.push({ type: 'shape', shape: right.shape, cx: end - rightWidth + 5, cy: y + 8, r: 5, fill: right.fill });
                }
                return parts;
            }
        });
        return this;
    }

    gap(height: number): this {
        this.rows.push({ height, draw: () => [] });
        return this;
    }

    /** Free-form content of a fixed height. */
    custom(height: number, draw: Draw): this {
        this.rows.push({ height, draw });
        return this;
    }

    get contentHeight(): number {
        return this.rows.reduce((h, r) => h + r.height, 0);
    }

    get height(): number {
        return this.contentHeight + 2 * this.padY;
    }

    /** The parts of the rows, with the box's top-left corner at (x, y). */
    draw(x: number, y: number): Part[] {
        const parts: Part[] = [];
        let top = y + this.padY;
        for (const row of this.rows) {
            parts.push(...row.draw(x + this.padX, top, this.innerWidth));
            top += row.height;
        }
        return parts;
    }
}

const KIND_LABEL: Record<string, string> = {
    journey: 'Journey', stage: 'Stage', touchpoint: 'Touchpoint', moment: 'Moment of truth', pain: 'Pain',
    opportunity: 'Opportunity', process: 'Process', system: 'System', information: 'Information',
    objective: 'Objective', kpi: 'KPI', customer: 'Customer'
};

/** Hover text: the title (in full), the kind and name, details, and the doc comment. */
export function tooltip(kind: string, element: Element, details: Array<string | undefined> = []): string {
    const lines: string[] = [];
    if (element.title) lines.push(element.title);
    const facts = [`${KIND_LABEL[kind] ?? kind} ${element.name}`, ...details.filter((d): d is string => !!d)];
    lines.push(facts.join(' · '));
    if (element.doc) lines.push('', element.doc);
    return lines.join('\n');
}

/** What a reader sees for an element (model/labels.ts). */
export { label as labelOf } from '../model/labels.js';

export function clamp(value: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, value));
}

/** A signed emotion for display: `+2`, `0`, `−1` (a real minus sign). */
export function formatEmotion(emotion: number): string {
    return emotion > 0 ? `+${emotion}` : emotion < 0 ? `\u2212${-emotion}` : '0';
}


/** Runs of consecutive numbers in a sorted list: [1,2,3,5] → [[1,3],[5,5]]. */
export function runs(sorted: number[]): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const n of sorted) {
        const last = out[out.length - 1];
        if (last && n === last[1] + 1) last[1] = n;
        else if (!last || n > last[1]) out.push([n, n]);
    }
    return out;
}

export function sortedUnique(values: Iterable<number>): number[] {
    return [...new Set(values)].sort((a, b) => a - b);
}
