import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import { parseAsOf } from '../as-of.js';
import { collect } from '../actuals/read-actuals.js';
import type { CliIO } from '../io.js';
import { FORMATS, REPORTERS, type Format } from './reporters/index.js';
import { collectReportFile, type ReportFile } from './report-files.js';
import { runValidate } from './run.js';

const VALIDATE_HELP = `
Paths:
  A .copis file is validated as given; a .csv file is a file of KPI actuals,
  checked against the model root it is in (only its own problems are
  reported); any other file is refused. A folder is searched recursively for
  *.copis files, skipping node_modules, dot-folders (.git, .vscode, ...), what
  git ignores (.gitignore) and what copis.config.json excludes. A pattern such as
  'models/**/*.copis' is matched from the working directory (quote it).
  Links are not followed into /proc, /sys or /dev. A file over 20 MB is
  refused ("input too large"), and so is a search past 50,000 .copis files
  or 1,000,000 entries (see docs/cli.md, Limits).
  - reads a model from standard input, named by --stdin-filepath (which
  implies -): its text stands in for that file's (as in prettier and eslint).

Models:
  A folder with a copis.config.json is a model root: a file in it is validated
  with every file of that root loaded (so references and workspace-wide rules
  see the whole model), and only the files you name are reported. Two roots
  never see each other's names. Files in no root are one model together.
  The config's "rules" set severities ("off" too); a comment
  // copis-disable-next-line code, code -- reason
  silences those codes on the next line. See docs/cli.md.

Output (paths relative to the working directory, lines and columns from 1):
${REPORTERS.map(r => `  ${r.id.padEnd(8)} ${r.help}`).join('\n')}
  --quiet leaves warnings and information out of the list, not out of the
  summary, and they still count for --max-warnings (as in eslint).
  --report FORMAT=FILE writes the same report (--quiet included) in another
  format to FILE as well, replaced whole or left unchanged; one that cannot
  be written is said on stderr and makes the exit code 2.
  Paths and files that cannot be read are reported on stderr, and the other
  files are still validated. Text is coloured on a terminal only, unless
  NO_COLOR is set or --no-color given (--color forces it).

Exit codes:
  0  no errors, no more warnings than --max-warnings, every input read
  1  errors found, more warnings than --max-warnings, or a path or file
     that could not be read (the others are still validated)
  2  bad usage, no readable .copis file, a --report file that could not
     be written, or an internal error

Examples:
  $ copis validate                              # every .copis file below .
  $ copis validate models/ shared.copis
  $ copis validate 'journeys/**/*.copis' --quiet
  $ copis validate --format json > report.json
  $ copis validate --format sarif > copis.sarif
  $ copis validate --format github --max-warnings 0   # in a GitHub workflow
  $ copis validate --format github --report sarif=copis.sarif --report markdown=summary.md
  $ copis validate - --stdin-filepath models/buy.copis < buy.copis
  $ copis validate --actuals data/kpis.csv --as-of 2026-12-31
  $ copis validate models/data/kpis.csv          # the CSV, checked against its model

Actuals:
  A CSV of KPI measurements has a header with the columns kpi, date and value,
  in any order, then a row per KPI and day, the KPI named Journey.Kpi. A KPI's
  latest row on or before --as-of takes the place of its current value; the
  file's own problems are listed under its name. The files come from the
  \`actuals\` globs of each model root's copis.config.json (for that model), and
  from --actuals FILE (for every model of the run).
`;

function parseMaxWarnings(value: string): number {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number of warnings, 0 or more.');
    return Number(value);
}

/** Adds `copis validate` to the program; `done` receives its exit code. */
export function addValidateCommand(program: Command, io: CliIO, version: string, done: (code: ExitCode) => void): void {
    program.command('validate')
        .description('check .copis files and report their problems')
        .argument('[paths...]', 'files, folders and glob patterns (default: .)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
        .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings (default: no limit)', parseMaxWarnings)
        .option('-q, --quiet', 'list errors only; the summary and --max-warnings still count the rest')
        .option('--as-of <date>', 'judge KPI due dates (kpi-overdue) and read actuals as of this date, YYYY-MM-DD (default: today)', parseAsOf)
        .option('--actuals <file>', 'a CSV file of KPI actuals (columns kpi, date, value), beside the config\'s `actuals`; repeat for more files', collect, [])
        .option('--report <format=file>', 'also write the report in another format to a file, from the same run (e.g. sarif=copis.sarif); repeatable', collectReportFile, [])
        .option('--stdin-filepath <path>', 'the file that standard input (-) stands for, in the output')
        .option('--color', 'colour the text output even when it is not a terminal')
        .option('--no-color', 'never colour the text output (as NO_COLOR=1 does)')
        .addHelpText('after', VALIDATE_HELP)
        .action(async (paths: string[], options: { format: Format; maxWarnings?: number; quiet?: boolean; asOf?: string; stdinFilepath?: string; color?: boolean; actuals: string[]; report: ReportFile[] }) => {
            done(await runValidate({
                paths, format: options.format, maxWarnings: options.maxWarnings, quiet: options.quiet ?? false, toolVersion: version,
                asOf: options.asOf, stdinFilepath: options.stdinFilepath, color: options.color, actuals: options.actuals, reportFiles: options.report
            }, io));
        });
}
