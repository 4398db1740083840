// mode: validate — one copis validate: annotations (--format github), every diagnostic into the job
// summary (--report markdown=…), SARIF when `sarif` names a path (--report sarif=…); then copis format
// --check when `format-check` is true; fails when any of them fails. Model text and file names reach the
// log and the summary only through copis's own reporters, which escape them.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { input, isTrue, judging, maxWarnings, splitPaths } from './inputs.mjs';
import { copis, installedCli } from './run-copis.mjs';
import { appendSummary, fail, inWorkspace, log, logText, setOutput } from './workflow.mjs';

export function runValidate() {
    const cli = installedCli();
    const paths = splitPaths(input('paths'));
    const limit = maxWarnings(input('max-warnings'));
    const formatCheck = isTrue(input('format-check'));
    const sarif = input('sarif');
    const options = [...(limit === undefined ? [] : ['--max-warnings', limit]), ...judging()];
    const summaryFile = join(process.env.RUNNER_TEMP || tmpdir(), `copis-summary-${randomBytes(6).toString('hex')}.md`);
    const sarifPath = sarif === '' ? undefined : inWorkspace(sarif);
    const reports = [`--report=markdown=${summaryFile}`, ...(sarifPath === undefined ? [] : [`--report=sarif=${sarifPath}`])];

    // One run for all three: the annotations (workflow commands) go to the log, where the runner reads them.
    const validate = copis(cli, ['validate', '--format', 'github', ...options, ...reports, '--', ...paths], false);
    if (existsSync(summaryFile)) {
        appendSummary(readFileSync(summaryFile, 'utf8') + '\n');
        rmSync(summaryFile, { force: true });
    }
    appendSummary(validate.code === 0 ? 'copis validate: passed.\n\n' : `copis validate: **failed** (exit code ${validate.code}): errors, more warnings than max-warnings, or paths that could not be read; see the log.\n\n`);

    if (sarifPath !== undefined) {
        if (validate.code === 2 || !existsSync(sarifPath)) fail(`no SARIF was written to ${sarif}: copis validate could not write it (exit code ${validate.code}); the log says why`);
        log(`SARIF written to ${logText(sarif)}`);
        setOutput('sarif', sarifPath);
    }

    let formatCode = 0;
    if (formatCheck) {
        formatCode = copis(cli, ['format', '--check', ...paths], false).code;
        appendSummary(formatCode === 0 ? 'copis format --check: passed.\n' : `copis format --check: **failed** (exit code ${formatCode}); the log lists the files; run \`copis format\` on them.\n`);
    }
    return validate.code !== 0 || formatCode !== 0 ? 1 : 0;
}
