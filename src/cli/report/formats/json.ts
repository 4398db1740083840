/**
 * `copis report --to json`: `{ "version": 1, "asOf", "files", "actuals", "actualsProblems", "report" }`, where
 * `report` is model/root-report.ts's RootReport, its elements as in the journey export (source
 * locations as `{ file, line, column, endLine, endColumn }`).
 */
import { withFileLocations } from '../../export/formats/json.js';
import type { ReportInput } from './report-text.js';

export const REPORT_JSON_VERSION = 1;

export function renderReportJson(input: ReportInput): string {
    const out = {
        version: REPORT_JSON_VERSION,
        asOf: input.asOf,
        files: input.files,
        actuals: input.actuals,
        actualsProblems: input.actualsProblems,
        report: withFileLocations(input.report, input.fileOf)
    };
    return JSON.stringify(out, null, 2) + '\n';
}
