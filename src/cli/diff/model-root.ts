/**
 * Which files make up the model at a revision. For now, as `copis validate` loads them: the
 * `.copis` files below the paths given (files, folders), or below the repository's top when none
 * is given, skipping node_modules and dot-folders; a file named is taken whatever its extension.
 * Both revisions go through here, so that they are read alike; when model roots
 * (copis.config.json) land, this is the one place that changes.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EXTENSION, findFiles, relativePath } from '../files/find-files.js';
import { isDynamicPattern } from '../files/glob.js';
import type { InputProblem } from '../io.js';
import { DiffUsageError } from './git/git.js';
import type { TreeFile } from './git/read-tree.js';
import type { Repository } from './git/revisions.js';

/** The model's paths from the repository's top (`''`: the whole repository). */
export interface ModelRoot {
    /** As given on the command line (relative to the working directory); the repository's top when none was. */
    args: string[];
    /** The same, relative to the repository's top, with `/`. */
    paths: string[];
}

export function modelRoot(repo: Repository, args: readonly string[], cwd: string): ModelRoot {
    if (args.length === 0) return { args: [repo.top], paths: [''] };
    const paths = args.map(arg => {
        if (isDynamicPattern(arg) && !existsSync(resolve(cwd, arg))) {
            // Globs are matched against the working tree only; a revision has none to match against.
            throw new DiffUsageError(`${arg}: copis diff takes files and folders, not patterns; name the folder that holds your models`);
        }
        const inRepo = relative(repo.top, resolve(cwd, arg));
        if (inRepo.startsWith('..') || isAbsolute(inRepo)) throw new DiffUsageError(`${arg}: is outside the repository (${repo.top}); name files and folders inside it`);
        return inRepo.split(sep).join('/');
    });
    return { args: [...args], paths };
}

/** A folder the walk of `copis validate` skips: node_modules and dot-folders (and dot-files). */
function skipped(segment: string): boolean {
    return segment === 'node_modules' || segment.startsWith('.');
}

/** The files of a commit's tree that belong to the model. */
export function modelFilesOfTree(files: readonly TreeFile[], root: ModelRoot): TreeFile[] {
    return files.filter(file => root.paths.some(path => {
        if (path === file.path) return true; // named: taken as it is
        if (path !== '' && !file.path.startsWith(`${path}/`)) return false;
        const below = path === '' ? file.path : file.path.slice(path.length + 1);
        return below.endsWith(EXTENSION) && !below.split('/').some(skipped);
    }));
}

/** The files of the working tree that belong to the model (the walk of `copis validate` itself). */
export async function modelFilesOfWorkTree(repo: Repository, root: ModelRoot, cwd: string): Promise<{ files: { path: string; file: string }[]; problems: InputProblem[] }> {
    const found = await findFiles(root.args, cwd);
    // A path that names nothing now may still name files at BASE: that is a deletion, not a problem.
    const problems = found.problems.filter(p => !/no such file or folder|no \.copis files in this folder/.test(p.message));
    return { files: found.files.map(path => ({ path, file: relativePath(cwd, path) })), problems };
}

/** How a repository path is shown: relative to the working directory, as every other command shows files. */
export function shownPath(repo: Repository, path: string, cwd: string): string {
    return relativePath(cwd, join(repo.top, path));
}

/** The paths given (as given) under which neither revision has a model file: most likely mistyped. */
export function emptyRoots(root: ModelRoot, found: readonly string[]): string[] {
    if (root.paths.includes('')) return [];
    return root.args.filter((_, i) => {
        const path = root.paths[i];
        return !found.some(f => f === path || f.startsWith(`${path}/`));
    });
}
