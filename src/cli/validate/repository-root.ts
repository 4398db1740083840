import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

/**
 * The root of the git work tree `cwd` is in (what code scanning takes relative paths from), or `cwd`
 * itself when git is missing or `cwd` is in no repository. A real path: git answers with one.
 */
export function repositoryRoot(cwd: string): string {
    const real = realOrSame(cwd);
    try {
        const git = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: real, encoding: 'utf8', timeout: 10000, stdio: ['ignore', 'pipe', 'ignore'] });
        const top = git.status === 0 ? git.stdout.trim() : '';
        return top ? realOrSame(top) : real;
    } catch {
        return real;
    }
}

export function realOrSame(path: string): string {
    try {
        return realpathSync(path);
    } catch {
        return path;
    }
}
