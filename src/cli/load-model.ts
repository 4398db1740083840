import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { CopisServices } from '../../language-server/copis-module.js';
import { declarationPathAt } from '../../language-server/references/declaration-path.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ActualsSource } from '../../language-server/actuals/actuals-service.js';
import { loadWorkspace, type SourceText } from '../../language-server/workspace/validate-workspace.js';
import type { ModelRoot } from '../../language-server/workspace/model-roots.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Summary } from './diagnostics.js';
import { EXIT_USAGE } from './exit-codes.js';
import { fileUri } from './files/byte-names.js';
import type { FileStamp } from './files/file-stamp.js';
import { EXTENSION, findFiles } from './files/find-files.js';
import { nodeLocator } from './files/model-file-system.js';
import { modelsOf, oneModelOf, rootsOf, type Models } from './files/model-roots.js';
import type { ModelRootLocator } from '../../language-server/workspace/model-files.js';
import { splitByKind } from './files/named-kinds.js';
import { readSources } from './files/read-files.js';
import { tooMuchToLoad } from './files/size-limits.js';
import { pathsOnDisk, readStdinSource, readsStdin } from './files/stdin.js';
import { formatProblem, type CliIO, type InputProblem } from './io.js';
import { relativePath, shownPath } from './shown.js';
import { configProblemDiagnostics } from './validate/config-problems.js';
import { placeNamedActuals } from './actuals/named-actuals.js';
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
    /** The CSV files of KPI actuals read (the config files' `actuals` globs, the CSV files named, `--actuals`). */
    actuals: ReadActuals[];
    /**
     * Those whose diagnostics are reported: the ones named on the command line (as paths or `--actuals`), and
     * those of the model roots that a named `.copis` file is in (a CSV file named alone is reported alone).
     */
    reportedActuals: ReadActuals[];
    /** Every diagnostic of the reported files, of the reported actuals files and of the model roots' config files, sorted (compareDiagnostics). */
    diagnostics: CliDiagnostic[];
    /** Those of the model roots' config files (`invalid-config`), also in `diagnostics`. */
    configDiagnostics: CliDiagnostic[];
    summary: Summary;
    /** How many paths or files could not be used (already reported on stderr): they fail the run (exit 1). */
    inputProblems: number;
    /** How many of them are actuals files (named by `--actuals` or a config's `actuals`) that could not be read. */
    unreadActuals: number;
}

/** How a command loads its model (see loadModel). */
export interface LoadModelOptions {
    asOf?: string;
    /** The command, as the messages name it (`validate`, `site`, `actuals apply`, …). */
    command: string;
    stdinFilepath?: string;
    /** `--actuals FILE`: CSV files of KPI actuals for every model of the run. */
    actuals?: readonly string[];
    validate?: boolean;
    /** Folders whose `.copis` files are loaded with the named ones, for their names, and not reported (`copis export`: FILE's folder, or `--workspace DIR`). */
    context?: readonly string[];
    /**
     * Everything loaded is one model, whatever the config files say about model roots (`copis export --workspace`):
     * their rules do not apply, and their `actuals` serve that one model.
     */
    oneModel?: boolean;
    /** Said after the problem of a file that is loaded but not named when it cannot be read (`; exporting without it`). */
    leftOut?: string;
}

/**
 * A file that standard input stands for and that is not on disk (a new file, an editor's unsaved buffer) is
 * not found by its root's walk, which would make it a model of its own: it belongs to its root if the root's
 * rules would load it there.
 */
async function withStdinFile(models: Models, path: string, locator: ModelRootLocator): Promise<Models> {
    const uri = URI.file(path).toString();
    if (!models.isolated.includes(uri) || existsSync(path)) return models;
    const root = await locator.rootOf(URI.file(dirname(path)));
    if (!root || !await locator.loads(URI.file(path), URI.parse(root.uri))) return models;
    return { ...models, isolated: models.isolated.filter(u => u !== uri) };
}

/** The URIs of the model roots `files` are in. */
async function rootsHolding(files: readonly string[], locator: ModelRootLocator): Promise<Set<string>> {
    const roots = new Set<string>();
    for (const folder of new Set(files.map(f => dirname(f)))) {
        const root = await locator.rootOf(URI.file(folder));
        if (root) roots.add(root.uri);
    }
    return roots;
}

/**
 * The model that `copis validate PATHS` checks, and that every command reading "the model" reads (validate,
 * site, report, actuals apply, export): the `.copis` files PATHS name (default `.`) are found, read and
 * loaded as one workspace. What cannot be used is reported on stderr as it is found, and the rest goes on.
 * Undefined, with the exit code 2 already explained on stderr, when there is nothing to load or too much.
 * `command` names the command in the message that says there is nothing to load.
 *
 * The one place that decides which files one model holds: model roots and config files change it here,
 * and so do the KPI actuals: the CSV files the roots' configs name (`actuals`), the CSV files PATHS name
 * (each an actuals file of its model root: named-actuals.ts), and `actuals` (`--actuals`). A named file
 * that is neither `.copis` nor `.csv` is a problem that says what copis takes.
 */
