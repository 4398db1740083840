import type { Diagnostic } from 'vscode-languageserver-types';
import type { CoreOptions } from '../language-server/copis-module.js';
import { loadWorkspace as load, validateTexts, type SourceText } from '../language-server/workspace/validate-workspace.js';

/**
 * The date the tests validate as of (`kpi-overdue`), unless a test sets another: a test never
 * depends on the day it runs.
 */
export const TEST_AS_OF = '2026-12-01';

/** Loads texts as one workspace (see validate-workspace.ts), as of {@link TEST_AS_OF} unless told otherwise. */
export function loadWorkspace(sources: SourceText[], options: Parameters<typeof load>[1] = {}): ReturnType<typeof load> {
    return load(sources, { asOf: TEST_AS_OF, ...options });
}

/** Validates one text (as `file:///test/main.copis`) plus optional other files of the same workspace. */
export async function diagnose(text: string, others: Record<string, string> = {}, options: CoreOptions = {}): Promise<Diagnostic[]> {
    const sources: SourceText[] = [{ uri: 'file:///test/main.copis', text }];
    for (const [name, t] of Object.entries(others)) sources.push({ uri: `file:///test/${name}`, text: t });
    const result = await validateTexts(sources, { asOf: TEST_AS_OF, ...options });
    return result.get('file:///test/main.copis') ?? [];
}

/** The diagnostics with `code`, as `{ line (1-based), severity, message }`. */
export function withCode(diagnostics: Diagnostic[], code: string) {
    return diagnostics.filter(d => d.code === code).map(d => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'information',
        message: d.message,
        text: d.range
    }));
}

export function codes(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code));
}
