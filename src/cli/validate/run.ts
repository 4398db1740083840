import type { Report } from '../diagnostics.js';
import { EXIT_OK, exitCodeFor, tooManyWarnings, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { loadModel } from '../load-model.js';
import { writeReportFiles, type ReportFile } from './report-files.js';
import { format, type Format } from './reporters/index.js';

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
    /** The file standard input (`-`) stands for, in the output; it replaces that file's text on disk. */
    stdinFilepath?: string;
    /** Colour the text report (undefined: when the terminal takes it). */
    color?: boolean;
    /** CSV files of KPI actuals (`--actuals`), beside those the config files name. */
    actuals?: string[];
    /** The same report in other formats, each to a file (`--report FORMAT=FILE`). */
    reportFiles?: readonly ReportFile[];
}

/**
 * `copis validate`: finds and reads the files, validates each with the rest of its model root (the
 * files named in no root together), prints the report on the named files and the config files of
 * their roots on stdout and what could not be read on stderr, and returns the exit code.
 */
export async function runValidate(options: ValidateOptions, io: CliIO): Promise<ExitCode> {
    const loaded = await loadModel(options.paths, io, { asOf: options.asOf, command: 'validate', stdinFilepath: options.stdinFilepath, actuals: options.actuals });
    if ('exit' in loaded) return loaded.exit;
    const all = loaded.diagnostics;
    const shown = options.quiet ? all.filter(d => d.severity === 'error') : all;
    const summary = loaded.summary;
    const report: Report = {
        files: [...loaded.reported.map(s => s.file), ...loaded.reportedActuals.map(a => a.file)],
        diagnostics: shown,
        summary,
        hidden: all.length - shown.length,
        toolVersion: options.toolVersion ?? '0.0.0',
        roots: loaded.services.shared.workspace.ModelRoots.all()
    };
    io.stdout(format(options.format, report, { cwd: io.cwd, color: options.color ?? io.color ?? false }));
    const written = await writeReportFiles(options.reportFiles ?? [], report, io);
    if (tooManyWarnings(summary, options.maxWarnings)) {
        io.stderr(`copis: too many warnings: ${summary.warnings} (--max-warnings ${options.maxWarnings})\n`);
    }
    return written !== EXIT_OK ? written : exitCodeFor(summary, options.maxWarnings, loaded.inputProblems);
}
