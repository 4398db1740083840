import { createHash } from 'node:crypto';
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
    /** The bytes read, hashed (format): a write that kept the size and, on a coarse clock, the time, still shows. */
    sha256?: string;
    mode: number;
    uid: number;
    gid: number;
    nlink: number;
}

export function stampOf(info: BigIntStats, bytes?: Uint8Array): FileStamp {
    return {
        dev: info.dev, ino: info.ino, size: info.size, mtimeNs: info.mtimeNs,
        sha256: bytes === undefined ? undefined : hash(bytes),
        mode: Number(info.mode), uid: Number(info.uid), gid: Number(info.gid), nlink: Number(info.nlink)
    };
}

/** The file at `path` now, with its bytes hashed when `withBytes`; undefined when there is none. */
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
        && (before.sha256 === undefined || now.sha256 === undefined || before.sha256 === now.sha256);
}

function hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
}
