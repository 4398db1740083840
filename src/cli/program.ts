import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseAsOf } from './as-of.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { addExportCommand } from './export/command.js';
import { FORMATS, type Format } from './formats/index.js';
import type { CliIO } from './io.js';
import { runFormat } from './format.js';
import { runValidate } from './validate.js';

const VALIDATE_HELP = `
Paths:
  A file is validated as given. A folder is searched recursively for *.copis
  files, skipping node_modules and dot-folders (.git, .vscode, ...). A pattern
  such as 'models/**/*.copis' is matched from the working directory (quote it).
  All files are loaded as one workspace, so references across files resolve.

Output (paths relative to the working directory, lines and columns from 1):
  text    file:line:col  severity  message  code, then a summary line
  json    { version: 1, files, diagnostics: [{ file, line, column, endLine,
          endColumn, severity, code, message }], summary }
  sarif   SARIF 2.1.0, for code scanning (e.g. GitHub's upload-sarif)
  github  GitHub Actions workflow commands (::error, ::warning, ::notice)
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
`;

const FORMAT_HELP = `
The layout: two-space indentation; a short declaration (at most 4 properties,
no nested declarations, no comments, within 120 columns) on one line, others
with one property per line; comments and blank lines kept. Formatting only
changes white space, never the model, and a file with syntax errors is left
untouched (and reported). Files are replaced atomically.

Exit codes:
  0  every file formatted (or, with --check, already formatted)
  1  with --check: some file is not formatted; or a file could not be read,
     parsed or written
  2  bad usage or no readable .copis file

Examples:
  $ copis format                      # every .copis file below .
  $ copis format --check models/      # in CI
`;

function parseMaxWarnings(value: string): number {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number of warnings, 0 or more.');
    return Number(value);
}

/**
 * Runs the `copis` command line (`argv` without node and the script) and returns the exit code.
 * Never throws: an unexpected failure is one line on stderr and exit code 2.
 */
export async function runCli(argv: readonly string[], io: CliIO, version = 'unknown'): Promise<number> {
    let exitCode = EXIT_OK;
    const program = new Command('copis')
        .description('COPIS: customer-journey models as code. Validates, exports and formats .copis files.')
        .version(version, '-V, --version', 'print the version of copis')
        .helpOption('-h, --help', 'show help')
        .helpCommand('help [command]', 'show help for a command')
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
        .showHelpAfterError('(add --help for usage)')
        .exitOverride()
        .addHelpText('after', '\nExamples:\n  $ copis validate\n  $ copis validate models/ --format json\n  $ copis export models/buy.copis --to svg -o buy.svg\n  $ copis format --check\n  $ copis validate --help');
    program.command('validate')
        .description('check .copis files and report their problems')
        .argument('[paths...]', 'files, folders and glob patterns (default: .)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
        .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings (default: no limit)', parseMaxWarnings)
        .option('-q, --quiet', 'list errors only; the summary and --max-warnings still count the rest')
        .option('--as-of <date>', 'judge KPI due dates (kpi-overdue) as of this date, YYYY-MM-DD (default: today)', parseAsOf)
        .addHelpText('after', VALIDATE_HELP)
        .action(async (paths: string[], options: { format: Format; maxWarnings?: number; quiet?: boolean; asOf?: string }) => {
            exitCode = await runValidate({ paths, format: options.format, maxWarnings: options.maxWarnings, quiet: options.quiet ?? false, toolVersion: version, asOf: options.asOf }, io);
        });
    addExportCommand(program, io, code => { exitCode = code; });
    program.command('format')
        .description('rewrite .copis files in the canonical layout (files that do not parse are left alone)')
        .argument('[paths...]', 'files, folders and glob patterns (default: .)')
        .option('--check', 'only list the files that are not formatted, and exit 1 if there are any (for CI)')
        .addHelpText('after', FORMAT_HELP)
        .action(async (paths: string[], options: { check?: boolean }) => {
            exitCode = await runFormat({ paths, check: options.check ?? false }, io);
        });
    try {
        await program.parseAsync([...argv], { from: 'user' });
        return exitCode;
    } catch (error) {
        // Help and --version end with exit code 0; every other commander error is bad usage, already printed.
        if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
        io.stderr(`copis: internal error: ${oneLine(error)}; please report it\n`);
        return EXIT_USAGE;
    }
}

function oneLine(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return message.split(/\r?\n/)[0];
}
