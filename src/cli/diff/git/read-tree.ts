import { posix } from 'node:path';
import { DiffUsageError, git, gitMessage } from './git.js';
import type { Repository } from './revisions.js';

/** One file of a commit's tree: its path from the repository's top, with `/`. */
export interface TreeFile {
    path: string;
    /** The blob holding its content (for a symbolic link: the blob of the file it points to). */
    oid: string;
    /** For a symbolic link: the path of the file it points to (the same file, reached another way). */
    target?: string;
}

interface TreeEntry {
    mode: string;
    type: string;
    oid: string;
    path: string;
}

/**
 * The files of `commit` below `paths` (repository-relative; none or `''`: the whole tree), as
 * `git ls-tree -r` lists them. A symbolic link to a file of the same tree stands for that file
 * (its content), as it does in a checkout; a link that leads nowhere in the tree, and submodules,
 * are left out.
 */
export async function listTree(repo: Repository, commit: string, paths: readonly string[] = []): Promise<TreeFile[]> {
    const whole = paths.length === 0 || paths.includes('');
    const result = await git(['ls-tree', '-r', '-z', '--full-tree', commit, ...(whole ? [] : ['--', ...paths.map(literalPathspec)])], repo.top);
    if (result.code !== 0) throw new DiffUsageError(`git cannot list the files of ${commit.slice(0, 12)}: ${gitMessage(result.stderr)}`);
    const entries = parseTree(result.stdout);
    const links = entries.filter(e => e.mode === '120000');
    if (links.length === 0) return entries.filter(e => e.type === 'blob').map(e => ({ path: e.path, oid: e.oid }));
    // The targets of links may lie outside `paths`: they are looked up in the whole tree.
    const all = whole ? entries : parseTree((await git(['ls-tree', '-r', '-z', '--full-tree', commit], repo.top)).stdout);
    const byPath = new Map(all.map(e => [e.path, e]));
    const targets = await readBlobs(repo, links.map(l => l.oid));
    const out: TreeFile[] = [];
    for (const entry of entries) {
        if (entry.type !== 'blob') continue;
        if (entry.mode !== '120000') {
            out.push({ path: entry.path, oid: entry.oid });
            continue;
        }
        const target = followLink(entry, byPath, targets);
        if (target) out.push({ path: entry.path, oid: target.oid, target: target.path });
    }
    return out;
}

function followLink(link: TreeEntry, byPath: Map<string, TreeEntry>, targets: Map<string, Buffer>): TreeEntry | undefined {
    let current: TreeEntry | undefined = link;
    for (let hops = 0; current && current.mode === '120000' && hops < 40; hops++) {
        const target = targets.get(current.oid)?.toString('utf8');
        if (target === undefined || target.startsWith('/')) return undefined;
        const path = posix.normalize(posix.join(posix.dirname(current.path), target));
        current = byPath.get(path);
        // A link to a link of the tree: its target was not read with the first ones; such chains are rare, and left out.
        if (current?.mode === '120000' && !targets.has(current.oid)) return undefined;
    }
    return current && current.mode !== '120000' && current.type === 'blob' ? current : undefined;
}

/** `git ls-tree -z`: `<mode> SP <type> SP <oid> TAB <path> NUL`, paths unquoted. */
function parseTree(output: Buffer): TreeEntry[] {
    const entries: TreeEntry[] = [];
    for (const record of output.toString('utf8').split('\0')) {
        if (record === '') continue;
        const tab = record.indexOf('\t');
        const [mode, type, oid] = record.slice(0, tab).split(' ');
        entries.push({ mode, type, oid, path: record.slice(tab + 1) });
    }
    return entries;
}

/** A path that git takes literally, whatever characters it holds (`*`, `:`, ...). */
function literalPathspec(path: string): string {
    return `:(literal)${path}`;
}

/**
 * The content of each blob, read in one `git cat-file --batch` (one process, however many files).
 * A blob git does not have (a partial clone without it) is left out of the map.
 */
export async function readBlobs(repo: Repository, oids: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(oids)];
    const blobs = new Map<string, Buffer>();
    if (unique.length === 0) return blobs;
    const result = await git(['cat-file', '--batch'], repo.top, unique.join('\n') + '\n');
    if (result.code !== 0) throw new DiffUsageError(`git cannot read the files: ${gitMessage(result.stderr)}`);
    const out = result.stdout;
    let at = 0;
    while (at < out.length) {
        const end = out.indexOf(0x0a, at);
        if (end < 0) break;
        const header = out.subarray(at, end).toString('utf8');
        at = end + 1;
        const [oid, type, size] = header.split(' ');
        if (type === 'missing' || size === undefined) continue;
        const length = Number(size);
        blobs.set(oid, out.subarray(at, at + length));
        at += length + 1; // the content, then a line feed
    }
    return blobs;
}
