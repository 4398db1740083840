/**
 * The diff as one JSON object (schema: docs/diff.schema.json, version 1): the two revisions,
 * then the changes as compare-workspaces.ts finds them. Keys in a fixed order; ends with a line break.
 */
import type { DiffReport } from '../report.js';

export const DIFF_JSON_VERSION = 1;

export function formatDiffJson(report: DiffReport): string {
    const { diff } = report;
    return JSON.stringify({
        version: DIFF_JSON_VERSION,
        tool: { name: 'copis', version: report.toolVersion },
        base: report.base,
        head: report.head,
        asOf: report.asOf,
        summary: diff.summary,
        journeys: diff.journeys,
        elements: diff.elements,
        diagnostics: diff.diagnostics,
        notCompared: diff.notCompared
    }, null, 2) + '\n';
}
