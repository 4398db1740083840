/**
 * A CSV text as rows of cells, and where each cell is: csv-parse reads the fields (RFC 4180:
 * quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, a BOM) and says where each
 * record ends. Where a cell starts is worked out only for the cells a message or a model points
 * at: csv-parse reads that one row again, and says where each of its fields ends; its start follows
 * from its value and whether it was quoted. (Working it out for every cell of 100,000 rows tripled
 * the time of reading them.) A row that is not CSV (a stray or unclosed quote) is reported, and
 * reading goes on at the next line, so that one bad row does not hide the rest of the file.
 */
import { parse, type CsvError } from 'csv-parse/sync';

export interface CsvProblem {
    /** The line (from 0) of the row that is not CSV. */
    line: number;
    message: string;
}

export interface CsvTable {
    /** The rows' cells in order, empty lines left out; the first is the header. */
    rows: string[][];
    problems: CsvProblem[];
    /** Offsets of a row in the text (UTF-16 units, as LSP counts), the end exclusive. */
    rowRange(row: number): { start: number; end: number };
    /** The offsets of a cell (the quotes of a quoted cell included). */
    cellRange(row: number, column: number): { start: number; end: number };
    /** The 0-based line and UTF-16 column of an offset. */
    positionAt(offset: number): { line: number; character: number };
    /** Where a line (from 0) starts and ends (before its line break). */
    lineRange(line: number): { start: number; end: number };
}

interface Field {
    value: string;
    /** Byte offset (UTF-8, in the text parsed) just after the field. */
    bytes: number;
    quoted: boolean;
}

const ENCODER = new TextEncoder();
const OPTIONS = { relax_column_count: true, skip_empty_lines: true } as const;

/**
 * `general`: always through csv-parse's records (tests compare it with the plain path).
 *
 * A text without a quote and with one kind of line break (the usual export of a spreadsheet or a
 * database) has a record per non-empty line, and cells between commas: csv-parse still reads its
 * fields, but where each record starts is the line's start, without asking csv-parse for every
 * record's context (which took more than half of reading 100,000 rows).
 */
export function readCsvTable(input: string, options: { general?: boolean } = {}): CsvTable {
    // The offsets are those of the text without its BOM (an editor never shows it).
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const lines = lineStarts(text);
    const plain = !options.general && isPlain(text);
    // The closures below keep the rows' offsets only: the cells are the caller's to let go.
    const { rows, starts, ends, problems } = plain ? readPlainRows(text, lines) : readRows(text, lines, byteOffsets(text));
    const lineRange = (line: number) => {
        const at = Math.min(Math.max(line, 0), lines.length - 1);
        return { start: lines[at], end: trimEnd(text, at + 1 < lines.length ? lines[at + 1] : text.length) };
    };
    return {
        rows,
        problems,
        rowRange: row => ({ start: starts[row], end: ends[row] }),
        cellRange: (row, column) => plain ? plainCellRange(text, starts[row], ends[row], column) : cellRangeOf(text, starts[row], ends[row], column),
        positionAt: offset => {
            const line = lineOf(lines, offset);
            return { line, character: offset - lines[line] };
        },
        lineRange
    };
}

