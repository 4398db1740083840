import { renderReportHtml } from './html.js';
import { renderReportJson } from './json.js';
import { renderReportMarkdown } from './markdown.js';
import type { ReportInput } from './report-text.js';

/** One row per `--to` format of `copis report`. */
export const REPORT_FORMAT_TABLE = [
    { id: 'md', help: 'Markdown (GitHub-flavoured tables), for a pull request or a wiki', render: renderReportMarkdown },
    { id: 'html', help: 'one standalone page: inline CSS, no script, nothing remote', render: renderReportHtml },
    { id: 'json', help: 'the report as data: { version, asOf, files, actuals, report }', render: renderReportJson }
] as const satisfies ReadonlyArray<{ id: string; help: string; render(input: ReportInput): string }>;

export type ReportFormat = typeof REPORT_FORMAT_TABLE[number]['id'];
export const REPORT_FORMATS: readonly ReportFormat[] = REPORT_FORMAT_TABLE.map(f => f.id);

export function renderReport(format: ReportFormat, input: ReportInput): string {
    return REPORT_FORMAT_TABLE.find(f => f.id === format)!.render(input);
}
