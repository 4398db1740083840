import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { runCli } from '../../src/cli/program.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'cli.cjs');
const FIXTURES = join(import.meta.dirname, 'fixtures');

/** A fixture's text: shop.copis (valid), returns.copis (valid only beside shop.copis), warnings.copis (warnings, no error), broken.copis (an unresolved reference), syntax.copis. */
export function fixture(name: string): string {
    return readFileSync(join(FIXTURES, name), 'utf8');
}

const temps: string[] = [];
afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the OS temp dir holding `files` (path -> text or bytes), removed after the test. */
export function workspace(files: Record<string, string | Uint8Array> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'copis-cli-'));
    temps.push(dir);
    for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
    }
    return dir;
}

export interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** `copis ARGS` in-process, in `cwd`. */
export async function copis(cwd: string, ...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { cwd, stdout: t => { stdout += t; }, stderr: t => { stderr += t; } }, 'test-version');
    return { code, stdout, stderr };
}

/** `node dist/cli.cjs ARGS` in `cwd`, as a user runs it. */
export function bundle(cwd: string, ...args: string[]): Run {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run bundle\` (or \`npm test\`, which builds first)`);
    const result = spawnSync(process.execPath, [BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 30000 });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export const isRoot = process.getuid?.() === 0;

// ---- running as a user without root's power, and what a folder holds --------------------------------------

/** The user the bundle runs as where the tests run as root (`nobody`): root reads and writes files whatever their mode. */
export const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/**
 * Makes `dir` and everything in it belong to the user `bundleUnprivileged` runs as (when the tests run as root),
 * so that it can read and write there as the owner would, and file modes (chmod 000) mean what they say.
 */
export function handOver(dir: string): void {
    if (!isRoot) return;
    const walk = (path: string) => {
        lchownSync(path, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
        if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    };
    walk(dir);
}

/** Copies the CLI into `dir` (dist/cli.cjs and dist/cli-main.cjs, which it starts), readable by all; returns the path of its cli.cjs. */
export function copyBundle(dir: string): string {
    for (const file of ['cli.cjs', 'cli-main.cjs']) {
        copyFileSync(join(dirname(BUNDLE), file), join(dir, file));
        chmodSync(join(dir, file), 0o644);
    }
    return join(dir, 'cli.cjs');
}

let copies: [string, string] | undefined;
/**
 * Node and the bundle where the unprivileged user can run them: the checkout may sit in a folder
 * only root can enter (a CI's `mktemp -d`). Copied once per test process, removed at its exit.
 */
function unprivilegedCopies(): [string, string] {
    if (copies) return copies;
    // In the run's folder (test/global-setup.ts), which goes when the run ends: a worker's `exit` may never come.
    const dir = mkdtempSync(join(process.env.COPIS_TEST_RUN_DIR ?? tmpdir(), 'copis-unprivileged-'));
    chmodSync(dir, 0o755);
    const node = join(dir, 'node');
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
    const bundle = copyBundle(dir);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return copies = [node, bundle];
}

/** `node dist/cli.cjs ARGS` in `cwd` as an ordinary user: as `nobody` when the tests run as root, else as the current user. */
export function bundleUnprivileged(cwd: string, ...args: string[]): Run {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run bundle\` (or \`npm test\`, which builds first)`);
    const [node, bundle] = isRoot ? unprivilegedCopies() : [process.execPath, BUNDLE];
    const result = spawnSync(node, [bundle, ...args], { cwd, encoding: 'utf8', timeout: 30000, ...(isRoot ? UNPRIVILEGED : {}) });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Every entry below `dir` (dot-files too) with what it is: a file's size, mode, modification time and a hash of
 * its bytes; a link's target; a FIFO; a folder's mode. Two equal snapshots: nothing was written, created or removed.
 */
export function snapshot(dir: string): Record<string, string> {
    const result: Record<string, string> = {};
    const walk = (folder: string) => {
        for (const name of readdirSync(folder).sort()) {
            const path = join(folder, name);
            const key = path.slice(dir.length + 1);
            const info = lstatSync(path);
            if (info.isSymbolicLink()) result[key] = `link -> ${readlinkSync(path)}`;
            else if (info.isDirectory()) {
                result[key] = `folder ${(info.mode & 0o7777).toString(8)}`;
                // A folder without read permission is opaque (as it is to the user): its mode is recorded.
                try {
                    walk(path);
                } catch {
                    // unreadable
                }
            } else if (info.isFIFO()) result[key] = 'fifo';
            else if (info.isFile()) {
                let hash = 'unreadable';
                try {
                    hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
                } catch {
                    // mode 000 as a user
                }
                result[key] = `file ${info.size} ${(info.mode & 0o7777).toString(8)} ${info.mtimeMs} ${hash}`;
            } else result[key] = 'other';
        }
    };
    walk(dir);
    return result;
}

/** A line of a JavaScript stack trace, which no message of copis may contain. */
export const STACK_TRACE = /^\s+at .+[:(]/m;

/** The lines of a run's output, without the empty ones. */
export function lines(text: string): string[] {
    return text.split('\n').filter(l => l !== '');
}
