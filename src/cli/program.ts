import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { addExportCommand } from './export/command.js';
import type { CliIO } from './io.js';
import { addFormatCommand } from './format/command.js';
import { addValidateCommand } from './validate/command.js';
import { addActualsCommand } from './actuals/command.js';
import { addReportCommand } from './report/command.js';

/**
 * Runs the `copis` command line (`argv` without node and the script) and returns the exit code.
 * Never throws: an unexpected failure is one line on stderr and exit code 2.
 */
export async function runCli(argv: readonly string[], io: CliIO, version = 'unknown'): Promise<number> {
    let exitCode = EXIT_OK;
    const program = new Command('copis')
        .description('COPIS: customer-journey models as code. Validates, exports, reports and formats .copis files.')
        .version(version, '-V, --version', 'print the version of copis')
        .helpOption('-h, --help', 'show help')
        .helpCommand('help [command]', 'show help for a command')
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
        .showHelpAfterError('(add --help for usage)')
        .exitOverride()
        .addHelpText('after', '\nExamples:\n  $ copis validate\n  $ copis validate models/ --format json\n  $ copis export models/buy.copis --to svg -o buy.svg\n  $ copis format --check\n  $ copis validate --help');
    addValidateCommand(program, io, version, code => { exitCode = code; });
    addExportCommand(program, io, code => { exitCode = code; });
    addFormatCommand(program, io, code => { exitCode = code; });
    addReportCommand(program, io, code => { exitCode = code; });
    addActualsCommand(program, io, code => { exitCode = code; });
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
