import type { Summary } from './diagnostics.js';

/**
 * 0: no errors and warnings within `--max-warnings`; 1: problems found (in the models, or an input that
 * could not be read: a mistyped path must not let CI pass); 2: bad usage, nothing readable or an internal error.
 */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_PROBLEMS | typeof EXIT_USAGE;

/** Whether the warnings exceed `maxWarnings` (undefined: no limit). Warnings hidden by `--quiet` count too. */
export function tooManyWarnings(summary: Summary, maxWarnings: number | undefined): boolean {
    return maxWarnings !== undefined && summary.warnings > maxWarnings;
}

export function exitCodeFor(summary: Summary, maxWarnings: number | undefined, inputProblems = 0): ExitCode {
    return summary.errors > 0 || inputProblems > 0 || tooManyWarnings(summary, maxWarnings) ? EXIT_PROBLEMS : EXIT_OK;
}
