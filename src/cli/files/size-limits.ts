import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { formatProblem, type InputProblem } from '../io.js';
import { toFs } from './byte-names.js';

/*
 * Validating a model takes about a hundred times its size in memory (measured: 20 MB of declarations,
 * 1.9 GB; 10 MB of journeys, 0.9 GB), held until the report is printed: a 100 MB model ran Node out of
 * heap after minutes (`FATAL ERROR: … heap out of memory`, exit 134). So a file, and the workspace a
 * command loads, are refused before they are read when they are larger than that memory allows.
 */

/** The largest model file copis reads: 20 MB. A larger one is "input too large" (docs/cli.md). */
export const MAX_FILE_BYTES = 20_000_000;

/** Memory per byte of model that the workspace limit allows for (measured ≈ 100, with room to spare). */
const MEMORY_PER_BYTE = 128;

/** The most bytes of models one `validate` or `export` loads together: Node's heap limit / 128 (34 MB with Node's default heap on a machine of 16 GB or more). */
export function maxWorkspaceBytes(): number {
    return Math.floor(getHeapStatistics().heap_size_limit / MEMORY_PER_BYTE);
}

export function megabytes(bytes: number): string {
    return `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

/** Why one file of `size` bytes is not read, or undefined when it may be. */
export function fileTooLarge(size: number): string | undefined {
    if (size <= MAX_FILE_BYTES) return undefined;
    return `input too large: ${megabytes(size)}; a model file may have at most ${megabytes(MAX_FILE_BYTES)}, so it was not read; split it into several files`;
}

/** Why the files at `paths` are too much to load at once, or undefined. Sizes from stat, before anything is read. */
export async function workspaceTooLarge(paths: readonly string[]): Promise<string | undefined> {
    // stat(2) directly, one file after another: a trip through libuv's thread pool per file cost more than the call.
    const sizes = paths.map(path => {
        try {
            const info = statSync(toFs(path));
            return info.isFile() && info.size <= MAX_FILE_BYTES ? info.size : 0; // a larger file is refused on its own
        } catch {
            return 0; // reading it reports it
        }
    });
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const limit = maxWorkspaceBytes();
    if (total <= limit) return undefined;
    const heap = megabytes(getHeapStatistics().heap_size_limit);
    return `input too large: the ${paths.length.toLocaleString('en-US')} files found hold ${megabytes(total)} together, more than the ${megabytes(limit)} copis loads at once with Node's heap limit of ${heap}, so nothing was done; name fewer files, or raise the limit (NODE_OPTIONS=--max-old-space-size=8192 for a heap of 8 GB)`;
}

/**
 * The stderr line that stops `validate` or `export` before anything is read (exit 2): the search passed a
 * limit of walk-bounds.ts (`stopped`), or the files found are more than memory allows. Undefined: go on.
 */
export async function tooMuchToLoad(found: { files: readonly string[]; stopped?: InputProblem }): Promise<string | undefined> {
    if (found.stopped) return formatProblem(found.stopped);
    const message = await workspaceTooLarge(found.files);
    return message === undefined ? undefined : `copis: ${message}\n`;
}
