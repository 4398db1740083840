import type { BigIntStats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { toFs } from './byte-names.js';

/**
 * What a file was when copis read it (or, for an export's output, when the export began): enough to tell,
 * just before replacing it, that nobody has written it since. `copis format` read every file and renamed
 * its formatted text over it without looking again: a line appended meanwhile was lost.
 */
export interface FileStamp {
    dev: bigint;
    ino: bigint;
    size: bigint;
    /** Nanoseconds: a write within the same second still shows (where the file system keeps them). */
    mtimeNs: bigint;
    /**
     * The bytes read (format): a write that kept the size and, on a coarse clock, the time, still shows. Kept
     * as they are and compared just before the file is replaced, rather than hashed when read: every run reads
     * its files, few replace them, and hashing loaded node:crypto at every start.
     */
    bytes?: Uint8Array;
    mode: number;
    uid: number;
    gid: number;
    nlink: number;
}

export function stampOf(info: BigIntStats, bytes?: Uint8Array): FileStamp {
    return {
        dev: info.dev, ino: info.ino, size: info.size, mtimeNs: info.mtimeNs,
        bytes,
        mode: Number(info.mode), uid: Number(info.uid), gid: Number(info.gid), nlink: Number(info.nlink)
    };
}

/** The file at `path` now, with its bytes when `withBytes`; undefined when there is none. */
export async function stampNow(path: string, withBytes: boolean): Promise<FileStamp | undefined> {
    let info: BigIntStats;
    try {
        info = await stat(toFs(path), { bigint: true });
    } catch {
        return undefined;
    }
    return stampOf(info, withBytes && info.isFile() ? await readFile(toFs(path)) : undefined);
}

/** Whether `now` is the file `before` was, unwritten: the same file (device and inode), size, modification time and, when both have them, bytes. */
export function unchanged(before: FileStamp | undefined, now: FileStamp | undefined): boolean {
    if (before === undefined || now === undefined) return before === now;
    return before.dev === now.dev && before.ino === now.ino && before.size === now.size && before.mtimeNs === now.mtimeNs
        && (before.bytes === undefined || now.bytes === undefined || Buffer.compare(before.bytes, now.bytes) === 0);
}
