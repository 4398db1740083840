/**
 * Matches the rows of the actuals files with the KPIs of the workspace (language §7): each row's
 * KPI by its name as written from outside its journey (`Journey.Kpi`, `Objective.Kpi`), its value
 * checked against the KPI's metric, and per KPI the latest row on or before the as-of date (its
 * actual) and the rows before it (its series). Pure: the KPIs come in as a map, the files as read.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { metricExpectation, quantityIssue } from '../model/value-rules.js';
import type { Value } from '../model/values.js';
import { SEVERITY, type Code } from '../validation/codes.js';
import { closestName } from '../validation/did-you-mean.js';
import type { ActualsFile } from './actuals-file.js';

/** One measurement of a KPI, and where it was read. */
export interface ActualPoint {
    date: string;
    value: Value;
    uri: string;
    /** The row's line, from 0. */
    line: number;
    /** The value cell. */
    range: Diagnostic['range'];
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
    const rowsOf = new Map<K, ActualPoint[]>();
    /** The first row read per KPI and date (the one that counts), for `actuals-duplicate`. */
    const first = new Map<string, { uri: string; line: number }>();
    const suggestions = new Map<string, string | undefined>();
    const suggest = (name: string) => {
        if (!suggestions.has(name)) suggestions.set(name, closestName(name, kpis.keys()));
        return suggestions.get(name);
    };
    for (const { uri, file } of files) {
        const list: Diagnostic[] = [];
        diagnostics.set(uri, list);
        const at = (start: number, end: number) => ({ start: file.positionAt(start), end: file.positionAt(end) });
        const add = (code: Code, start: number, end: number, message: string, data: Record<string, unknown> = {}) =>
            list.push(diagnostic(code, at(start, end), message, data));
        for (const p of file.problems) add(p.code, p.start, p.end, p.message);
        for (const row of file.rows) {
            const name = row.kpi.text.trim();
            const kpi = kpis.get(name);
            if (!kpi) {
                const suggestion = suggest(name);
                add('actuals-unknown-kpi', row.kpi.start, row.kpi.end, suggestion
                    ? `\`${name}\` names no KPI; did you mean \`${suggestion}\`?`
                    : `\`${name}\` names no KPI; write a KPI's name as from outside its journey: \`Journey.Kpi\` (\`Objective.Kpi\` for a top-level objective).`,
                    suggestion ? { suggestion } : {});
                continue;
            }
            const value = row.parsed!;
            const expected = kpi.metric ? metricExpectation(kpi.metric) : undefined;
            const issue = expected && quantityIssue(value, expected, `The value of \`${name}\` (metric ${kpi.metric})`);
            if (issue) {
                add('actuals-bad-value', row.value.start, row.value.end, issue.message);
                continue;
            }
            const date = row.date.text.trim();
            const key = `${name}\u0000${date}`;
            const earlier = first.get(key);
            if (earlier) {
                const where = earlier.uri === uri ? `line ${earlier.line + 1}` : `line ${earlier.line + 1} of ${fileName(earlier.uri)}`;
                add('actuals-duplicate', row.date.start, row.date.end, `A second row for \`${name}\` on ${date} (the first is ${where}, and it counts); remove one of them.`);
                continue;
            }
            first.set(key, { uri, line: row.line });
            if (date > asOf) continue;
            let rows = rowsOf.get(kpi.key);
            if (!rows) rowsOf.set(kpi.key, rows = []);
            rows.push({ date, value, uri, line: row.line, range: at(row.value.start, row.value.end) });
        }
    }
    for (const list of diagnostics.values()) {
        list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
    const byKpi = new Map<K, KpiActuals>();
    for (const [key, rows] of rowsOf) {
        rows.sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
        byKpi.set(key, { actual: rows[rows.length - 1], series: rows.slice(0, -1) });
    }
    return { byKpi, diagnostics };
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
