import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readActualsFile } from '../../../language-server/actuals/actuals-file.js';
import { readCsvTable } from '../../../language-server/actuals/csv-table.js';
import { resolveActuals } from '../../../language-server/actuals/resolve-actuals.js';
import { parseValueText } from '../../../language-server/model/values.js';

/** Text made of the pieces that make CSV hard: quotes, separators, line ends, BOMs, non-ASCII, values of every form. */
const piece = fc.constantFrom('kpi', 'date', 'value', ',', ',', '"', '""', '\n', '\r\n', '\r', ' ', '\uFEFF', 'é', '😀', 'J.K', '2026-11-30', '2026-02-30', '95%', '3d', '10 EUR', '-1', 'x');
const csvText = fc.array(piece, { maxLength: 60 }).map(parts => parts.join(''));

describe('any text as a CSV of actuals', () => {
    test('never throws, and every problem and every cell it points at lies within the text', () => {
        fc.assert(fc.property(csvText, text => {
            const file = readActualsFile(text);
            const body = text.replace(/^\uFEFF/, '');
            const inside = (r: { start: number; end: number }) => r.start >= 0 && r.start <= r.end && r.end <= body.length;
            for (const p of file.problems) expect(inside(p), JSON.stringify({ text, p })).toBe(true);
            for (let i = 0; i < file.rows.length; i++) {
                const row = file.rowAt(i);
                for (const column of ['kpi', 'date', 'value'] as const) {
                    const range = file.cellRange(row.row, column);
                    expect(inside(range), JSON.stringify({ text, row, column, range })).toBe(true);
                }
                // The value cell's range covers the value as written (in its quotes, if quoted).
                const { start, end } = file.cellRange(row.row, 'value');
                const raw = body.slice(start, end);
                const unquoted = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/""/g, '"') : raw;
                expect(parseValueText(unquoted), JSON.stringify({ text, raw })).toEqual(row.value);
            }
            const kpis = new Map([['J.K', { key: 'J.K', metric: 'percent' }]]);
            const resolved = resolveActuals([{ uri: 'file:///a.csv', file }], kpis, '2026-12-01');
            for (const d of resolved.diagnostics.get('file:///a.csv')!) {
                expect(d.range.start.line <= d.range.end.line).toBe(true);
                expect(typeof d.code).toBe('string');
            }
        }), { numRuns: 1500 });
    });
});

describe('a text without quotes, read line by line', () => {
    // The pieces of a plain text (no quote), with every kind of line break: uniform ones take the plain path, mixed ones the general.
    const plainPiece = fc.constantFrom('kpi', 'date', 'value', ',', ',', '\n', '\n', '\r\n', '\r', ' ', '\uFEFF', 'é', '😀', 'J.K', '2026-11-30', '95%', 'x', '\t');
    const plainText = fc.array(plainPiece, { maxLength: 60 }).map(parts => parts.join(''));
    const breaks = (text: string) => text.replace(/\r\n/g, '\n').includes('\r') ? 'mixed' : 'uniform';

    test('gives the rows, problems and cell positions that csv-parse\'s records give', () => {
        fc.assert(fc.property(fc.oneof(plainText, plainText.map(t => t.replace(/\r\n|\r/g, '\n')), plainText.map(t => t.replace(/\r\n|\r|\n/g, '\r\n'))), text => {
            const general = readCsvTable(text, { general: true });
            // Read whole, and a run of a line or a few at a time (csv-parse reads a large file in runs of lines).
            for (const chunk of [undefined, 1, 7]) {
                const plain = readCsvTable(text, { chunk });
                const label = JSON.stringify({ text, breaks: breaks(text), chunk });
                expect(plain.rows, label).toEqual(general.rows);
                expect(plain.rowCount, label).toEqual(general.rowCount);
                expect(plain.problems, label).toEqual(general.problems);
                plain.rows.forEach((row, i) => {
                    expect(plain.rowRange(i), label).toEqual(general.rowRange(i));
                    for (let column = 0; column <= row.length; column++) expect(plain.cellRange(i, column), `${label} ${i}:${column}`).toEqual(general.cellRange(i, column));
                });
            }
        }), { numRuns: 2000 });
    });
});
