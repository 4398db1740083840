import type { Report } from '../../diagnostics.js';

/** The stable JSON of design.md: `{ version: 1, files, diagnostics, summary }`. */
export function toJson(report: Report) {
    return {
        version: 1,
        files: report.files,
        diagnostics: report.diagnostics.map(d => ({
            file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
            severity: d.severity, code: d.code, message: d.message
        })),
        summary: {
            files: report.summary.files,
            errors: report.summary.errors,
            warnings: report.summary.warnings,
            information: report.summary.information
        }
    };
}

export function formatJson(report: Report): string {
    return JSON.stringify(toJson(report), null, 2) + '\n';
}
