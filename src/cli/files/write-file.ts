import { lstat, open, readlink, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { write, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fromFs, realPathOf, toFs } from './byte-names.js';
import { randomName } from './random-name.js';
import { stampNow, unchanged, type FileStamp } from './file-stamp.js';

/** What `writeAtomically` did: replaced (or created) a regular file, or wrote into a stream such as a FIFO or `/dev/stdout`. */
export type Written = 'file' | 'stream';

export interface WriteOptions {
    /**
     * What the file must still be just before it is replaced: as `copis format` read it, or, for an
     * export, as it was when the export began (`stamp` undefined: there was no file). Otherwise nothing
     * is written and `WriteRefused` ('changed') is thrown: what was written meanwhile is not lost.
     */
    expected?: { stamp: FileStamp | undefined };
    /** Refuse ('owner') rather than leave a replaced file with another owner or group (when copis may not chown). */
    requireOwner?: boolean;
}

/** A write that was not made, to keep something: the file changed meanwhile, or its owner could not be kept. */
export class WriteRefused extends Error {
    constructor(readonly reason: 'changed' | 'owner', message: string) {
        super(message);
    }
}

/**
 * Writes `path` atomically: the content goes to a temporary file beside it (same folder, so the
 * same file system), which then replaces `path` by a rename. Readers see the old file or the new
 * one, never half a file; if anything fails, `path` is unchanged and the temporary file is removed.
 *
 * A file that is replaced keeps its permission bits, owner and group: the temporary file gets them
 * before a byte is written (created 0600, then chown-ed and chmod-ed), so a 0600 file's new text is
 * never readable by others, and a file of `nobody` formatted as root stays `nobody`'s. Its data is
 * synced before the rename, so a crash leaves the old file or the new one, not an empty one. Just
 * before the rename, `options.expected` is checked (a write between that check and the rename, a few
 * system calls later, is the one window left: no portable lock closes it).
 *
 * `path` is followed the way a shell's `>` follows it: a symbolic link stays a link, and the file
 * it points to is the one replaced (atomically, beside it); something that is not a regular file
 * (a FIFO, `/dev/null`), and a descriptor of this process (`/dev/stdout`, `/dev/fd/N`), is written
 * into, as a stream, never replaced by a file.
 */
export async function writeAtomically(path: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<Written> {
    const info = await statOrUndefined(path);
    // /dev/stdout, /dev/fd/N, /proc/self/fd/N name a descriptor open in this process (`-o /dev/stdout >> log`): it is
    // written as it is, even when the shell opened a regular file there (reopening a pipe or socket through /proc
    // fails, and reopening a file would truncate what `>>` meant to keep).
    const fd = descriptorOf(path);
    if (info !== undefined && fd !== undefined) {
        await writeToDescriptor(fd, typeof content === 'string' ? Buffer.from(content) : content);
        return 'stream';
    }
    // A FIFO or a device is opened for appending (for a device or FIFO that is only writing), never replaced.
    if (info !== undefined && !info.isFile() && !info.isDirectory()) {
        await writeFile(toFs(path), content, { flag: 'a' });
        return 'stream';
    }
    // The file a link points to (realpath: the links on the way may be /proc's, which readlink cannot follow),
    // or, when there is none yet, where the chain of links ends.
    const target = info !== undefined ? await realPathOf(path) : await linkTarget(path);
    // Short enough whatever the name: `.` + 40 characters of it + `.` + 8 + `.tmp` stays under NAME_MAX (255).
    const temporary = join(dirname(target), `.${basename(target).slice(0, 40)}.${randomName()}.tmp`);
    let handle: FileHandle | undefined;
    try {
        // A new file gets the usual mode (0666 less the umask); a replaced one starts private and gets its own.
        handle = await open(toFs(temporary), 'wx', info?.isFile() ? 0o600 : 0o666);
        if (info?.isFile()) {
            await keepOwner(handle, info, options.requireOwner ?? false);
            // After the chown, which clears the set-user-ID and set-group-ID bits.
            await handle.chmod(info.mode & 0o7777);
        }
        await handle.writeFile(content);
        await handle.sync();
        await handle.close();
        handle = undefined;
        if (options.expected !== undefined) {
            const before = options.expected.stamp;
            if (!unchanged(before, await stampNow(target, before?.bytes !== undefined))) {
                throw new WriteRefused('changed', before === undefined ? 'was created by something else' : 'was changed by something else');
            }
        }
        await rename(toFs(temporary), toFs(target));
    } catch (error) {
        await handle?.close().catch(() => undefined);
        await unlink(toFs(temporary)).catch(() => undefined);
        throw error;
    }
    return 'file';
}

/** Gives the temporary file the owner and group of the file it replaces, when they differ (as root; or a group the user is in). */
async function keepOwner(handle: FileHandle, info: Stats, required: boolean): Promise<void> {
    const own = await handle.stat();
    if (own.uid === info.uid && own.gid === info.gid) return;
    try {
        await handle.chown(info.uid, info.gid);
    } catch (error) {
        // An export's output may become the user's, as `cp` would leave it; a model file may not change hands.
        if (!required) return;
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'EACCES') throw error;
        throw new WriteRefused('owner', `belongs to user ${info.uid}, group ${info.gid}, and copis may not give its new text that owner (it would become user ${own.uid}'s, group ${own.gid}'s)`);
    }
}

const DESCRIPTOR_PATH = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/(\d+)|proc\/self\/fd\/(\d+))$/;

