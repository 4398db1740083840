import type { KpiModel } from '../../../../language-server/model/journey-model.js';
import type { RootReport } from '../../../../language-server/model/root-report.js';

/** What every report format is given. */
export interface ReportInput {
    report: RootReport;
    asOf: string;
    /** The .copis files, relative to the working directory. */
    files: string[];
    /** The actuals files, relative to the working directory. */
    actuals: string[];
    /** How many problems the actuals files have (their rows are not used). */
    actualsProblems: number;
    staleAfterDays: number;
    /** A document URI as the file path the user knows. */
    fileOf(uri: string): string;
}

/** `↑ up since 2026-10-31 (better)`, or `` without a measurement before the actual. */
export function kpiTrend(kpi: KpiModel): string {
    const t = kpi.trend;
    if (!t) return kpi.actual ? 'first measurement' : '';
    const arrow = t.change === 'up' ? '↑ up' : t.change === 'down' ? '↓ down' : '→ flat';
    return `${arrow} since ${t.from}${t.improving === undefined ? '' : t.improving ? ' (better)' : ' (worse)'}`;
}

/** `stale: 154 days old (over 90)`, `12 days old`, or `no actuals`. */
export function kpiStaleness(kpi: KpiModel, staleAfterDays: number): string {
    if (!kpi.actual) return 'no actuals';
    return kpi.actual.stale ? `stale: ${kpi.actual.ageDays} days old (over ${staleAfterDays})` : `${kpi.actual.ageDays} ${kpi.actual.ageDays === 1 ? 'day' : 'days'} old`;
}