function readRows(text: string, lines: number[], offsets: ByteOffsets): { rows: string[][]; starts: number[]; ends: number[]; problems: CsvProblem[] } {
    const rows: string[][] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const problems: CsvProblem[] = [];
    let from = 0; // the line (from 0) the next part starts at
    while (from < lines.length) {
        const base = lines[from];
        const baseBytes = offsets.byteAt(base);
        let previousEnd = base;
        try {
            parse(text.slice(base), {
                ...OPTIONS,
                on_record: (record: string[], context) => {
                    const end = offsets.charAt(baseBytes + context.bytes);
                    rows.push(record);
                    // (A record of nothing but line-break characters, which csv-parse can give, is empty at its start.)
                    const trimmed = Math.max(trimEnd(text, end), previousEnd);
                    starts.push(Math.min(rowStart(text, previousEnd, end), trimmed));
                    ends.push(trimmed);
                    previousEnd = end;
                    return null;
                }
            });
        } catch (error) {
            const e = error as CsvError & { lines?: number };
            if (typeof e.code !== 'string' || !e.code.startsWith('CSV_') && !e.code.startsWith('INVALID_')) throw error;
            // The bad row starts at the first line with text after the last good one.
            let bad = previousEnd > base ? lineOf(lines, trimEnd(text, previousEnd)) + 1 : from;
            while (bad < lines.length && isBlank(text, lines, bad)) bad++;
            problems.push({ line: bad, message: describe(e) });
            // An unclosed quote runs to the end of the text: go on after the row where it opened.
            const detected = from + (e.lines ?? 1) - 1;
            from = e.code === 'CSV_QUOTE_NOT_CLOSED' ? bad + 1 : Math.max(bad, detected) + 1;
            continue;
        }
        break;
    }
    return { rows, starts, ends, problems };
}

/** No quote, and one kind of line break (csv-parse takes the first it meets as the only one). */
function isPlain(text: string): boolean {
    if (text.includes('"')) return false;
    const cr = text.includes('\r');
    const lf = text.includes('\n');
    if (!cr || !lf) return true;
    // Both: only as `\r\n` pairs.
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return false;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== 13) return false;
    return true;
}

/** A plain text's rows (see readCsvTable): its non-empty lines, their fields read by csv-parse. */
function readPlainRows(text: string, lines: number[]): { rows: string[][]; starts: number[]; ends: number[]; problems: CsvProblem[] } {
    const rows = parse(text, OPTIONS) as string[][];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let line = 0; line < lines.length; line++) {
        const end = trimEnd(text, line + 1 < lines.length ? lines[line + 1] : text.length);
        if (end <= lines[line]) continue;
        starts.push(lines[line]);
        ends.push(end);
    }
    // (Cannot differ: without quotes a record is a line. Should csv-parse ever disagree, the general path decides.)
    if (starts.length !== rows.length) return readRows(text, lines, byteOffsets(text));
    return { rows, starts, ends, problems: [] };
}

/** A plain row's cell: between commas. */
function plainCellRange(text: string, start: number, end: number, column: number): { start: number; end: number } {
    let at = start;
    for (let c = 0; c < column; c++) {
        const comma = text.indexOf(',', at);
        if (comma < 0 || comma >= end) return { start: end, end };
        at = comma + 1;
    }
    const comma = text.indexOf(',', at);
    return { start: at, end: comma < 0 || comma >= end ? end : comma };
}

/** Reads one row again, with where each field ends, for the offsets of its cell `column`. */
function cellRangeOf(text: string, start: number, end: number, column: number): { start: number; end: number } {
    const raw = text.slice(start, end);
    const fields: Field[] = [];
    parse(raw, {
        ...OPTIONS,
        cast: (value, context) => ({ value, bytes: context.bytes, quoted: context.quoting }) as unknown as string,
        on_record: record => {
            if (fields.length === 0) fields.push(...record as unknown as Field[]);
            return null;
        }
    });
    const field = fields[column];
    if (!field) return { start: end, end };
    const offsets = byteOffsets(raw);
    // Unquoted, a field is its value as written; quoted, its value in quotes with each `"` doubled.
    const quotes = field.quoted ? 2 + (field.value.match(/"/g)?.length ?? 0) : 0;
    const startBytes = field.bytes - ENCODER.encode(field.value).length - quotes;
    return { start: start + offsets.charAt(startBytes), end: start + offsets.charAt(field.bytes) };
}

/** Where a record starts: after the empty lines (csv-parse skips them) that follow the one before. */
function rowStart(text: string, from: number, end: number): number {
    let at = from;
    while (at < end && (text.charCodeAt(at) === 10 || text.charCodeAt(at) === 13)) at++;
    return at;
}

function trimEnd(text: string, end: number): number {
    while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    return end;
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
