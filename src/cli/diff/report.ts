import type { WorkspaceDiff } from './compare/diff-types.js';

/** One side of the comparison, as the reports name it. */
export interface RevisionInfo {
    /** What was named (`main`, `HEAD~1`), `merge base with origin/main`, or `working tree`. */
    label: string;
    /** The commit's full id; none for the working tree. */
    commit?: string;
    /** How many model files were read. */
    files: number;
}

/** What every reporter of `copis diff` is given. */
export interface DiffReport {
    base: RevisionInfo;
    head: RevisionInfo;
    diff: WorkspaceDiff;
    toolVersion: string;
}
