/**
 * Text measurement without a DOM: widths from a table of character advances (Helvetica /
 * Arial metrics, which Liberation Sans shares; the diagram asks for those fonts first), with a
 * little slack, so text laid out here fits where a browser draws it. Wrapping is greedy by
 * word, breaks words that are wider than a line, and cuts what does not fit in the allowed
 * lines with an ellipsis.
 */

export interface Font {
    size: number;
    bold?: boolean;
}

// Advance widths in thousandths of an em, for U+0020..U+007E (Helvetica / Arial regular).
const ASCII_WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584 // p-z { | } ~
];

/** Bold runs wider; browsers and fonts differ a little: both margins are generous. */
const BOLD_FACTOR = 1.1;
const SLACK = 1.05;

export const ELLIPSIS = '\u2026';

function advance(code: number): number {
    if (code >= 0x20 && code <= 0x7e) return ASCII_WIDTHS[code - 0x20];
    if (code === 0x2026) return 1000;
    if ((code >= 0x0300 && code <= 0x036f) || code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfe0f) return 0;
    if (isWide(code)) return 1000;
    if (code >= 0x2190 && code <= 0x2bff) return 840; // arrows, symbols (✓ ✗ ≥ ≤)
    if (code === 0x2212 || code === 0x2264 || code === 0x2265) return 584;
    return 600;
}

/** East Asian wide characters and emoji: a full em. */
function isWide(code: number): boolean {
    return (code >= 0x1100 && code <= 0x115f)
        || (code >= 0x2e80 && code <= 0xa4cf)
        || (code >= 0xac00 && code <= 0xd7a3)
        || (code >= 0xf900 && code <= 0xfaff)
        || (code >= 0xfe30 && code <= 0xfe4f)
        || (code >= 0xff00 && code <= 0xff60)
        || (code >= 0xffe0 && code <= 0xffe6)
        || (code >= 0x1f300 && code <= 0x1faff)
        || (code >= 0x20000 && code <= 0x3fffd);
}

/** The width of `text` drawn in `font`, in pixels. */
export function measureText(text: string, font: Font): number {
    let units = 0;
    for (const ch of text) units += advance(ch.codePointAt(0)!);
    return units / 1000 * font.size * (font.bold ? BOLD_FACTOR : 1) * SLACK;
}

/** Collapses white space (a title may not span lines, but may hold tabs or runs of spaces). */
export function normalizeSpace(text: string): string {
    return text.replace(/\s+/g, ' ').trim();
}

/** The longest prefix of `text` that fits `width` with an ellipsis after it. */
export function ellipsize(text: string, width: number, font: Font): string {
    if (measureText(text, font) <= width) return text;
    const chars = Array.from(text);
    const room = width - measureText(ELLIPSIS, font);
    let used = 0;
    let n = 0;
    for (; n < chars.length; n++) {
        const w = measureText(chars[n], font);
        if (used + w > room) break;
        used += w;
    }
    return chars.slice(0, n).join('').trimEnd() + ELLIPSIS;
}

export interface Wrapped {
    lines: string[];
    /** Some of the text did not fit and was cut with an ellipsis. */
    truncated: boolean;
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `width`. Words wider than a line
 * are broken between characters. When the text needs more lines, the last one ends in an ellipsis.
 */
export function wrapText(text: string, width: number, font: Font, maxLines: number): Wrapped {
    const normalized = normalizeSpace(text);
    if (normalized === '') return { lines: [], truncated: false };
    const lines: string[] = [];
    let current = '';
    const words = normalized.split(' ');
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        const candidate = current ? `${current} ${word}` : word;
        if (measureText(candidate, font) <= width) {
            current = candidate;
            continue;
        }
        if (current) {
            lines.push(current);
            current = '';
        }
        // The word alone: break it when it is wider than a line, in one pass over its characters
        // (a pasted blob of 100,000 characters must not cost a pass per line).
        let rest = word;
        if (measureText(rest, font) > width) {
            let line = '';
            let used = 0;
            for (const ch of rest) {
                const w = measureText(ch, font);
                if (used + w > width && line !== '') {
                    lines.push(line);
                    if (lines.length > maxLines) break;
                    line = '';
                    used = 0;
                }
                line += ch;
                used += w;
            }
            rest = line;
        }
        current = rest;
        // Lines beyond the next one are never shown: the last shown line is cut with an ellipsis.
        if (lines.length > maxLines) break;
    }
    if (current) lines.push(current);
    if (lines.length <= maxLines) return { lines, truncated: false };
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1] + ' ' + lines.slice(maxLines).join(' ');
    kept[maxLines - 1] = measureText(last + ELLIPSIS, font) <= width ? last + ELLIPSIS : ellipsize(last, width, font);
    return { lines: kept, truncated: true };
}
