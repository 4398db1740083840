import type { Diagnostic } from 'vscode-languageserver-types';
import type { ModelRoot } from '../../language-server/workspace/model-roots.js';

export type Severity = 'error' | 'warning' | 'information';

/** One diagnostic as every output format sees it: lines and columns from 1, the end exclusive (as in LSP and SARIF). */
export interface CliDiagnostic {
    /** The file as every output shows it (`shownPath`: escaped, so that it stays on its line). */
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: string;
    message: string;
    /** The declarations the diagnostic is in, outermost first (`Journey.Stage.Touchpoint`): what SARIF fingerprints it by. */
    element?: string;
}

export interface Summary {
    files: number;
    errors: number;
    warnings: number;
    information: number;
}

/** What a formatter prints. `diagnostics` are the ones shown (sorted); `summary` counts all of them, shown or not. */
export interface Report {
    files: string[];
    diagnostics: CliDiagnostic[];
    summary: Summary;
    /** How many diagnostics `--quiet` left out. */
    hidden: number;
    toolVersion: string;
    /** The model roots of the reported files: their configs' rule severities (SARIF's configuration overrides). */
    roots?: readonly ModelRoot[];
}

/** LSP severity 1..4; a diagnostic without one is an error (as LSP clients treat it). Hints count as information. */
export function severityName(severity: number | undefined): Severity {
    switch (severity) {
        case 2: return 'warning';
        case 3:
        case 4: return 'information';
        default: return 'error';
    }
}

export function toCliDiagnostic(file: string, d: Diagnostic, element?: string): CliDiagnostic {
    return {
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: severityName(d.severity),
        code: d.code === undefined ? 'unknown' : String(d.code),
        message: wellFormed(typeof d.message === 'string' ? d.message : d.message.value),
        ...(element === undefined ? {} : { element: wellFormed(element) })
    };
}

// A surrogate without its other half: no character at all, and JSON and SARIF readers may refuse it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with every lone surrogate replaced by U+FFFD, so that every output format is valid Unicode (String.prototype.toWellFormed). */
export function wellFormed(text: string): string {
    return text.replace(LONE_SURROGATE, '\uFFFD');
}

function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** By file, then position, then code and message, so that output is stable. */
/** File, position, code, message: the order of every report (a diagnostic's `element` does not count). */
export function compareDiagnostics(a: Omit<CliDiagnostic, 'element'>, b: Omit<CliDiagnostic, 'element'>): number {
    return compareStrings(a.file, b.file)
        || a.line - b.line || a.column - b.column
        || a.endLine - b.endLine || a.endColumn - b.endColumn
        || compareStrings(a.code, b.code) || compareStrings(a.message, b.message);
}

export function summarize(files: number, diagnostics: ReadonlyArray<Pick<CliDiagnostic, 'severity'>>): Summary {
    const summary: Summary = { files, errors: 0, warnings: 0, information: 0 };
    for (const d of diagnostics) {
        if (d.severity === 'error') summary.errors++;
        else if (d.severity === 'warning') summary.warnings++;
        else summary.information++;
    }
    return summary;
}
