import type { WorkspaceDiff } from './compare/diff-types.js';

/** One side of the comparison, as the reports name it. */
export interface RevisionInfo {
    /** What was named (`main`, `HEAD~1`), `merge base with origin/main`, or `working tree`. */
    label: string;
    /** The commit's full id; none for the working tree. */
    commit?: string;
    /** How many model files were read. */
    files: number;
    /** How many CSV files of KPI actuals were read (its configs' `actuals`, and `--actuals`). */
    actuals: number;
}

/** What every reporter of `copis diff` is given. */
export interface DiffReport {
    base: RevisionInfo;
    head: RevisionInfo;
    diff: WorkspaceDiff;
    /** The date both revisions' KPIs are judged as of (`--as-of`, default today): their actuals, `kpi-overdue`, `kpi-stale`. */
    asOf: string;
    toolVersion: string;
}
