import { resolve } from 'node:path';
import type { CliIO } from '../io.js';
import { relativePath } from './find-files.js';
import { decode } from './read-files.js';

/** The path that stands for standard input, as in prettier, eslint and cat. */
export const STDIN_PATH = '-';

/** How output names standard input without `--stdin-filepath`. */
export const STDIN_NAME = '<stdin>';

/** Whether the command reads standard input: `-` among the paths, or `--stdin-filepath` given (as prettier takes it alone). */
export function readsStdin(paths: readonly string[], stdinFilepath: string | undefined): boolean {
    return paths.includes(STDIN_PATH) || stdinFilepath !== undefined;
}

/** The paths to look for on disk: all but `-`. */
export function pathsOnDisk(paths: readonly string[]): string[] {
    return paths.filter(p => p !== STDIN_PATH);
}

/**
 * Standard input as one model file. `file` is how output names it: `--stdin-filepath` relative to the
 * working directory, else `<stdin>`; `path` is that file's absolute path, which the text stands in for
 * (nothing is read from or written to it).
 */
export type StdinSource =
    | { file: string; path?: string; text: string; bom?: true }
    | { file: string; problem: string };

export async function readStdinSource(io: CliIO, stdinFilepath: string | undefined): Promise<StdinSource> {
    const path = stdinFilepath === undefined ? undefined : resolve(io.cwd, stdinFilepath);
    const file = path === undefined ? STDIN_NAME : relativePath(io.cwd, path);
    let bytes: Uint8Array;
    try {
        bytes = io.stdin ? await io.stdin() : new Uint8Array();
    } catch (error) {
        return { file, problem: `standard input cannot be read (${error instanceof Error ? error.message.split(/\r?\n/)[0] : String(error)})` };
    }
    const content = decode(bytes);
    if ('problem' in content) return { file, problem: content.problem };
    return { file, ...(path === undefined ? {} : { path }), text: content.text, ...(content.bom ? { bom: true as const } : {}) };
}
