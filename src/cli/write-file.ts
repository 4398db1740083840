import { randomBytes } from 'node:crypto';
import { chmod, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `path` atomically: the content goes to a temporary file beside it (same folder, so the
 * same file system), which then replaces `path` by a rename. Readers see the old file or the new
 * one, never half a file; if anything fails, `path` is unchanged and the temporary file is removed.
 * A file that is replaced keeps its permission bits.
 */
export async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
    const mode = await existingMode(path);
    try {
        await writeFile(temporary, content, { flag: 'wx' });
        if (mode !== undefined) await chmod(temporary, mode);
        await rename(temporary, path);
    } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
    }
}

async function existingMode(path: string): Promise<number | undefined> {
    try {
        const info = await stat(path);
        return info.isFile() ? info.mode & 0o7777 : undefined;
    } catch {
        return undefined;
    }
}
