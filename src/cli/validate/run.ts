import { URI } from 'langium';
import { declarationPathAt } from '../../../language-server/references/declaration-path.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Report } from '../diagnostics.js';
import { EXIT_USAGE, exitCodeFor, tooManyWarnings, type ExitCode } from '../exit-codes.js';
import { fileUri } from '../files/byte-names.js';
import { findFiles } from '../files/find-files.js';
import { format, type Format } from './reporters/index.js';
import { formatProblem, type CliIO } from '../io.js';
import { readSources } from '../files/read-files.js';
import { tooMuchToLoad } from '../files/size-limits.js';
import { relativePath, shownPath } from '../shown.js';
import { pathsOnDisk, readStdinSource, readsStdin } from '../files/stdin.js';

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
 * `copis validate`: finds and reads the files, validates them as one workspace, prints the report on
 * stdout and what could not be read on stderr, and returns the exit code.
 */
export async function runValidate(options: ValidateOptions, io: CliIO): Promise<ExitCode> {
    const stdin = readsStdin(options.paths, options.stdinFilepath);
    const onDisk = pathsOnDisk(options.paths);
    const found = stdin && onDisk.length === 0 ? { files: [], problems: [] } : await findFiles(onDisk, io.cwd);
    const tooMuch = await tooMuchToLoad(found);
    if (tooMuch !== undefined) {
        for (const problem of found.problems) io.stderr(formatProblem(problem));
        io.stderr(tooMuch);
        return EXIT_USAGE;
    }
    const contents = await readSources(found.files);
    const problems = [...found.problems];
    const sources: { file: string; uri: string; text: string }[] = [];
    found.files.forEach((path, i) => {
        const content = contents[i];
        if ('text' in content) sources.push({ file: shownPath(path, io.cwd), uri: fileUri(path), text: content.text });
        else problems.push({ path: relativePath(io.cwd, path), message: content.problem });
    });
    if (stdin) {
        const input = await readStdinSource(io, options.stdinFilepath);
        if ('problem' in input) problems.push({ path: input.file, message: input.problem });
        else {
            const uri = input.path === undefined ? 'untitled:stdin' : URI.file(input.path).toString();
            const onDiskToo = sources.findIndex(s => s.uri === uri);
            if (onDiskToo >= 0) sources.splice(onDiskToo, 1);
            sources.push({ file: input.path === undefined ? input.file : shownPath(input.path, io.cwd), uri, text: input.text });
        }
    }
    for (const problem of problems) io.stderr(formatProblem(problem));
    if (sources.length === 0) {
        io.stderr(`copis: nothing to validate: no ${found.files.length > 0 || stdin ? 'readable ' : ''}.copis file found; pass the files or folders that hold your models (copis validate --help)\n`);
        return EXIT_USAGE;
    }

    const { documents } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), { batch: true, asOf: options.asOf });
    const all: CliDiagnostic[] = [];
    documents.forEach((document, i) => {
        for (const d of document.diagnostics ?? []) all.push(toCliDiagnostic(sources[i].file, d, declarationPathAt(document, d.range.start)));
    });
    all.sort(compareDiagnostics);
    const shown = options.quiet ? all.filter(d => d.severity === 'error') : all;
    const summary = summarize(sources.length, all);
    const report: Report = {
        files: sources.map(s => s.file),
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

