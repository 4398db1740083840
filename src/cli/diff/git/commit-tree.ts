import { join, relative, sep } from 'node:path';
import { URI, type FileSystemNode } from 'langium';
import type { FolderReader } from '../../../../language-server/actuals/actuals-globs.js';
import { isRuleFile, type ModelFileSystem } from '../../../../language-server/workspace/model-files.js';
import { NODE_MODEL_FS } from '../../files/model-file-system.js';
import { listTree, readBlobs, type TreeFile } from './read-tree.js';
import type { Repository } from './revisions.js';

export interface TreeEntry {
    name: string;
    isFolder: boolean;
}

/**
 * A commit's whole tree, as the rules of which files a model holds read it (model-files.ts): the
 * folders and their entries, and the `.gitignore` and `copis.config.json` files of that commit. Paths
 * are the repository's, with `/` (`''`: its top); absolute paths put them under the work tree's top, so
 * that a commit's documents have the URIs the working tree's have.
 */
export class CommitTree {
    private readonly folders = new Map<string, TreeEntry[]>([['', []]]);

    private constructor(
        readonly repo: Repository,
        readonly files: ReadonlyMap<string, TreeFile>,
        private readonly ruleTexts: ReadonlyMap<string, string>
    ) {
        for (const path of files.keys()) this.addFile(path);
    }

    static async read(repo: Repository, commit: string): Promise<CommitTree> {
        const files = await listTree(repo, commit);
        // The files whose text decides which files a model holds: read with the listing, in one batch.
        const rules = files.filter(f => isRuleFile(f.path.slice(f.path.lastIndexOf('/') + 1)));
        const blobs = await readBlobs(repo, rules.map(f => f.oid));
        const texts = new Map<string, string>();
        for (const f of rules) {
            const bytes = blobs.get(f.oid);
            if (bytes) texts.set(f.path, bytes.toString('utf8'));
        }
        return new CommitTree(repo, new Map(files.map(f => [f.path, f])), texts);
    }

    private addFile(path: string): void {
        const parts = path.split('/');
        for (let i = 0; i < parts.length; i++) {
            const folder = parts.slice(0, i).join('/');
            const isFolder = i < parts.length - 1;
            const child = parts.slice(0, i + 1).join('/');
            if (isFolder && this.folders.has(child)) continue;
            this.folders.get(folder)!.push({ name: parts[i], isFolder });
            if (isFolder) this.folders.set(child, []);
        }
    }

    /** The entries of a folder of the tree; undefined when there is no such folder. */
    entries(folder: string): readonly TreeEntry[] | undefined {
        return this.folders.get(folder);
    }

    isFile(path: string): boolean {
        return this.files.has(path);
    }

    isFolder(path: string): boolean {
        return this.folders.has(path);
    }

    absolute(path: string): string {
        return path === '' ? this.repo.top : join(this.repo.top, ...path.split('/'));
    }

    /** The repository path of an absolute path; undefined when it lies outside the work tree's top. */
    pathOf(absolute: string): string | undefined {
        const inRepo = relative(this.repo.top, absolute);
        if (inRepo === '') return '';
        if (inRepo.startsWith('..') || inRepo.startsWith(sep)) return undefined;
        return inRepo.split(sep).join('/');
    }

    /**
     * The tree as a ModelFileSystem. What is inside `.git` (its `info/exclude`, and whether `.git` is
     * there at all, which marks the top) comes from the disk: it belongs to the clone, not to a commit,
     * and the working tree's walk reads it too, so both revisions leave out the same files.
     */
    fileSystem(): ModelFileSystem {
        const local = (path: string) => path === '.git' || path.startsWith('.git/');
        return {
            readText: async (uri: URI) => {
                const path = this.pathOf(uri.fsPath);
                if (path === undefined) return undefined;
                if (local(path)) return NODE_MODEL_FS.readText(uri);
                return this.ruleTexts.get(path);
            },
            exists: async (uri: URI) => {
                const path = this.pathOf(uri.fsPath);
                if (path === undefined) return false;
                if (local(path)) return NODE_MODEL_FS.exists(uri);
                return this.files.has(path) || this.folders.has(path);
            }
        };
    }

    /** The tree's folders as the `actuals` globs of a config walk them (actuals-globs.ts): a folder it does not have is an error, as on the disk. */
    folderReader(): FolderReader {
        return {
            readDirectory: async (folder: URI): Promise<FileSystemNode[]> => {
                const path = this.pathOf(folder.fsPath);
                const entries = path === undefined ? undefined : this.entries(path);
                if (!entries) throw new Error(`${folder.fsPath}: no such folder in this commit`);
                return entries.map(e => {
                    const child = path === '' ? e.name : `${path}/${e.name}`;
                    return { isFile: !e.isFolder, isDirectory: e.isFolder, uri: URI.file(this.absolute(child)) };
                });
            }
        };
    }
}
