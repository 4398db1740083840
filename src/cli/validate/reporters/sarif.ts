import { pathToFileURL } from 'node:url';
import { SEVERITY } from '../../../../language-server/validation/codes.js';
import type { Report, Severity } from '../../diagnostics.js';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'note' };
const REFERENCE_LEVEL: Record<string, Level> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a URI reference: each segment percent-encoded. */
function uriReference(path: string): string {
    return path.split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0: one run of the `copis` driver, its rules the codes that occur, paths relative to `%SRCROOT%` (the working directory). */
export function toSarif(report: Report, cwd: string) {
    const rules: { id: string; defaultConfiguration: { level: Level } }[] = [];
    const ruleIndex = new Map<string, number>();
    for (const d of report.diagnostics) {
        if (ruleIndex.has(d.code)) continue;
        ruleIndex.set(d.code, rules.length);
        const reference = (SEVERITY as Record<string, string>)[d.code];
        rules.push({ id: d.code, defaultConfiguration: { level: REFERENCE_LEVEL[reference] ?? LEVEL[d.severity] } });
    }
    const root = pathToFileURL(cwd).href;
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'copis', version: report.toolVersion, rules } },
            originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
            artifacts: report.files.map(file => ({ location: { uri: uriReference(file), uriBaseId: '%SRCROOT%' } })),
            results: report.diagnostics.map(d => ({
                ruleId: d.code,
                ruleIndex: ruleIndex.get(d.code),
                level: LEVEL[d.severity],
                message: { text: d.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: { uri: uriReference(d.file), uriBaseId: '%SRCROOT%' },
                        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
                    }
                }]
            }))
        }]
    };
}

export function formatSarif(report: Report, cwd: string): string {
    return JSON.stringify(toSarif(report, cwd), null, 2) + '\n';
}
