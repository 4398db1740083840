/**
 * Matches the rows of the actuals files with the KPIs of the workspace (language §7): each row's
 * KPI by its name as written from outside its journey (`Journey.Kpi`, `Objective.Kpi`), its value
 * checked against the KPI's metric, and per KPI the latest row on or before the as-of date (its
 * actual) and the rows before it (its series). Pure: the KPIs come in as a map, the files as read.
 *
 * 100,000 rows are matched in columns of numbers: each file's names are looked up once (not once
 * per row), the rows are grouped by KPI with a counting sort (which keeps the order read), each
 * KPI's rows are sorted by date only when they are not in order already, and a KPI's series (which
 * only the report, the diagram and the hover show) is made when it is first asked for.
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
    /** The rows before it, oldest first (made when first read). */
    readonly series: ActualPoint[];
}

export interface KpiEntry<K> {
    key: K;
    metric?: string;
}

export interface ResolvedActuals<K> {
    byKpi: Map<K, KpiActuals>;
    /** Per actuals file (by URI), its problems; a problem of a row that names a KPI has that name as `data.kpi`. */
    diagnostics: Map<string, Diagnostic[]>;
}

export function resolveActuals<K>(files: ReadonlyArray<{ uri: string; file: ActualsFile }>, kpis: ReadonlyMap<string, KpiEntry<K>>, asOf: string): ResolvedActuals<K> {
    const diagnostics = new Map<string, Diagnostic[]>();
    const sources: Source[] = files.map(({ uri, file }) => ({ uri, file, list: [] }));
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
    /** The KPIs rows name, in the order first named: a slot each. */
    const slotOf = new Map<K, number>();
    const keys: K[] = [];

    // Every date of every file, ranked: rows are sorted and compared by rank, and `asOf` is a rank too.
    const allDates = new Set<string>();
    for (const { file } of sources) for (const d of file.rows.dates) allDates.add(d);
    const sorted = [...allDates].sort();
    const rankOf = new Map(sorted.map((d, i) => [d, i]));
    /** Ranks below it are on or before the as-of date. */
    let asOfRank = 0;
    while (asOfRank < sorted.length && sorted[asOfRank] <= asOf) asOfRank++;

    // The good rows of all files, in the order read (files in the order given): their KPI's slot, file, row and date's rank.
    const total = sources.reduce((n, s) => n + s.file.rows.length, 0);
    const slot = new Int32Array(total), fileOf = new Int32Array(total), rowOf = new Int32Array(total), ranks = new Int32Array(total);
    let count = 0;
    sources.forEach((s, f) => {
        diagnostics.set(s.uri, s.list);
        const { file } = s;
        for (const p of file.problems) add(s, p.code, p.start, p.end, p.message, p.kpi === undefined ? {} : { kpi: p.kpi });
        const rows = file.rows;
        // Per name of the file (in the order first written): its KPI's slot (-1: no KPI), its metric's expectation, and
        // per value of the file whether it breaks that expectation (0: not asked yet, 1: no, 2: yes; values repeat).
        const slots = new Int32Array(rows.names.length);
        const expected: Array<Expectation | undefined> = [];
        const breaks: Array<Uint8Array | undefined> = [];
        const known = new Map<Expectation, Uint8Array>();
        rows.names.forEach((name, n) => {
            const kpi = kpis.get(name);
            if (!kpi) {
                slots[n] = -1;
                return;
            }
            let k = slotOf.get(kpi.key);
            if (k === undefined) {
                k = keys.push(kpi.key) - 1;
                slotOf.set(kpi.key, k);
            }
            slots[n] = k;
            const expectation = kpi.metric ? expectationOf(kpi.metric) : undefined;
            expected[n] = expectation;
            if (expectation && !known.has(expectation)) known.set(expectation, new Uint8Array(rows.values.length));
            breaks[n] = expectation && known.get(expectation);
        });
        const dateRanks = Int32Array.from(rows.dates, d => rankOf.get(d)!);
        for (let i = 0; i < rows.length; i++) {
            const n = rows.kpi[i];
            if (slots[n] < 0) {
                const name = rows.names[n];
                const suggestion = suggest(name);
                const { start, end } = file.cellRange(rows.row[i], 'kpi');
                add(s, 'actuals-unknown-kpi', start, end, suggestion
                    ? `\`${name}\` names no KPI; did you mean \`${suggestion}\`?`
                    : `\`${name}\` names no KPI; write a KPI's name as from outside its journey: \`Journey.Kpi\` (\`Objective.Kpi\` for a top-level objective).`,
                    suggestion ? { suggestion, kpi: name } : { kpi: name });
                continue;
            }
            const breaking = breaks[n];
            if (breaking !== undefined) {
                const v = rows.value[i];
                if (breaking[v] === 0) breaking[v] = quantityIssue(rows.values[v], expected[n]!, '') ? 2 : 1;
                if (breaking[v] === 2) {
                    // (The message is made only for a value that has an issue: most of 100,000 rows have none.)
                    const name = rows.names[n];
                    const issue = quantityIssue(rows.values[v], expected[n]!, `The value of \`${name}\` (metric ${kpis.get(name)!.metric})`)!;
                    const { start, end } = file.cellRange(rows.row[i], 'value');
                    add(s, 'actuals-bad-value', start, end, issue.message, { kpi: name });
                    continue;
                }
            }
            slot[count] = slots[n];
            fileOf[count] = f;
            rowOf[count] = i;
            ranks[count] = dateRanks[rows.date[i]];
            count++;
        }
    });

    const group = groupBySlot(slot.subarray(0, count), keys.length);
    const point = (e: number): ActualPoint => {
        const { uri, file: { rows } } = sources[fileOf[e]];
        const i = rowOf[e];
        return { date: rows.dates[rows.date[i]], value: rows.values[rows.value[i]], uri, row: rows.row[i] };
    };
    const byKpi = new Map<K, KpiActuals>();
    const { order, offsets } = group;
    for (let k = 0; k < keys.length; k++) {
        const from = offsets[k];
        const to = offsets[k + 1];
        sortByDate(order, from, to, ranks);
        // By date; rows of one date stay in the order read, so the first read counts and the others are duplicates.
        let first = -1;
        /** The position (in `order`) of the last row on or before the as-of date. */
        let latest = -1;
        for (let p = from; p < to; p++) {
            const e = order[p];
            if (first >= 0 && ranks[order[first]] === ranks[e]) {
                duplicate(sources, point, order[first], e, fileOf, rowOf);
                continue;
            }
            first = p;
            // Rows after the as-of date are checked, not read.
            if (ranks[e] < asOfRank) latest = p;
        }
        if (latest >= 0) byKpi.set(keys[k], lazySeries(point(order[latest]), () => seriesOf(order, from, latest, ranks).map(point)));
    }
    for (const list of diagnostics.values()) {
        list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
    return { byKpi, diagnostics };
}

/** A KPI's actuals whose series is worked out the first time it is read. */
function lazySeries(actual: ActualPoint, make: () => ActualPoint[]): KpiActuals {
    let series: ActualPoint[] | undefined;
    return { actual, get series() { return series ??= make(); } };
}

/** The rows before position `latest` in a KPI's sorted run `[from, latest)`, each date once (the first read). */
function seriesOf(order: Int32Array, from: number, latest: number, ranks: Int32Array): number[] {
    const rows: number[] = [];
    for (let p = from; p < latest; p++) if (p === from || ranks[order[p]] !== ranks[order[p - 1]]) rows.push(order[p]);
    return rows;
}

/** The rows (by their index) grouped by slot, each group in the order read (a counting sort: stable by construction). */
function groupBySlot(slots: Int32Array, count: number): { order: Int32Array; offsets: Int32Array } {
    const offsets = new Int32Array(count + 1);
    for (let e = 0; e < slots.length; e++) offsets[slots[e] + 1]++;
    for (let k = 0; k < count; k++) offsets[k + 1] += offsets[k];
    const next = offsets.slice(0, count);
    const order = new Int32Array(slots.length);
    for (let e = 0; e < slots.length; e++) order[next[slots[e]]++] = e;
    return { order, offsets };
}

/** Sorts `order[from, to)` by the rows' date ranks, rows of one date in the order they were (stable); most runs are in order already. */
function sortByDate(order: Int32Array, from: number, to: number, ranks: Int32Array): void {
    let inOrder = true;
    for (let p = from + 1; p < to && inOrder; p++) inOrder = ranks[order[p - 1]] <= ranks[order[p]];
    if (inOrder) return;
    const length = to - from;
    // A key per row: its rank, then where it was (so that the numeric sort, which need not be stable, keeps the order read).
    const sortKeys = new Float64Array(length);
    for (let i = 0; i < length; i++) sortKeys[i] = ranks[order[from + i]] * length + i;
    sortKeys.sort();
    const was = order.slice(from, to);
    for (let i = 0; i < length; i++) order[from + i] = was[sortKeys[i] % length];
}

/** `actuals-duplicate` on row `e`, which has the date of the row `first` read before it for the same KPI. */
function duplicate(sources: readonly Source[], point: (e: number) => ActualPoint, first: number, e: number, fileOf: Int32Array, rowOf: Int32Array): void {
    const a = sources[fileOf[first]];
    const b = sources[fileOf[e]];
    const firstPoint = point(first);
    const line = a.file.lineOfRow(firstPoint.row);
    const where = a.uri === b.uri ? `line ${line + 1}` : `line ${line + 1} of ${fileName(a.uri)}`;
    const rows = b.file.rows;
    const i = rowOf[e];
    const { start, end } = b.file.cellRange(rows.row[i], 'date');
    add(b, 'actuals-duplicate', start, end, `A second row for \`${rows.names[rows.kpi[i]]}\` on ${firstPoint.date} (the first is ${where}, and it counts); remove one of them.`, { kpi: rows.names[rows.kpi[i]] });
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
