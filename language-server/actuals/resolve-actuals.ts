/**
 * Matches the rows of the actuals files with the KPIs of the workspace (language §7): each row's
 * KPI by its name as written from outside its journey (`Journey.Kpi`, `Objective.Kpi`), its value
 * checked against the KPI's metric, and per KPI the latest row on or before the as-of date (its
 * actual) and the rows before it (its series). Pure: the KPIs come in as a map, the files as read.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { metricExpectation, quantityIssue, type Expectation } from '../model/value-rules.js';
import type { Value } from '../model/values.js';
import { SEVERITY, type Code } from '../validation/codes.js';
import { closestName } from '../validation/did-you-mean.js';
import type { ActualsFile } from './actuals-file.js';

/** One measurement of a KPI, and where it was read. */
export interface ActualPoint {
    date: string;
    value: Value;
    uri: string;
    /** The row in its file's table. */
    row: number;
}

export interface KpiActuals {
    /** The latest row on or before the as-of date: it takes the place of `current`. */
    actual?: ActualPoint;
    /** The rows before it, oldest first. */
    series: ActualPoint[];
}

export interface KpiEntry<K> {
    key: K;
    metric?: string;
}

export interface ResolvedActuals<K> {
    byKpi: Map<K, KpiActuals>;
    /** Per actuals file (by URI), its problems. */
    diagnostics: Map<string, Diagnostic[]>;
}

export function resolveActuals<K>(files: ReadonlyArray<{ uri: string; file: ActualsFile }>, kpis: ReadonlyMap<string, KpiEntry<K>>, asOf: string): ResolvedActuals<K> {
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
        for (const p of file.problems) add(source, p.code, p.start, p.end, p.message, p.kpi !== undefined ? { kpi: p.kpi } : {});
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
    const byKpi = new Map<K, KpiActuals>();
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
    file: ActualsFile;
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

export function fileName(uri: string): string {
    const path = decodeURIComponent(uri.replace(/[?#].*$/, ''));
    return path.slice(path.lastIndexOf('/') + 1);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
