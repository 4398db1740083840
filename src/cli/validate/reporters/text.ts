import type { CliDiagnostic, Report, Severity, Summary } from '../../diagnostics.js';
import { shownMessage } from '../../shown.js';
import { paint, type Colour } from '../../terminal.js';

export interface TextOptions {
    /** Colour the severities (and dim the codes) with ANSI escape sequences. */
    color?: boolean;
}

const COLOUR: Record<Severity, Colour> = { error: 'red', warning: 'yellow', information: 'cyan' };

function count(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

/** `file:line:col  severity  message  code`; a message on one line, nothing in it that a terminal would act on (`file` is already shown: shown.ts). */
export function textLine(d: CliDiagnostic, options: TextOptions = {}): string {
    const color = options.color ?? false;
    const message = shownMessage(d.message);
    return `${d.file}:${d.line}:${d.column}  ${paint(d.severity, COLOUR[d.severity], color)}  ${message}  ${paint(shownMessage(d.code), 'dim', color)}`;
}

/** `3 files: 1 error, 2 warnings, 0 information`, or `3 files: no problems`. */
export function summaryLine(summary: Summary, hidden = 0): string {
    const files = count(summary.files, 'file');
    if (summary.errors + summary.warnings + summary.information === 0) return `${files}: no problems`;
    const counts = `${files}: ${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ${summary.information} information`;
    return hidden > 0 ? `${counts} (${hidden} not shown: --quiet)` : counts;
}

export function formatText(report: Report, options: TextOptions = {}): string {
    const lines = report.diagnostics.map(d => textLine(d, options));
    if (lines.length > 0) lines.push('');
    const summary = summaryLine(report.summary, report.hidden);
    lines.push(options.color ? paint(summary, 'bold', true) : summary);
    return lines.join('\n') + '\n';
}
