import { resolve } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { ActualsSource } from '../../../language-server/actuals/actuals-service.js';
import { findActualsFiles, type FolderReader } from '../../../language-server/actuals/actuals-globs.js';
import type { ModelRoot } from '../../../language-server/workspace/model-roots.js';
import { fileUri } from '../files/byte-names.js';
import { readFilesOf, type Origin } from '../files/read-files.js';
import type { InputProblem } from '../io.js';
import { relativePath, shownPath } from '../shown.js';
import type { NamedActuals } from './named-actuals.js';

/** An actuals file as the CLI read it: its source for the language services, and the path it shows. */
export interface ReadActuals extends ActualsSource {
    /** As every output names a file (`shownPath`, relative to the working directory). */
    file: string;
    path: string;
    /** Named on the command line (a path, or `--actuals FILE`), not only by a config's `actuals`. */
    named?: true;
}

/** A file to read for a run's actuals: where it is, how copis came to it, and whether the command line names it. */
export interface ActualsToRead {
    path: string;
    origin: Origin;
    /** Named on the command line (`--actuals FILE`, a path): read from the disk whatever else is read from. */
    onCommandLine: boolean;
}

/** Where a run's actuals files are found and read: the disk, or (copis diff) a commit's tree. */
export interface ActualsReader {
    folders: FolderReader;
    /** Each file's text, or why it cannot be had; in the order given. */
    read(files: readonly ActualsToRead[]): Promise<Array<{ text: string } | { problem: string }>>;
}

/** The disk: what every command but copis diff reads, and what copis diff reads for the working tree. */
export function diskActuals(): ActualsReader {
    return { folders: new NodeFileSystemProvider(), read: files => readFilesOf(files) };
}

/**
 * The CSV files of KPI actuals of a run (language §7): those the `actuals` globs of its model roots'
 * config files name, each for its own root's model; the CSV files named as paths, each for the model
 * named-actuals.ts placed it in; and those named by `--actuals FILE`, which serve every model of the
 * run (a file that a config names already stays its root's). A file that cannot be read is a problem
 * (stderr, exit 1), and the others are still used. A file named twice is read once. `reader` is where the
 * files are found and read (the disk; copis diff: a commit's tree for what the configs name).
 */
export async function readRunActuals(roots: readonly ModelRoot[], named: readonly string[], cwd: string, csvs: readonly NamedActuals[] = [], reader = diskActuals()): Promise<{ actuals: ReadActuals[]; problems: InputProblem[] }> {
    const refs = await findActualsFiles(roots, reader.folders);
    const wanted = new Map<string, { path: string; origin: Origin; scope?: string; why: string; named?: true }>();
    for (const ref of refs) {
        const root = roots.find(r => r.uri === ref.scope);
        const config = root?.configUri ? relativePath(cwd, URI.parse(root.configUri).fsPath) : 'copis.config.json';
        wanted.set(ref.uri, { path: URI.parse(ref.uri).fsPath, origin: ref.named ? 'named' : 'listed', scope: ref.scope, why: `an actuals file, \`actuals\` of ${config}` });
    }
    const nameOnCommandLine = (uri: string, entry: { path: string; scope?: string; why: string }) => {
        const known = wanted.get(uri);
        if (known) known.named = true;
        else wanted.set(uri, { ...entry, origin: 'named', named: true });
    };
    for (const csv of csvs) nameOnCommandLine(fileUri(csv.path), { path: csv.path, scope: csv.scope, why: csv.why });
    for (const path of named.map(p => resolve(cwd, p))) nameOnCommandLine(fileUri(path), { path, why: 'an actuals file, --actuals' });
    const entries = [...wanted];
    const contents = await reader.read(entries.map(([, w]) => ({ path: w.path, origin: w.origin, onCommandLine: w.named === true })));
    const actuals: ReadActuals[] = [];
    const problems: InputProblem[] = [];
    entries.forEach(([uri, { path, scope, why, named: onCommandLine }], i) => {
        const content = contents[i];
        if ('text' in content) actuals.push({ path, file: shownPath(path, cwd), uri, text: content.text, ...(scope === undefined ? {} : { scope }), ...(onCommandLine ? { named: true as const } : {}) });
        else problems.push({ path: relativePath(cwd, path), message: `${content.problem} (${why})` });
    });
    return { actuals, problems };
}

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
    return [...previous, value];
}
