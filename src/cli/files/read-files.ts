import { constants } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { toFs } from './byte-names.js';
import { stampOf, type FileStamp } from './file-stamp.js';
import { errorCode } from './find-files.js';
import { MAX_FILE_BYTES, fileTooLarge } from './size-limits.js';

/**
 * `bom`: the file started with a UTF-8 byte order mark (dropped from `text`; `copis format` writes it back).
 * `stamp`: the file as it was read, for `copis format` to check that nobody wrote it since.
 */
export type ReadResult = { text: string; bom?: true; stamp: FileStamp } | { problem: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of one model file, or why it cannot be had. Only regular files are opened: opening a FIFO
 * would wait for a writer forever. A file larger than MAX_FILE_BYTES is refused before it is read (and
 * so is one that grows past it while it is read). A UTF-8 byte order mark is dropped.
 */
export async function readSource(path: string): Promise<ReadResult> {
    const fsPath = toFs(path);
    let info;
    try {
        info = await stat(fsPath);
    } catch (error) {
        const code = errorCode(error);
        if (code === 'ENOENT' && await isSymbolicLink(fsPath)) return { problem: 'broken symbolic link: its target does not exist; fix or remove the link' };
        return { problem: describe(code) };
    }
    if (info.isDirectory()) return { problem: 'is a folder, not a file' };
    if (!info.isFile()) return { problem: 'not a regular file (a FIFO, socket or device); copis reads only regular files' };
    const tooLarge = fileTooLarge(info.size);
    if (tooLarge) return { problem: tooLarge };
    let handle;
    try {
        // O_NONBLOCK: should a FIFO have taken the file's place since the stat, opening it does not wait for a writer.
        handle = await open(fsPath, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
        return { problem: describe(errorCode(error)) };
    }
    try {
        const opened = await handle.stat({ bigint: true });
        if (!opened.isFile()) return { problem: 'not a regular file (a FIFO, socket or device); copis reads only regular files' };
        const bytes = await readAtMost(handle, MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) return { problem: fileTooLarge(bytes.length)! };
        const read = decode(bytes);
        return 'text' in read ? { ...read, stamp: stampOf(opened, bytes) } : read;
    } catch (error) {
        return { problem: describe(errorCode(error)) };
    } finally {
        await handle.close();
    }
}

/** Up to `limit` bytes from the start of the file: a file growing while it is read cannot make copis read without end. */
async function readAtMost(handle: import('node:fs/promises').FileHandle, limit: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
        const chunk = Buffer.allocUnsafe(Math.min(limit - total, 1 << 20));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
    }
    return Buffer.concat(chunks, total);
}

/** Bytes to text: binary and non-UTF-8 content is refused rather than parsed as garbage. */
export function decode(bytes: Uint8Array): { text: string; bom?: true } | { problem: string } {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        return { problem: 'is UTF-16 text; save it as UTF-8' };
    }
    if (bytes.includes(0)) return { problem: 'looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text' };
    let text: string;
    try {
        text = UTF8.decode(bytes);
    } catch {
        return { problem: 'is not valid UTF-8 text; save it as UTF-8' };
    }
    // The decoder drops a leading byte order mark itself.
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? { text, bom: true } : { text };
}

async function isSymbolicLink(path: string | Buffer): Promise<boolean> {
    try {
        return (await lstat(path)).isSymbolicLink();
    } catch {
        return false;
    }
}

function describe(code: string): string {
    switch (code) {
        case 'EACCES':
        case 'EPERM': return 'permission denied; make the file readable (chmod a+r) or leave it out';
        case 'ENOENT': return 'no such file (it disappeared while copis ran); check the path';
        case 'ELOOP': return 'too many levels of symbolic links; fix the link';
        case 'EISDIR': return 'is a folder, not a file';
        case 'EMFILE':
        case 'ENFILE': return 'too many open files; raise the limit (ulimit -n) or validate fewer files at once';
        default: return `cannot be read (${code})`;
    }
}

/** Reads `paths` a few at a time (not all at once: thousands of open files exhaust the descriptors). */
export async function readSources(paths: readonly string[], concurrency = 32): Promise<ReadResult[]> {
    const results: ReadResult[] = new Array(paths.length);
    let next = 0;
    async function worker(): Promise<void> {
        while (next < paths.length) {
            const i = next++;
            results[i] = await readSource(paths[i]);
        }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
    return results;
}
