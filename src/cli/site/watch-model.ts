/**
 * What `copis site --serve` watches: every folder whose files the model was made from. Not only the
 * paths named, but the model roots they are in (a file named in `models/retail/journeys/` is read with
 * all of `models/retail/`), the folders of the KPI actuals read (a config's `actuals`, the CSV files
 * named, `--actuals` anywhere), and the folders above them up to the top of the repository, where a
 * `copis.config.json` or a `.gitignore` that appears or changes changes which files are the model.
 * After each build the folders are worked out again from what was loaded (a config may have named
 * new actuals); a folder once watched stays watched until the server stops (a change there that
 * changes nothing builds the same site, and no page reloads).
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch/posix';
import { URI } from 'langium';
import { CONFIG_FILE } from '../../../language-server/config/copis-config.js';
import { GITIGNORE, isAlwaysSkipped } from '../../../language-server/workspace/model-files.js';
import { isFolder, pathExists } from '../files/path-kind.js';
import type { CliIO } from '../io.js';
import type { LoadedModel } from '../load-model.js';
import { shownPath } from '../shown.js';

/**
 * How much of a folder is watched: `tree` the folder and every folder below it (but node_modules and
 * dot-folders), `files` the folder's own files, `rules` only its config file and `.gitignore`.
 */
export type WatchDepth = 'tree' | 'files' | 'rules';

export interface WatchTarget {
    folder: string;
    depth: WatchDepth;
}

const RANK: Record<WatchDepth, number> = { rules: 0, files: 1, tree: 2 };

/** Folders watched at most (each is one watch of the system's). */
export const MAX_WATCHED = 10_000;

/** A file whose change may change the model or its site: a model file, a config file, a `.gitignore`, a CSV file (KPI actuals). */
export function concernsModel(name: string): boolean {
    return name.endsWith('.copis') || /\.csv$/i.test(name) || name === CONFIG_FILE || name === GITIGNORE;
}

/**
 * The folders to watch for the model of `paths` (default `.`), as last loaded (`loaded`, none before a
 * build succeeded): each folder named, a named file's folder, the working folder for a pattern; each
 * model root; the folder of each actuals file read or named (also one that is not there yet: it may
 * appear), and of each config's `actuals` pattern; and above them all, the folders up to the top of the
 * repository (the file system's root outside one), for a config or `.gitignore` appearing there.
 */
export async function watchTargets(paths: readonly string[], cwd: string, loaded: LoadedModel | undefined, actuals: readonly string[] = []): Promise<WatchTarget[]> {
    const targets: WatchTarget[] = [];
    for (const arg of paths.length > 0 ? paths : ['.']) {
        const path = resolve(cwd, arg);
        if (await isFolder(path)) targets.push({ folder: path, depth: 'tree' });
        else if (await pathExists(path)) targets.push({ folder: dirname(path), depth: 'files' });
        else targets.push({ folder: cwd, depth: 'tree' });
    }
    for (const root of loaded?.services.shared.workspace.ModelRoots.all() ?? []) {
        if (!root.uri) continue;
        const folder = URI.parse(root.uri).fsPath;
        targets.push({ folder, depth: 'tree' });
        for (const pattern of root.config.actuals) {
            const scan = picomatch.scan(pattern);
            if (scan.isGlob) targets.push({ folder: join(folder, scan.base), depth: 'tree' });
            else targets.push({ folder: dirname(join(folder, pattern)), depth: 'files' });
        }
    }
    for (const a of loaded?.actuals ?? []) targets.push({ folder: dirname(a.path), depth: 'files' });
    for (const path of actuals) targets.push({ folder: dirname(resolve(cwd, path)), depth: 'files' });
    const above = new Set<string>();
    for (const { folder } of targets) {
        // Up to the top of the repository, as the search for a model root goes (nothing above it has a say).
        for (let at = folder; dirname(at) !== at && !await pathExists(join(at, '.git'));) {
            at = dirname(at);
            if (above.has(at)) break;
            above.add(at);
        }
    }
    return [...targets, ...[...above].map(folder => ({ folder, depth: 'rules' as const }))];
}

/** The watches of the system's, one per folder, each calling `changed` when a file that concerns the model changes in it. */
export class ModelWatcher {
    private readonly watched = new Map<string, { watcher: FSWatcher; depth: WatchDepth }>();
    private full = false;
    private closed = false;

    constructor(private readonly io: CliIO, private readonly changed: () => void) {}

    /** Watches these folders too (or more deeply); a folder that is not there is skipped. */
    async watch(targets: readonly WatchTarget[]): Promise<void> {
        for (const { folder, depth } of targets) await this.add(folder, depth);
    }

    /** How many folders are watched. */
    get size(): number {
        return this.watched.size;
    }

    close(): void {
        this.closed = true;
        for (const { watcher } of this.watched.values()) watcher.close();
        this.watched.clear();
    }

    private async add(folder: string, depth: WatchDepth): Promise<void> {
        if (this.closed) return;
        const known = this.watched.get(folder);
        if (known && RANK[known.depth] >= RANK[depth]) return;
        if (known) {
            // Watched already, less deeply: its handler reads the depth when an event comes.
            known.depth = depth;
        } else {
            if (this.watched.size >= MAX_WATCHED) {
                if (!this.full) this.io.stderr(`copis: watching ${MAX_WATCHED} folders already; changes in the others are not seen\n`);
                this.full = true;
                return;
            }
            let watcher: FSWatcher;
            try {
                watcher = watch(folder, (_event, name) => this.event(folder, name?.toString()));
            } catch {
                return; // not there, or not readable: nothing to watch
            }
            watcher.on('error', () => {
                watcher.close();
                if (this.watched.get(folder)?.watcher === watcher) this.watched.delete(folder);
            });
            this.watched.set(folder, { watcher, depth });
        }
        if (depth !== 'tree') return;
        let entries;
        try {
            entries = await readdir(folder, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) if (entry.isDirectory() && !isAlwaysSkipped(entry.name)) await this.add(join(folder, entry.name), 'tree');
    }

    private event(folder: string, name: string | undefined): void {
        const depth = this.watched.get(folder)?.depth;
        if (depth === undefined) return;
        // Some systems do not say which file: anything may have changed.
        if (name === undefined) return this.changed();
        if (depth === 'rules') {
            if (name === CONFIG_FILE || name === GITIGNORE) this.changed();
            return;
        }
        if (concernsModel(basename(name))) return this.changed();
        if (depth === 'tree' && !isAlwaysSkipped(name)) {
            // A folder that appeared (or was renamed) may hold model files: watch it, and build again.
            void isFolder(join(folder, name)).then(yes => {
                if (!yes) return;
                void this.add(join(folder, name), 'tree');
                this.changed();
            });
        }
    }
}

/** Says so when nothing could be watched: the site is then not built again by itself. */
export function warnIfUnwatched(watcher: ModelWatcher, io: CliIO): void {
    if (watcher.size === 0) io.stderr(`copis: no folder of ${shownPath(basename(io.cwd))} could be watched; the site will not be built again by itself\n`);
}
