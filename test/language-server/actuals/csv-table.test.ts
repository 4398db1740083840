import { describe, expect, test } from 'vitest';
import { readCsvTable } from '../../../language-server/actuals/csv-table.js';

/** Each cell as `text@line:column` (from 1), and the text its range covers. */
function cells(input: string) {
    const table = readCsvTable(input);
    const text = input.replace(/^\uFEFF/, '');
    return {
        rows: table.rows.map((r, i) => r.map((c, j) => {
            const p = table.positionAt(table.cellRange(i, j).start);
            return `${c}@${p.line + 1}:${p.character + 1}`;
        })),
        raw: table.rows.map((r, i) => r.map((_, j) => {
            const { start, end } = table.cellRange(i, j);
            return text.slice(start, end);
        })),
        problems: table.problems.map(p => `${p.line + 1}: ${p.message}`)
    };
}

describe('reading CSV (RFC 4180) with the position of every cell', () => {
    test('plain rows, LF', () => {
        expect(cells('kpi,date,value\nJ.K,2026-10-31,93.5%\n').rows).toEqual([
            ['kpi@1:1', 'date@1:5', 'value@1:10'],
            ['J.K@2:1', '2026-10-31@2:5', '93.5%@2:16']
        ]);
    });

    test('CRLF, a BOM, empty lines and a last line without a line break', () => {
        const read = cells('\uFEFFkpi,date,value\r\n\r\nJ.K,2026-10-31,1\r\n\r\nJ.K,2026-11-30,2');
        expect(read.rows).toEqual([['kpi@1:1', 'date@1:5', 'value@1:10'], ['J.K@3:1', '2026-10-31@3:5', '1@3:16'], ['J.K@5:1', '2026-11-30@5:5', '2@5:16']]);
        expect(read.problems).toEqual([]);
    });

    test('line breaks of every kind in one file: a CRLF header, LF rows, a lone CR, a quoted field across lines', () => {
        const read = cells('kpi,date,value\r\nJ.Nps,2026-10-01,31\nJ.Conv,2026-10-01,3.1%\rJ.Csat,"2026-10-01",\n"a\r\nb"\r\nJ.Last,2026-11-01,4\n');
        expect(read.rows.map(r => r.map(c => c.split('@')[0]))).toEqual([
            ['kpi', 'date', 'value'], ['J.Nps', '2026-10-01', '31'], ['J.Conv', '2026-10-01', '3.1%'],
            ['J.Csat', '2026-10-01', ''], ['a\r\nb'], ['J.Last', '2026-11-01', '4']
        ]);
        expect(read.rows[2][0]).toBe('J.Conv@3:1');
        expect(read.rows[5][0]).toBe('J.Last@7:1');
        expect(read.problems).toEqual([]);
    });

    test('quoted fields: a comma, a doubled quote and a line break inside; the range covers the quotes', () => {
        const read = cells('kpi,note,value\n"J.K","a, ""b""\nc",  7\n');
        expect(read.rows[1]).toEqual(['J.K@2:1', 'a, "b"\nc@2:7', '  7@3:4']);
        expect(read.raw[1]).toEqual(['"J.K"', '"a, ""b""\nc"', '  7']);
    });

    test('columns count UTF-16 units as the editor does, after letters outside ASCII and emoji', () => {
        const read = cells('kpi,date,value\nÉté.Überall,😀x,3\n');
        expect(read.rows[1]).toEqual(['Été.Überall@2:1', '😀x@2:13', '3@2:17']);
        expect(read.raw[1]).toEqual(['Été.Überall', '😀x', '3']);
    });

    test('a row that is not CSV is reported on its line, and the rows after it are still read', () => {
        const read = cells('kpi,date,value\nA,1,2\nb"ad,x,y\nC,"x"y,3\nD,2,3\nE,"unterminated,3\nF,1,1\n');
        expect(read.rows.map(r => r[0])).toEqual(['kpi@1:1', 'A@2:1', 'D@5:1', 'F@7:1']);
        expect(read.problems).toEqual([
            expect.stringMatching(/^3: a `"` inside a field/),
            expect.stringMatching(/^4: text after the closing `"`/),
            expect.stringMatching(/^6: a quoted field is never closed/)
        ]);
    });

    test('an empty text has no rows', () => {
        expect(cells('')).toEqual({ rows: [], raw: [], problems: [] });
    });
});
