/**
 * A CSV file of KPI actuals (language §7) read on its own, before it is matched with the KPIs of
 * the workspace: its header (the columns `kpi`, `date` and `value`, in any order, others ignored)
 * and its rows, each with the cells that matter. What makes a row unusable whatever the KPIs are
 * (not CSV, a missing cell, a bad date) is an `actuals-bad-row` here.
 */
import { isRealDate, parseValueText, type Value } from '../model/values.js';
import { readCsvTable, type CsvCell, type CsvTable } from './csv-table.js';

export const ACTUALS_COLUMNS = ['kpi', 'date', 'value'] as const;

export interface ActualsRow {
    /** The line of the row, from 0. */
    line: number;
    kpi: CsvCell;
    date: CsvCell;
    value: CsvCell;
    /** The value in its form, when it is written as a .copis value. */
    parsed?: Value;
}

/** A problem at offsets of the file (the end exclusive). */
export interface FileProblem {
    code: 'actuals-bad-row' | 'actuals-bad-value';
    start: number;
    end: number;
    message: string;
}

export interface ActualsFile {
    rows: ActualsRow[];
    problems: FileProblem[];
    positionAt: CsvTable['positionAt'];
}

export function readActualsFile(text: string): ActualsFile {
    const table = readCsvTable(text);
    const problems: FileProblem[] = [];
    for (const p of table.problems) {
        const { start, end } = table.lineRange(p.line);
        problems.push({ code: 'actuals-bad-row', start, end, message: `This row is not CSV: ${p.message}.` });
    }
    const [header, ...body] = table.rows;
    if (!header) {
        if (problems.length === 0) problems.push({ code: 'actuals-bad-row', start: 0, end: 0, message: 'The file is empty; its first row must name the columns `kpi`, `date` and `value`.' });
        return { rows: [], problems, positionAt: table.positionAt };
    }
    const names = header.map(c => c.text.trim().toLowerCase());
    const index = Object.fromEntries(ACTUALS_COLUMNS.map(c => [c, names.indexOf(c)])) as Record<typeof ACTUALS_COLUMNS[number], number>;
    const missing = ACTUALS_COLUMNS.filter(c => index[c] < 0);
    if (missing.length > 0) {
        const found = header.map(c => `\`${c.text.trim()}\``).join(', ');
        problems.push({
            code: 'actuals-bad-row', start: header[0].start, end: header[header.length - 1].end,
            message: `The header row has no ${missing.map(c => `\`${c}\``).join(' and no ')} column (it names ${found}); the first row must name the columns \`kpi\`, \`date\` and \`value\`, in any order.`
        });
        return { rows: [], problems, positionAt: table.positionAt };
    }
    const rows: ActualsRow[] = [];
    for (const cells of body) {
        // A row of empty cells (`,,` as spreadsheets export them) is no measurement.
        if (cells.every(c => c.text.trim() === '')) continue;
        const line = table.positionAt(cells[0].start).line;
        const absent = ACTUALS_COLUMNS.filter(c => cells[index[c]] === undefined);
        if (absent.length > 0) {
            problems.push({
                code: 'actuals-bad-row', start: cells[0].start, end: cells[cells.length - 1].end,
                message: `This row has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'} and no ${absent.map(c => `\`${c}\``).join(' and no ')}; write \`kpi,date,value\` in the header's order.`
            });
            continue;
        }
        const kpi = cells[index.kpi];
        const date = cells[index.date];
        const value = cells[index.value];
        if (kpi.text.trim() === '') {
            problems.push({ code: 'actuals-bad-row', start: kpi.start, end: kpi.end, message: 'This row names no KPI; write its name as `Journey.Kpi` (or `Objective.Kpi` for a top-level objective).' });
            continue;
        }
        const day = date.text.trim();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isRealDate(day)) {
            const why = /^\d{4}-\d{2}-\d{2}$/.test(day) ? 'is not a real date; check the month and day' : 'is not a date written `YYYY-MM-DD`';
            problems.push({ code: 'actuals-bad-row', start: date.start, end: date.end, message: `\`${day}\` ${why} (e.g. \`2026-11-30\`).` });
            continue;
        }
        const parsed = parseValueText(value.text);
        if (!parsed) {
            const shown = value.text.trim();
            problems.push({
                code: 'actuals-bad-value', start: value.start, end: value.end,
                message: shown === '' ? 'This row has no value; write the measurement as in a .copis file, e.g. `93.5%`, `38`, `4h` or `1450 EUR`.'
                    : `\`${shown}\` is not a value; write it as in a .copis file, e.g. \`93.5%\`, \`38\`, \`4h\` or \`1450 EUR\`.`
            });
            continue;
        }
        rows.push({ line, kpi, date, value, parsed });
    }
    return { rows, problems, positionAt: table.positionAt };
}
