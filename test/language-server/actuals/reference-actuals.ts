/**
 * The KPI actuals as copis read them before they were kept in columns (language §7, one object
 * per row, every row sorted by date): a reference that the fast reading in
 * language-server/actuals/ must agree with, row for row and diagnostic for diagnostic
 * (actuals-reference.test.ts). Plain and simple on purpose; not used by copis itself.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { ACTUALS_COLUMNS, type ActualsColumn, type FileProblem } from '../../../language-server/actuals/actuals-file.js';
import { readCsvTable, type CsvTable } from '../../../language-server/actuals/csv-table.js';
import { fileName, type ActualPoint, type KpiEntry } from '../../../language-server/actuals/resolve-actuals.js';
import { metricExpectation, quantityIssue, type Expectation } from '../../../language-server/model/value-rules.js';
import { isRealDate, parseValueText, type Value } from '../../../language-server/model/values.js';
import { SEVERITY, type Code } from '../../../language-server/validation/codes.js';
import { closestName } from '../../../language-server/validation/did-you-mean.js';

export interface ReferenceRow {
    row: number;
    kpi: string;
    date: string;
    value: Value;
}

export interface ReferenceFile {
    rows: ReferenceRow[];
    problems: FileProblem[];
    cellRange(row: number, column: ActualsColumn): { start: number; end: number };
    lineOfRow(row: number): number;
    positionAt: CsvTable['positionAt'];
}

export interface ReferenceResolved<K> {
    byKpi: Map<K, { actual?: ActualPoint; series: ActualPoint[] }>;
    diagnostics: Map<string, Diagnostic[]>;
}

export function referenceRead(text: string, general = false): ReferenceFile {
    const table = readCsvTable(text, { general });
    const problems: FileProblem[] = [];
    for (const p of table.problems) {
        const { start, end } = table.lineRange(p.line);
        problems.push({ code: 'actuals-bad-row', start, end, message: `This row is not CSV: ${p.message}.` });
    }
    const { rows: records, cellRange, rowRange, positionAt } = table;
    const [header] = records;
    const index = Object.fromEntries(ACTUALS_COLUMNS.map(c => [c, -1])) as Record<ActualsColumn, number>;
    // (The functions kept here use the rows' offsets only: the cells of 100,000 rows are let go.)
    const result: ReferenceFile = {
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
                code: 'actuals-bad-value', ...cell(r, 'value'),
                message: shown === '' ? 'This row has no value; write the measurement as in a .copis file, e.g. `93.5%`, `38`, `4h` or `1450 EUR`.'
                    : `\`${shown}\` is not a value; write it as in a .copis file, e.g. \`93.5%\`, \`38\`, \`4h\` or \`1450 EUR\`.`,
                kpi
            });
            continue;
        }
        result.rows.push({ row: r, kpi, date, value });
    }
    return result;
}

export function referenceResolve<K>(files: ReadonlyArray<{ uri: string; file: ReferenceFile }>, kpis: ReadonlyMap<string, KpiEntry<K>>, asOf: string): ReferenceResolved<K> {
    const diagnostics = new Map<string, Diagnostic[]>();
    /** Per KPI, its good rows in the order read (files in the order given). */
    const rowsOf = new Map<K, Array<{ name: string; date: string; value: Value; row: number; source: Source }>>();
    const suggestions = new Map<string, string | undefined>();
    const suggest = (name: string) => {
        if (!suggestions.has(name)) suggestions.set(name, closestName(name, kpis.keys()));
        return suggestions.get(name);
    };
    const expectations = new Map<string, Expectation | undefined>();
    const expectationOf = (metric: string) => {
        if (!expectations.has(metric)) expectations.set(metric, metricExpectation(metric));
        return expectations.get(metric);
    };
    for (const { uri, file } of files) {
        const source: Source = { uri, file, list: [] };
        diagnostics.set(uri, source.list);
        for (const p of file.problems) add(source, p.code, p.start, p.end, p.message, p.kpi === undefined ? {} : { kpi: p.kpi });
        for (const row of file.rows) {
            const name = row.kpi;
            const kpi = kpis.get(name);
            if (!kpi) {
                const suggestion = suggest(name);
                const { start, end } = file.cellRange(row.row, 'kpi');
                add(source, 'actuals-unknown-kpi', start, end, suggestion
                    ? `\`${name}\` names no KPI; did you mean \`${suggestion}\`?`
                    : `\`${name}\` names no KPI; write a KPI's name as from outside its journey: \`Journey.Kpi\` (\`Objective.Kpi\` for a top-level objective).`,
                    suggestion ? { suggestion, kpi: name } : { kpi: name });
                continue;
            }
            const expected = kpi.metric ? expectationOf(kpi.metric) : undefined;
            // (The message is made only for a value that has an issue: most of 100,000 rows have none.)
            const issue = expected && quantityIssue(row.value, expected, '') && quantityIssue(row.value, expected, `The value of \`${name}\` (metric ${kpi.metric})`);
            if (issue) {
                const { start, end } = file.cellRange(row.row, 'value');
                add(source, 'actuals-bad-value', start, end, issue.message, { kpi: name });
                continue;
            }
            let rows = rowsOf.get(kpi.key);
            if (!rows) rowsOf.set(kpi.key, rows = []);
            rows.push({ name, date: row.date, value: row.value, row: row.row, source });
        }
    }
    const byKpi = new Map<K, { actual?: ActualPoint; series: ActualPoint[] }>();
    for (const [key, rows] of rowsOf) {
        // By date; rows of one date stay in the order read (the sort is stable), so the first read counts.
        rows.sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
        const points: ActualPoint[] = [];
        for (let i = 0; i < rows.length; i++) {
            const r = rows[i];
            if (i > 0 && rows[i - 1].date === r.date) {
                const first = firstOfDate(rows, i);
                const line = first.source.file.lineOfRow(first.row);
                const where = first.source.uri === r.source.uri ? `line ${line + 1}` : `line ${line + 1} of ${fileName(first.source.uri)}`;
                const { start, end } = r.source.file.cellRange(r.row, 'date');
                add(r.source, 'actuals-duplicate', start, end, `A second row for \`${r.name}\` on ${r.date} (the first is ${where}, and it counts); remove one of them.`, { kpi: r.name });
                continue;
            }
            // Rows after the as-of date are checked, not read.
            if (r.date <= asOf) points.push({ date: r.date, value: r.value, uri: r.source.uri, row: r.row });
        }
        if (points.length > 0) byKpi.set(key, { actual: points[points.length - 1], series: points.slice(0, -1) });
    }
    for (const list of diagnostics.values()) {
        list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
    return { byKpi, diagnostics };
}

interface Source {
    uri: string;
    file: ReferenceFile;
    list: Diagnostic[];
}

function add(source: Source, code: Code, start: number, end: number, message: string, data: Record<string, unknown> = {}): void {
    const range = { start: source.file.positionAt(start), end: source.file.positionAt(end) };
    source.list.push(diagnostic(code, range, message, data));
}

/** The first row of the run of rows with the date of `rows[i]` (they are sorted by date). */
function firstOfDate<T extends { date: string }>(rows: readonly T[], i: number): T {
    let j = i;
    while (j > 0 && rows[j - 1].date === rows[i].date) j--;
    return rows[j];
}

function diagnostic(code: Code, range: Diagnostic['range'], message: string, data: Record<string, unknown>): Diagnostic {
    const severity = SEVERITY[code] === 'error' ? 1 : SEVERITY[code] === 'warning' ? 2 : 3;
    return { range, severity, code, source: 'copis', message, data: { code, ...data } };
}

