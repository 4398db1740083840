/**
 * KPI actuals in the editor (language §7). The CSV files of actuals are the ones the model roots'
 * config files name in `actuals` (actuals/actuals-globs.ts, as in the CLI), each for its own
 * root's model. The server reads them after every walk of the workspace (at startup, when a config
 * file or the workspace folders change), before the build that walk causes validates anything, and follows them through the file watcher: each one's
 * problems are published under its own URI (a `.csv` opened in the editor shows them), and when
 * one changes, is added or removed, the documents that declare KPIs are validated again, so that
 * `kpi-off-target`, `kpi-stale`, the hover, the code lenses and the preview read the new actuals.
 *
 * The CSV files are never Langium documents: they are read from the file system, and while one is
 * open in the editor, from the text the client forwards (copis/actualsText), saved or not.
 */
import { DocumentState, URI, type FileSystemProvider, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { findActualsFiles, namedByActualsGlobs } from '../actuals/actuals-globs.js';
import type { Actuals } from '../actuals/actuals-service.js';
import type { CopisSharedCoreServices } from '../copis-module.js';
import * as ast from '../generated/ast.js';
import type { ModelRoots } from '../workspace/model-roots.js';

export type PublishDiagnostics = (uri: string, diagnostics: Diagnostic[]) => void;

/** Tells the client which CSV files are actuals files now (copis/actualsFiles). */
export type AnnounceActualsFiles = (uris: string[]) => void;

export function isCsv(uri: string): boolean {
    return /\.csv$/i.test(URI.parse(uri).path);
}

export class ActualsSync {
    private readonly published = new Map<string, string>();
    /** The actuals files the client was last told of (sorted, joined). */
    private announced = '';
    private readonly roots: ModelRoots;
    /** The text of the CSV files open in the editor, as the client last sent it. */
    private readonly open = new Map<string, string>();
    /** A check of the KPIs that is queued and has not started yet. */
    private queued: { promise?: Promise<void> } | undefined;

    constructor(
        private readonly shared: CopisSharedCoreServices,
        private readonly actuals: Actuals,
        private readonly fileSystem: FileSystemProvider,
        private readonly publish: PublishDiagnostics,
        private readonly announce: AnnounceActualsFiles = () => undefined
    ) {
        this.roots = shared.workspace.ModelRoots;
        // The KPIs an actuals file names may have changed with any build: its problems with them.
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => this.publishAll());
    }

    /**
     * After a walk of the workspace, before the build it causes (CopisWorkspaceManager
     * beforeBuildingScanned, under the workspace lock): reads the files the config files' `actuals`
     * name now and lets go of those they no longer name, so that the build validates every KPI
     * against them, the first build at startup included. When they changed, the documents that
     * declare KPIs are validated again by that build. Their problems are published once it is done
     * (they depend on the KPIs it indexes).
     */
    async beforeBuild(): Promise<void> {
        if (await this.readNamed()) this.resetKpiDocuments();
        void this.shared.workspace.WorkspaceLock.read(() => this.publishAll());
    }

    /** Reads the files the config files' `actuals` name now, and lets go of those they no longer name; then checks the KPIs again. */
    async discover(): Promise<void> {
        if (await this.readNamed()) await this.revalidate();
        else this.publishAll();
    }

    /** The file watcher's news about CSV files. */
    async watched(params: DidChangeWatchedFilesParams): Promise<void> {
        let changed = false;
        for (const change of params.changes) {
            if (!isCsv(change.uri)) continue;
            const uri = URI.parse(change.uri).toString();
            if (change.type === FileChangeType.Deleted) {
                changed = this.actuals.removeFile(uri) || changed;
                continue;
            }
            const scope = this.scopeFor(uri);
            if (scope !== undefined) changed = await this.read(uri, scope) || changed;
        }
        if (changed) await this.revalidate();
    }

    /**
     * The text of a CSV file open in the editor (saved or not); `undefined` once it is closed, when
     * the file on disk counts again. Edits that come while the KPIs are being checked again are
     * checked together once that is done.
     */
    async edited(uri: string, text: string | undefined): Promise<void> {
        if (!isCsv(uri)) return;
        const key = URI.parse(uri).toString();
        if (text === undefined) this.open.delete(key); else this.open.set(key, text);
        const scope = this.scopeFor(key);
        if (scope === undefined) return;
        if (await this.read(key, scope)) await this.revalidate();
    }

    /**
     * Publishes the problems of every actuals file whose problems changed (and clears those of a file no
     * longer one), and tells the client when the set of actuals files changed.
     */
    publishAll(): void {
        const uris = new Set(this.actuals.uris());
        const set = [...uris].sort();
        if (set.join('\n') !== this.announced) {
            this.announced = set.join('\n');
            this.announce(set);
        }
        for (const uri of uris) {
            const diagnostics = this.actuals.diagnostics(uri);
            const key = JSON.stringify(diagnostics);
            if (this.published.get(uri) === key) continue;
            this.published.set(uri, key);
            this.publish(uri, diagnostics);
        }
        for (const uri of [...this.published.keys()]) {
            if (uris.has(uri)) continue;
            this.published.delete(uri);
            this.publish(uri, []);
        }
    }

    /** The model a CSV file serves: the one it serves already, else its model root's when that root's `actuals` name it. */
    private scopeFor(uri: string): string | undefined {
        if (this.actuals.has(uri)) return this.actuals.scopeOf(uri);
        const root = this.roots.rootOf(uri);
        return namedByActualsGlobs(root, URI.parse(uri)) ? root.uri : undefined;
    }

    /** Whether the actuals changed. */
    private async readNamed(): Promise<boolean> {
        const wanted = new Map((await findActualsFiles(this.roots.all(), this.fileSystem)).map(ref => [ref.uri, ref.scope] as const));
        let changed = false;
        for (const uri of this.actuals.uris()) if (!wanted.has(uri)) changed = this.actuals.removeFile(uri) || changed;
        for (const [uri, scope] of wanted) changed = await this.read(uri, scope) || changed;
        return changed;
    }

    /** The documents that declare KPIs, back to before their validation (the next build validates them; documents not that far yet get there anyway). */
    private resetKpiDocuments(): void {
        const { DocumentBuilder, LangiumDocuments } = this.shared.workspace;
        const stale = LangiumDocuments.all.filter(d => d.state >= DocumentState.IndexedReferences && declaresKpis(d)).toArray();
        for (const d of stale) DocumentBuilder.resetToState(d, DocumentState.IndexedReferences);
    }

    private async read(uri: string, scope: string): Promise<boolean> {
        let text = this.open.get(uri);
        if (text === undefined) {
            try {
                text = await this.fileSystem.readFile(URI.parse(uri));
            } catch {
                // Gone or unreadable: it holds no actuals (any more).
                return this.actuals.removeFile(uri);
            }
        }
        return this.actuals.setFile({ uri, text, scope });
    }

    /**
     * Validates the documents that declare KPIs again (validation only), then publishes the files'
     * problems. A check that is queued and has not started takes the changes that come meanwhile
     * (it reads the actuals as they are when it runs): a burst of edits is one check, not one each.
     */
    private revalidate(): Promise<void> {
        if (this.queued?.promise) return this.queued.promise;
        const { DocumentBuilder, WorkspaceLock } = this.shared.workspace;
        const ticket: { promise?: Promise<void> } = {};
        this.queued = ticket;
        const promise = WorkspaceLock.write(async token => {
            // Started: what changes from now on needs a check of its own.
            if (this.queued === ticket) this.queued = undefined;
            this.resetKpiDocuments();
            // (An edit that cancels this build leaves them below Validated: its own build validates them.)
            await DocumentBuilder.update([], [], token);
        }).then(() => this.publishAll());
        ticket.promise = promise;
        return promise;
    }
}

function declaresKpis(document: LangiumDocument): boolean {
    return ((document.parseResult.value as ast.Model).elements ?? []).some(e =>
        (ast.isObjective(e) && e.kpis.length > 0) || (ast.isJourney(e) && e.objectives.some(o => o.kpis.length > 0)));
}
