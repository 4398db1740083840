/**
 * A CSV file of KPI actuals (language §7) read on its own, before it is matched with the KPIs of
 * the workspace: its header (the columns `kpi`, `date` and `value`, in any order, others ignored)
 * and its rows, each with the cells that matter. What makes a row unusable whatever the KPIs are
 * (not CSV, a missing cell, a bad date, a value that is no value) is reported here.
 *
 * The good rows are kept a column per field, in typed arrays, and each KPI name, date and value
 * text is read once however many rows write it (a file of 100,000 rows has a few thousand names, a
 * few dozen dates, and values that repeat): 100,000 rows are a few arrays of numbers, not 100,000
 * objects, and no date or value is parsed twice.
 */
import { isRealDate, parseValueText, type Value } from '../model/values.js';
import { visitCsvTable, type CsvLayout, type CsvReadOptions } from './csv-table.js';
import { IntColumn } from './int-column.js';
import { plural } from '../model/labels.js';

export const ACTUALS_COLUMNS = ['kpi', 'date', 'value'] as const;
export type ActualsColumn = typeof ACTUALS_COLUMNS[number];

/** One good row, as an object (`ActualsFile.rowAt`). */
export interface ActualsRow {
    /** Its index among the table's rows (for the offsets of its cells). */
    row: number;
    kpi: string;
    date: string;
    value: Value;
}

/** The good rows of a file, a column per field, in the order read. */
export interface ActualsRows {
    length: number;
    /** Per row: its index among the table's rows (for the offsets of its cells). */
    row: Int32Array;
    /** Per row: its KPI name, an index into `names`. */
    kpi: Int32Array;
    /** Per row: its date, an index into `dates`. */
    date: Int32Array;
    /** Per row: its value, an index into `values`. */
    value: Int32Array;
    /** The KPI names the rows give, trimmed (each way of writing one once). */
    names: string[];
    /** The dates the rows give (`YYYY-MM-DD`, real), trimmed. */
    dates: string[];
    /** The values the rows give (never changed: rows that write one alike share it). */
    values: Value[];
}

/** A problem at offsets of the file (the end exclusive). */
export interface FileProblem {
    code: 'actuals-bad-row' | 'actuals-bad-value';
    start: number;
    end: number;
    message: string;
    /** The KPI the row names, when it names one (what the site lists the problem under). */
    kpi?: string;
}

export interface ActualsFile {
    rows: ActualsRows;
    /** Good row `i` (of `rows`) as an object. */
    rowAt(i: number): ActualsRow;
    problems: FileProblem[];
    /** The offsets of a row's cell. */
    cellRange(row: number, column: ActualsColumn): { start: number; end: number };
    /** The line (from 0) a row starts on. */
    lineOfRow(row: number): number;
    positionAt: CsvLayout['positionAt'];
}

/** A row's problem, placed once the table's offsets are known: at a cell, or (no column) the whole row. */
interface RowProblem {
    code: FileProblem['code'];
    row: number;
    column?: ActualsColumn;
    message: string;
    kpi?: string;
}

/** How many value texts are remembered (a file of values that never repeat should not grow a map of them all). */
const VALUE_TEXTS = 65_536;

