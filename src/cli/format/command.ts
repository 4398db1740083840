import type { Command } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { runFormat } from './run.js';

const FORMAT_HELP = `
The layout: two-space indentation; a short declaration (at most 4 properties,
no nested declarations, no comments, within 120 columns) on one line, others
with one property per line; comments and blank lines kept. Formatting only
changes white space, never the model, and a file with syntax errors is left
untouched (and reported). Files are replaced atomically, keeping their mode,
owner and group; a file changed by something else while copis runs is left
with what was written. A file with more than one hard link is left as it is
(replacing it would split the links), and so is a read-only file, unless
--force.

- formats standard input to standard output (for editors and filters); text
with syntax errors comes out unchanged, with exit code 1. --stdin-filepath
names it in messages (and implies -).

Exit codes:
  0  every file formatted (or, with --check, already formatted)
  1  with --check: some file is not formatted; or a file could not be read,
     parsed or written
  2  bad usage or no readable .copis file

Examples:
  $ copis format                      # every .copis file below .
  $ copis format --check models/      # in CI
  $ copis format - < buy.copis > buy.formatted.copis
`;

/** Adds `copis format` to the program; `done` receives its exit code. */
export function addFormatCommand(program: Command, io: CliIO, done: (code: ExitCode) => void): void {
    program.command('format')
        .description('rewrite .copis files in the canonical layout (files that do not parse are left alone)')
        .argument('[paths...]', 'files, folders and glob patterns (default: .)')
        .option('--check', 'only list the files that are not formatted, and exit 1 if there are any (for CI)')
        .option('--force', 'format read-only files too (they stay read-only)')
        .option('--stdin-filepath <path>', 'the file that standard input (-) stands for, in messages')
        .addHelpText('after', FORMAT_HELP)
        .action(async (paths: string[], options: { check?: boolean; force?: boolean; stdinFilepath?: string }) => {
            done(await runFormat({ paths, check: options.check ?? false, force: options.force ?? false, stdinFilepath: options.stdinFilepath }, io));
        });
}
