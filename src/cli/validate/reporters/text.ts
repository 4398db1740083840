import type { CliDiagnostic, Report, Summary } from '../../diagnostics.js';
import { shownMessage } from '../../shown.js';

function count(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

/** `file:line:col  severity  message  code`, on one line (`file` is already shown: shown.ts). */
export function textLine(d: CliDiagnostic): string {
    return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${shownMessage(d.message)}  ${d.code}`;
}

/** `3 files: 1 error, 2 warnings, 0 information`, or `3 files: no problems`. */
export function summaryLine(summary: Summary, hidden = 0): string {
    const files = count(summary.files, 'file');
    if (summary.errors + summary.warnings + summary.information === 0) return `${files}: no problems`;
    const counts = `${files}: ${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ${summary.information} information`;
    return hidden > 0 ? `${counts} (${hidden} not shown: --quiet)` : counts;
}

export function formatText(report: Report): string {
    const lines = report.diagnostics.map(textLine);
    if (lines.length > 0) lines.push('');
    lines.push(summaryLine(report.summary, report.hidden));
    return lines.join('\n') + '\n';
}