/** `options`: how the CSV is read (tests take every path). */
export function readActualsFile(text: string, options: CsvReadOptions = {}): ActualsFile {
    const index = Object.fromEntries(ACTUALS_COLUMNS.map(c => [c, -1])) as Record<ActualsColumn, number>;
    const deferred: RowProblem[] = [];
    let usable = false;
    const row = new IntColumn(), kpi = new IntColumn(), date = new IntColumn(), value = new IntColumn();
    const names: string[] = [], dates: string[] = [], values: Value[] = [];
    // By the cell as written: most cells need no trimming, and a map lookup is all a repeated one costs.
    const nameIds = new Map<string, number>();
    /** A date's index in `dates`, or -1 when it is not a real date. */
    const dateIds = new Map<string, number>();
    /** A value's index in `values`, or -1 when it is no value. */
    const valueIds = new Map<string, number>();

    const visit = (cells: string[], r: number) => {
        if (r === 0) {
            const names = cells.map(c => c.trim().toLowerCase());
            for (const c of ACTUALS_COLUMNS) index[c] = names.indexOf(c);
            const missing = ACTUALS_COLUMNS.filter(c => index[c] < 0);
            usable = missing.length === 0;
            if (!usable) {
                const found = cells.map(c => `\`${c.trim()}\``).join(', ');
                deferred.push({
                    code: 'actuals-bad-row', row: 0,
                    message: `The header row has no ${missing.map(c => `\`${c}\``).join(' and no ')} column (it names ${found}); the first row must name the columns \`kpi\`, \`date\` and \`value\`, in any order.`
                });
            }
            return;
        }
        if (!usable) return;
        const written = cells[index.value];
        // A row of empty cells (`,,` as spreadsheets export them) is no measurement.
        if ((written === undefined || written.trim() === '') && cells.every(c => c.trim() === '')) return;
        const kpiCell = cells[index.kpi];
        const dateCell = cells[index.date];
        if (kpiCell === undefined || dateCell === undefined || written === undefined) {
            const absent = ACTUALS_COLUMNS.filter(c => cells[index[c]] === undefined);
            deferred.push({
                code: 'actuals-bad-row', row: r,
                message: `This row has ${plural(cells.length, 'cell')} and no ${absent.map(c => `\`${c}\``).join(' and no ')}; write \`kpi,date,value\` in the header's order.`
            });
            return;
        }
        let name = nameIds.get(kpiCell);
        if (name === undefined) {
            name = names.push(kpiCell.trim()) - 1;
            nameIds.set(kpiCell, name);
        }
        if (names[name] === '') {
            deferred.push({ code: 'actuals-bad-row', row: r, column: 'kpi', message: 'This row names no KPI; write its name as `Journey.Kpi` (or `Objective.Kpi` for a top-level objective).' });
            return;
        }
        let day = dateIds.get(dateCell);
        if (day === undefined) {
            const trimmed = dateCell.trim();
            day = isRealDate(trimmed) ? dates.push(trimmed) - 1 : -1;
            dateIds.set(dateCell, day);
        }
        if (day < 0) {
            const shown = dateCell.trim();
            const why = /^\d{4}-\d{2}-\d{2}$/.test(shown) ? 'is not a real date; check the month and day' : 'is not a date written `YYYY-MM-DD`';
            deferred.push({ code: 'actuals-bad-row', row: r, column: 'date', message: `\`${shown}\` ${why} (e.g. \`2026-11-30\`).`, kpi: names[name] });
            return;
        }
        let measured = valueIds.get(written);
        if (measured === undefined) {
            const parsed = parseValueText(written);
            measured = parsed ? values.push(parsed) - 1 : -1;
            if (valueIds.size < VALUE_TEXTS) valueIds.set(written, measured);
        }
        if (measured < 0) {
            const shown = written.trim();
            deferred.push({
                code: 'actuals-bad-value', row: r, column: 'value',
                message: shown === '' ? 'This row has no value; write the measurement as in a .copis file, e.g. `93.5%`, `38`, `4h` or `1450 EUR`.'
                    : `\`${shown}\` is not a value; write it as in a .copis file, e.g. \`93.5%\`, \`38\`, \`4h\` or \`1450 EUR\`.`,
                kpi: names[name]
            });
            return;
        }
        row.push(r);
        kpi.push(name);
        date.push(day);
        value.push(measured);
    };

    const table = visitCsvTable(text, visit, options);
    const { cellRange, rowRange, positionAt } = table;
    const problems: FileProblem[] = [];
    for (const p of table.problems) {
        const { start, end } = table.lineRange(p.line);
        problems.push({ code: 'actuals-bad-row', start, end, message: `This row is not CSV: ${p.message}.` });
    }
    if (table.rowCount === 0 && problems.length === 0) {
        problems.push({ code: 'actuals-bad-row', start: 0, end: 0, message: 'The file is empty; its first row must name the columns `kpi`, `date` and `value`.' });
    }
    for (const p of deferred) {
        const range = p.column === undefined ? rowRange(p.row) : cellRange(p.row, index[p.column]);
        problems.push({ code: p.code, ...range, message: p.message, ...(p.kpi === undefined ? {} : { kpi: p.kpi }) });
    }
    const rows: ActualsRows = { length: row.length, row: row.values(), kpi: kpi.values(), date: date.values(), value: value.values(), names, dates, values };
    return {
        rows, problems, positionAt,
        rowAt: i => ({ row: rows.row[i], kpi: names[rows.kpi[i]], date: dates[rows.date[i]], value: values[rows.value[i]] }),
        cellRange: (r, column) => cellRange(r, index[column]),
        lineOfRow: r => positionAt(rowRange(r).start).line
    };
}
