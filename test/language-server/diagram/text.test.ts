import { describe, expect, test } from 'vitest';
import { ellipsize, measureText, wrapText } from '../../../language-server/diagram/index.js';

const font = { size: 12 };

describe('text measurement, wrapping and truncation', () => {
    test('widths grow with the text; wide letters are wider; bold is wider; emoji and CJK count a full em', () => {
        expect(measureText('', font)).toBe(0);
        expect(measureText('iiii', font)).toBeLessThan(measureText('MMMM', font));
        expect(measureText('abc', { size: 12, bold: true })).toBeGreaterThan(measureText('abc', font));
        expect(measureText('abc', { size: 24 })).toBeCloseTo(2 * measureText('abc', font), 5);
        expect(measureText('日本', font)).toBeGreaterThanOrEqual(24);
        expect(measureText('😀', font)).toBeGreaterThanOrEqual(12);
    });

    test('wraps by word within the width', () => {
        const text = 'the quick brown fox jumps over the lazy dog';
        const { lines, truncated } = wrapText(text, 80, font, 10);
        expect(truncated).toBe(false);
        expect(lines.join(' ')).toBe(text);
        for (const line of lines) expect(measureText(line, font)).toBeLessThanOrEqual(80);
        expect(lines.length).toBeGreaterThan(2);
    });

    test('breaks a word longer than a line', () => {
        const { lines } = wrapText('Supercalifragilisticexpialidocious', 60, font, 10);
        expect(lines.length).toBeGreaterThan(1);
        expect(lines.join('')).toBe('Supercalifragilisticexpialidocious');
        for (const line of lines) expect(measureText(line, font)).toBeLessThanOrEqual(60);
    });

    test('cuts to max lines with an ellipsis that fits', () => {
        const { lines, truncated } = wrapText('one two three four five six seven eight nine ten eleven twelve', 60, font, 2);
        expect(truncated).toBe(true);
        expect(lines).toHaveLength(2);
        expect(lines[1].endsWith('\u2026')).toBe(true);
        expect(measureText(lines[1], font)).toBeLessThanOrEqual(60);
    });

    test('a 100,000-character word (a pasted blob) is cut to max lines, the same as a short one would be', () => {
        const blob = 'x'.repeat(100_000);
        const { lines, truncated } = wrapText(blob, 60, font, 2);
        expect(truncated).toBe(true);
        expect(lines).toHaveLength(2);
        expect(lines[1].endsWith('\u2026')).toBe(true);
        for (const line of lines) expect(measureText(line, font)).toBeLessThanOrEqual(60);
        // Only what the lines show depends on the word: a shorter blob that still overflows looks the same.
        expect(wrapText('x'.repeat(200), 60, font, 2)).toEqual({ lines, truncated });
    });

    test('ellipsize keeps what fits and never splits a surrogate pair', () => {
        expect(ellipsize('short', 200, font)).toBe('short');
        const cut = ellipsize('😀😀😀😀😀😀😀😀😀😀', 40, font);
        expect(cut.endsWith('\u2026')).toBe(true);
        expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        expect(measureText(cut, font)).toBeLessThanOrEqual(40);
    });

    test('white space collapses; empty text has no lines', () => {
        expect(wrapText('  a \t  b  ', 200, font, 3).lines).toEqual(['a b']);
        expect(wrapText('   ', 200, font, 3).lines).toEqual([]);
    });
});
