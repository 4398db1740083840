/**
 * Which files make up the model at a revision: the files `copis validate` would load there. The
 * `.copis` files below the paths given (the repository's top when none is), by the rules the
 * editor and validate share (language-server/workspace/model-files.ts): no node_modules, no
 * dot-folders, nothing a `.gitignore` of that revision ignores, and below a `copis.config.json` of
 * that revision its `include` and `exclude`; a file named is taken whatever its extension; a named
 * file in a model root is loaded with the whole root (files/model-roots.ts). The working tree is
 * walked on the disk (findFiles); a commit's tree is walked as git lists it (CommitTree), never checked out.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { URI } from 'langium';
import { ModelRootLocator } from '../../../language-server/workspace/model-files.js';
import { findFiles, relativePath } from '../files/find-files.js';
import { isDynamicPattern } from '../files/glob.js';
import { nodeLocator } from '../files/model-file-system.js';
import { modelsOf, type Models, type RootWalker } from '../files/model-roots.js';
import type { CommitTree } from './git/commit-tree.js';
import { DiffUsageError } from './git/git.js';
import type { Repository } from './git/revisions.js';

/** The paths that name the model, from the repository's top (`''`: the whole repository). */
export interface ModelPaths {
    /** As given on the command line (relative to the working directory); the repository's top when none was. */
    args: string[];
    /** The same, relative to the repository's top, with `/`. */
    paths: string[];
}

export function modelPaths(repo: Repository, args: readonly string[], cwd: string): ModelPaths {
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

/** The model at a revision: absolute paths (a commit's under the work tree's top, as if checked out). */
export type RevisionModel = Models;

/** The model of the working tree: what `copis validate ARGS` loads. */
export async function modelOfWorkTree(paths: ModelPaths, cwd: string): Promise<RevisionModel> {
    const locator = nodeLocator();
    const found = await findFiles(paths.args, cwd, locator);
    // A path that names nothing now may still name files at BASE: that is a deletion, not a problem.
    const problems = found.problems.filter(p => !/no such file or folder|no \.copis files in this folder/.test(p.message));
    const models = await modelsOf(found.files, cwd, locator);
    return { ...models, problems: [...problems, ...models.problems] };
}

/** The model of a commit: the same walk over its tree, with its own `.gitignore` and config files. */
export async function modelOfTree(tree: CommitTree, paths: ModelPaths, cwd: string): Promise<RevisionModel> {
    const locator = new ModelRootLocator(tree.fileSystem());
    const walker = treeWalker(tree, locator);
    const named: string[] = [];
    for (const path of paths.paths) {
        if (tree.isFile(path)) named.push(tree.absolute(path));
        else if (tree.isFolder(path)) named.push(...(await walker.filesBelow(tree.absolute(path))).files);
    }
    const seen = new Set<string>();
    const unique: string[] = [];
    for (const file of named.sort(byPath)) {
        const identity = await walker.identity(file);
        if (!seen.has(identity)) unique.push(file);
        seen.add(identity);
    }
    return modelsOf(unique, cwd, locator, walker);
}

/** Walks a commit's tree as findFiles walks a folder (find-files.ts `walk`): the same rules, entries from git. */
function treeWalker(tree: CommitTree, locator: ModelRootLocator): RootWalker {
    const walk = async (folder: string, found: string[]) => {
        const entries = tree.entries(folder) ?? [];
        const names = entries.map(e => e.name);
        // `.git` is not in a commit's tree; in the work tree it marks the top, where git's rules start.
        if (folder === '') names.push('.git');
        const rules = await locator.rulesFor(URI.file(tree.absolute(folder)), names);
        for (const entry of entries) {
            if (rules.skips(entry.name, entry.isFolder)) continue;
            const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
            if (entry.isFolder) await walk(path, found);
            else found.push(tree.absolute(path));
        }
    };
    return {
        async filesBelow(folder) {
            const path = tree.pathOf(folder);
            const found: string[] = [];
            if (path !== undefined && tree.isFolder(path)) await walk(path, found);
            return { files: found.sort(byPath), problems: [] };
        },
        // A symbolic link in the tree stands for the file it points to, as realpath does on the disk.
        async identity(file) {
            const path = tree.pathOf(file);
            const target = path === undefined ? undefined : tree.files.get(path)?.target;
            return target === undefined ? file : tree.absolute(target);
        }
    };
}

function byPath(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** A repository path relative to the repository's top, with `/`. */
export function repositoryPath(repo: Repository, absolute: string): string {
    return relative(repo.top, absolute).split(sep).join('/');
}

/** How a repository path is shown: relative to the working directory, as every other command shows files. */
export function shownPath(repo: Repository, path: string, cwd: string): string {
    return relativePath(cwd, join(repo.top, path));
}

/** The paths given (as given) under which neither revision has a model file: most likely mistyped. */
export function emptyPaths(paths: ModelPaths, found: readonly string[]): string[] {
    if (paths.paths.includes('')) return [];
    return paths.args.filter((_, i) => {
        const path = paths.paths[i];
        return !found.some(f => f === path || f.startsWith(`${path}/`));
    });
}
