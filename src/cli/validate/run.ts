import { URI } from 'langium';
import { declarationPathAt } from '../../../language-server/references/declaration-path.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Report } from '../diagnostics.js';
import { EXIT_USAGE, exitCodeFor, tooManyWarnings, type ExitCode } from '../exit-codes.js';
import { fileUri } from '../files/byte-names.js';
import { findFiles } from '../files/find-files.js';
import { nodeLocator } from '../files/model-file-system.js';
import { modelsOf } from '../files/model-roots.js';
import { format, type Format } from './reporters/index.js';
import { formatProblem, type CliIO } from '../io.js';
import { readSources } from '../files/read-files.js';
import { tooMuchToLoad } from '../files/size-limits.js';
import { relativePath, shownPath } from '../shown.js';
import { pathsOnDisk, readStdinSource, readsStdin } from '../files/stdin.js';
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
    /** `YYYY-MM-DD`: judge KPI due dates as of this date instead of today. */
    asOf?: string;
    /** The file standard input (`-`) stands for, in the output; it replaces that file's text on disk. */
    stdinFilepath?: string;
    /** Colour the text report (undefined: when the terminal takes it). */
    color?: boolean;
}

/**
 * `copis validate`: finds and reads the files, validates each with the rest of its model root (the
 * files named in no root together), prints the report on the named files and the config files of
 * their roots on stdout and what could not be read on stderr, and returns the exit code.
 */
export async function runValidate(options: ValidateOptions, io: CliIO): Promise<ExitCode> {
    const stdin = readsStdin(options.paths, options.stdinFilepath);
    const onDisk = pathsOnDisk(options.paths);
    const locator = nodeLocator();
    const found = stdin && onDisk.length === 0 ? { files: [], problems: [] } : await findFiles(onDisk, io.cwd, locator);
    const models = await modelsOf(found.files, io.cwd, locator);
    // Every file of the named files' model roots is loaded: the limits are on what is loaded.
    const tooMuch = await tooMuchToLoad({ ...found, files: models.files });
    if (tooMuch !== undefined) {
        for (const problem of found.problems) io.stderr(formatProblem(problem));
        io.stderr(tooMuch);
        return EXIT_USAGE;
    }
    const named = new Set(models.named);
    const contents = await readSources(models.files);
    const problems = [...found.problems, ...models.problems];
    const sources: { file: string; uri: string; text: string; named: boolean }[] = [];
    models.files.forEach((path, i) => {
        const content = contents[i];
        if ('text' in content) sources.push({ file: shownPath(path, io.cwd), uri: fileUri(path), text: content.text, named: named.has(path) });
        else problems.push({ path: relativePath(io.cwd, path), message: content.problem });
    });
    if (stdin) {
        const input = await readStdinSource(io, options.stdinFilepath);
        if ('problem' in input) problems.push({ path: input.file, message: input.problem });
        else {
            const uri = input.path === undefined ? 'untitled:stdin' : URI.file(input.path).toString();
            const onDiskToo = sources.findIndex(s => s.uri === uri);
            if (onDiskToo >= 0) sources.splice(onDiskToo, 1);
            sources.push({ file: input.path === undefined ? input.file : shownPath(input.path, io.cwd), uri, text: input.text, named: true });
        }
    }
    for (const problem of problems) io.stderr(formatProblem(problem));
    const reported = sources.filter(s => s.named);
    if (reported.length === 0) {
        io.stderr(`copis: nothing to validate: no ${found.files.length > 0 || stdin ? 'readable ' : ''}.copis file found; pass the files or folders that hold your models (copis validate --help)\n`);
        return EXIT_USAGE;
    }

    const { documents } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), { batch: true, asOf: options.asOf, roots: models.roots, isolated: models.isolated });
    const all: CliDiagnostic[] = configProblemDiagnostics(models.roots, io.cwd);
    documents.forEach((document, i) => {
        if (!sources[i].named) return;
        for (const d of document.diagnostics ?? []) all.push(toCliDiagnostic(sources[i].file, d, declarationPathAt(document, d.range.start)));
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
    io.stdout(format(options.format, report, { cwd: io.cwd, color: options.color ?? io.color ?? false }));
    if (tooManyWarnings(summary, options.maxWarnings)) {
        io.stderr(`copis: too many warnings: ${summary.warnings} (--max-warnings ${options.maxWarnings})\n`);
    }
    return exitCodeFor(summary, options.maxWarnings, problems.length);
}

