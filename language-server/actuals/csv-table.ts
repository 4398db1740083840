/**
 * A CSV text as rows of cells, each with where it is in the text: csv-parse reads the fields
 * (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, a BOM), and
 * tells where each field ends; where it starts follows from its value and whether it was quoted.
 * A row that is not CSV (a stray or unclosed quote) is reported, and reading goes on at the next
 * line, so that one bad row does not hide the rest of the file.
 */
import { parse, type CsvError } from 'csv-parse/sync';

export interface CsvCell {
    text: string;
    /** Offsets in the text (UTF-16 units, as LSP counts), the end exclusive. */
    start: number;
    end: number;
}

export interface CsvProblem {
    /** The line (from 0) of the row that is not CSV. */
    line: number;
    message: string;
}

export interface CsvTable {
    /** The rows in order, empty lines left out; the first is the header. */
    rows: CsvCell[][];
    problems: CsvProblem[];
    /** The 0-based line and UTF-16 column of an offset. */
    positionAt(offset: number): { line: number; character: number };
    /** Where a line (from 0) starts and ends (before its line break). */
    lineRange(line: number): { start: number; end: number };
}

interface Field {
    value: string;
    /** Byte offset (UTF-8, within the part parsed) just after the field. */
    bytes: number;
    quoted: boolean;
}

const ENCODER = new TextEncoder();

export function readCsvTable(input: string): CsvTable {
    // The offsets are those of the text without its BOM (an editor never shows it).
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const lines = lineStarts(text);
    const offsets = byteOffsets(text);
    const rows: CsvCell[][] = [];
    const problems: CsvProblem[] = [];
    let from = 0; // the line (from 0) the next part starts at
    while (from < lines.length) {
        const base = lines[from];
        const baseBytes = offsets.byteAt(base);
        const part: Field[][] = [];
        try {
            parse(text.slice(base), {
                relax_column_count: true,
                skip_empty_lines: true,
                cast: (value, context) => ({ value, bytes: context.bytes, quoted: context.quoting }) as unknown as string,
                on_record: record => {
                    part.push(record as unknown as Field[]);
                    return null;
                }
            });
        } catch (error) {
            const e = error as CsvError & { lines?: number };
            if (typeof e.code !== 'string' || !e.code.startsWith('CSV_') && !e.code.startsWith('INVALID_')) throw error;
            rows.push(...part.map(r => cellsOf(r, baseBytes, offsets)));
            // The bad row starts at the first line with text after the last good one.
            const lastEnd = rows.length > 0 && part.length > 0 ? rows[rows.length - 1][rows[rows.length - 1].length - 1].end : base;
            let bad = part.length > 0 ? lineOf(lines, lastEnd) + 1 : from;
            while (bad < lines.length && isBlank(text, lines, bad)) bad++;
            problems.push({ line: bad, message: describe(e) });
            // An unclosed quote runs to the end of the text: go on after the row where it opened.
            const detected = from + (e.lines ?? 1) - 1;
            from = e.code === 'CSV_QUOTE_NOT_CLOSED' ? bad + 1 : Math.max(bad, detected) + 1;
            continue;
        }
        rows.push(...part.map(r => cellsOf(r, baseBytes, offsets)));
        break;
    }
    return {
        rows,
        problems,
        positionAt: offset => {
            const line = lineOf(lines, offset);
            return { line, character: offset - lines[line] };
        },
        lineRange: line => {
            const at = Math.min(Math.max(line, 0), lines.length - 1);
            let end = at + 1 < lines.length ? lines[at + 1] : text.length;
            while (end > lines[at] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
            return { start: lines[at], end };
        }
    };
}

function cellsOf(record: Field[], baseBytes: number, offsets: ByteOffsets): CsvCell[] {
    return record.map(f => {
        const end = offsets.charAt(baseBytes + f.bytes);
        // Unquoted, a field is its value as written; quoted, its value in quotes with each `"` doubled.
        const quotes = f.quoted ? 2 + (f.value.match(/"/g)?.length ?? 0) : 0;
        const startBytes = baseBytes + f.bytes - ENCODER.encode(f.value).length - quotes;
        return { text: f.value, start: offsets.charAt(startBytes), end };
    });
}

function describe(e: CsvError): string {
    switch (e.code) {
        case 'CSV_QUOTE_NOT_CLOSED': return 'a quoted field is never closed; close it with `"`';
        case 'INVALID_OPENING_QUOTE': return 'a `"` inside a field that does not start with one; quote the whole field and double the `"` inside (`"say ""hi"""`)';
        case 'CSV_INVALID_CLOSING_QUOTE': return 'text after the closing `"` of a quoted field; double a `"` that belongs to the value (`""`)';
        default: return e.message.split(/\r?\n/)[0];
    }
}

/** Offsets where each line starts (after `\r\n`, `\n` or `\r`, as LSP counts lines). */
function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13) {
            if (text.charCodeAt(i + 1) === 10) i++;
            starts.push(i + 1);
        } else if (c === 10) {
            starts.push(i + 1);
        }
    }
    return starts;
}

function lineOf(starts: number[], offset: number): number {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) low = middle; else high = middle - 1;
    }
    return low;
}

function isBlank(text: string, starts: number[], line: number): boolean {
    const end = line + 1 < starts.length ? starts[line + 1] : text.length;
    return text.slice(starts[line], end).trim() === '';
}

interface ByteOffsets {
    byteAt(char: number): number;
    charAt(byte: number): number;
}

/** UTF-8 byte offsets (what csv-parse counts) to UTF-16 offsets and back; the identity for ASCII text. */
function byteOffsets(text: string): ByteOffsets {
    // eslint-disable-next-line no-control-regex
    if (/^[\u0000-\u007f]*$/.test(text)) return { byteAt: c => c, charAt: b => b };
    const bytes = new Float64Array(text.length + 1);
    let at = 0;
    for (let i = 0; i < text.length; i++) {
        bytes[i] = at;
        const c = text.charCodeAt(i);
        if (c < 0x80) at += 1;
        else if (c < 0x800) at += 2;
        else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            // A surrogate pair: four bytes for the two units.
            bytes[++i] = at + 2;
            at += 4;
        } else at += 3;
    }
    bytes[text.length] = at;
    return {
        byteAt: c => bytes[c],
        charAt: b => {
            let low = 0;
            let high = text.length;
            while (low < high) {
                const middle = (low + high + 1) >> 1;
                if (bytes[middle] <= b) low = middle; else high = middle - 1;
            }
            return low;
        }
    };
}
