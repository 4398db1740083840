// The steps of the copis GitHub Action (action.yml), one subcommand each:
//   check-node  exit 0 when this Node is 22 or later (else action.yml sets up Node 22)
//   install     npm-installs copis (INPUT_VERSION) into the runner's temp folder; output `cli`
//   run         copis validate with annotations (--format github), every diagnostic into the job
//               summary (--format markdown), SARIF when INPUT_SARIF names a path, and
//               copis format --check when INPUT_FORMAT_CHECK is true; fails when any of them fails.
// Only Node's own modules: it runs from the action's checkout, where nothing is installed. What it
// writes itself into the summary and the log is numbers and fixed words; model text and file names
// reach them only through copis's own reporters, which escape them.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIN_NODE = 22;

/** A problem with the action's inputs or set-up: reported as an error annotation, and the step fails. */
class ActionError extends Error {}

function fail(message) {
    throw new ActionError(message);
}

/** A workflow command's message: %, CR and LF escaped, as GitHub's toolkit does. */
export function escapeData(text) {
    return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function appendSummary(text) {
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, text);
}

const workspace = () => process.env.GITHUB_WORKSPACE || process.cwd();

/** `paths`: separated by spaces or new lines; none means `.`. */
export function splitPaths(value) {
    const paths = (value || '').split(/\s+/).filter(Boolean);
    return paths.length > 0 ? paths : ['.'];
}

/** `max-warnings`: empty for no limit, else a whole number. */
export function maxWarnings(value) {
    const text = (value || '').trim();
    if (text === '') return undefined;
    if (!/^\d+$/.test(text)) fail(`max-warnings must be a whole number (e.g. 0), or empty for no limit; got "${text}"`);
    return text;
}

export function isTrue(value) {
    const text = (value || '').trim().toLowerCase();
    if (text === '' || text === 'false') return false;
    if (text === 'true') return true;
    fail(`format-check must be true or false; got "${text}"`);
}

/**
 * What npm installs: the action's own version when `version` is empty, a tarball or folder when it names
 * a path (relative to the workspace), else `copis@VERSION` for a version or range (no `npm:`, `git+…` or URL).
 */
export function packageSpec(version, actionPath) {
    const text = (version || '').trim();
    if (text === '') {
        const own = JSON.parse(readFileSync(join(actionPath, 'package.json'), 'utf8')).version;
        return `copis@${own}`;
    }
    if (text.endsWith('.tgz') || text.startsWith('.') || text.includes('/')) {
        const path = isAbsolute(text) ? text : resolve(workspace(), text);
        if (!existsSync(path)) fail(`version names ${text}, which does not exist in the workspace; give a version (e.g. 0.1.0) or the path of a copis-*.tgz`);
        return path;
    }
    if (!/^[\w.^~<>=*| -]+$/.test(text)) fail(`version must be a copis version or range (e.g. 0.1.0 or ^0.1), or the path of a copis-*.tgz; got "${text}"`);
    return `copis@${text}`;
}

function checkNode() {
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= MIN_NODE) {
        console.log(`Node ${process.versions.node}: copis runs on it.`);
        process.exit(0);
    }
    console.log(`Node ${process.versions.node} is older than ${MIN_NODE}: setting up Node ${MIN_NODE}.`);
    process.exit(1);
}

function install() {
    const spec = packageSpec(process.env.INPUT_VERSION, process.env.GITHUB_ACTION_PATH || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'));
    const base = process.env.RUNNER_TEMP || tmpdir();
    mkdirSync(base, { recursive: true });
    const prefix = mkdtempSync(join(base, 'copis-action-'));
    // Into a folder of its own: the repository's package.json and lockfile stay as they are. The PNG renderer is not needed here.
    const npm = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--omit=optional', '--no-audit', '--no-fund', spec], { stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
    if (npm.status !== 0) fail(`npm install ${spec} failed (exit code ${npm.status ?? npm.signal}); see the log above`);
    const cli = join(prefix, 'node_modules', 'copis', 'dist', 'cli.cjs');
    if (!existsSync(cli)) fail(`npm installed ${spec}, but it has no dist/cli.cjs: is it the copis package?`);
    const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`copis ${version} installed`);
    setOutput('cli', cli);
}

/** `node cli.cjs ARGS`, its output passed through or captured. */
function copis(cli, args, capture) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: workspace(), encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    if (result.error) fail(`copis could not be run: ${result.error.message}`);
    return { code: result.status ?? 2, stdout: result.stdout ?? '' };
}

function runAll() {
    const cli = process.env.COPIS_CLI;
    if (!cli || !existsSync(cli)) fail('copis is not installed: the install step gives COPIS_CLI');
    const paths = splitPaths(process.env.INPUT_PATHS);
    const limit = maxWarnings(process.env.INPUT_MAX_WARNINGS);
    const formatCheck = isTrue(process.env.INPUT_FORMAT_CHECK);
    const sarif = (process.env.INPUT_SARIF || '').trim();
    const options = limit === undefined ? [] : ['--max-warnings', limit];

    // Annotations: the workflow commands go to the log, where the runner reads them.
    const validate = copis(cli, ['validate', ...paths, '--format', 'github', ...options], false);
    const markdown = copis(cli, ['validate', ...paths, '--format', 'markdown', ...options], true);
    appendSummary(markdown.stdout + '\n');
    appendSummary(validate.code === 0 ? 'copis validate: passed.\n\n' : `copis validate: **failed** (exit code ${validate.code}): errors, more warnings than max-warnings, or paths that could not be read; see the log.\n\n`);

    if (sarif !== '') {
        const path = isAbsolute(sarif) ? sarif : resolve(workspace(), sarif);
        const report = copis(cli, ['validate', ...paths, '--format', 'sarif'], true);
        if (!report.stdout.startsWith('{')) fail(`no SARIF was written to ${sarif}: copis validate --format sarif printed none (exit code ${report.code})`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, report.stdout);
        console.log(`SARIF written to ${sarif}`);
        setOutput('sarif', path);
    }

    let formatCode = 0;
    if (formatCheck) {
        formatCode = copis(cli, ['format', '--check', ...paths], false).code;
        appendSummary(formatCode === 0 ? 'copis format --check: passed.\n' : `copis format --check: **failed** (exit code ${formatCode}); the log lists the files; run \`copis format\` on them.\n`);
    }
    process.exit(validate.code !== 0 || formatCode !== 0 ? 1 : 0);
}

const STEPS = { 'check-node': checkNode, install, run: runAll };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    const step = STEPS[process.argv[2]];
    try {
        if (!step) fail(`unknown step ${process.argv[2]}: use check-node, install or run`);
        step();
    } catch (error) {
        // Inputs are the user's own text: escaped like any other message.
        process.stdout.write(`::error title=copis::${escapeData(error instanceof ActionError ? error.message : `internal error: ${error?.message ?? error}`)}\n`);
        process.exit(1);
    }
}
