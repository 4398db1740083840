import { processIO } from './io.js';
import { runCli } from './program.js';
import { shownMessage } from './shown.js';
import { stopYoungGenerationGrowth } from './startup/young-generation.js';
import { packageVersion } from './version.js';

// The bundle (dist/cli-main.cjs, which dist/cli.cjs starts) is CommonJS: __dirname is dist/, and package.json is beside it.
function fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`copis: internal error: ${shownMessage(message.split(/\r?\n/)[0])}; please report it\n`);
    process.exit(2);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// `copis validate | head`: a closed pipe is not an error worth a stack trace.
function stdoutFailed(error: Error): void {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fail(error);
}

// (validate's trees are nearly all it allocates; the commands that write pages or pictures make much short-lived
// garbage besides, which a larger young generation collects for less: `copis site` took 6 % more CPU time)
if (process.argv[2] === 'validate') stopYoungGenerationGrowth();
runCli(process.argv.slice(2), processIO(stdoutFailed), packageVersion(__dirname)).then(code => {
    process.exitCode = code;
}, fail);
