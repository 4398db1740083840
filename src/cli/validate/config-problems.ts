import { URI } from 'langium';
import { configDiagnostics } from '../../../language-server/config/config-diagnostics.js';
import type { ModelRoot } from '../../../language-server/workspace/model-roots.js';
import { toCliDiagnostic, type CliDiagnostic } from '../diagnostics.js';
import { relativePath } from '../files/find-files.js';

/** What is wrong with the config files of these roots, as diagnostics on the files (`invalid-config`), in every output format. */
export function configProblemDiagnostics(roots: readonly ModelRoot[], cwd: string): CliDiagnostic[] {
    return roots.flatMap(root => {
        if (!root.configUri || root.problems.length === 0) return [];
        const file = relativePath(cwd, URI.parse(root.configUri).fsPath);
        return configDiagnostics(root.problems).map(d => toCliDiagnostic(file, d));
    });
}
