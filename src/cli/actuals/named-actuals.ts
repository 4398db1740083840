/**
 * A CSV file named on the command line (`copis validate data/kpis.csv`) is a file of KPI actuals
 * (language §7), read for the model it belongs to, by the rules that place a `.copis` file: the model
 * root whose config's `actuals` name it, else the model root of its folder (the nearest
 * `copis.config.json` at or above it). Without either, it serves every model of the run, as
 * `--actuals FILE` does; and when it is named alone, that model is what `copis validate` loads from its
 * folder. Where no config names it, a note says so: the other commands and the editor read it only
 * when it is named.
 */
import { dirname } from 'node:path';
import { URI } from 'langium';
import { namedByActualsGlobs } from '../../../language-server/actuals/actuals-globs.js';
import type { ModelRootLocator } from '../../../language-server/workspace/model-files.js';
import type { ModelRoot } from '../../../language-server/workspace/model-roots.js';
import { relativePath } from '../shown.js';

/** Whether a file named on the command line is a CSV file (of actuals). */
export function isCsvPath(path: string): boolean {
    return /\.csv$/i.test(path);
}

export interface NamedActuals {
    path: string;
    /** The model root it serves (its key); absent: every model of the run. */
    scope?: string;
    /** Why it is read, for the message when it cannot be. */
    why: string;
    /** Said on stderr when it is read: no config names it. */
    note?: string;
}

export interface PlacedActuals {
    actuals: NamedActuals[];
    /** Model roots to load whole for them (no file of theirs is named). */
    roots: ModelRoot[];
    /** Folders to load as `copis validate FOLDER` does, for the files that have no model otherwise. */
    folders: string[];
}

/**
 * Where each of `csvs` belongs. `roots` are the model roots of the `.copis` files named beside them;
 * `modelsNamed` whether any `.copis` file is named (else a CSV in no root is checked against its folder's files).
 */
export async function placeNamedActuals(csvs: readonly string[], roots: readonly ModelRoot[], modelsNamed: boolean, locator: ModelRootLocator, cwd: string): Promise<PlacedActuals> {
    const placed: PlacedActuals = { actuals: [], roots: [], folders: [] };
    const why = 'an actuals file, named on the command line';
    for (const path of csvs) {
        const uri = URI.file(path);
        const naming = roots.find(root => namedByActualsGlobs(root, uri));
        if (naming) {
            placed.actuals.push({ path, scope: naming.uri, why });
            continue;
        }
        const root = await locator.rootOf(URI.file(dirname(path)));
        if (root) {
            if (!roots.some(r => r.uri === root.uri) && !placed.roots.some(r => r.uri === root.uri)) placed.roots.push(root);
            const config = relativePath(cwd, URI.parse(root.configUri!).fsPath);
            placed.actuals.push(namedByActualsGlobs(root, uri) ? { path, scope: root.uri, why } : {
                path, scope: root.uri, why,
                note: `not in the \`actuals\` of ${config}, so copis reads it only when it is named, and the editor not at all; read as actuals of that model all the same (add it to \`actuals\` to read it with the model)`
            });
            continue;
        }
        const folder = dirname(path);
        if (!modelsNamed && !placed.folders.includes(folder)) placed.folders.push(folder);
        placed.actuals.push({
            path, why,
            note: modelsNamed
                ? 'no copis.config.json at or above it, so copis reads it only when it is named, and the editor not at all; read as actuals of every model of the run, as --actuals FILE is'
                : `no copis.config.json at or above it, so copis reads it only when it is named, and the editor not at all; read as actuals of the .copis files of its folder (${relativePath(cwd, folder) || '.'}), as copis validate loads them`
        });
    }
    return placed;
}
