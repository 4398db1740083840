import { Emitter, URI, type TextDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DidChangeWatchedFilesNotification, type DidChangeWatchedFilesParams, type FileSystemWatcher, type TextDocumentChangeEvent } from 'vscode-languageserver';
import { CONFIG_FILE } from '../config/copis-config.js';
import { GITIGNORE } from '../workspace/model-files.js';
import type { CopisWorkspaceManager } from '../workspace/copis-workspace-manager.js';
import { CoalescingDocumentUpdateHandler } from './coalescing-update-handler.js';

/**
 * What the server asks the client to watch: model files, the files of the rules of which files a
 * model holds (configs, .gitignore) and CSV files (which of them hold KPI actuals the config files'
 * `actuals` globs say: lsp/actuals-sync.ts), nothing else (no lock files, no build output). One
 * pattern for every CSV file rather than one per glob, so that a config file that changes its globs
 * needs no new registration.
 */
export const MODEL_FILE_WATCHERS: FileSystemWatcher[] = [{ globPattern: '**/*.copis' }, { globPattern: `**/${CONFIG_FILE}` }, { globPattern: `**/${GITIGNORE}` }, { globPattern: '**/*.csv' }];

/**
 * Files changed outside the editor follow the rules of the startup walk (model-files.ts): a
 * `.copis` file created in `node_modules` or a gitignored folder stays out, a config file's or a
 * `.gitignore`'s change walks its folder again. A document opened in the editor that no walk loaded is looked at
 * before it is built (CopisWorkspaceManager.classify). Work is done in the order it came in.
 */
export class CopisDocumentUpdateHandler extends CoalescingDocumentUpdateHandler {
    private readonly manager: CopisWorkspaceManager;
    private readonly documents: LangiumSharedServices['workspace']['LangiumDocuments'];
    private queue: Promise<void> = Promise.resolve();
    private pending = 0;
    /** Whether the client watches files for the server (it offered dynamic registration of watchers and took ours). */
    clientWatchesFiles = false;
    private readonly refusedEmitter = new Emitter<void>();
    /** The client offered to watch files, then refused the server's watchers: the server must watch them itself. */
    readonly onClientRefusedToWatch = this.refusedEmitter.event;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.manager = services.workspace.WorkspaceManager as CopisWorkspaceManager;
        this.documents = services.workspace.LangiumDocuments;
        services.lsp.LanguageServer.onInitialize(params => {
            this.clientWatchesFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
        });
    }

    /**
     * Langium's registration lets a refusal reject unhandled, which ends a Node process: eglot 1.9,
     * for one, answers "Internal error" when the folder is not a git repository it can list.
     */
    protected override registerFileWatcher(services: LangiumSharedServices): void {
        const client = services.lsp.Connection?.client;
        if (!client) return;
        client.register(DidChangeWatchedFilesNotification.type, { watchers: this.getWatchers() }).catch((error: unknown) => {
            console.warn(`copis: the editor did not take the server's file watchers (${error instanceof Error ? error.message : String(error)}); the server watches the model folders itself.`);
            this.clientWatchesFiles = false;
            this.refusedEmitter.fire();
        });
    }

    protected override getWatchers(): FileSystemWatcher[] {
        return MODEL_FILE_WATCHERS;
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        this.onWatchedFilesChangeEmitter.fire(params);
        this.enqueue(async () => {
            const { changed, deleted } = await this.manager.filesChanged(params.changes);
            if (changed.length > 0 || deleted.length > 0) this.fireDocumentUpdate(changed, deleted);
        });
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(change.document.uri);
        // The usual keystroke: a document the workspace already has, nothing queued before it.
        if (this.pending === 0 && this.documents.hasDocument(uri)) {
            super.didChangeContent(change);
            return;
        }
        this.enqueue(async () => {
            await this.manager.classify(uri);
            super.didChangeContent(change);
        });
    }

    private enqueue(work: () => Promise<void>): void {
        this.pending++;
        this.queue = this.queue.then(work).catch(error => {
            console.error('copis: a change of the workspace could not be taken in:', error);
        }).finally(() => {
            this.pending--;
        });
    }
}
