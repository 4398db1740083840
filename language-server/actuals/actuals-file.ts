/**
 * A CSV file of KPI actuals (language §7) read on its own, before it is matched with the KPIs of
 * the workspace: its header (the columns `kpi`, `date` and `value`, in any order, others ignored)
 * and its rows, each with the cells that matter. What makes a row unusable whatever the KPIs are
 * (not CSV, a missing cell, a bad date, a value that is no value) is reported here.
 */
import { isRealDate, parseValueText, type Value } from '../model/values.js';
import { readCsvTable, type CsvTable } from './csv-table.js';

export const ACTUALS_COLUMNS = ['kpi', 'date', 'value'] as const;
export type ActualsColumn = typeof ACTUALS_COLUMNS[number];

export interface ActualsRow {
    /** Its index among the table's rows (for the offsets of its cells). */
    row: number;
    kpi: string;
    date: string;
    value: Value;
}

/** A problem at offsets of the file (the end exclusive). */
export interface FileProblem {
    code: 'actuals-bad-row' | 'actuals-bad-value';
    start: number;
    end: number;
    message: string;
    /** The KPI the row names, when it names one: what the problem is about, wherever the row is. */
    kpi?: string;
}

export interface ActualsFile {
    rows: ActualsRow[];
    problems: FileProblem[];
    /** The offsets of a row's cell. */
    cellRange(row: number, column: ActualsColumn): { start: number; end: number };
    /** The line (from 0) a row starts on. */
    lineOfRow(row: number): number;
    positionAt: CsvTable['positionAt'];
}

export function readActualsFile(text: string): ActualsFile {
    const table = readCsvTable(text);
    const problems: FileProblem[] = [];
    for (const p of table.problems) {
        const { start, end } = table.lineRange(p.line);
        problems.push({ code: 'actuals-bad-row', start, end, message: `This row is not CSV: ${p.message}.` });
    }
    const { rows: records, cellRange, rowRange, positionAt } = table;
    const [header] = records;
    const index = Object.fromEntries(ACTUALS_COLUMNS.map(c => [c, -1])) as Record<ActualsColumn, number>;
    // (The functions kept here use the rows' offsets only: the cells of 100,000 rows are let go.)
    const result: ActualsFile = {
        rows: [], problems, positionAt,
        cellRange: (row, column) => cellRange(row, index[column]),
        lineOfRow: row => positionAt(rowRange(row).start).line
    };
    if (!header) {
        if (problems.length === 0) problems.push({ code: 'actuals-bad-row', start: 0, end: 0, message: 'The file is empty; its first row must name the columns `kpi`, `date` and `value`.' });
        return result;
    }
    const names = header.map(c => c.trim().toLowerCase());
    for (const c of ACTUALS_COLUMNS) index[c] = names.indexOf(c);
    const missing = ACTUALS_COLUMNS.filter(c => index[c] < 0);
    if (missing.length > 0) {
        const found = header.map(c => `\`${c.trim()}\``).join(', ');
        problems.push({
            code: 'actuals-bad-row', ...rowRange(0),
            message: `The header row has no ${missing.map(c => `\`${c}\``).join(' and no ')} column (it names ${found}); the first row must name the columns \`kpi\`, \`date\` and \`value\`, in any order.`
        });
        return result;
    }
    const cell = (row: number, column: ActualsColumn) => cellRange(row, index[column]);
    for (let r = 1; r < records.length; r++) {
        const cells = records[r];
        const written = cells[index.value];
        // A row of empty cells (`,,` as spreadsheets export them) is no measurement.
        if ((written === undefined || written.trim() === '') && cells.every(c => c.trim() === '')) continue;
        if (cells[index.kpi] === undefined || cells[index.date] === undefined || written === undefined) {
            const absent = ACTUALS_COLUMNS.filter(c => cells[index[c]] === undefined);
            problems.push({
                code: 'actuals-bad-row', ...rowRange(r),
                message: `This row has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'} and no ${absent.map(c => `\`${c}\``).join(' and no ')}; write \`kpi,date,value\` in the header's order.`
            });
            continue;
        }
        const kpi = cells[index.kpi].trim();
        const date = cells[index.date].trim();
        if (kpi === '') {
            problems.push({ code: 'actuals-bad-row', ...cell(r, 'kpi'), message: 'This row names no KPI; write its name as `Journey.Kpi` (or `Objective.Kpi` for a top-level objective).' });
            continue;
        }
        if (!isRealDate(date)) {
            const why = /^\d{4}-\d{2}-\d{2}$/.test(date) ? 'is not a real date; check the month and day' : 'is not a date written `YYYY-MM-DD`';
            problems.push({ code: 'actuals-bad-row', ...cell(r, 'date'), message: `\`${date}\` ${why} (e.g. \`2026-11-30\`).`, kpi });
            continue;
        }
        const value = parseValueText(written);
        if (!value) {
            const shown = written.trim();
            problems.push({
                code: 'actuals-bad-value', ...cell(r, 'value'), kpi,
                message: shown === '' ? 'This row has no value; write the measurement as in a .copis file, e.g. `93.5%`, `38`, `4h` or `1450 EUR`.'
                    : `\`${shown}\` is not a value; write it as in a .copis file, e.g. \`93.5%\`, \`38\`, \`4h\` or \`1450 EUR\`.`
            });
            continue;
        }
        result.rows.push({ row: r, kpi, date, value });
    }
    return result;
}
