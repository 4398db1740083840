/**
 * A CSV text as rows of cells, and where each cell is: csv-parse reads the fields (RFC 4180:
 * quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, a BOM) and says where each
 * record ends. Where a cell starts is worked out only for the cells a message or a model points
 * at: csv-parse reads that one row again, and says where each of its fields ends; its start follows
 * from its value and whether it was quoted. (Working it out for every cell of 100,000 rows tripled
 * the time of reading them.) A row that is not CSV (a stray or unclosed quote) is reported, and
 * reading goes on at the next line, so that one bad row does not hide the rest of the file.
 *
 * `visitCsvTable` hands each row's cells to its caller as it is read, and keeps none: what reads
 * 100,000 rows of actuals keeps what it needs of each (a few numbers) and lets the cells go while
 * they are young, instead of carrying 100,000 arrays through to the end.
 */
import { parse, type CsvError } from 'csv-parse/sync';

export interface CsvProblem {
    /** The line (from 0) of the row that is not CSV. */
    line: number;
    message: string;
}

export interface CsvTable extends CsvLayout {
    /** The rows' cells in order, empty lines left out; the first is the header. */
    rows: string[][];
}

/** Where a CSV text's rows and cells are (without the cells: `visitCsvTable` handed them over). */
export interface CsvLayout {
    /** How many rows (empty lines left out); the first is the header. */
    rowCount: number;
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

/** A row's cells as read, and its index among the rows (from 0, the header's). */
export type CsvRowVisitor = (cells: string[], row: number) => void;

const ENCODER = new TextEncoder();
// Every kind of line break, mixed too: csv-parse would otherwise take the first line's for the whole file, and
// a CRLF header with LF rows (a Linux job appending to a file saved on Windows) would be one row.
const OPTIONS = { relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] as string[] } as const;
type LineBreak = '\n' | '\r\n' | '\r';
/** A plain text has no quote and one kind of line break: csv-parse need not look for a quote, nor find out which break it is (the records are the same). */
const PLAIN_OPTIONS = (['\n', '\r\n', '\r'] as const).map(record_delimiter => ({ ...OPTIONS, quote: false, record_delimiter } as const));
/** About how many characters of a plain text csv-parse reads at a time (see readPlainRows). */
const CHUNK = 64 * 1024;

export interface CsvReadOptions {
    /** Always through csv-parse's records (tests compare it with the plain path). */
    general?: boolean;
    /** How many characters of a plain text csv-parse reads at a time (tests make runs of a line or two). */
    chunk?: number;
}

/** The rows of a CSV text with their cells, and where they are. */
export function readCsvTable(input: string, options: CsvReadOptions = {}): CsvTable {
    const rows: string[][] = [];
    const layout = visitCsvTable(input, cells => { rows.push(cells); }, options);
    return { ...layout, rows };
}

/**
 * A text without a quote and with one kind of line break (the usual export of a spreadsheet or a
 * database) has a record per non-empty line, and cells between commas: csv-parse still reads its
 * fields, but where each record starts is the line's start, without asking csv-parse for every
 * record's context (which took more than half of reading 100,000 rows).
 */
