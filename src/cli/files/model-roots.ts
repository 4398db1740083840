import { dirname } from 'node:path';
import { URI } from 'langium';
import type { ModelRootLocator } from '../../../language-server/workspace/model-files.js';
import type { ModelRoot } from '../../../language-server/workspace/model-roots.js';
import type { InputProblem } from '../io.js';
import { realOrSame } from './byte-names.js';
import { findFiles, relativePath } from './find-files.js';

export interface Models {
    /** Every file to load: the named ones and the rest of their model roots, each once. */
    files: string[];
    /** The named files (the ones reported on). */
    named: string[];
    /** The model roots (config files) the named files are in. */
    roots: ModelRoot[];
    /** URIs of named files that their root's rules leave out: each is a model of its own. */
    isolated: string[];
    problems: InputProblem[];
}

/**
 * How a model root's folder is walked: on the disk (`copis validate`), or in a commit's tree (`copis diff`).
 * Both follow the locator's rules; only where the entries come from differs.
 */
export interface RootWalker {
    /** The model files below `folder` (absolute), and what could not be walked. */
    filesBelow(folder: string): Promise<{ files: string[]; problems: InputProblem[] }>;
    /** What a file is loaded once by: two paths to one file (a symbolic link) are one file. */
    identity(path: string): Promise<string>;
}

/** The disk's walk: findFiles from the root's folder, files known by their real path. */
export function diskWalker(cwd: string, locator: ModelRootLocator): RootWalker {
    return {
        async filesBelow(folder) {
            const shown = relativePath(cwd, folder) || '.';
            const walked = await findFiles([shown], cwd, locator);
            // A root whose every file is left out says "no .copis files" about itself: the named files say the rest.
            return { files: walked.files, problems: walked.problems.filter(p => p.path !== shown) };
        },
        identity: realOrSame
    };
}

/** What is loaded with the named files without being named: files found around them, and model roots loaded whole. */
export interface ModelContext {
    /** Files loaded for their model, not reported (`copis export`: the files below FILE's folder). */
    files?: readonly string[];
    /** Model roots loaded whole although no file of theirs is named (the root of an actuals file named on its own). */
    roots?: readonly ModelRoot[];
}

/**
 * The models that `named` files belong to. A file in a model root (a folder with `copis.config.json`,
 * at or above it) is validated with every file of that root loaded, so workspace-wide rules see the
 * whole model; files in no root are one model together, as named. The editor draws the same lines.
 * `context` adds what is loaded without being named: its files go to their roots as the named ones
 * do (a file in no root joins the named files in no root), and its roots are loaded whole.
 */
export async function modelsOf(named: readonly string[], cwd: string, locator: ModelRootLocator, walker: RootWalker = diskWalker(cwd, locator), context: ModelContext = {}): Promise<Models> {
    const around = context.files ?? [];
    const groups = new Map<string, { root: ModelRoot; files: string[] }>();
    for (const [i, file] of [...named, ...around].entries()) {
        const root = await locator.rootOf(URI.file(dirname(file)));
        if (!root) continue;
        let group = groups.get(root.uri);
        if (!group) groups.set(root.uri, group = { root, files: [] });
        // Only a named file can be left out by its root's rules and so be a model of its own: the others were found by those rules.
        if (i < named.length) group.files.push(file);
    }
    for (const root of context.roots ?? []) if (!groups.has(root.uri)) groups.set(root.uri, { root, files: [] });
    // Files in no root are the model as named (no need to compare them with a walk).
    if (groups.size === 0 && around.length === 0) return { files: [...named], named: [...named], roots: [], isolated: [], problems: [] };
    const files = new Map<string, string>();
    for (const file of [...named, ...around]) {
        const identity = await walker.identity(file);
        if (!files.has(identity)) files.set(identity, file);
    }
    const isolated: string[] = [];
    const problems: InputProblem[] = [];
    for (const { root, files: inRoot } of groups.values()) {
        const walked = await walker.filesBelow(URI.parse(root.uri).fsPath);
        problems.push(...walked.problems);
        const loaded = new Set<string>();
        for (const file of walked.files) {
            const identity = await walker.identity(file);
            loaded.add(identity);
            if (!files.has(identity)) files.set(identity, file);
        }
        for (const file of inRoot) if (!loaded.has(await walker.identity(file))) isolated.push(URI.file(file).toString());
    }
    return { files: [...files.values()], named: [...named], roots: [...groups.values()].map(g => g.root), isolated, problems };
}


/**
 * `named` and the files around them as one model, whatever the config files say (`copis export
 * --workspace`): no model root divides them, and none leaves a named file out.
 */
export async function oneModelOf(named: readonly string[], around: readonly string[]): Promise<Models> {
    const files = new Map<string, string>();
    for (const file of [...named, ...around]) {
        const identity = await realOrSame(file);
        if (!files.has(identity)) files.set(identity, file);
    }
    return { files: [...files.values()], named: [...named], roots: [], isolated: [], problems: [] };
}

/** The model roots `files` are in, each once. */
export async function rootsOf(files: readonly string[], locator: ModelRootLocator): Promise<ModelRoot[]> {
    const roots = new Map<string, ModelRoot>();
    for (const file of files) {
        const root = await locator.rootOf(URI.file(dirname(file)));
        if (root) roots.set(root.uri, root);
    }
    return [...roots.values()];
}
