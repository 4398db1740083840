import { access, constants } from 'node:fs/promises';
import { toFs } from '../files/byte-names.js';
import type { FileStamp } from '../files/file-stamp.js';

/**
 * Why `copis format` must not replace a file it read and formatted, or undefined when it may. Formatting
 * writes a new file and renames it over the old one (atomic: never half a file), which keeps the mode,
 * owner and group (write-file.ts) but not everything a file can be:
 *
 * - A file with more than one hard link is refused: the rename would give one name the new text and leave
 *   the others with the old one, silently two files. Writing in place instead is not atomic (a crash or a
 *   full disk halfway leaves half a model), so copis does not do it.
 * - A read-only file (no write permission in its mode, or none for the user copis runs as) is refused
 *   unless `--force`: someone made it read-only on purpose, and root would otherwise rewrite it unasked.
 */
export async function whyNotReplace(path: string, stamp: FileStamp, force: boolean): Promise<string | undefined> {
    if (stamp.nlink > 1) {
        return `has ${stamp.nlink} hard links: formatting replaces the file, which would leave the other ${stamp.nlink === 2 ? 'name' : 'names'} with the old text, so it is left as it is; give it a copy of its own (cp FILE FILE.new && mv FILE.new FILE), then format it`;
    }
    if (!force && await isReadOnly(path, stamp)) {
        return `is read-only (mode ${(stamp.mode & 0o7777).toString(8).padStart(4, '0')}), so it is left as it is; make it writable (chmod u+w), or pass --force to format it anyway`;
    }
    return undefined;
}

/** No write bit at all (which root's access() would not notice), or none for this user. */
async function isReadOnly(path: string, stamp: FileStamp): Promise<boolean> {
    if ((stamp.mode & 0o222) === 0) return true;
    try {
        await access(toFs(path), constants.W_OK);
        return false;
    } catch (error) {
        // Gone, or on a read-only file system: the write says so.
        const code = (error as NodeJS.ErrnoException).code;
        return code === 'EACCES' || code === 'EPERM';
    }
}
