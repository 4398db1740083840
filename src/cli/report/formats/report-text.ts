import { trendText } from '../../../../language-server/model/kpi-status.js';
import type { KpiModel } from '../../../../language-server/model/journey-model.js';
import type { RootReport } from '../../../../language-server/model/root-report.js';
import { plural } from '../../../../language-server/model/labels.js';

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
    /** A document URI as the file path the user knows. */
    fileOf(uri: string): string;
}

/** `↑ up since 2026-10-31 (better)`, or `` without a measurement before the actual (model/kpi-status.ts). */
export const kpiTrend = trendText;

/** `stale: 154 days old (over 90d)`, `12 days old`, or `no actuals` (`staleAfter` is its model root's). */
export function kpiStaleness(kpi: KpiModel): string {
    if (!kpi.actual) return 'no actuals';
    return kpi.actual.stale ? `stale: ${kpi.actual.ageDays} days old (over ${kpi.actual.staleAfter})` : `${plural(kpi.actual.ageDays, 'day')} old`;
}
