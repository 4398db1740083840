// mode: validate — copis validate with annotations (--format github), every diagnostic into the job
// summary (--format markdown), SARIF when `sarif` names a path, and copis format --check when
// `format-check` is true; fails when any of them fails. Model text and file names reach the log and
// the summary only through copis's own reporters, which escape them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { input, isTrue, maxWarnings, splitPaths } from './inputs.mjs';
import { copis, installedCli } from './run-copis.mjs';
import { appendSummary, fail, inWorkspace, log, logText, setOutput } from './workflow.mjs';

export function runValidate() {
    const cli = installedCli();
    const paths = splitPaths(input('paths'));
    const limit = maxWarnings(input('max-warnings'));
    const formatCheck = isTrue(input('format-check'));
    const sarif = input('sarif');
    const options = limit === undefined ? [] : ['--max-warnings', limit];

    // Annotations: the workflow commands go to the log, where the runner reads them.
    const validate = copis(cli, ['validate', ...paths, '--format', 'github', ...options], false);
    const markdown = copis(cli, ['validate', ...paths, '--format', 'markdown', ...options], true);
    appendSummary(markdown.stdout + '\n');
    appendSummary(validate.code === 0 ? 'copis validate: passed.\n\n' : `copis validate: **failed** (exit code ${validate.code}): errors, more warnings than max-warnings, or paths that could not be read; see the log.\n\n`);

    if (sarif !== '') {
        const path = inWorkspace(sarif);
        const report = copis(cli, ['validate', ...paths, '--format', 'sarif'], true);
        if (!report.stdout.startsWith('{')) fail(`no SARIF was written to ${sarif}: copis validate --format sarif printed none (exit code ${report.code})`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, report.stdout);
        log(`SARIF written to ${logText(sarif)}`);
        setOutput('sarif', path);
    }

    let formatCode = 0;
    if (formatCheck) {
        formatCode = copis(cli, ['format', '--check', ...paths], false).code;
        appendSummary(formatCode === 0 ? 'copis format --check: passed.\n' : `copis format --check: **failed** (exit code ${formatCode}); the log lists the files; run \`copis format\` on them.\n`);
    }
    return validate.code !== 0 || formatCode !== 0 ? 1 : 0;
}
