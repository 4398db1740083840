import { spawn } from 'node:child_process';

export interface GitResult {
    code: number;
    stdout: Buffer;
    stderr: string;
}

/**
 * A reason `copis diff` cannot go on that the user can fix (exit 2): a bad revision, not a
 * repository, no git. The message says what to do.
 */
export class DiffUsageError extends Error {}

/**
 * Runs the git binary with `args` in `cwd` and collects its output. Arguments go to git as an
 * array, never through a shell. git's messages are asked for in English (LC_ALL=C) so that copis can
 * tell "not a repository" from the rest, and it never prompts (GIT_TERMINAL_PROMPT=0) nor takes
 * optional locks (a diff reads; it must not stall a commit running beside it).
 */
export function git(args: readonly string[], cwd: string, input?: string): Promise<GitResult> {
    return new Promise((resolve, reject) => {
        const child = spawn('git', args, {
            cwd,
            env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
            stdio: ['pipe', 'pipe', 'pipe']
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        child.on('error', error => {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                reject(new DiffUsageError('git was not found: copis diff reads the revisions through git; install git (e.g. apt-get install git) and put it on the PATH'));
            } else {
                reject(error);
            }
        });
        // git closes its stdin early when it fails; that is reported by its exit code, not as EPIPE.
        child.stdin.on('error', () => undefined);
        child.on('close', code => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
        child.stdin.end(input ?? '');
    });
}

/** git's first `fatal:` or `error:` line without its prefix, for a message of copis. */
export function gitMessage(stderr: string): string {
    const lines = stderr.split(/\r?\n/).map(l => l.trim()).filter(Boolean);
    const line = lines.find(l => /^(fatal|error):/.test(l)) ?? lines[0] ?? 'git failed';
    return line.replace(/^(fatal|error):\s*/, '');
}
