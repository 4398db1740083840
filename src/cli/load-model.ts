import type { LangiumDocument } from 'langium';
import type { CopisServices } from '../../language-server/copis-module.js';
import { loadWorkspace } from '../../language-server/workspace/validate-workspace.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Summary } from './diagnostics.js';
import { EXIT_USAGE } from './exit-codes.js';
import { fileUri } from './files/byte-names.js';
import { findFiles } from './files/find-files.js';
import { readSources } from './files/read-files.js';
import { tooMuchToLoad } from './files/size-limits.js';
import { formatProblem, type CliIO } from './io.js';
import { relativePath, shownPath } from './shown.js';

/** A file of the model as the commands show it. */
export interface ModelSource {
    /** Absolute path. */
    path: string;
    /** As every output prints it (`shownPath`, relative to the working folder). */
    file: string;
    uri: string;
    text: string;
}

/** The model the paths name: its files, linked and validated as one workspace. */
export interface LoadedModel {
    sources: ModelSource[];
    /** One per source, in the same order. */
    documents: LangiumDocument[];
    services: CopisServices;
    /** Every diagnostic of every file, sorted (compareDiagnostics). */
    diagnostics: CliDiagnostic[];
    summary: Summary;
    /** How many paths or files could not be used (already reported on stderr): they fail the run (exit 1). */
    inputProblems: number;
}

/**
 * The model that `copis validate PATHS` checks, and that every command reading "the model" reads (validate,
 * site): the `.copis` files PATHS name (default `.`) are found, read and loaded as one workspace. What
 * cannot be used is reported on stderr as it is found, and the rest goes on. Undefined, with the exit code
 * 2 already explained on stderr, when there is nothing to load or too much. `command` names the command in
 * the message that says there is nothing to load.
 *
 * The one place that decides which files one model holds: model roots and config files change it here.
 */
export async function loadModel(paths: readonly string[], io: CliIO, options: { asOf?: string; command: string }): Promise<LoadedModel | { exit: typeof EXIT_USAGE }> {
    const found = await findFiles(paths, io.cwd);
    const tooMuch = await tooMuchToLoad(found);
    if (tooMuch !== undefined) {
        for (const problem of found.problems) io.stderr(formatProblem(problem));
        io.stderr(tooMuch);
        return { exit: EXIT_USAGE };
    }
    const contents = await readSources(found.files);
    const problems = [...found.problems];
    const sources: ModelSource[] = [];
    found.files.forEach((path, i) => {
        const content = contents[i];
        if ('text' in content) sources.push({ path, file: shownPath(path, io.cwd), uri: fileUri(path), text: content.text });
        else problems.push({ path: relativePath(io.cwd, path), message: content.problem });
    });
    for (const problem of problems) io.stderr(formatProblem(problem));
    if (sources.length === 0) {
        const verb = options.command === 'validate' ? 'validate' : 'load';
        io.stderr(`copis: nothing to ${verb}: no ${found.files.length > 0 ? 'readable ' : ''}.copis file found; pass the files or folders that hold your models (copis ${options.command} --help)\n`);
        return { exit: EXIT_USAGE };
    }

    const { documents, services } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), { batch: true, asOf: options.asOf });
    const diagnostics: CliDiagnostic[] = [];
    documents.forEach((document, i) => {
        for (const d of document.diagnostics ?? []) diagnostics.push(toCliDiagnostic(sources[i].file, d));
    });
    diagnostics.sort(compareDiagnostics);
    return { sources, documents, services, diagnostics, summary: summarize(sources.length, diagnostics), inputProblems: problems.length };
}
