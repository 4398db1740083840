import { URI } from 'langium';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Report } from '../diagnostics.js';
import { EXIT_USAGE, exitCodeFor, tooManyWarnings, type ExitCode } from '../exit-codes.js';
import { findFiles, relativePath } from '../files/find-files.js';
import { nodeLocator } from '../files/model-file-system.js';
import { modelsOf } from '../files/model-roots.js';
import { format, type Format } from './reporters/index.js';
import { formatProblem, type CliIO } from '../io.js';
import { readSources } from '../files/read-files.js';
import { configProblemDiagnostics } from './config-problems.js';

export interface ValidateOptions {
    /** Files, folders and glob patterns; none means the working directory. */
    paths: string[];
    format: Format;
    /** More warnings than this is a failure (exit 1); undefined: no limit. */
    maxWarnings?: number;
    /** Show errors only. Hidden warnings still count for `maxWarnings`, and in the summary. */
    quiet: boolean;
    /** The version SARIF names its driver with. */
    toolVersion?: string;
}

/**
 * `copis validate`: finds and reads the files, validates each with the rest of its model root (the
 * files named in no root together), prints the report on the named files and the config files of
 * their roots on stdout and what could not be read on stderr, and returns the exit code.
 */
export async function runValidate(options: ValidateOptions, io: CliIO): Promise<ExitCode> {
    const locator = nodeLocator();
    const found = await findFiles(options.paths, io.cwd, locator);
    const models = await modelsOf(found.files, io.cwd, locator);
    const named = new Set(models.named);
    const contents = await readSources(models.files);
    const problems = [...found.problems, ...models.problems];
    const sources: { file: string; uri: string; text: string; named: boolean }[] = [];
    models.files.forEach((path, i) => {
        const file = relativePath(io.cwd, path);
        const content = contents[i];
        if ('text' in content) sources.push({ file, uri: URI.file(path).toString(), text: content.text, named: named.has(path) });
        else problems.push({ path: file, message: content.problem });
    });
    for (const problem of problems) io.stderr(formatProblem(problem));
    const reported = sources.filter(s => s.named);
    if (reported.length === 0) {
        io.stderr(`copis: nothing to validate: no ${found.files.length > 0 ? 'readable ' : ''}.copis file found; pass the files or folders that hold your models (copis validate --help)\n`);
        return EXIT_USAGE;
    }

    const { documents } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), { batch: true, roots: models.roots, isolated: models.isolated });
    const all: CliDiagnostic[] = configProblemDiagnostics(models.roots, io.cwd);
    documents.forEach((document, i) => {
        if (!sources[i].named) return;
        for (const d of document.diagnostics ?? []) all.push(toCliDiagnostic(sources[i].file, d));
    });
    all.sort(compareDiagnostics);
    const shown = options.quiet ? all.filter(d => d.severity === 'error') : all;
    const summary = summarize(reported.length, all);
    const report: Report = {
        files: reported.map(s => s.file),
        diagnostics: shown,
        summary,
        hidden: all.length - shown.length,
        toolVersion: options.toolVersion ?? '0.0.0'
    };
    io.stdout(format(options.format, report, io.cwd));
    if (tooManyWarnings(summary, options.maxWarnings)) {
        io.stderr(`copis: too many warnings: ${summary.warnings} (--max-warnings ${options.maxWarnings})\n`);
    }
    return exitCodeFor(summary, options.maxWarnings, problems.length);
}