export function visitCsvTable(input: string, visit: CsvRowVisitor, options: CsvReadOptions = {}): CsvLayout {
    // The offsets are those of the text without its BOM (an editor never shows it).
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const breaks = options.general ? undefined : plainBreaks(text);
    const lines = lineStarts(text, breaks);
    const plain = breaks !== undefined;
    // The closures below keep the rows' offsets only: the cells are the visitor's to let go.
    const { count, starts, ends, problems } = breaks !== undefined ? readPlainRows(text, lines, visit, breaks, options.chunk ?? CHUNK) : readRows(text, lines, byteOffsets(text), visit);
    const lineRange = (line: number) => {
        const at = Math.min(Math.max(line, 0), lines.length - 1);
        return { start: lines[at], end: trimEnd(text, at + 1 < lines.length ? lines[at + 1] : text.length) };
    };
    return {
        rowCount: count,
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

interface Rows {
    count: number;
    /** Per row, its offsets (the end exclusive, before its line break). */
    starts: ArrayLike<number>;
    ends: ArrayLike<number>;
    problems: CsvProblem[];
}

function readRows(text: string, lines: ArrayLike<number>, offsets: ByteOffsets, visit: CsvRowVisitor): Rows {
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
                    visit(record, starts.length);
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
    return { count: starts.length, starts, ends, problems };
}

/**
 * A plain text's line break (`\n`, `\r\n` or `\r`; `\n` for a text without one), or undefined for a
 * text that is not plain: one with a quote, or with more than one kind of line break (the general
 * path reads those, every kind of break a record's end).
 */
function plainBreaks(text: string): LineBreak | undefined {
    if (text.includes('"')) return undefined;
    const cr = text.indexOf('\r');
    if (cr < 0) return '\n';
    const lf = text.indexOf('\n');
    if (lf < 0) return '\r';
    // Both: only as `\r\n` pairs.
    for (let i = cr; i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return undefined;
    for (let i = lf; i >= 0; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== 13) return undefined;
    return '\r\n';
}

/**
 * A plain text's rows (see visitCsvTable): its non-empty lines, their fields read by csv-parse.
 * csv-parse reads the text a run of whole lines at a time (about `chunk` characters): its records
 * then live no longer than their run, instead of 100,000 of them waiting for the last to be read.
 */
function readPlainRows(text: string, lines: ArrayLike<number>, visit: CsvRowVisitor, breaks: LineBreak, chunk: number): Rows {
    const options = PLAIN_OPTIONS[breaks === '\n' ? 0 : breaks === '\r\n' ? 1 : 2];
    const starts = new Int32Array(lines.length);
    const ends = new Int32Array(lines.length);
    const problems: CsvProblem[] = [];
    let count = 0;
    for (let first = 0; first < lines.length;) {
        let last = first + 1;
        while (last < lines.length && lines[last] - lines[first] < chunk) last++;
        const from = lines[first];
        const to = last < lines.length ? lines[last] : text.length;
        const records = parse(text.slice(from, to), options) as string[][];
        const before = count;
        for (let line = first; line < last; line++) {
            const end = trimEnd(text, line + 1 < lines.length ? lines[line + 1] : text.length);
            if (end <= lines[line]) continue;
            starts[count] = lines[line];
            ends[count] = end;
            count++;
        }
        if (count - before === records.length) {
            for (let i = 0; i < records.length; i++) visit(records[i], before + i);
        } else {
            // (Cannot be: without quotes a record is a line. Should csv-parse ever disagree, the general path reads the run.)
            count = before;
            const part = text.slice(from, to);
            const general = readRows(part, lineStarts(part), byteOffsets(part), (cells, row) => visit(cells, before + row));
            for (let row = 0; row < general.count; row++) {
                starts[count] = from + general.starts[row];
                ends[count] = from + general.ends[row];
                count++;
            }
            for (const p of general.problems) problems.push({ line: first + p.line, message: p.message });
        }
        first = last;
    }
    return { count, starts, ends, problems };
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

/**
 * Offsets where each line starts (after `\r\n`, `\n` or `\r`, as LSP counts lines). `breaks`: the
 * text's one kind of line break, when it has one (then found by `indexOf`, many times faster).
 */
function lineStarts(text: string, breaks?: LineBreak): number[] {
    const starts = [0];
    if (breaks !== undefined) {
        const mark = breaks === '\r' ? '\r' : '\n';
        for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) starts.push(i + 1);
        return starts;
    }
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

function lineOf(starts: ArrayLike<number>, offset: number): number {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) low = middle; else high = middle - 1;
    }
    return low;
}

function isBlank(text: string, starts: ArrayLike<number>, line: number): boolean {
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
