import type { Diagnostic } from 'vscode-languageserver-types';
import { loadWorkspace, validateTexts, type SourceText } from '../language-server/workspace/validate-workspace.js';

export { loadWorkspace };

/** Validates one text (as `file:///test/main.copis`) plus optional other files of the same workspace. */
export async function diagnose(text: string, others: Record<string, string> = {}): Promise<Diagnostic[]> {
    const sources: SourceText[] = [{ uri: 'file:///test/main.copis', text }];
    for (const [name, t] of Object.entries(others)) sources.push({ uri: `file:///test/${name}`, text: t });
    const result = await validateTexts(sources);
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
