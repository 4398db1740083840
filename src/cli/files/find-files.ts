import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { URI } from 'langium';
import type { ModelRootLocator } from '../../../language-server/workspace/model-files.js';
import { glob, globBase, isDynamicPattern } from './glob.js';
import { nodeLocator } from './model-file-system.js';
import type { InputProblem } from '../io.js';

export const EXTENSION = '.copis';

export interface FoundFiles {
    /** Absolute paths, each file once, sorted by their path relative to the working directory. */
    files: string[];
    problems: InputProblem[];
}

/** `path` relative to `cwd`, with `/` separators: how every output names a file. */
export function relativePath(cwd: string, path: string): string {
    return relative(cwd, path).split(sep).join('/');
}

/**
 * The `.copis` files named by `args` (default `.`): a file as given (whatever its extension), a folder
 * recursively, a glob pattern (when no such path exists) matched from `cwd`. What names nothing usable
 * becomes a problem, and the rest goes on. Folders and patterns follow the rules of which files a
 * model holds, as the editor does (language-server/workspace/model-files.ts): no `node_modules`, no
 * dot-folders, nothing gitignored, and below a `copis.config.json` its `include` and `exclude`.
 */
export async function findFiles(args: readonly string[], cwd: string, locator: ModelRootLocator = nodeLocator()): Promise<FoundFiles> {
    const found: string[] = [];
    const problems: InputProblem[] = [];
    for (const arg of args.length > 0 ? args : ['.']) {
        const path = resolve(cwd, arg);
        const kind = await pathKind(path);
        if (kind === 'folder') {
            const before = { found: found.length, problems: problems.length };
            await walk(path, { found, problems, cwd, visited: new Set(), locator });
            if (found.length === before.found && problems.length === before.problems) problems.push({ path: arg, message: `no ${EXTENSION} files in this folder (node_modules, dot-folders, gitignored files and what copis.config.json excludes are skipped); pass the folder or files that hold your models` });
        } else if (kind === 'other') {
            found.push(path); // a file, or something that is not: reading it says which
        } else if (isDynamicPattern(arg)) {
            const matches = await matchGlob(arg, cwd, locator);
            if (matches.length === 0) problems.push({ path: arg, message: `no ${EXTENSION} file matches this pattern; check it, and quote it so that the shell does not expand it` });
            found.push(...matches);
        } else {
            problems.push({ path: arg, message: 'no such file or folder; check the path' });
        }
    }
    return { files: await unique(found, cwd), problems };
}

async function pathKind(path: string): Promise<'folder' | 'other' | 'missing'> {
    try {
        return (await stat(path)).isDirectory() ? 'folder' : 'other';
    } catch {
        // A broken symbolic link exists (lstat) but cannot be followed: reading it reports that.
        try {
            await lstat(path);
            return 'other';
        } catch {
            return 'missing';
        }
    }
}

interface Walk {
    found: string[];
    problems: InputProblem[];
    cwd: string;
    /** Real paths of the folders walked: a symbolic link back up is not followed again. */
    visited: Set<string>;
    locator: ModelRootLocator;
}

/** Every `*.copis` below `folder`, following symbolic links to folders once. Anything named `*.copis` that is not a folder is kept, so that reading it can say what is wrong with it. */
async function walk(folder: string, state: Walk): Promise<void> {
    const real = await realOrSame(folder);
    if (state.visited.has(real)) return;
    state.visited.add(real);
    let entries;
    try {
        entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
        state.problems.push({ path: relativePath(state.cwd, folder), message: `cannot read this folder (${errorCode(error)}); its files are left out; make it readable (chmod a+rx)` });
        return;
    }
    const rules = await state.locator.rulesFor(URI.file(folder), entries.map(e => e.name));
    for (const entry of entries) {
        const path = join(folder, entry.name);
        const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && await pathKind(path) === 'folder');
        if (rules.skips(entry.name, isFolder)) continue;
        if (isFolder) await walk(path, state);
        else state.found.push(path);
    }
}

async function matchGlob(pattern: string, cwd: string, locator: ModelRootLocator): Promise<string[]> {
    const matches = await glob(pattern, {
        cwd, absolute: true, dot: false, followSymbolicLinks: true, expandDirectories: false,
        ignore: ['**/node_modules/**']
    });
    // tinyglobby's ignore does not apply above cwd (`../**/*.copis`): filter again, unless the pattern names node_modules itself.
    const keepModules = pattern.split(/[\\/]/).includes('node_modules');
    const kept = matches.filter(m => m.endsWith(EXTENSION) && (keepModules || !m.split(/[\\/]/).includes('node_modules')));
    // What a walk of the pattern's folder would leave out (gitignored, excluded), a pattern leaves out too.
    const base = URI.file(resolve(cwd, globBase(pattern)));
    const loaded = await Promise.all(kept.map(m => keepModules || locator.loads(URI.file(m), base)));
    return kept.filter((_, i) => loaded[i]);
}

/** Each file once (two paths to one file, through a symbolic link, would declare everything twice), sorted as shown. */
async function unique(paths: string[], cwd: string): Promise<string[]> {
    const sorted = [...new Set(paths)].map(p => ({ path: p, shown: relativePath(cwd, p) }))
        .sort((a, b) => a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0);
    const reals = await Promise.all(sorted.map(s => realOrSame(s.path)));
    const seen = new Set<string>();
    return sorted.filter((_, i) => !seen.has(reals[i]) && seen.add(reals[i])).map(s => s.path);
}

async function realOrSame(path: string): Promise<string> {
    try {
        return await realpath(path);
    } catch {
        return path;
    }
}

export function errorCode(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
