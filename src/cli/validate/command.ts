import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import { parseAsOf } from '../as-of.js';
import { collect } from '../actuals/read-actuals.js';
import type { CliIO } from '../io.js';
import { FORMATS, REPORTERS, type Format } from './reporters/index.js';
import { runValidate } from './run.js';

const VALIDATE_HELP = `
Paths:
  A file is validated as given. A folder is searched recursively for *.copis
  files, skipping node_modules and dot-folders (.git, .vscode, ...). A pattern
  such as 'models/**/*.copis' is matched from the working directory (quote it).
  All files are loaded as one workspace, so references across files resolve.

Output (paths relative to the working directory, lines and columns from 1):
${REPORTERS.map(r => `  ${r.id.padEnd(7)} ${r.help}`).join('\n')}
  --quiet leaves warnings and information out of the list, not out of the
  summary, and they still count for --max-warnings (as in eslint).
  Paths and files that cannot be read are reported on stderr, and the other
  files are still validated.

Exit codes:
  0  no errors, no more warnings than --max-warnings, every input read
  1  errors found, more warnings than --max-warnings, or a path or file
     that could not be read (the others are still validated)
  2  bad usage, no readable .copis file, or an internal error

Examples:
  $ copis validate                              # every .copis file below .
  $ copis validate models/ shared.copis
  $ copis validate 'journeys/**/*.copis' --quiet
  $ copis validate --format json > report.json
  $ copis validate --format sarif > copis.sarif
  $ copis validate --format github --max-warnings 0   # in a GitHub workflow
  $ copis validate --actuals data/kpis.csv --as-of 2026-12-31

Actuals:
  --actuals FILE reads a CSV of KPI measurements (a header with the columns
  kpi, date and value, in any order; a row per KPI and day, the KPI named
  Journey.Kpi). A KPI's latest row on or before --as-of takes the place of its
  current value; the file's own problems are listed under its name.
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
        .option('--actuals <file>', 'a CSV file of KPI actuals (columns kpi, date, value); repeat for more files', collect, [])
        .addHelpText('after', VALIDATE_HELP)
        .action(async (paths: string[], options: { format: Format; maxWarnings?: number; quiet?: boolean; asOf?: string; actuals: string[] }) => {
            done(await runValidate({ paths, format: options.format, maxWarnings: options.maxWarnings, quiet: options.quiet ?? false, toolVersion: version, asOf: options.asOf, actuals: options.actuals }, io));
        });
}
