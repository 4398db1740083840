/**
 * Loads the workspace folders the way the CLI loads a folder (model-files.ts): the model roots in
 * them, each `.copis` file the rules let in, and nothing else. Keeps that true while the editor
 * runs: folders added and removed, files created and deleted outside the editor, config files that
 * come, go or change, documents opened although the rules leave them out.
 */
import {
    DefaultWorkspaceManager, DocumentState, Emitter, URI, UriUtils, type Disposable, type Event, type FileSystemNode, type LangiumDocument, type TextDocumentProvider,
    type WorkspaceFolder
} from 'langium';
import { CancellationToken, FileChangeType, type FileEvent } from 'vscode-languageserver-protocol';
import { DEFAULT_CONFIG } from '../config/copis-config.js';
import type { CopisSharedCoreServices } from '../copis-module.js';
import type { CopisIndexManager } from './copis-index-manager.js';
import { MODEL_EXTENSION, ModelRootLocator, isAlwaysSkipped, isRuleFile, type ModelFileSystem } from './model-files.js';
import { rootKey, type ModelRoot, type ModelRoots } from './model-roots.js';

/** What one workspace folder holds, as its last walk found it. */
interface Scan {
    folder: URI;
    /** Where the walk starts: the workspace folder, or the model root above it that it is part of. */
    start: URI;
    locator: ModelRootLocator;
    roots: ModelRoot[];
    files: Set<string>;
    /** The folders the walk went into (the server's own watcher watches these). */
    folders: Set<string>;
}

export class CopisWorkspaceManager extends DefaultWorkspaceManager {
    private readonly roots: ModelRoots;
    private readonly index: CopisIndexManager;
    private readonly textDocuments: () => TextDocumentProvider | undefined;
    private readonly scans = new Map<string, Scan>();
    private readonly onScannedEmitter = new Emitter<void>();
    private readonly beforeBuild: Array<() => Promise<void>> = [];
    private readonly modelFs: ModelFileSystem;

    constructor(services: CopisSharedCoreServices) {
        super(services);
        this.roots = services.workspace.ModelRoots;
        this.index = services.workspace.IndexManager as CopisIndexManager;
        this.textDocuments = () => services.workspace.TextDocuments;
        this.modelFs = {
            readText: uri => this.fileSystemProvider.readFile(uri).catch(() => undefined),
            exists: uri => this.fileSystemProvider.exists(uri).catch(() => false)
        };
    }

    /** Fired after the folders were walked again (startup, a folder added or removed, a config file changed). */
    get onScanned(): Event<void> {
        return this.onScannedEmitter.event;
    }

    /**
     * Work on what a walk found that the build it causes must see done (the KPI actuals the config
     * files name): awaited under the workspace lock after each walk, before that build starts. An
     * `onScanned` listener runs too late for that: at startup it fires as the walk ends and the
     * first build then runs alongside whatever the listener started.
     */
    beforeBuildingScanned(action: () => Promise<void>): Disposable {
        this.beforeBuild.push(action);
        return {
            dispose: () => {
                const i = this.beforeBuild.indexOf(action);
                if (i >= 0) this.beforeBuild.splice(i, 1);
            }
        };
    }