export async function loadModel(paths: readonly string[], io: CliIO, options: LoadModelOptions): Promise<LoadedModel | { exit: typeof EXIT_USAGE }> {
    const stdin = readsStdin(paths, options.stdinFilepath);
    const onDisk = pathsOnDisk(paths);
    const locator = nodeLocator();
    const found = stdin && onDisk.length === 0 ? { files: [], problems: [] } : await findFiles(onDisk, io.cwd, locator);
    const kinds = splitByKind(found.files, io.cwd, options.command);
    const problems: InputProblem[] = [...found.problems, ...kinds.problems];
    const stopped: InputProblem[] = found.stopped ? [found.stopped] : [];
    // What the named files are loaded with, not named: the command's context, and the folders of CSV files that have no model otherwise.
    const aroundOf = async (folders: readonly string[], quiet: boolean) => {
        if (folders.length === 0) return [];
        const shown = folders.map(f => relativePath(io.cwd, f) || '.');
        const around = await findFiles(shown, io.cwd, locator);
        if (around.stopped) stopped.push(around.stopped);
        // A CSV file's folder without .copis files is said once, about the CSV file (below).
        problems.push(...(quiet ? around.problems.filter(p => !shown.includes(p.path)) : around.problems));
        return around.files;
    };
    const around = await aroundOf(options.context ?? [], false);
    // The file standard input stands in for is named as a file on disk would be: its model root is loaded with it,
    // with the root's config (rules) and actuals, whether or not the file exists on disk (its text is not read).
    const stdinPath = stdin && options.stdinFilepath !== undefined ? resolve(io.cwd, options.stdinFilepath) : undefined;
    const namedModels = stdinPath !== undefined && extname(stdinPath) === EXTENSION && !kinds.models.includes(stdinPath) ? [...kinds.models, stdinPath] : kinds.models;
    let models = options.oneModel ? await oneModelOf(namedModels, around) : await modelsOf(namedModels, io.cwd, locator, undefined, { files: around });
    if (stdinPath !== undefined) models = await withStdinFile(models, stdinPath, locator);
    // The roots a named .copis file is in (or a file around it): the actuals their configs name are reported.
    // Not the root of a named file its rules leave out: that file is a model of its own, which the root's actuals are not about.
    // (Compared as paths: a name that is not UTF-8 has no URI of URI.file's.)
    const isolatedPaths = new Set(models.isolated.map(u => URI.parse(u).fsPath));
    const namedRoots = await rootsHolding([...models.named.filter(f => !isolatedPaths.has(f)), ...around], locator);
    const placed = await placeNamedActuals(kinds.csvs, models.roots, kinds.models.length > 0 || stdin, locator, io.cwd);
    if (placed.roots.length > 0 || placed.folders.length > 0) {
        const more = await aroundOf(placed.folders, true);
        models = await modelsOf(namedModels, io.cwd, locator, undefined, { files: [...around, ...more], roots: placed.roots });
        if (stdinPath !== undefined) models = await withStdinFile(models, stdinPath, locator);
    }
    // Every file of the named files' model roots is loaded: the limits are on what is loaded.
    const tooMuch = await tooMuchToLoad({ files: models.files, stopped: stopped[0] });
    if (tooMuch !== undefined) {
        for (const problem of problems) io.stderr(formatProblem(problem));
        io.stderr(tooMuch);
        return { exit: EXIT_USAGE };
    }
    const named = new Set(models.named);
    // The roots whose actuals the config files name: each root's own, or, as one model, the roots of all the files loaded.
    const actualsRoots = options.oneModel ? await rootsOf(models.files, locator) : models.roots;
    // The actuals (100,000 rows are megabytes) are read from disk while the model's files are; named CSV
    // files only if there is a model to check them against (known for sure once the model's files are read).
    const maybeModel = models.files.length > 0 || stdin;
    const readingActuals = readRunActuals(actualsRoots, options.actuals ?? [], io.cwd, maybeModel ? placed.actuals : []);
    readingActuals.catch(() => undefined);
    // Standard input's text replaces the file's (below): the disk's is not read, and need not exist.
    const toRead = stdinPath === undefined ? models.files : models.files.filter(f => f !== stdinPath);
    const contents = await readSources(toRead);
    problems.push(...models.problems);
    const sources: ModelSource[] = [];
    toRead.forEach((path, i) => {
        const content = contents[i];
        if ('text' in content) sources.push({ path, file: shownPath(path, io.cwd), uri: fileUri(path), text: content.text, named: named.has(path), stamp: content.stamp, ...(content.bom ? { bom: true as const } : {}) });
        else problems.push({ path: relativePath(io.cwd, path), message: named.has(path) ? content.problem : `${content.problem}${options.leftOut ?? ''}` });
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
    // CSV files named alone, in no model root, beside no (readable) model: there is nothing to check their rows against.
    const modelless = placed.folders.length > 0 && sources.length === 0;
    const csvs = modelless ? [] : placed.actuals;
    if (modelless) {
        for (const csv of placed.actuals) {
            problems.push({ path: relativePath(io.cwd, csv.path), message: `an actuals file, but no model to check it against: there is no copis.config.json at or above it, and no .copis file in its folder; name the model too (copis ${options.command} models/ ${relativePath(io.cwd, csv.path)}), or name this file in the \`actuals\` of the model's copis.config.json` });
        }
    }
    // Read with the named CSV files that, as it turned out, have no model: read again without them (rare).
    const read = modelless && maybeModel && placed.actuals.length > 0 ? await readRunActuals(actualsRoots, options.actuals ?? [], io.cwd, []) : await readingActuals;
    problems.push(...read.problems);
    for (const problem of problems) io.stderr(formatProblem(problem));
    const readUris = new Set(read.actuals.map(a => a.uri));
    const csvsRead = csvs.filter(c => readUris.has(fileUri(c.path)));
    for (const csv of csvsRead) if (csv.note) io.stderr(formatProblem({ path: relativePath(io.cwd, csv.path), message: `note: ${csv.note}` }));
    const reported = sources.filter(s => s.named);
    // The actuals reported: those named on the command line, and those of the model roots a named .copis file is in.
    const reportedUris = new Set(read.actuals.filter(a => a.named || (a.scope !== undefined && namedRoots.has(a.scope))).map(a => a.uri));
    // As one model, every file serves it (a config's scope would name a model root that is not there).
    const actuals = options.oneModel ? read.actuals.map(({ scope: _scope, ...a }) => a) : read.actuals;
    const reportedActuals = actuals.filter(a => reportedUris.has(a.uri));
    if (reported.length === 0 && csvsRead.length === 0) {
        const verb = options.command === 'validate' || options.command === 'report' ? options.command : 'load';
        io.stderr(`copis: nothing to ${verb}: no ${kinds.models.length > 0 || stdin ? 'readable ' : ''}.copis file found; pass the files or folders that hold your models (copis ${options.command} --help)\n`);
        return { exit: EXIT_USAGE };
    }

    const { documents, services, actualsDiagnostics } = await validateSources({
        sources, asOf: options.asOf, roots: options.oneModel ? [] : models.roots, isolated: models.isolated, actuals, validate: options.validate
    }, reportedActuals);
    const configDiagnostics: CliDiagnostic[] = options.oneModel ? [] : configProblemDiagnostics(models.roots, io.cwd);
    const diagnostics: CliDiagnostic[] = [...configDiagnostics];
    documents.forEach((document, i) => {
        if (!sources[i].named) return;
        for (const d of document.diagnostics ?? []) diagnostics.push(toCliDiagnostic(sources[i].file, d, declarationPathAt(document, d.range.start)));
    });
    reportedActuals.forEach((a, i) => {
        for (const d of actualsDiagnostics[i]) diagnostics.push(toCliDiagnostic(a.file, d));
    });
    diagnostics.sort(compareDiagnostics);
    return {
        sources, reported, actuals, reportedActuals, documents, services, diagnostics, configDiagnostics,
        summary: summarize(reported.length + reportedActuals.length, diagnostics), inputProblems: problems.length,
        unreadActuals: read.problems.length
    };
}

/** What one model is made of, once its files are read: by loadModel from the disk, by copis diff from each revision. */
export interface ModelTexts {
    sources: readonly SourceText[];
    /** The model roots the sources are in (each a model of its own), and the sources that are a model of their own. */
    roots: readonly ModelRoot[];
    isolated: readonly string[];
    /** The CSV files of KPI actuals, each for the model root its scope names (none: every model). */
    actuals: readonly ActualsSource[];
    /** The date KPIs are judged as of (actuals, `kpi-overdue`, `kpi-stale`); default today. */
    asOf?: string;
    validate?: boolean;
}

/**
 * Links and validates a model as every command judges it: one workspace of its sources, its model
 * roots' rules, and its KPIs judged with its actuals as of `asOf` (a KPI's latest actual takes the
 * place of `current` in every check, and in the models built with `services.validation.Actuals.lookup`).
 * `actualsDiagnostics` are the problems of each file of `reported` (same order), as validate lists them.
 */
export async function validateSources(model: ModelTexts, reported: readonly { uri: string }[]): Promise<{ documents: LangiumDocument[]; services: CopisServices; actualsDiagnostics: Diagnostic[][] }> {
    const { documents, services } = await loadWorkspace(model.sources.map(({ uri, text }) => ({ uri, text })), {
        batch: true, asOf: model.asOf, roots: model.roots, isolated: model.isolated, actuals: model.actuals, validate: model.validate
    });
    return { documents, services, actualsDiagnostics: reported.map(a => services.validation.Actuals.diagnostics(a.uri)) };
}
