import { lstat, stat } from 'node:fs/promises';

/** Whether `path` names something: a file, a folder, or a link (one that points nowhere too). */
export function nameExists(path: string): Promise<boolean> {
    return lstat(path).then(() => true, () => false);
}

/** Whether `path` leads to a file or a folder, links followed. */
export function pathExists(path: string): Promise<boolean> {
    return stat(path).then(() => true, () => false);
}

/** Whether `path` leads to a folder, links followed. */
export function isFolder(path: string): Promise<boolean> {
    return stat(path).then(info => info.isDirectory(), () => false);
}
