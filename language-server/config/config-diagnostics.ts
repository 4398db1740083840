import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSeverity } from '../validation/rule-settings.js';
import type { ConfigProblem } from './parse-config.js';

/** What is wrong with a config file, as diagnostics on it (`invalid-config`): the editor shows them on the file, the CLI lists them. */
export function configDiagnostics(problems: readonly ConfigProblem[]): Diagnostic[] {
    return problems.map(p => ({ range: p.range, message: p.message, severity: defaultSeverity('invalid-config'), code: 'invalid-config', source: 'copis', data: { code: 'invalid-config' } }));
}
