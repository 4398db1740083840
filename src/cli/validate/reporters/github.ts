import type { CliDiagnostic, Report } from '../../diagnostics.js';
import { summaryLine } from './text.js';

const COMMAND = { error: 'error', warning: 'warning', information: 'notice' } as const;

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step; the others are dropped. */
export const GITHUB_ANNOTATION_LIMIT = 10;

/** How many annotations of each kind GitHub will not show for these diagnostics. */
export function unannotated(diagnostics: readonly CliDiagnostic[]): { errors: number; warnings: number; notices: number } {
    const count = (severity: CliDiagnostic['severity']) => Math.max(0, diagnostics.filter(d => d.severity === severity).length - GITHUB_ANNOTATION_LIMIT);
    return { errors: count('error'), warnings: count('warning'), notices: count('information') };
}

/** A workflow command's message: `%`, CR and LF escaped (GitHub's `escapeData`). */
export function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,` (GitHub's `escapeProperty`). */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::MESSAGE` (`::notice` for information). */
export function githubLine(d: CliDiagnostic): string {
    const properties = [
        `file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`,
        `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escapeProperty(d.code)}`
    ].join(',');
    return `::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}`;
}

/** One workflow command per diagnostic, so GitHub Actions annotates the lines; then the summary as plain log text. */
export function formatGithub(report: Report): string {
    return [...report.diagnostics.map(githubLine), summaryLine(report.summary, report.hidden)].join('\n') + '\n';
}
