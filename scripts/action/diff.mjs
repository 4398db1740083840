// mode: diff — copis diff as Markdown, into the job summary and into a file (output `diff-file`) that a
// later step posts as a pull-request comment. BASE is the `base` input, else what the event names (a pull
// request's base commit, a merge group's base, the commit before a push), else copis's own default (the
// merge base with the default branch); HEAD is the `head` input, else the working tree (the checkout).
// A shallow checkout lacks the base commit: it is fetched (one commit, --depth=1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { failOn, input, judging, revision, splitPaths } from './inputs.mjs';
import { copis, installedCli } from './run-copis.mjs';
import { appendSummary, fail, inWorkspace, log, logText, setOutput, workspace } from './workflow.mjs';

/** GitHub refuses a comment body longer than this (characters). */
export const COMMENT_LIMIT = 65536;
/** GitHub refuses a step's summary larger than this (bytes); room is left for the status line. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;

const COMMIT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The base commit the event names, or undefined when it names none (another event, a new branch). */
export function eventBase(eventName, eventPath) {
    if (!['pull_request', 'merge_group', 'push'].includes(eventName) || !eventPath || !existsSync(eventPath)) return undefined;
    let event;
    try {
        event = JSON.parse(readFileSync(eventPath, 'utf8'));
    } catch (error) {
        fail(`the event file (GITHUB_EVENT_PATH) is not JSON (${error.message}); give the base input`);
    }
    const [sha, what] = eventName === 'pull_request' ? [event?.pull_request?.base?.sha, 'the pull request\'s base']
        : eventName === 'merge_group' ? [event?.merge_group?.base_sha, 'the merge group\'s base']
        : [event?.before, 'the commit before the push'];
    // A push that creates a branch has no commit before it: copis's default (the merge base with the default branch) holds.
    if (eventName === 'push' && (sha === undefined || /^0+$/.test(String(sha)))) return undefined;
    if (typeof sha !== 'string' || !COMMIT_ID.test(sha)) fail(`${what} in the ${eventName} event is not a commit id (got ${JSON.stringify(sha)}); give the base input`);
    return { sha, what };
}

function git(args) {
    return spawnSync('git', args, { cwd: workspace(), encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Makes sure the clone has `sha`: a shallow checkout (actions/checkout's default) has only its own commit. */
function ensureCommit(sha, what) {
    if (git(['cat-file', '-e', `${sha}^{commit}`]).status === 0) return;
    log(`${what} (${sha.slice(0, 12)}) is not in this clone (a shallow checkout): fetching that commit from origin.`);
    const fetched = git(['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha]);
    if (fetched.status === 0 && git(['cat-file', '-e', `${sha}^{commit}`]).status === 0) return;
    fail(`${what} (${sha}) is not in this clone, and git fetch origin ${sha} failed (${fetched.stderr.trim().split('\n').pop() || `exit code ${fetched.status}`}); check the history out: actions/checkout with fetch-depth: 0`);
}

/**
 * `markdown` cut at a line so that `fits` holds with `note` after it: the `<details>` left open are
 * closed, so the rest still renders. Unchanged when it fits whole.
 */
export function fitMarkdown(markdown, fits, note) {
    if (fits(markdown)) return markdown;
    const lines = markdown.split('\n');
    const cut = n => {
        const kept = lines.slice(0, n);
        const open = kept.filter(l => /<details>/.test(l)).length - kept.filter(l => /<\/details>/.test(l)).length;
        return [...kept, '', ...Array.from({ length: Math.max(0, open) }, () => '</details>\n'), note, ''].join('\n');
    };
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (fits(cut(mid))) low = mid; else high = mid - 1;
    }
    while (low > 0 && !fits(cut(low))) low--;
    return cut(low);
}

/** This run's page, when the runner's variables say what it is (they are checked: they go into a link). */
function runUrl() {
    const server = process.env.GITHUB_SERVER_URL ?? '';
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const run = process.env.GITHUB_RUN_ID ?? '';
    if (!/^https:\/\/[\w.-]+(:\d+)?$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^\d+$/.test(run)) return undefined;
    return `${server}/${repository}/actions/runs/${run}`;
}

export function runDiff() {
    const cli = installedCli();
    const paths = splitPaths(input('paths'));
    const failWhen = failOn(input('fail-on'));
    const head = revision(input('head'), 'head');
    let base = revision(input('base'), 'base');
    let described = base;
    if (base === undefined) {
        const fromEvent = eventBase(process.env.GITHUB_EVENT_NAME ?? '', process.env.GITHUB_EVENT_PATH);
        if (fromEvent) {
            ensureCommit(fromEvent.sha, fromEvent.what);
            base = fromEvent.sha;
            described = `${fromEvent.what}, ${fromEvent.sha.slice(0, 12)}`;
        }
    } else if (COMMIT_ID.test(base)) {
        ensureCommit(base, 'the base commit');
    }
    if (head !== undefined && base === undefined) fail('head goes with base: give the base input too (or leave head out to compare with the checkout)');
    if (head !== undefined && COMMIT_ID.test(head)) ensureCommit(head, 'the head commit');

    const args = ['diff', ...(base === undefined ? [] : [base]), ...(head === undefined ? [] : [head]), '--format', 'md', ...(failWhen ? ['--fail-on', failWhen] : []), ...judging(), '--', ...paths];
    log(`copis diff: ${logText(described ?? 'the merge base with the default branch')} → ${logText(head ?? 'the working tree')}`);
    const result = copis(cli, args, true);
    if (result.code === 2 || result.stdout === '') {
        appendSummary(`copis diff: **could not compare** (exit code ${result.code}); the log says why.\n`);
        return 1;
    }

    const url = runUrl();
    const commentNote = `*The diff is longer than a pull-request comment can be; the rest is in ${url ? `the [job summary](${url})` : 'the job summary'}.*`;
    const comment = fitMarkdown(result.stdout, text => text.length <= COMMENT_LIMIT, commentNote);
    const summary = fitMarkdown(result.stdout, text => Buffer.byteLength(text) <= SUMMARY_LIMIT, '*The diff is longer than a job summary can hold; run copis diff where the repository is checked out for the rest.*');
    appendSummary(summary + '\n');
    appendSummary(result.code === 0 ? 'copis diff: passed.\n'
        : `copis diff: **failed** (exit code ${result.code}): the change introduces ${failWhen === 'introduced-warnings' ? 'errors or warnings' : 'errors'} (fail-on: ${failWhen}), or a file that can no longer be read.\n`);

    const file = inWorkspace(input('diff-file') || join(process.env.RUNNER_TEMP || tmpdir(), 'copis-diff.md'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, comment);
    log(`The diff as Markdown: ${logText(file)}${comment === result.stdout ? '' : ' (cut to fit a pull-request comment)'}`);
    setOutput('diff-file', file);
    return result.code === 0 ? 0 : 1;
}
