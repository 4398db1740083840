import type { Report } from '../../diagnostics.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

/** What a reporter may need beside the report: the working directory the paths are relative to, and whether to colour. */
export interface ReportContext {
    cwd: string;
    color: boolean;
}

/** One row per output format of `copis validate`: its name, what `--help` says of it, and how it prints a report. */
export interface Reporter {
    id: string;
    help: string;
    render(report: Report, context: ReportContext): string;
}

export const REPORTERS = [
    { id: 'text', help: 'file:line:col  severity  message  code, then a summary line', render: (report, { color }) => formatText(report, { color }) },
    { id: 'json', help: '{ version: 1, files, diagnostics: [{ file, line, column, endLine,\n          endColumn, severity, code, message }], summary }', render: report => formatJson(report) },
    { id: 'sarif', help: "SARIF 2.1.0, for code scanning (e.g. GitHub's upload-sarif)", render: (report, { cwd }) => formatSarif(report, cwd) },
    { id: 'github', help: 'GitHub Actions workflow commands (::error, ::warning, ::notice)', render: report => formatGithub(report) },
    { id: 'markdown', help: 'a Markdown table of every diagnostic (a job summary, a PR comment)', render: report => formatMarkdown(report) }
] as const satisfies readonly Reporter[];

export type Format = typeof REPORTERS[number]['id'];
export const FORMATS: readonly Format[] = REPORTERS.map(r => r.id);

export function isFormat(name: string): name is Format {
    return (FORMATS as readonly string[]).includes(name);
}

export function format(name: Format, report: Report, context: ReportContext): string {
    return REPORTERS.find(r => r.id === name)!.render(report, context);
}
