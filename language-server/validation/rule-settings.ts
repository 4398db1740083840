/**
 * The `rules` of a model root's config: a severity per code, or `off`. Applied to a document's
 * diagnostics once they are all known (after the suppressions), so the editor, the CLI in every
 * format and the exports show the same severities. `syntax` and `invalid-config` stay errors.
 */
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { FIXED_CODES, type CopisConfig, type RuleSetting } from '../config/copis-config.js';
import { SEVERITY, type Code } from './codes.js';

const LSP_SEVERITY: Record<Exclude<RuleSetting, 'off'> | 'info', DiagnosticSeverity> = { error: 1, warning: 2, information: 3, info: 3 };

/** The LSP severity the language reference gives `code`. */
export function defaultSeverity(code: Code): DiagnosticSeverity {
    return LSP_SEVERITY[SEVERITY[code]];
}

export function applyRuleSettings(diagnostics: Diagnostic[], rules: CopisConfig['rules']): Diagnostic[] {
    if (Object.keys(rules).length === 0) return diagnostics;
    const result: Diagnostic[] = [];
    for (const d of diagnostics) {
        const code = String(d.code) as Code;
        const setting = rules[code];
        if (setting === undefined || FIXED_CODES.has(code)) result.push(d);
        else if (setting !== 'off') result.push(d.severity === LSP_SEVERITY[setting] ? d : { ...d, severity: LSP_SEVERITY[setting] });
    }
    return result;
}
