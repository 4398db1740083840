import { join, relative, sep } from 'node:path';
import { URI } from 'langium';
import { decode, readSources } from '../files/read-files.js';
import type { InputProblem } from '../io.js';
import { listTree, readBlobs } from './git/read-tree.js';
import type { Repository } from './git/revisions.js';
import { modelFilesOfTree, modelFilesOfWorkTree, shownPath, type ModelRoot } from './model-root.js';

/** A commit, or the working tree (files as they are on disk now, committed or not). */
export type Revision = { kind: 'commit'; commit: string } | { kind: 'worktree' };

export interface RevisionSource {
    /** As every output shows it: relative to the working directory. */
    file: string;
    uri: string;
    text: string;
}

export interface RevisionFiles {
    sources: RevisionSource[];
    /** Model files that are there but cannot be used as text (binary, not UTF-8, unreadable). */
    unreadable: InputProblem[];
    /** Paths of the working tree that could not be walked. */
    problems: InputProblem[];
    /** Every model file found, readable or not, from the repository's top (with `/`). */
    paths: string[];
}

/** The model's files at `revision`, read through git (a commit) or from the disk (the working tree). */
export async function readRevision(repo: Repository, revision: Revision, root: ModelRoot, cwd: string): Promise<RevisionFiles> {
    const sources: RevisionSource[] = [];
    const unreadable: InputProblem[] = [];
    if (revision.kind === 'worktree') {
        const found = await modelFilesOfWorkTree(repo, root, cwd);
        const contents = await readSources(found.files.map(f => f.path));
        found.files.forEach((f, i) => {
            const content = contents[i];
            if ('text' in content) sources.push({ file: f.file, uri: URI.file(f.path).toString(), text: content.text });
            else unreadable.push({ path: f.file, message: content.problem });
        });
        return { sources, unreadable, problems: found.problems, paths: found.files.map(f => relative(repo.top, f.path).split(sep).join('/')) };
    }
    const files = modelFilesOfTree(await listTree(repo, revision.commit, root.paths), root)
        .sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const blobs = await readBlobs(repo, files.map(f => f.oid));
    for (const f of files) {
        const file = shownPath(repo, f.path, cwd);
        const bytes = blobs.get(f.oid);
        const content = bytes ? decode(bytes) : { problem: 'its content is missing from this clone (a partial clone?); fetch it: git fetch' };
        if ('text' in content) sources.push({ file, uri: URI.file(join(repo.top, f.path)).toString(), text: content.text });
        else unreadable.push({ path: file, message: content.problem });
    }
    return { sources, unreadable, problems: [], paths: files.map(f => f.path) };
}
