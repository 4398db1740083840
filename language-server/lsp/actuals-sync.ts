/**
 * KPI actuals in the editor (language §7). The server finds the CSV files of actuals in the
 * workspace when it starts and follows them through the file watcher: each one's problems are
 * published under its own URI (a `.csv` opened in the editor shows them), and when one changes,
 * is added or removed, the documents that declare KPIs are validated again, so that
 * `kpi-off-target`, `kpi-stale`, the hover, the code lenses and the preview read the new actuals.
 *
 * Until the config file's `actuals` globs say which files hold actuals, a `.csv` of the workspace
 * is one when its header row names a `kpi` column (a file once taken stays one, so that breaking
 * its header is reported, not ignored). The CSV files are never Langium documents: they are read
 * from the file system, and while one is open in the editor, from the text the client forwards
 * (copis/actualsText), saved or not.
 */
import { DocumentState, URI, type FileSystemProvider, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver';
import type { Actuals } from '../actuals/actuals-service.js';
import { readCsvTable } from '../actuals/csv-table.js';
import * as ast from '../generated/ast.js';

export type PublishDiagnostics = (uri: string, diagnostics: Diagnostic[]) => void;

/** Whether a CSV text is one of KPI actuals: its first row names a `kpi` column. */
export function looksLikeActuals(text: string): boolean {
    const header = readCsvTable(text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0]).rows[0] ?? [];
    return header.some(cell => cell.trim().toLowerCase() === 'kpi');
}

export function isCsv(uri: string): boolean {
    return /\.csv$/i.test(URI.parse(uri).path);
}

export class ActualsSync {
    private readonly published = new Map<string, string>();
    /** A check of the KPIs that is queued and has not started yet. */
    private queued: { promise?: Promise<void> } | undefined;

    constructor(
        private readonly shared: LangiumSharedCoreServices,
        private readonly actuals: Actuals,
        private readonly fileSystem: FileSystemProvider,
        private readonly publish: PublishDiagnostics
    ) {
        // The KPIs an actuals file names may have changed with any build: its problems with them.
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => this.publishAll());
    }

    /** Finds the actuals files below the workspace folders (not in node_modules or dot-folders). */
    async discover(folders: readonly string[]): Promise<void> {
        const found: URI[] = [];
        for (const folder of folders) await this.walk(URI.parse(folder), found);
        let changed = false;
        for (const uri of found) changed = await this.read(uri) || changed;
        if (changed) await this.revalidate();
        else this.publishAll();
    }

    /** The file watcher's news about CSV files. */
    async watched(params: DidChangeWatchedFilesParams): Promise<void> {
        let changed = false;
        for (const change of params.changes) {
            if (!isCsv(change.uri)) continue;
            const uri = URI.parse(change.uri);
            changed = change.type === FileChangeType.Deleted ? this.forget(uri.toString()) || changed : await this.read(uri) || changed;
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
        const changed = text === undefined ? await this.read(URI.parse(uri)) : this.take(uri, text);
        if (changed) await this.revalidate();
    }

    /** Publishes the problems of every actuals file whose problems changed (and clears those of a file no longer one). */
    publishAll(): void {
        const uris = new Set(this.actuals.uris());
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

    private async read(uri: URI): Promise<boolean> {
        let text: string;
        try {
            text = await this.fileSystem.readFile(uri);
        } catch {
            // Gone or unreadable: it holds no actuals (any more).
            return this.forget(uri.toString());
        }
        return this.take(uri.toString(), text);
    }

    /** Takes a CSV text as actuals when it holds them (or did: a broken header is reported, not ignored). */
    private take(uri: string, text: string): boolean {
        if (!this.actuals.has(uri) && !looksLikeActuals(text)) return false;
        return this.actuals.setFile({ uri, text });
    }

    private forget(uri: string): boolean {
        return this.actuals.removeFile(uri);
    }

    /**
     * Validates the documents that declare KPIs again (validation only), then publishes the files'
     * problems. A check that is queued and has not started takes the changes that come meanwhile
     * (it reads the actuals as they are when it runs): a burst of edits is one check, not one each.
     */
    private revalidate(): Promise<void> {
        if (this.queued?.promise) return this.queued.promise;
        const { DocumentBuilder, LangiumDocuments, WorkspaceLock } = this.shared.workspace;
        const ticket: { promise?: Promise<void> } = {};
        this.queued = ticket;
        const promise = WorkspaceLock.write(async token => {
            // Started: what changes from now on needs a check of its own.
            if (this.queued === ticket) this.queued = undefined;
            const stale = LangiumDocuments.all.filter(d => d.state >= DocumentState.IndexedReferences && declaresKpis(d)).toArray();
            for (const d of stale) DocumentBuilder.resetToState(d, DocumentState.IndexedReferences);
            // (An edit that cancels this build leaves them below Validated: its own build validates them.)
            await DocumentBuilder.update([], [], token);
        }).then(() => this.publishAll());
        ticket.promise = promise;
        return promise;
    }

    private async walk(folder: URI, found: URI[]): Promise<void> {
        let entries;
        try {
            entries = await this.fileSystem.readDirectory(folder);
        } catch {
            return;
        }
        for (const entry of entries) {
            const name = entry.uri.path.slice(entry.uri.path.lastIndexOf('/') + 1);
            if (name.startsWith('.') || name === 'node_modules') continue;
            if (entry.isDirectory) await this.walk(entry.uri, found);
            else if (entry.isFile && isCsv(entry.uri.toString())) found.push(entry.uri);
        }
    }
}

function declaresKpis(document: LangiumDocument): boolean {
    return ((document.parseResult.value as ast.Model).elements ?? []).some(e =>
        (ast.isObjective(e) && e.kpis.length > 0) || (ast.isJourney(e) && e.objectives.some(o => o.kpis.length > 0)));
}
