// The steps of the copis GitHub Action (action.yml), one subcommand each:
//   check-node  exit 0 when this Node is 22 or later (else action.yml sets up Node 22)
//   install     npm-installs copis (INPUT_VERSION) into the runner's temp folder; output `cli`
//   run         the `mode` input: validate (validate.mjs), diff (diff.mjs) or site (site.mjs)
// Only Node's own modules: it runs from the action's checkout, where nothing is installed. What the
// steps write themselves into the summary, the log, outputs and annotations is escaped for where it
// goes (workflow.mjs); model text and file names otherwise reach them only through copis's own
// reporters, which escape them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runDiff } from './diff.mjs';
import { input, mode, packageSpec } from './inputs.mjs';
import { runSite } from './site.mjs';
import { runValidate } from './validate.mjs';
import { ActionError, escapeData, fail, log, setOutput } from './workflow.mjs';

const MIN_NODE = 22;

/** What works while copis is not on the npm registry (a version, or an empty `version`, installs from there). */
export const FROM_A_TARBALL = 'Until copis is published on the npm registry, set `version:` to the path of a tarball in the repository: build it with `npm run pack:npm` in a checkout of copis, commit it (e.g. tools/copis-0.1.0.tgz) and give `version: tools/copis-0.1.0.tgz`; or point npm at a registry that has copis (an .npmrc with registry=…)';

function checkNode() {
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= MIN_NODE) {
        log(`Node ${process.versions.node}: copis runs on it.`);
        return 0;
    }
    log(`Node ${process.versions.node} is older than ${MIN_NODE}: setting up Node ${MIN_NODE}.`);
    return 1;
}

function install() {
    const spec = packageSpec(input('version'), process.env.GITHUB_ACTION_PATH || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'));
    const base = process.env.RUNNER_TEMP || tmpdir();
    mkdirSync(base, { recursive: true });
    const prefix = mkdtempSync(join(base, 'copis-action-'));
    // Into a folder of its own: the repository's package.json and lockfile stay as they are. The PNG renderer is not needed here.
    const npm = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--omit=optional', '--no-audit', '--no-fund', spec], { stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
    if (npm.status !== 0) fail(`npm install ${spec} failed (exit code ${npm.status ?? npm.signal}); see the log above${spec.startsWith('copis@') ? `. ${FROM_A_TARBALL}` : ''}`);
    const cli = join(prefix, 'node_modules', 'copis', 'dist', 'cli.cjs');
    if (!existsSync(cli)) fail(`npm installed ${spec}, but it has no dist/cli.cjs: is it the copis package?`);
    const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).stdout.trim();
    log(`copis ${version} installed`);
    setOutput('cli', cli);
    return 0;
}

const MODE_STEPS = { validate: runValidate, diff: runDiff, site: runSite };

function run() {
    return MODE_STEPS[mode()]();
}

const STEPS = { 'check-node': checkNode, install, run };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    let code;
    try {
        const step = STEPS[process.argv[2]];
        if (!step) fail(`unknown step ${process.argv[2]}: use check-node, install or run`);
        code = step();
    } catch (error) {
        // Inputs are the user's own text: escaped like any other message.
        log(`::error title=copis::${escapeData(error instanceof ActionError ? error.message : `internal error: ${error?.message ?? error}`)}`);
        code = 1;
    }
    process.exit(code);
}