    /** Every folder the walks went into: what a watcher must watch to see every model file come and go. */
    modelFolders(): URI[] {
        const all = new Map<string, URI>();
        for (const scan of this.scans.values()) for (const folder of scan.folders) all.set(folder, URI.parse(folder));
        return [...all.values()];
    }

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        const documents: LangiumDocument[] = [];
        const collector = (document: LangiumDocument) => {
            documents.push(document);
            if (!this.langiumDocuments.hasDocument(document.uri)) this.langiumDocuments.addDocument(document);
        };
        await this.loadAdditionalDocuments(folders, collector);
        const scans = await Promise.all(folders.map(folder => this.scan(URI.parse(folder.uri))));
        const uris = new Map<string, URI>();
        for (const scan of scans) {
            this.scans.set(rootKey(scan.folder), scan);
            this.roots.setScan(rootKey(scan.folder), scan.roots);
            for (const file of scan.files) if (!uris.has(file)) uris.set(file, URI.parse(file));
        }
        const fresh = [...uris.values()].filter(uri => !this.langiumDocuments.hasDocument(uri));
        await this.loadWorkspaceDocuments(fresh, collector);
        // Still under the lock of initializeWorkspace, which builds the documents once this returns.
        await this.prepareBuild();
        this._ready.resolve();
        this.onScannedEmitter.fire();
        return documents;
    }

    protected override async loadWorkspaceDocuments(uris: Iterable<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await Promise.all([...uris].map(async uri => {
            try {
                collector(await this.langiumDocuments.getOrCreateDocument(uri));
            } catch (error) {
                // A file that went away or cannot be read between the walk and now: the rest still loads.
                console.error(`copis: could not load ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
            }
        }));
    }

    /** Langium's directory search (a changed folder) follows the rules too. */
    protected override async traverseFolder(folder: URI, uris: URI[]): Promise<void> {
        const scan = this.scanOf(folder);
        if (!scan || !await scan.locator.walksInto(folder, scan.start)) return;
        const files = new Set<string>();
        await this.walk(folder, scan.locator, files, new Set());
        for (const file of files) uris.push(URI.parse(file));
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        const name = UriUtils.basename(entry.uri);
        if (isAlwaysSkipped(name)) return false;
        return entry.isDirectory || (entry.isFile && name.endsWith(MODEL_EXTENSION));
    }

    /** Whether the walks go into `folder` (it is in a workspace folder, and no rule leaves it out). */
    async walksInto(folder: URI): Promise<boolean> {
        const scan = this.scanOf(folder);
        return scan !== undefined && scan.locator.walksInto(folder, scan.start);
    }

    /**
     * The watched files' changes that concern the model: a `.copis` file the rules leave out (in
     * `node_modules`, gitignored, excluded) is dropped as the startup walk drops it; a change of a
     * config file or a `.gitignore` walks the workspace folders it concerns again. Returns what the
     * document builder must update.
     */
    async filesChanged(changes: readonly FileEvent[]): Promise<{ changed: URI[]; deleted: URI[] }> {
        await this.ready;
        const changed = new Map<string, URI>();
        const deleted = new Map<string, URI>();
        const configs: URI[] = [];
        for (const change of changes) {
            const uri = URI.parse(change.uri);
            const key = uri.toString();
            const name = UriUtils.basename(uri);
            if (isRuleFile(name)) {
                // One in node_modules or a gitignored folder has no say (git does not read it either): nothing to walk again.
                // One above a walk's start (the repository's top above the workspace folder) applies to all below it.
                const folder = UriUtils.dirname(uri);
                const scan = this.scanOf(uri);
                const above = [...this.scans.values()].some(s => isAtOrBelow(s.start, folder) && s.start.path !== folder.path);
                if (above || (scan && await scan.locator.walksInto(folder, scan.start))) configs.push(uri);
                continue;
            }
            if (change.type === FileChangeType.Deleted) {
                changed.delete(key);
                if (name.endsWith(MODEL_EXTENSION)) {
                    for (const scan of this.scans.values()) scan.files.delete(key);
                    if (this.langiumDocuments.hasDocument(uri)) deleted.set(key, uri);
                    continue;
                }
                // A folder that held model files (the server's own watcher reports those).
                for (const scan of this.scans.values()) for (const file of [...scan.files]) if (file.startsWith(`${key}/`)) scan.files.delete(file);
                if (this.langiumDocuments.all.some(d => d.uri.toString().startsWith(`${key}/`))) deleted.set(key, uri);
                continue;
            }
            if (!name.endsWith(MODEL_EXTENSION)) continue; // a client that sends more than was asked for (lock files, folders)
            deleted.delete(key);
            if (this.langiumDocuments.hasDocument(uri) && !this.roots.isIsolated(uri)) {
                changed.set(key, uri);
                continue;
            }
            const scan = this.scanOf(uri);
            if (scan && await scan.locator.loads(uri, scan.start)) {
                scan.files.add(key);
                this.roots.setIsolated(uri, false);
                changed.set(key, uri);
            }
        }
        // Not awaited: the walk and the rebuild take their turn under the workspace lock, and keystrokes
        // meanwhile need not wait behind them.
        if (configs.length > 0) this.reloadFor(configs).catch(error => console.error('copis: the config files could not be reloaded:', error));
        return { changed: [...changed.values()], deleted: [...deleted.values()] };
    }

    /**
     * Before a document that no walk loaded (opened in the editor) is built: one the rules leave out
     * is a scope of its own, so that a gitignored copy of the model does not collide with the model.
     */
    async classify(uri: URI): Promise<void> {
        await this.ready;
        if (this.langiumDocuments.hasDocument(uri)) return;
        const scan = this.scanOf(uri);
        if (!scan || scan.files.has(uri.toString())) return; // outside every folder: the documents outside see each other
        if (await scan.locator.loads(uri, scan.start)) scan.files.add(uri.toString());
        else this.roots.setIsolated(uri, true);
    }

    /** `workspace/didChangeWorkspaceFolders`: loads the added folders and drops the removed ones. */
    async changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void> {
        await this.ready;
        const removedKeys = new Set(removed.map(f => rootKey(f.uri)));
        const scans = await Promise.all(added.filter(f => !removedKeys.has(rootKey(f.uri))).map(f => this.scan(URI.parse(f.uri))));
        await this.mutex.write(async token => {
            this.folders = [...(this.folders ?? []).filter(f => !removedKeys.has(rootKey(f.uri))), ...added.filter(f => !removedKeys.has(rootKey(f.uri)))];
            const before = this.scopesNow();
            const gone = new Set<string>();
            const changedRoots = new Set<string>();
            for (const key of removedKeys) {
                const scan = this.scans.get(key);
                if (!scan) continue;
                this.scans.delete(key);
                this.roots.dropScan(key).forEach(k => changedRoots.add(k));
                scan.files.forEach(f => gone.add(f));
            }
            for (const scan of scans) {
                this.scans.set(rootKey(scan.folder), scan);
                this.roots.setScan(rootKey(scan.folder), scan.roots).forEach(k => changedRoots.add(k));
            }
            await this.apply(before, gone, changedRoots, token);
        });
        this.onScannedEmitter.fire();
    }

    /** A config file or a `.gitignore` changed: walks the workspace folders it concerns again. */
    private async reloadFor(configs: readonly URI[]): Promise<void> {
        const affected = [...this.scans.entries()].filter(([, scan]) => configs.some(config => {
            const folder = UriUtils.dirname(config);
            return isAtOrBelow(folder, scan.start) || isAtOrBelow(scan.folder, folder);
        }));
        if (affected.length === 0) return;
        const rescans = await Promise.all(affected.map(([, scan]) => this.scan(scan.folder)));
        await this.mutex.write(async token => {
            const before = this.scopesNow();
            const gone = new Set<string>();
            const changedRoots = new Set<string>();
            affected.forEach(([key, old], i) => {
                old.files.forEach(f => gone.add(f));
                this.scans.set(key, rescans[i]);
                this.roots.setScan(key, rescans[i].roots).forEach(k => changedRoots.add(k));
            });
            await this.apply(before, gone, changedRoots, token);
        });
        this.onScannedEmitter.fire();
    }

    /**
     * After the scans changed: documents no scan loads any more are dropped (or, when open in the
     * editor, kept in a scope of their own), new ones are added, and every document whose model
     * changed is linked and validated again.
     */
    private async apply(before: Map<string, string>, candidates: Set<string>, changedRoots: ReadonlySet<string>, token: CancellationToken): Promise<void> {
        await this.prepareBuild();
        const loaded = new Set<string>();
        for (const scan of this.scans.values()) scan.files.forEach(f => loaded.add(f));
        const open = this.textDocuments();
        const deleted: URI[] = [];
        for (const document of this.langiumDocuments.all) {
            const key = document.uri.toString();
            const isOpen = Boolean(open?.get(key));
            if (loaded.has(key)) this.roots.setIsolated(key, false);
            else if (isOpen) this.roots.setIsolated(key, this.scanOf(document.uri) !== undefined);
            else if (candidates.has(key)) deleted.push(document.uri);
        }
        const added = [...loaded].filter(f => !this.langiumDocuments.hasDocument(URI.parse(f))).map(f => URI.parse(f));
        this.relinkChangedScopes(before, changedRoots);
        await this.documentBuilder.update(added, deleted, token);
    }

    private async prepareBuild(): Promise<void> {
        for (const action of this.beforeBuild) await action();
    }

    /** Each document's scope now, to compare with after a change. */
    private scopesNow(): Map<string, string> {
        return new Map(this.langiumDocuments.all.map(d => [d.uri.toString(), this.roots.scopeOf(d.uri)] as const).toArray());
    }

    /** Links again every document of a scope that gained or lost a document, or whose root came, went or changed its config. */
    private relinkChangedScopes(before: Map<string, string>, changedRoots: ReadonlySet<string>): void {
        const moved = this.index.rekey();
        const touched = new Set<string>(changedRoots);
        for (const [uri, scope] of moved) {
            touched.add(scope);
            touched.add(this.roots.scopeOf(uri));
        }
        for (const document of this.langiumDocuments.all) {
            const key = document.uri.toString();
            const now = this.roots.scopeOf(key);
            const was = before.get(key);
            if (was !== undefined && was !== now) {
                touched.add(was);
                touched.add(now);
            }
        }
        for (const document of this.langiumDocuments.all) {
            if (touched.has(this.roots.scopeOf(document.uri)) && document.state > DocumentState.ComputedScopes) {
                this.documentBuilder.resetToState(document, DocumentState.ComputedScopes);
            }
        }
    }

    /** Walks a workspace folder: its model roots and model files. */
    private async scan(folder: URI): Promise<Scan> {
        const locator = new ModelRootLocator(this.modelFs);
        const enclosing = await locator.rootOf(folder);
        const start = enclosing ? URI.parse(enclosing.uri) : folder;
        const files = new Set<string>();
        const folders = new Set<string>();
        await this.walk(start, locator, files, folders);
        const found = locator.foundRoots().filter(root => isAtOrBelow(URI.parse(root.uri), start));
        const roots = enclosing ? found : [{ uri: rootKey(folder), config: DEFAULT_CONFIG, problems: [] }, ...found];
        return { folder, start, locator, roots, files, folders };
    }

    private async walk(folder: URI, locator: ModelRootLocator, files: Set<string>, folders: Set<string>): Promise<void> {
        let entries: FileSystemNode[];
        try {
            entries = await this.fileSystemProvider.readDirectory(folder);
        } catch (error) {
            console.error(`copis: cannot read the folder ${folder.toString(true)}; its files are left out: ${error instanceof Error ? error.message : String(error)}`);
            return;
        }
        folders.add(rootKey(folder));
        const rules = await locator.rulesFor(folder, entries.map(e => UriUtils.basename(e.uri)));
        await Promise.all(entries.map(async entry => {
            const name = UriUtils.basename(entry.uri);
            if (entry.isDirectory) {
                if (!rules.skips(name, true)) await this.walk(entry.uri, locator, files, folders);
            } else if (entry.isFile && !rules.skips(name, false)) {
                files.add(entry.uri.toString());
            }
        }));
    }

    /** The scan a URI is in: the one with the deepest start above it. */
    private scanOf(uri: URI): Scan | undefined {
        let best: Scan | undefined;
        for (const scan of this.scans.values()) {
            if (isAtOrBelow(uri, scan.start) && (!best || scan.start.path.length > best.start.path.length)) best = scan;
        }
        return best;
    }
}

function isAtOrBelow(uri: URI, folder: URI): boolean {
    if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
    const base = folder.path.replace(/\/$/, '');
    return uri.path === base || uri.path.startsWith(`${base}/`);
}
