/**
 * Which files a model holds: the rules every walk of a folder follows, in the editor and in the CLI.
 * `node_modules`, dot-folders and dot-files never load; neither does what git ignores (`.gitignore`
 * files from the repository's top down, and `.git/info/exclude`, with git's precedence: the deepest
 * file that has a say wins); below a model root, a file loads when it matches the root's `include`
 * and no `exclude`, and a folder that matches `exclude` is left out with everything in it.
 *
 * Reading goes through {@link ModelFileSystem}, so that the language server (Langium's file system,
 * or the client's in a browser) and the CLI (node:fs) share these rules.
 */
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch/posix';
import { URI, UriUtils } from 'langium';
import { CONFIG_FILE, DEFAULT_CONFIG, type CopisConfig } from '../config/copis-config.js';
import { parseConfig } from '../config/parse-config.js';
import { rootKey, type ModelRoot } from './model-roots.js';

export const MODEL_EXTENSION = '.copis';
/** git's file of what a folder ignores. */
export const GITIGNORE = '.gitignore';

/** The files whose text decides which files a model holds: when one comes, goes or changes, the walk is done again. */
export function isRuleFile(name: string): boolean {
    return name === GITIGNORE || name === CONFIG_FILE;
}

export interface ModelFileSystem {
    /** The text of a file, or undefined where there is none or it cannot be read. */
    readText(uri: URI): Promise<string | undefined>;
    /** Whether anything exists at `uri`. */
    exists(uri: URI): Promise<boolean>;
}

/** A folder, a dot-entry or `node_modules`: never part of a model, whatever the config says. */
export function isAlwaysSkipped(name: string): boolean {
    return name === 'node_modules' || name.startsWith('.');
}

interface IgnoreLevel {
    /** The path of the folder whose `.gitignore` this is. */
    base: string;
    rules: Ignore;
}

interface RootMatcher {
    root: ModelRoot | undefined;
    /** The root folder's path ('' outside every root: paths are then tested from the scan's folder, by name). */
    path: string;
    include: (relative: string) => boolean;
    exclude: (relative: string) => boolean;
}

const DEFAULT_MATCHER = matcherOf(undefined, '', DEFAULT_CONFIG);

/** The rules for the entries of one folder. */
export class FolderRules {
    constructor(
        readonly folder: URI,
        /** The config root the folder is in (itself or above), if any. */
        readonly root: ModelRoot | undefined,
        private readonly ignores: readonly IgnoreLevel[],
        private readonly matcher: RootMatcher
    ) {}

    /** Whether a walk leaves out the entry `name` of this folder: a folder with all it holds, or a file that is not a model file. */
    skips(name: string, isFolder: boolean): boolean {
        if (isAlwaysSkipped(name)) return true;
        if (!isFolder && !name.endsWith(MODEL_EXTENSION)) return true;
        const path = `${this.folder.path.replace(/\/$/, '')}/${name}`;
        if (this.ignored(path, isFolder)) return true;
        if (!this.matcher.root) return false;
        const relative = path.slice(this.matcher.path.length + 1);
        if (this.matcher.exclude(relative)) return true;
        return !isFolder && !this.matcher.include(relative);
    }

    /** Git's verdict: the deepest `.gitignore` that has a rule for the path decides. */
    private ignored(path: string, isFolder: boolean): boolean {
        for (let i = this.ignores.length - 1; i >= 0; i--) {
            const level = this.ignores[i];
            const relative = path.slice(level.base.length + 1) + (isFolder ? '/' : '');
            let verdict;
            try {
                verdict = level.rules.test(relative);
            } catch {
                continue; // a name the package refuses (it cannot be in a .gitignore rule either)
            }
            if (verdict.ignored) return true;
            if (verdict.unignored) return false;
        }
        return false;
    }

    /** The rules inside the entry `name`, a folder, given what it holds. */
    child(name: string, config: ModelRoot | undefined, gitignore: string | undefined): FolderRules {
        const folder = UriUtils.joinPath(this.folder, name);
        const ignores = gitignore === undefined ? this.ignores : [...this.ignores, level(folder, gitignore)];
        return config ? new FolderRules(folder, config, ignores, matcherOf(config, folder.path, config.config))
            : new FolderRules(folder, this.root, ignores, this.matcher);
    }
}

function level(folder: URI, text: string): IgnoreLevel {
    return { base: folder.path.replace(/\/$/, ''), rules: ignore({ allowRelativePaths: true }).add(text) };
}

