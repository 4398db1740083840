import { Command, CommanderError, Option } from 'commander';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { addDiffCommand } from './diff/command.js';
import { addExportCommand } from './export/command.js';
import type { CliIO } from './io.js';
import { addFormatCommand } from './format/command.js';
import { shownMessage } from './shown.js';
import { addSiteCommand } from './site/command.js';
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
        .description('COPIS: customer-journey models as code. Validates, exports, reports, formats and compares .copis files, and makes a website of them.')
        .version(version, '-V, --version', 'print the version of copis (-v too)')
        // -v as well: what most tools answer to (npm, node, git's --version aside); commander takes one short flag per option.
        .addOption(new Option('-v').hideHelp())
        .helpOption('-h, --help', 'show help')
        .helpCommand('help [command]', 'show help for a command')
        // An error quotes what was typed (`unknown option '…'`), which may hold a line break: kept on its line.
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`${shownMessage(text.trimEnd())}\n`) })
        .showHelpAfterError('(add --help for usage)')
        .exitOverride()
        .addHelpText('after', '\nExamples:\n  $ copis validate\n  $ copis validate models/ --format json\n  $ copis export models/buy.copis --to svg -o buy.svg\n  $ copis format --check\n  $ copis diff main --format md\n  $ copis site models/ -o site\n  $ copis report models/ --to html -o report.html\n  $ copis validate --help');
    program.on('option:v', () => {
        io.stdout(`${version}\n`);
        throw new CommanderError(0, 'commander.version', version);
    });
    addValidateCommand(program, io, version, code => { exitCode = code; });
    addExportCommand(program, io, code => { exitCode = code; });
    addFormatCommand(program, io, code => { exitCode = code; });
    addDiffCommand(program, io, version, code => { exitCode = code; });
    addSiteCommand(program, io, code => { exitCode = code; });
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
    return shownMessage(message.split(/\r?\n/)[0]);
}
