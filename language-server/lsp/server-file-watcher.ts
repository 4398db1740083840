/**
 * For clients that cannot watch files for the server (no dynamic registration of watchers: Debian's
 * Neovim 0.7, for one; or one that refuses the registration: eglot outside a git repository), the server watches the model folders itself, so that files created,
 * changed, deleted or renamed outside the editor still reach the model.
 *
 * One non-recursive `fs.watch` per folder that the walks went into: a recursive watch on Linux
 * walks and watches every folder below, `node_modules` and `.git` too. A folder that cannot be
 * watched (the inotify limit, a network file system) is polled instead, every two seconds, and so is
 * every folder when `COPIS_WATCH=poll` (file systems whose changes `fs.watch` does not see, such as
 * some network or container mounts). What is seen goes through the same rules as the editor's
 * events (CopisWorkspaceManager.filesChanged). Node only: the web server never needs it.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import type { CopisWorkspaceManager } from '../workspace/copis-workspace-manager.js';
import { MODEL_EXTENSION, isAlwaysSkipped, isRuleFile } from '../workspace/model-files.js';
import type { CopisDocumentUpdateHandler } from './watched-files.js';

export interface WatchOptions {
    /** Poll every folder instead of watching it. */
    poll?: boolean;
    /** Between two polls, in ms. */
    pollInterval?: number;
    /** Quiet time before a burst of changes is taken in, in ms. */
    settle?: number;
}

export function watchModelFoldersWhenTheClientCannot(shared: LangiumSharedServices, options: WatchOptions = {}): void {
    const handler = shared.lsp.DocumentUpdateHandler as CopisDocumentUpdateHandler;
    const manager = shared.workspace.WorkspaceManager as CopisWorkspaceManager;
    let started = false;
    const start = () => {
        if (started) return;
        started = true;
        const watcher = new ModelFolderWatcher(manager, changes => handler.didChangeWatchedFiles({ changes }), options);
        manager.onScanned(() => void watcher.sync());
        void manager.ready.then(() => watcher.sync());
        shared.lsp.Connection?.onExit(() => watcher.close());
    };
    handler.onClientRefusedToWatch(start);
    shared.lsp.LanguageServer.onInitialized(() => {
        if (!handler.clientWatchesFiles) start();
    });
}

type Snapshot = Map<string, number>;

export class ModelFolderWatcher {
    /** Watched folders (paths) and how: a watcher, or the entries seen at the last poll. */
    private readonly watched = new Map<string, FSWatcher | Snapshot>();
    private readonly dirty = new Set<string>();
    private timer?: NodeJS.Timeout;
    private poller?: NodeJS.Timeout;
    private readonly poll: boolean;
    private readonly pollInterval: number;
    private readonly settle: number;

    constructor(
        private readonly manager: Pick<CopisWorkspaceManager, 'modelFolders' | 'walksInto'>,
        private readonly report: (changes: FileEvent[]) => void,
        options: WatchOptions = {}
    ) {
        this.poll = options.poll ?? process.env.COPIS_WATCH === 'poll';
        this.pollInterval = options.pollInterval ?? 2000;
        this.settle = options.settle ?? 100;
    }

    /** Watches the folders the walks went into, and no others. */
    async sync(): Promise<void> {
        const wanted = new Set(this.manager.modelFolders().filter(f => f.scheme === 'file').map(f => f.fsPath));
        for (const path of [...this.watched.keys()]) if (!wanted.has(path)) this.unwatch(path);
        for (const path of wanted) if (!this.watched.has(path)) await this.watch(path);
    }

    close(): void {
        for (const path of [...this.watched.keys()]) this.unwatch(path);
        clearTimeout(this.timer);
        clearInterval(this.poller);
    }

