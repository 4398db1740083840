import { lstat, stat } from 'node:fs/promises';

/** Whether `path` names something: a file, a folder, or a link (one that points nowhere too). */
export async function nameExists(path: string): Promise<boolean> {
    try {
        await lstat(path);
        return true;
    } catch {
        return false;
    }
}

/** Whether `path` leads to a file or a folder, links followed. */
export async function pathExists(path: string): Promise<boolean> {
    try {
        await stat(path);
        return true;
    } catch {
        return false;
    }
}

/** Whether `path` leads to a folder, links followed. */
export async function isFolder(path: string): Promise<boolean> {
    try {
        return (await stat(path)).isDirectory();
    } catch {
        return false;
    }
}
