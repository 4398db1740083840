import { URI, type LangiumDocument } from 'langium';
import type { CopisServices } from '../../language-server/copis-module.js';
import { declarationPathAt } from '../../language-server/references/declaration-path.js';
import { loadWorkspace } from '../../language-server/workspace/validate-workspace.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Summary } from './diagnostics.js';
import { EXIT_USAGE } from './exit-codes.js';
import { fileUri } from './files/byte-names.js';
import type { FileStamp } from './files/file-stamp.js';
import { findFiles } from './files/find-files.js';
import { nodeLocator } from './files/model-file-system.js';
import { modelsOf } from './files/model-roots.js';
import { readSources } from './files/read-files.js';
import { tooMuchToLoad } from './files/size-limits.js';
import { pathsOnDisk, readStdinSource, readsStdin } from './files/stdin.js';
import { formatProblem, type CliIO } from './io.js';
import { relativePath, shownPath } from './shown.js';
import { configProblemDiagnostics } from './validate/config-problems.js';
import { readRunActuals, type ReadActuals } from './actuals/read-actuals.js';

/** A file of the model as the commands show it. */
export interface ModelSource {
    /** Absolute path. */
    path: string;
    /** As every output prints it (`shownPath`, relative to the working folder). */
    file: string;
    uri: string;
    text: string;
    /** Named by the paths (reported), not only loaded because it is in the same model root. */
    named: boolean;
    /** The file starts with a UTF-8 byte order mark (not in `text`): what rewrites it keeps it. */
    bom?: true;
    /** The file as it was read (none for standard input): what rewrites it checks that nobody wrote it since. */
    stamp?: FileStamp;
}

/** The model the paths name: its files, linked and validated as one workspace. */
export interface LoadedModel {
    sources: ModelSource[];
    /** One per source, in the same order. */
    documents: LangiumDocument[];
    services: CopisServices;
    /** The sources the paths name: their diagnostics are reported (the others are loaded for their model root). */
    reported: ModelSource[];
    /** The CSV files of KPI actuals read (the config files' `actuals` globs, `--actuals`): their diagnostics are reported too. */
    actuals: ReadActuals[];
    /** Every diagnostic of the reported files, of the actuals files and of the model roots' config files, sorted (compareDiagnostics). */
    diagnostics: CliDiagnostic[];
    summary: Summary;
    /** How many paths or files could not be used (already reported on stderr): they fail the run (exit 1). */
    inputProblems: number;
    /** How many of them are actuals files (named by `--actuals` or a config's `actuals`) that could not be read. */
    unreadActuals: number;
}

/**
 * The model that `copis validate PATHS` checks, and that every command reading "the model" reads (validate,
 * site): the `.copis` files PATHS name (default `.`) are found, read and loaded as one workspace. What
 * cannot be used is reported on stderr as it is found, and the rest goes on. Undefined, with the exit code
 * 2 already explained on stderr, when there is nothing to load or too much. `command` names the command in
 * the message that says there is nothing to load.
 *
 * The one place that decides which files one model holds: model roots and config files change it here,
 * and so do the KPI actuals: the CSV files the roots' configs name (`actuals`), and `actuals` (`--actuals`).
 */
export async function loadModel(paths: readonly string[], io: CliIO, options: { asOf?: string; command: string; stdinFilepath?: string; actuals?: readonly string[]; validate?: boolean }): Promise<LoadedModel | { exit: typeof EXIT_USAGE }> {
    const stdin = readsStdin(paths, options.stdinFilepath);
    const onDisk = pathsOnDisk(paths);
    const locator = nodeLocator();
    const found = stdin && onDisk.length === 0 ? { files: [], problems: [] } : await findFiles(onDisk, io.cwd, locator);
    const models = await modelsOf(found.files, io.cwd, locator);
    // Every file of the named files' model roots is loaded: the limits are on what is loaded.
    const tooMuch = await tooMuchToLoad({ ...found, files: models.files });
    if (tooMuch !== undefined) {
        for (const problem of found.problems) io.stderr(formatProblem(problem));
        io.stderr(tooMuch);
        return { exit: EXIT_USAGE };
    }
    const named = new Set(models.named);
    // The actuals (100,000 rows are megabytes) are read from disk while the model's files are.
    const readingActuals = readRunActuals(models.roots, options.actuals ?? [], io.cwd);
    readingActuals.catch(() => undefined);
    const contents = await readSources(models.files);
    const problems = [...found.problems, ...models.problems];
    const sources: ModelSource[] = [];
    models.files.forEach((path, i) => {
        const content = contents[i];
        if ('text' in content) sources.push({ path, file: shownPath(path, io.cwd), uri: fileUri(path), text: content.text, named: named.has(path), stamp: content.stamp, ...(content.bom ? { bom: true as const } : {}) });
        else problems.push({ path: relativePath(io.cwd, path), message: content.problem });
    });
    if (stdin) {
        const input = await readStdinSource(io, options.stdinFilepath);
        if ('problem' in input) problems.push({ path: input.file, message: input.problem });
        else {
            const uri = input.path === undefined ? 'untitled:stdin' : URI.file(input.path).toString();
            const onDiskToo = sources.findIndex(s => s.uri === uri);
            if (onDiskToo >= 0) sources.splice(onDiskToo, 1);
            sources.push({ path: input.path ?? input.file, file: input.path === undefined ? input.file : shownPath(input.path, io.cwd), uri, text: input.text, named: true });
        }
    }
    const read = await readingActuals;
    problems.push(...read.problems);
    for (const problem of problems) io.stderr(formatProblem(problem));
    const reported = sources.filter(s => s.named);
    if (reported.length === 0) {
        const verb = options.command === 'validate' || options.command === 'report' ? options.command : 'load';
        io.stderr(`copis: nothing to ${verb}: no ${found.files.length > 0 || stdin ? 'readable ' : ''}.copis file found; pass the files or folders that hold your models (copis ${options.command} --help)\n`);
        return { exit: EXIT_USAGE };
    }

    const actuals = read.actuals;
    const { documents, services } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), {
        batch: true, asOf: options.asOf, roots: models.roots, isolated: models.isolated, actuals, validate: options.validate
    });
    const diagnostics: CliDiagnostic[] = configProblemDiagnostics(models.roots, io.cwd);
    documents.forEach((document, i) => {
        if (!sources[i].named) return;
        for (const d of document.diagnostics ?? []) diagnostics.push(toCliDiagnostic(sources[i].file, d, declarationPathAt(document, d.range.start)));
    });
    for (const a of actuals) for (const d of services.validation.Actuals.diagnostics(a.uri)) diagnostics.push(toCliDiagnostic(a.file, d));
    diagnostics.sort(compareDiagnostics);
    return {
        sources, reported, actuals, documents, services, diagnostics,
        summary: summarize(reported.length + actuals.length, diagnostics), inputProblems: problems.length,
        unreadActuals: read.problems.length
    };
}
