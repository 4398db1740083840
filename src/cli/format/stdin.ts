import { formatText } from '../../../language-server/formatting/format-text.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { formatProblem, type CliIO } from '../io.js';
import { pathsOnDisk, readStdinSource } from '../files/stdin.js';
import { shownPath } from '../shown.js';
import type { FormatOptions } from './run.js';

/**
 * `copis format -`: standard input formatted to standard output, and nothing else there, for editors
 * and filters (`:%!copis format -`). Text that cannot be formatted (syntax errors) comes out as it went
 * in, with exit code 1, so that a filter that replaces the text with the output loses nothing.
 * With `--check`, only says whether it is formatted.
 */
export async function formatStdin(options: FormatOptions, io: CliIO): Promise<ExitCode> {
    const others = pathsOnDisk(options.paths);
    if (others.length > 0) {
        io.stderr(`copis: format - writes the formatted text to stdout, so it takes no other paths (got ${others.length}); format them in a run of their own\n`);
        return EXIT_USAGE;
    }
    const input = await readStdinSource(io, options.stdinFilepath);
    if ('problem' in input) {
        io.stderr(formatProblem({ path: input.file, message: input.problem }));
        return EXIT_USAGE;
    }
    const formatted = formatText(input.text);
    if (options.check) {
        if (formatted === undefined) {
            io.stderr(formatProblem({ path: input.file, message: 'has syntax errors; fix them first (copis validate - shows them)' }));
            return EXIT_PROBLEMS;
        }
        if (formatted === input.text) {
            io.stdout('1 file: all formatted\n');
            return EXIT_OK;
        }
        io.stdout(`not formatted: ${shownPath(input.file)}\n1 of 1 files not formatted; run copis format to fix\n`);
        return EXIT_PROBLEMS;
    }
    const bom = input.bom ? '\uFEFF' : '';
    if (formatted === undefined) {
        io.stderr(formatProblem({ path: input.file, message: 'has syntax errors, written out as it came in; fix them first (copis validate - shows them)' }));
        io.stdout(bom + input.text);
        return EXIT_PROBLEMS;
    }
    io.stdout(bom + formatted);
    return EXIT_OK;
}
