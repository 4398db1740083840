import { resolve } from 'node:path';
import { URI } from 'langium';
import type { ActualsSource } from '../../../language-server/actuals/actuals-service.js';
import { relativePath } from '../files/find-files.js';
import { readSources } from '../files/read-files.js';
import type { InputProblem } from '../io.js';

/** An actuals file as the CLI read it: its source for the language services, and the path it shows. */
export interface ReadActuals extends ActualsSource {
    /** Relative to the working directory, as every output names a file. */
    file: string;
    path: string;
}

/**
 * Reads the CSV files of KPI actuals (language §7): the one way the CLI loads them, whether they
 * are named by `--actuals FILE` or (later) found by the config file's `actuals` globs. A file that
 * cannot be read is a problem (stderr, exit 1), and the others are still used. A file named twice
 * is read once.
 */
export async function readActualsFiles(paths: readonly string[], cwd: string): Promise<{ actuals: ReadActuals[]; problems: InputProblem[] }> {
    const absolute = [...new Set(paths.map(p => resolve(cwd, p)))];
    const contents = await readSources(absolute);
    const actuals: ReadActuals[] = [];
    const problems: InputProblem[] = [];
    absolute.forEach((path, i) => {
        const file = relativePath(cwd, path);
        const content = contents[i];
        if ('text' in content) actuals.push({ path, file, uri: URI.file(path).toString(), text: content.text });
        else problems.push({ path: file, message: `${content.problem} (an actuals file, --actuals)` });
    });
    return { actuals, problems };
}

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
    return [...previous, value];
}
