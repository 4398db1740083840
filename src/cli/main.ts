import { processIO } from './io.js';
import { runCli } from './program.js';
import { shownMessage } from './shown.js';
import { standardOutput } from './standard-output.js';
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
const output = standardOutput(stdoutFailed);
runCli(process.argv.slice(2), processIO(output), packageVersion(__dirname)).then(code => {
    process.exitCode = code;
    setImmediate(endIfIdle);
}, fail);

// When the run has left nothing to do (no handle, no request, no write still under way in a stream), it ends now, as the
// event loop would, without Node's own teardown of the heap: 20-25 ms after a `copis validate` of 10,000 declarations
// (docs/performance.md, "Fifth round: the start and the end"). The 'exit' listeners run as before
// (the code cache is written then). A server (`copis site --serve`) or a stream still writing keeps its resources: then
// Node ends it as before. (A terminal's handle stays open once its stream is made, only to ask whether it is one: it
// holds nothing of copis's, which wrote directly.)
function endIfIdle(): void {
    if (!output.streamed() && process.getActiveResourcesInfo().every(resource => resource === 'TTYWrap')) process.exit();
}
