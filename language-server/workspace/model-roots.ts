/**
 * Which model each document belongs to. A folder with `copis.config.json` is a model root; so is
 * each workspace folder of the editor (and, for the CLI, the files named on the command line). A
 * document belongs to the nearest root above it, and only sees the names of its root's documents:
 * two roots never see each other. The editor and the CLI fill this in from the same rules
 * (model-files.ts), so that they agree on what one model is.
 */
import { URI } from 'langium';
import { DEFAULT_CONFIG, type CopisConfig } from '../config/copis-config.js';
import type { ConfigProblem } from '../config/parse-config.js';

export interface ModelRoot {
    /** The root folder's URI, without a trailing slash; `''` for documents outside every root. */
    uri: string;
    /** Its `copis.config.json`, when it has one. */
    configUri?: string;
    config: CopisConfig;
    /** What is wrong with the config file (its defaults hold there). */
    problems: ConfigProblem[];
}

/** Documents outside every root (an untitled buffer, a file opened from elsewhere) see each other. */
export const OUTSIDE: ModelRoot = Object.freeze({ uri: '', config: DEFAULT_CONFIG, problems: [] });

/** A folder's URI as a root key: normalised, without a trailing slash. */
export function rootKey(folder: URI | string): string {
    const text = typeof folder === 'string' ? URI.parse(folder).toString() : folder.toString();
    return text.endsWith('/') ? text.slice(0, -1) : text;
}

export class ModelRoots {
    /** The roots each scan found (a workspace folder's, the CLI's run): a root stays while some scan has it. */
    private readonly byScan = new Map<string, ModelRoot[]>();
    private roots = new Map<string, ModelRoot>();
    /** Documents that are open in the editor although the rules leave them out (a gitignored copy): each is a scope of its own. */
    private readonly isolated = new Set<string>();
    private readonly cache = new Map<string, ModelRoot>();

    /**
     * The roots `scan` found, replacing what it found before. Returns the keys of roots added,
     * removed or changed: the caller re-files and relinks the documents (CopisWorkspaceManager).
     */
    setScan(scan: string, roots: readonly ModelRoot[]): ReadonlySet<string> {
        this.byScan.set(scan, [...roots]);
        return this.recompute();
    }

    dropScan(scan: string): ReadonlySet<string> {
        if (!this.byScan.delete(scan)) return new Set();
        return this.recompute();
    }

    all(): ModelRoot[] {
        return [...this.roots.values()];
    }

    get(key: string): ModelRoot | undefined {
        return this.roots.get(key);
    }

    /** The root `uri` belongs to: the nearest above it, else {@link OUTSIDE}. */
    rootOf(uri: URI | string): ModelRoot {
        const text = typeof uri === 'string' ? uri : uri.toString();
        let root = this.cache.get(text);
        if (!root) {
            root = OUTSIDE;
            for (let slash = text.lastIndexOf('/'); slash > 0; slash = text.lastIndexOf('/', slash - 1)) {
                const found = this.roots.get(text.slice(0, slash));
                if (found) {
                    root = found;
                    break;
                }
            }
            this.cache.set(text, root);
        }
        return root;
    }

    /** The names a document sees are those of its scope: its root's key, or its own URI when it is isolated. */
    scopeOf(uri: URI | string): string {
        const text = typeof uri === 'string' ? uri : uri.toString();
        return this.isolated.has(text) ? text : this.rootOf(text).uri;
    }

    /** Whether `uri` is open although the rules leave it out. */
    isIsolated(uri: URI | string): boolean {
        return this.isolated.has(typeof uri === 'string' ? uri : uri.toString());
    }

    /** Marks a document as left out by the rules (or not); returns whether that changed its scope. */
    setIsolated(uri: URI | string, isolated: boolean): boolean {
        const text = typeof uri === 'string' ? uri : uri.toString();
        if (this.isolated.has(text) === isolated) return false;
        if (isolated) this.isolated.add(text); else this.isolated.delete(text);
        return true;
    }

    private recompute(): ReadonlySet<string> {
        const next = new Map<string, ModelRoot>();
        for (const roots of this.byScan.values()) for (const root of roots) if (!next.has(root.uri)) next.set(root.uri, root);
        const changed = new Set<string>();
        for (const [key, root] of next) if (!sameRoot(this.roots.get(key), root)) changed.add(key);
        for (const key of this.roots.keys()) if (!next.has(key)) changed.add(key);
        this.roots = next;
        if (changed.size > 0) this.cache.clear();
        return changed;
    }
}

function sameRoot(a: ModelRoot | undefined, b: ModelRoot): boolean {
    return a !== undefined && a.configUri === b.configUri
        && JSON.stringify(a.config) === JSON.stringify(b.config) && JSON.stringify(a.problems) === JSON.stringify(b.problems);
}
