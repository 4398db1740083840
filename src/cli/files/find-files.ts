import { lstat, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { URI } from 'langium';
import type { ModelRootLocator } from '../../../language-server/workspace/model-files.js';
import { DEFAULT_CONFIG } from '../../../language-server/config/copis-config.js';
import { glob, isDynamicPattern } from './glob.js';
import { nodeLocator } from './model-file-system.js';
import type { InputProblem } from '../io.js';
import { relativePath } from '../shown.js';
import { realOrSame, toFs } from './byte-names.js';
import { WalkBounds, type WalkLimits, type WalkRoot } from './walk-bounds.js';

export const EXTENSION = '.copis';

export interface FoundFiles {
    /** Absolute paths, each file once, sorted by their path relative to the working directory. */
    files: string[];
    problems: InputProblem[];
    /** Set when the search passed a limit of walk-bounds.ts: the command then does nothing (exit 2). */
    stopped?: InputProblem;
}

export { relativePath } from '../shown.js';

/**
 * The `.copis` files named by `args` (default `.`): a file as given (whatever its extension), a folder
 * recursively, a glob pattern (when no such path exists) matched from `cwd`. What names nothing usable
 * becomes a problem, and the rest goes on. Folders and patterns follow the rules of which files a
 * model holds, as the editor does (language-server/workspace/model-files.ts): no `node_modules`, no
 * dot-folders, nothing gitignored, and below a `copis.config.json` its `include` and `exclude`.
 */
export async function findFiles(args: readonly string[], cwd: string, locator: ModelRootLocator = nodeLocator(), limits?: WalkLimits): Promise<FoundFiles> {
    const found: string[] = [];
    const problems: InputProblem[] = [];
    const bounds = new WalkBounds(limits);
    for (const arg of args.length > 0 ? args : ['.']) {
        const path = resolve(cwd, arg);
        const kind = await pathKind(path);
        if (kind === 'folder') {
            const before = { found: found.length, problems: problems.length };
            const root = await bounds.root(arg, path);
            await walk(path, { found, problems, cwd, visited: new Set(), bounds, root, locator });
            if (found.length === before.found && problems.length === before.problems && !bounds.stopped) problems.push({ path: arg, message: await noFilesMessage(path, cwd, locator) });
        } else if (kind === 'other') {
            if (bounds.addFiles(await bounds.root(arg, path))) found.push(path); // a file, or something that is not: reading it says which
        } else if (isDynamicPattern(arg)) {
            const matches = await matchGlob(arg, cwd, bounds, locator);
            if (matches.length === 0 && !bounds.stopped) problems.push({ path: arg, message: `no ${EXTENSION} file matches this pattern; check it, and quote it so that the shell does not expand it` });
            found.push(...matches);
        } else {
            problems.push({ path: arg, message: 'no such file or folder; check the path' });
        }
        if (bounds.stopped) return { files: [], problems, stopped: bounds.stopped };
    }
    return { files: await unique(found, cwd), problems };
}

/**
 * Why a folder gave no model files. Below a config whose `include` is not the default, that is most likely the
 * cause (a pattern with a typo matches nothing): the message names the config and its patterns.
 */
async function noFilesMessage(folder: string, cwd: string, locator: ModelRootLocator): Promise<string> {
    const generic = `no ${EXTENSION} files in this folder (node_modules, dot-folders, gitignored files and what copis.config.json excludes are skipped); pass the folder or files that hold your models`;
    const root = await locator.rootOf(URI.file(folder));
    const include = root?.config.include ?? DEFAULT_CONFIG.include;
    if (!root?.configUri || include.join('\u0000') === DEFAULT_CONFIG.include.join('\u0000')) return generic;
    const config = relativePath(cwd, URI.parse(root.configUri).fsPath);
    return `no ${EXTENSION} files in this folder that ${config} includes: its \`include\` is ${include.map(p => JSON.stringify(p)).join(', ')} (paths from its folder); check those patterns, or pass the files that hold your models`;
}

async function pathKind(path: string): Promise<'folder' | 'other' | 'missing'> {
    try {
        return (await stat(toFs(path))).isDirectory() ? 'folder' : 'other';
    } catch {
        // A broken symbolic link exists (lstat) but cannot be followed: reading it reports that.
        try {
            await lstat(toFs(path));
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
    bounds: WalkBounds;
    root: WalkRoot;
    locator: ModelRootLocator;
}

/**
 * Every `*.copis` below `folder`, following symbolic links to folders once (but not into /proc, /sys or
 * /dev), within the bounds of walk-bounds.ts. Anything named `*.copis` that is not a folder is kept, so
 * that reading it can say what is wrong with it. Names are read as bytes (byte-names.ts).
 */
async function walk(folder: string, state: Walk): Promise<void> {
    const real = await realOrSame(folder);
    if (state.visited.has(real) || !state.bounds.mayEnter(state.root, real)) return;
    state.visited.add(real);
    let entries;
    try {
        entries = await state.bounds.readFolder(state.root, folder);
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
        else if (entry.name.endsWith(EXTENSION)) {
            if (!state.bounds.addFiles(state.root)) return;
            state.found.push(path);
        }
        if (state.bounds.stopped) return;
    }
}

async function matchGlob(pattern: string, cwd: string, bounds: WalkBounds, locator: ModelRootLocator): Promise<string[]> {
    // From the folders the pattern names before its first wildcard: tinyglobby matches nothing for `**` above its
    // cwd (`/**/x.copis`, `../**/*.copis`), and the walk's root is then the folder the bounds know it by.
    const { base, rest } = splitPattern(pattern);
    const from = resolve(cwd, base);
    const root = await bounds.root(pattern, from);
    const abort = new AbortController();
    const matches = await glob(rest, {
        cwd: from, absolute: true, dot: false, followSymbolicLinks: true, expandDirectories: false,
        ignore: ['**/node_modules/**'], fs: bounds.globFs(root, abort), signal: abort.signal
    });
    // Unless the pattern names node_modules itself: then the ignore above applied to what it names, filter again.
    const keepModules = pattern.split(/[\\/]/).includes('node_modules');
    const kept = matches.filter(m => m.endsWith(EXTENSION) && (keepModules || !relativePath(from, m).split('/').includes('node_modules')));
    // What a walk of the pattern's folder would leave out (gitignored, excluded), a pattern leaves out too.
    const fromUri = URI.file(from);
    const loaded = await Promise.all(kept.map(m => keepModules || locator.loads(URI.file(m), fromUri)));
    const models = kept.filter((_, i) => loaded[i]);
    if (!bounds.addFiles(root, models.length)) return [];
    return models;
}

/** `models/**\/*.copis` as `models` and `**\/*.copis`: the folders before the first segment with glob syntax, and the rest. */
function splitPattern(pattern: string): { base: string; rest: string } {
    const parts = pattern.split('/');
    // A segment with any glob character ends it (a brace may span segments: `{a,b/c}`).
    let end = parts.findIndex(part => isDynamicPattern(part) || /[{}()[\]!?*+@\\]/.test(part));
    if (end === -1) end = parts.length - 1;
    const base = parts.slice(0, end).join('/');
    return { base: base === '' ? (pattern.startsWith('/') ? '/' : '.') : base, rest: parts.slice(end).join('/') };
}

/** Each file once (two paths to one file, through a symbolic link, would declare everything twice), sorted as shown. */
async function unique(paths: string[], cwd: string): Promise<string[]> {
    const sorted = [...new Set(paths)].map(p => ({ path: p, shown: relativePath(cwd, p) }))
        .sort((a, b) => a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0);
    const reals = await Promise.all(sorted.map(s => realOrSame(s.path)));
    const seen = new Set<string>();
    return sorted.filter((_, i) => !seen.has(reals[i]) && seen.add(reals[i])).map(s => s.path);
}

export function errorCode(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
