import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workspace } from '../helpers.js';

// The tests' commits do not depend on the machine's git configuration (identity, default branch, hooks, signing).
const GIT_ENV = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid'
};

/** `git ARGS` in `dir`; its stdout. */
export function git(dir: string, ...args: string[]): string {
    return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Writes `files` into `dir` (null: deletes the file). */
export function write(dir: string, files: Record<string, string | Uint8Array | null>): void {
    for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path);
        if (content === null) rmSync(full, { force: true });
        else {
            mkdirSync(dirname(full), { recursive: true });
            writeFileSync(full, content);
        }
    }
}

/** Writes `files`, commits everything and returns the commit's id. */
export function commit(dir: string, files: Record<string, string | Uint8Array | null>, message = 'change'): string {
    write(dir, files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--allow-empty', '-m', message);
    return git(dir, 'rev-parse', 'HEAD').trim();
}

/** A new repository (removed after the test) on branch main, with `files` as its first commit. */
export function repository(files: Record<string, string | Uint8Array>): string {
    const dir = workspace();
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, files, 'base');
    return dir;
}
