/** A KPI's status and target as every view states them. */
import type { KpiModel, KpiPoint } from './journey-model.js';
import { magnitude, type Comparator } from './metrics.js';
import type { Value } from './values.js';

export type KpiStatus = 'met' | 'missed' | 'unknown';

/** Met, missed, or unknown (no current value or target, or values that do not compare). */
export function kpiStatus(kpi: KpiModel): KpiStatus {
    return kpi.met === true ? 'met' : kpi.met === false ? 'missed' : 'unknown';
}

/** The status as a reader reads it: `met`, `missed`, or why it cannot be told. */
export function statusText(kpi: KpiModel): string {
    if (kpi.met === true) return 'met';
    if (kpi.met === false) return 'missed';
    if (!kpi.target) return 'no target';
    if (!kpi.current) return 'no current value';
    return 'not comparable';
}

/** A KPI's value as shown: `95.1% (actual of 2026-11-30)`, marked stale when it is; `current` as written without actuals. */
export function currentText(kpi: KpiModel): string {
    if (!kpi.current) return '';
    if (!kpi.actual) return kpi.current.text;
    return `${kpi.current.text} (actual of ${kpi.actual.date}${kpi.actual.stale ? `, stale: ${kpi.actual.ageDays} days old` : ''})`;
}

/** `↑ up since 2026-10-31 (better)`; `first measurement` for an actual with none before it; `` without actuals. */
export function trendText(kpi: KpiModel): string {
    const t = kpi.trend;
    if (!t) return kpi.actual ? 'first measurement' : '';
    const arrow = t.change === 'up' ? '↑ up' : t.change === 'down' ? '↓ down' : '→ flat';
    return `${arrow} since ${t.from}${t.improving === undefined ? '' : t.improving ? ' (better)' : ' (worse)'}`;
}

/** How many of a KPI's latest measurements a view draws and lists. */
export const SERIES_SHOWN = 12;

/**
 * A KPI's measurements as a reader reads them: its series, then its actual, oldest first, the last
 * `max` of them, and how many earlier ones are left out; undefined without actuals. The sparkline
 * (kpiSeriesPoints) plots the same ones.
 */
export function kpiMeasurements(kpi: KpiModel, max = SERIES_SHOWN): { points: KpiPoint[]; earlier: number } | undefined {
    if (!kpi.actual) return undefined;
    const all = [...kpi.series ?? [], { date: kpi.actual.date, value: kpi.actual.value }];
    const points = all.slice(-max);
    return { points, earlier: all.length - points.length };
}

/**
 * A KPI's measurements as numbers to plot (a sparkline): its series, then its actual, oldest first,
 * the last `max` of them; and its target when it compares with them. Undefined with fewer than two,
 * or when they do not compare (forms or currencies that differ, dates).
 */
export function kpiSeriesPoints(kpi: KpiModel, max = SERIES_SHOWN): { points: Array<{ date: string; value: number }>; target?: number } | undefined {
    if (!kpi.actual) return undefined;
    const all = [...kpi.series ?? [], kpi.actual].slice(-max);
    if (all.length < 2) return undefined;
    const first = all[0].value;
    const currency = (v: Value) => v.form === 'money' ? v.currency : '';
    const points: Array<{ date: string; value: number }> = [];
    for (const p of all) {
        const n = magnitude(p.value);
        if (n === undefined || p.value.form !== first.form || currency(p.value) !== currency(first)) return undefined;
        points.push({ date: p.date, value: n });
    }
    const t = kpi.target?.value;
    const target = t && t.form === first.form && currency(t) === currency(first) ? magnitude(t) : undefined;
    return { points, ...(target !== undefined ? { target } : {}) };
}

/** How a comparator is written for a reader: `≥`, `≤`, `=`. */
export const COMPARATOR_SYMBOL: Record<Comparator, string> = { '>=': '\u2265', '<=': '\u2264', '=': '=' };

/** `≥ 3.2%`, or undefined when the KPI has no (valid) target. */
export function targetText(kpi: KpiModel): string | undefined {
    return kpi.target && `${COMPARATOR_SYMBOL[kpi.target.op]} ${kpi.target.value.text}`;
}

/** How many KPIs are met, missed and unknown. */
export function kpiCounts(kpis: readonly KpiModel[]): { total: number; met: number; missed: number; unknown: number } {
    const met = kpis.filter(k => k.met === true).length;
    const missed = kpis.filter(k => k.met === false).length;
    return { total: kpis.length, met, missed, unknown: kpis.length - met - missed };
}
