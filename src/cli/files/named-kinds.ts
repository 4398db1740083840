import { basename, dirname } from 'node:path';
import type { InputProblem } from '../io.js';
import { isCsvPath } from '../actuals/named-actuals.js';
import { relativePath } from '../shown.js';
import { CONFIG_FILE } from '../../../language-server/config/copis-config.js';

/**
 * The files found for the paths of a command, by what copis does with them: `.copis` files are models,
 * `.csv` files actuals (named-actuals.ts); anything else is a problem that says what copis takes
 * (a folder's walk and a pattern find `.copis` files only, so only a file named as it is can be one).
 */
export function splitByKind(files: readonly string[], cwd: string, command: string): { models: string[]; csvs: string[]; problems: InputProblem[] } {
    const models: string[] = [];
    const csvs: string[] = [];
    const problems: InputProblem[] = [];
    for (const file of files) {
        if (/\.copis$/i.test(file)) models.push(file);
        else if (isCsvPath(file)) csvs.push(file);
        else if (basename(file) === CONFIG_FILE) {
            const folder = relativePath(cwd, dirname(file)) || '.';
            problems.push({ path: relativePath(cwd, file), message: `a config file is checked with its model; name its folder instead (copis ${command} ${folder})` });
        } else {
            problems.push({ path: relativePath(cwd, file), message: `not a .copis or .csv file; copis ${command} takes .copis model files (and folders and patterns that hold them) and .csv files of KPI actuals` });
        }
    }
    return { models, csvs, problems };
}
