import type { DiffReport } from '../report.js';
import { formatDiffJson } from './json.js';
import { formatDiffMarkdown } from './markdown.js';
import { formatDiffText } from './text.js';

export interface DiffReporter {
    id: string;
    help: string;
    render(report: DiffReport, options: { colour: boolean }): string;
}

/** One row per `--format` of `copis diff`: its name, what `--help` says of it, and how it prints a report. */
export const DIFF_REPORTERS = [
    { id: 'text', help: 'for a terminal: a section per journey, then diagnostics and a summary\n(coloured on a terminal; NO_COLOR or --no-color turn it off)', render: (report, options) => formatDiffText(report, options) },
    { id: 'md', help: 'Markdown for a pull-request comment: a summary line, a table per\njourney (long ones folded), diagnostics introduced and fixed', render: report => formatDiffMarkdown(report) },
    { id: 'json', help: 'one object (schema: docs/diff.schema.json)', render: report => formatDiffJson(report) }
] as const satisfies readonly DiffReporter[];

export type DiffFormat = typeof DIFF_REPORTERS[number]['id'];
export const DIFF_FORMATS: readonly DiffFormat[] = DIFF_REPORTERS.map(r => r.id);

export function renderDiff(format: DiffFormat, report: DiffReport, options: { colour: boolean }): string {
    return DIFF_REPORTERS.find(r => r.id === format)!.render(report, options);
}
