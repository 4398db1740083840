import { URI } from 'langium';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Report } from '../diagnostics.js';
import { EXIT_USAGE, exitCodeFor, tooManyWarnings, type ExitCode } from '../exit-codes.js';
import { findFiles, relativePath } from '../files/find-files.js';
import { format, type Format } from './reporters/index.js';
import { formatProblem, type CliIO } from '../io.js';
import { readSources } from '../files/read-files.js';
import { readActualsFiles } from '../actuals/read-actuals.js';

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
    /** `YYYY-MM-DD`: judge KPI due dates and read actuals as of this date instead of today. */
    asOf?: string;
    /** CSV files of KPI actuals (`--actuals`). */
    actuals?: string[];
}

/**
 * `copis validate`: finds and reads the files, validates them as one workspace, prints the report on
 * stdout and what could not be read on stderr, and returns the exit code.
 */
export async function runValidate(options: ValidateOptions, io: CliIO): Promise<ExitCode> {
    const found = await findFiles(options.paths, io.cwd);
    const contents = await readSources(found.files);
    const problems = [...found.problems];
    const sources: { file: string; uri: string; text: string }[] = [];
    found.files.forEach((path, i) => {
        const file = relativePath(io.cwd, path);
        const content = contents[i];
        if ('text' in content) sources.push({ file, uri: URI.file(path).toString(), text: content.text });
        else problems.push({ path: file, message: content.problem });
    });
    const { actuals, problems: actualsProblems } = await readActualsFiles(options.actuals ?? [], io.cwd);
    problems.push(...actualsProblems);
    for (const problem of problems) io.stderr(formatProblem(problem));
    if (sources.length === 0) {
        io.stderr(`copis: nothing to validate: no ${found.files.length > 0 ? 'readable ' : ''}.copis file found; pass the files or folders that hold your models (copis validate --help)\n`);
        return EXIT_USAGE;
    }

    const { documents, services } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), { batch: true, asOf: options.asOf, actuals });
    const all: CliDiagnostic[] = [];
    documents.forEach((document, i) => {
        for (const d of document.diagnostics ?? []) all.push(toCliDiagnostic(sources[i].file, d));
    });
    for (const a of actuals) for (const d of services.validation.Actuals.diagnostics(a.uri)) all.push(toCliDiagnostic(a.file, d));
    all.sort(compareDiagnostics);
    const shown = options.quiet ? all.filter(d => d.severity === 'error') : all;
    const summary = summarize(sources.length + actuals.length, all);
    const report: Report = {
        files: [...sources.map(s => s.file), ...actuals.map(a => a.file)],
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
