import { DiffUsageError, git, gitMessage } from './git.js';

/** The repository the working directory is in. */
export interface Repository {
    /** The top of its work tree (an absolute path). */
    top: string;
    /** A shallow clone: history before its first commits is missing, so revisions and merge bases may be too. */
    shallow: boolean;
}

const SHALLOW_HINT = 'this clone is shallow (fetch more history: git fetch --deepen=50 or git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)';

/** The repository around `cwd`, or a DiffUsageError that says how to run the diff from one. */
export async function openRepository(cwd: string): Promise<Repository> {
    const result = await git(['rev-parse', '--show-toplevel', '--is-shallow-repository'], cwd);
    if (result.code !== 0) {
        const message = gitMessage(result.stderr);
        if (/not a git repository/i.test(message)) {
            throw new DiffUsageError(`not in a git repository (${cwd}): copis diff compares git revisions of your models; run it inside the repository's work tree (outside git, copis validate checks a model but compares nothing)`);
        }
        if (/must be run in a work tree/i.test(message)) {
            throw new DiffUsageError('not in a work tree (a bare repository, or inside .git): run copis diff in the folder where your models are checked out');
        }
        // e.g. "detected dubious ownership": git's own message says what to do.
        throw new DiffUsageError(`git cannot read this repository: ${message}`);
    }
    const [top, shallow] = result.stdout.toString('utf8').split('\n');
    return { top, shallow: shallow === 'true' };
}

/** The full id of the commit that `revision` names, or a DiffUsageError that says why there is none. */
export async function resolveCommit(repo: Repository, revision: string): Promise<string> {
    if (revision.startsWith('-')) throw new DiffUsageError(`${revision}: not a revision (it starts with "-"); name a branch, tag or commit`);
    const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], repo.top);
    if (result.code === 0) return result.stdout.toString('utf8').trim();
    const exists = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', revision], repo.top);
    if (exists.code === 0) throw new DiffUsageError(`${revision}: names a ${await objectType(repo, revision)}, not a commit; name a branch, tag or commit`);
    const remote = /^(?:refs\/remotes\/)?([^/]+)\/(.+)$/.exec(revision);
    const hints = [repo.shallow ? SHALLOW_HINT : '', remote ? `if it is a branch of ${remote[1]}, fetch it: git fetch ${remote[1]} ${remote[2]}` : '']
        .filter(Boolean);
    throw new DiffUsageError(`${revision}: no such revision in this repository; check the name (git log --oneline, git branch -a)${hints.length > 0 ? `, or ${hints.join('; or ')}` : ''}`);
}

async function objectType(repo: Repository, revision: string): Promise<string> {
    const result = await git(['cat-file', '-t', '--end-of-options', revision], repo.top);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : 'object';
}

/** Where the default branch is: origin/HEAD when the clone knows it, else main or master (local, then origin's). */
export async function defaultBranch(repo: Repository): Promise<string | undefined> {
    const originHead = await git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], repo.top);
    if (originHead.code === 0) {
        const ref = originHead.stdout.toString('utf8').trim();
        const exists = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repo.top);
        if (exists.code === 0) return ref.replace(/^refs\/remotes\//, '');
    }
    const candidates = ['refs/heads/main', 'refs/heads/master', 'refs/remotes/origin/main', 'refs/remotes/origin/master'];
    const listed = await git(['for-each-ref', '--format=%(refname)', ...candidates], repo.top);
    const present = new Set(listed.stdout.toString('utf8').split('\n').filter(Boolean));
    const found = candidates.find(c => present.has(c));
    return found?.replace(/^refs\/(heads|remotes)\//, '');
}

export interface DefaultBase {
    commit: string;
    /** How it was found, for the report: `merge base with origin/main`. */
    description: string;
    branch: string;
}

/**
 * BASE when none is given: the merge base of `head` (a commit) with the default branch, i.e. what a
 * pull request from `head` into that branch changes. Throws a DiffUsageError that says what to do
 * when there is no default branch or no merge base (unrelated histories, or a shallow clone).
 */
export async function defaultBase(repo: Repository, head: string): Promise<DefaultBase> {
    const branch = await defaultBranch(repo);
    if (branch === undefined) {
        throw new DiffUsageError(`no BASE given, and no default branch to compare with (no origin/HEAD, main or master${repo.shallow ? `; ${SHALLOW_HINT}` : ''}); name BASE, e.g. copis diff origin/develop, or fetch the default branch: git fetch origin main`);
    }
    const found = await mergeBase(repo, branch, head);
    if (found === undefined) {
        const why = repo.shallow
            ? `the history that joins them is missing: ${SHALLOW_HINT}`
            : 'their histories are unrelated';
        throw new DiffUsageError(`no BASE given, and HEAD has no merge base with ${branch} (${why}); name BASE, e.g. copis diff ${branch}`);
    }
    return { commit: found, description: `merge base with ${branch}`, branch };
}

/** The best common ancestor of two revisions, or undefined when their histories do not meet (here). */
export async function mergeBase(repo: Repository, a: string, b: string): Promise<string | undefined> {
    const result = await git(['merge-base', '--end-of-options', a, b], repo.top);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}
