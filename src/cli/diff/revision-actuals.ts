/**
 * Where a commit's KPI actuals (language §7) are found and read: the CSV files that the `actuals`
 * globs of the commit's config files name are the commit's own, listed and read through git as its
 * `.copis` files are (never checked out); what the command line names (`--actuals FILE`) is read
 * from the disk, for both revisions alike, so that the same measurements judge both models.
 */
import type { ActualsReader } from '../actuals/read-actuals.js';
import { decode, readSource } from '../files/read-files.js';
import { fileTooLarge } from '../files/size-limits.js';
import type { CommitTree } from './git/commit-tree.js';
import { readBlobs } from './git/read-tree.js';

export function commitActualsReader(tree: CommitTree): ActualsReader {
    return {
        folders: tree.folderReader(),
        async read(files) {
            const oids = files.map(f => {
                if (f.onCommandLine) return undefined;
                const path = tree.pathOf(f.path);
                return path === undefined ? undefined : tree.files.get(path)?.oid;
            });
            const blobs = await readBlobs(tree.repo, oids.filter((oid): oid is string => oid !== undefined));
            return Promise.all(files.map(async (f, i) => {
                if (f.onCommandLine) return readSource(f.path, f.origin);
                const oid = oids[i];
                if (oid === undefined) return { problem: 'not in this commit; commit it, or name a file on the disk with --actuals FILE' };
                const bytes = blobs.get(oid);
                if (!bytes) return { problem: 'its content is missing from this clone (a partial clone?); fetch it: git fetch' };
                const tooLarge = fileTooLarge(bytes.length);
                return tooLarge ? { problem: tooLarge } : decode(bytes);
            }));
        }
    };
}
