import { rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Removes `folder` and its parents up to `created` (the first folder `mkdir(…, { recursive: true })`
 * made), as long as they are empty: what a failed write made on the way to its output, and nothing else.
 */
export async function removeEmptyFolders(folder: string, created: string | undefined): Promise<void> {
    if (created === undefined) return;
    for (let current = folder; ; current = dirname(current)) {
        try {
            await rmdir(current);
        } catch {
            return;
        }
        if (current === created || dirname(current) === current) return;
    }
}