    private async watch(path: string): Promise<void> {
        if (!this.poll) {
            try {
                const watcher = watch(path, { persistent: false }, (_event, name) => this.touched(name ? join(path, name.toString()) : path));
                watcher.on('error', () => {
                    // Gone, or no longer watchable: a folder that still exists is polled from now on.
                    watcher.close();
                    this.watched.delete(path);
                    this.touched(path);
                });
                this.watched.set(path, watcher);
                return;
            } catch {
                // ENOSPC (the inotify limit), EMFILE, a file system without notifications: poll it.
            }
        }
        this.watched.set(path, await snapshot(path));
        this.poller ??= setInterval(() => void this.pollAll(), this.pollInterval);
        this.poller.unref();
    }

    private unwatch(path: string): void {
        const entry = this.watched.get(path);
        if (entry && !(entry instanceof Map)) entry.close();
        this.watched.delete(path);
    }

    private async pollAll(): Promise<void> {
        for (const [path, entry] of [...this.watched]) {
            if (!(entry instanceof Map)) continue;
            const now = await snapshot(path);
            for (const [name, mtime] of now) if (entry.get(name) !== mtime) this.touched(join(path, name));
            for (const name of entry.keys()) if (!now.has(name)) this.touched(join(path, name));
            if (this.watched.get(path) === entry) this.watched.set(path, now);
        }
    }

    private touched(path: string): void {
        // Swap and lock files of editors, and whatever the walks never look at (but a .gitignore is read by them).
        if (isAlwaysSkipped(basename(path)) && !isRuleFile(basename(path)) && !this.watched.has(path)) return;
        this.dirty.add(path);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.flush(), this.settle);
        this.timer.unref();
    }

    private async flush(): Promise<void> {
        const paths = [...this.dirty];
        this.dirty.clear();
        const changes: FileEvent[] = [];
        for (const path of paths) {
            const uri = URI.file(path).toString();
            const info = await stat(path).catch(() => undefined);
            if (!info) {
                // Deleted (or renamed away): a model file, or a watched folder with what it held.
                const folders = [...this.watched.keys()].filter(watched => watched === path || watched.startsWith(`${path}${sep}`));
                folders.forEach(folder => this.unwatch(folder));
                if (folders.length > 0 || isModelFile(path)) changes.push({ uri, type: FileChangeType.Deleted });
            } else if (info.isDirectory()) {
                if (!this.watched.has(path) && await this.manager.walksInto(URI.file(path))) await this.discover(path, changes);
            } else if (info.isFile() && isModelFile(path)) {
                changes.push({ uri, type: FileChangeType.Changed });
            }
        }
        if (changes.length > 0) this.report(changes);
    }

    /** A folder that appeared (created, or moved in): watch it and what it holds, and report its model files. */
    private async discover(path: string, changes: FileEvent[]): Promise<void> {
        await this.watch(path);
        let entries;
        try {
            entries = await readdir(path, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            const child = join(path, entry.name);
            if (entry.isDirectory()) {
                if (await this.manager.walksInto(URI.file(child))) await this.discover(child, changes);
            } else if (entry.isFile() && isModelFile(child)) {
                changes.push({ uri: URI.file(child).toString(), type: FileChangeType.Created });
            }
        }
    }
}

/** What the editor's watchers would report too (watched-files.ts): model files, the files of the rules (a config, a .gitignore), and CSV files (KPI actuals). */
function isModelFile(path: string): boolean {
    return path.endsWith(MODEL_EXTENSION) || isRuleFile(basename(path)) || /\.csv$/i.test(path);
}

/** The model files, rule files, CSV files and folders of a folder, with their modification times. */
async function snapshot(path: string): Promise<Snapshot> {
    const seen: Snapshot = new Map();
    let entries;
    try {
        entries = await readdir(path, { withFileTypes: true });
    } catch {
        return seen;
    }
    await Promise.all(entries.map(async entry => {
        if (isAlwaysSkipped(entry.name) && !isRuleFile(entry.name)) return;
        if (entry.isDirectory()) seen.set(entry.name, 0);
        else if (isModelFile(join(path, entry.name))) seen.set(entry.name, (await stat(join(path, entry.name)).catch(() => undefined))?.mtimeMs ?? -1);
    }));
    return seen;
}