/** The descriptor that /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N names. */
function descriptorOf(path: string): number | undefined {
    const m = DESCRIPTOR_PATH.exec(path);
    if (!m) return undefined;
    return m[1] === 'stdout' ? 1 : m[1] === 'stderr' ? 2 : Number(m[2] ?? m[3]);
}

async function writeToDescriptor(fd: number, bytes: Uint8Array): Promise<void> {
    for (let offset = 0; offset < bytes.length;) {
        try {
            offset += await new Promise<number>((done, fail) => write(fd, bytes, offset, bytes.length - offset, null, (error, n) => error ? fail(error) : done(n)));
        } catch (error) {
            // A non-blocking pipe that is full: wait for the reader.
            if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
            await new Promise(done => setTimeout(done, 5));
        }
    }
}

/** Why a file could not be written, in words, with the system's code. */
export function writeProblem(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    switch (code) {
        case 'EACCES':
        case 'EPERM':
        case 'EROFS': return `permission denied (${code}); choose a folder you can write to`;
        case 'ENOTDIR':
        case 'EEXIST': return `a part of its path is a file, not a folder (${code})`;
        case 'ENAMETOOLONG': return 'the name is too long for the file system (ENAMETOOLONG)';
        case 'ENOSPC':
        case 'EDQUOT': return `no space left on the disk (${code})`;
        case 'ELOOP': return 'too many levels of symbolic links (ELOOP)';
        case 'ENOENT': return 'its folder does not exist (ENOENT)';
        default:
            if (error instanceof WriteRefused) return error.message;
            return typeof code === 'string' ? code : error instanceof Error ? error.message.split(/\r?\n/)[0] : String(error);
    }
}

/** The path at the end of `path`'s chain of symbolic links (which may not exist yet), or `path` when it is not a link. */
async function linkTarget(path: string): Promise<string> {
    let current = path;
    for (let hops = 0; hops < 40; hops++) {
        let link: string;
        try {
            if (!(await lstat(toFs(current))).isSymbolicLink()) return current;
            link = fromFs(await readlink(toFs(current), { encoding: 'buffer' }));
        } catch {
            return current; // does not exist (yet): it is the target
        }
        current = resolve(dirname(current), link);
    }
    throw Object.assign(new Error(`ELOOP: too many symbolic links, ${path}`), { code: 'ELOOP' });
}

async function statOrUndefined(path: string) {
    try {
        return await stat(toFs(path));
    } catch {
        return undefined;
    }
}
