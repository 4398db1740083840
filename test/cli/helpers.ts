import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