function matcherOf(root: ModelRoot | undefined, path: string, config: CopisConfig): RootMatcher {
    const options = { dot: true };
    const include = config.include.length > 0 ? picomatch([...config.include], options) : () => false;
    const exclude = config.exclude.length > 0 ? picomatch([...config.exclude], options) : () => false;
    return { root, path: path.replace(/\/$/, ''), include, exclude };
}

/** A config file's text as the root it makes. */
export function rootFromConfig(folder: URI, text: string): ModelRoot {
    const { config, problems } = parseConfig(text);
    return { uri: rootKey(folder), configUri: UriUtils.joinPath(folder, CONFIG_FILE).toString(), config, problems };
}

/**
 * Finds the rules of any folder, reading each `.gitignore` and config file once. One locator serves
 * one walk (or a few close together): it does not notice files that change afterwards.
 */
export class ModelRootLocator {
    private readonly rules = new Map<string, Promise<FolderRules>>();
    private readonly roots = new Map<string, ModelRoot>();

    constructor(private readonly fs: ModelFileSystem) {}

    /** The config roots read so far. */
    foundRoots(): ModelRoot[] {
        return [...this.roots.values()];
    }

    /**
     * The rules for the entries of `folder`. `names`, when the caller has read the folder already,
     * spares reading files that are not there.
     */
    rulesFor(folder: URI, names?: readonly string[]): Promise<FolderRules> {
        const key = rootKey(folder);
        let rules = this.rules.get(key);
        if (!rules) {
            rules = this.compute(folder, names ? new Set(names) : undefined);
            this.rules.set(key, rules);
        }
        return rules;
    }

    /** The config root `folder` is in (itself or the nearest folder above it with a config), if any. */
    async rootOf(folder: URI): Promise<ModelRoot | undefined> {
        return (await this.rulesFor(folder)).root;
    }

    /**
     * Whether a walk of `scanFolder` loads `file`: no folder on the way from there is left out, and
     * neither is the file. (What lies above `scanFolder` is not looked at: it was opened on purpose.)
     */
    async loads(file: URI, scanFolder: URI): Promise<boolean> {
        const base = scanFolder.path.replace(/\/$/, '');
        if (file.scheme !== scanFolder.scheme || file.authority !== scanFolder.authority || !file.path.startsWith(`${base}/`)) return false;
        return this.passes(file.path.slice(base.length + 1).split('/'), scanFolder, false);
    }

    /** Whether a walk of `scanFolder` goes into `folder`: no folder on the way from there is left out. */
    async walksInto(folder: URI, scanFolder: URI): Promise<boolean> {
        const base = scanFolder.path.replace(/\/$/, '');
        const path = folder.path.replace(/\/$/, '');
        if (folder.scheme !== scanFolder.scheme || folder.authority !== scanFolder.authority) return false;
        if (path === base) return true;
        return path.startsWith(`${base}/`) && this.passes(path.slice(base.length + 1).split('/'), scanFolder, true);
    }

    private async passes(segments: string[], from: URI, lastIsFolder: boolean): Promise<boolean> {
        let folder = from;
        for (const [i, name] of segments.entries()) {
            const rules = await this.rulesFor(folder);
            if (name === '' || rules.skips(name, lastIsFolder || i < segments.length - 1)) return false;
            folder = UriUtils.joinPath(folder, name);
        }
        return true;
    }

    private async compute(folder: URI, names: Set<string> | undefined): Promise<FolderRules> {
        const has = async (name: string) => names ? names.has(name) : this.fs.exists(UriUtils.joinPath(folder, name));
        const read = async (name: string) => names && !names.has(name) ? undefined : this.fs.readText(UriUtils.joinPath(folder, name));
        const parent = UriUtils.dirname(folder);
        const atTop = parent.path === folder.path || await has('.git');
        const [gitignore, configText] = await Promise.all([read(GITIGNORE), read(CONFIG_FILE)]);
        const config = configText === undefined ? undefined : this.configRoot(folder, configText);
        if (atTop) {
            // The top of a repository (or of the file system): nothing above it applies, as in git.
            const exclude = parent.path === folder.path ? undefined : await this.fs.readText(UriUtils.joinPath(folder, '.git', 'info', 'exclude'));
            const ignores = [exclude, gitignore].filter((t): t is string => t !== undefined).map(t => level(folder, t));
            return new FolderRules(folder, config, ignores, config ? matcherOf(config, folder.path, config.config) : DEFAULT_MATCHER);
        }
        const above = await this.rulesFor(parent);
        return above.child(UriUtils.basename(folder), config, gitignore);
    }

    private configRoot(folder: URI, text: string): ModelRoot {
        const key = rootKey(folder);
        let root = this.roots.get(key);
        if (!root) this.roots.set(key, root = rootFromConfig(folder, text));
        return root;
    }
}
