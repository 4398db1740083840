import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocument, TextDocumentChangeEvent } from 'vscode-languageserver';
import { afterClose } from './closed-documents.js';

/**
 * Changes that arrive while a build runs are built together once it ends. Langium queues one
 * build per change; a newer change cancels the queued ones, but each still starts, resets its
 * documents and looks at every file before it stops. Here the changes wait in a set, and a
 * queued build with a newer one of its kind behind it leaves them to that one (50 changes typed
 * during a long build: one or two builds, not 51).
 *
 * A build cancelled by some other write (the re-validation of workspace-revalidation.ts) still
 * takes the changes, so that its reset of the documents reaches the build that follows.
 *
 * A closed document is a change too: back to its file on disk, or out of the workspace (see
 * closed-documents.ts).
 */
export class CoalescingDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly changed = new Map<string, URI>();
    private readonly deleted = new Map<string, URI>();
    private latest = 0;

    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        void afterClose(this.shared, uri).then(next => {
            // Opened again while the disk was read: the editor's text is the document's again.
            if (this.shared.workspace.TextDocuments.get(uri.toString())) return;
            // (A deletion also drops a change still queued from the open, which would read the disk.)
            if (next === 'disk') this.fireDocumentUpdate([uri], []);
            else if (next === 'drop') this.fireDocumentUpdate([], [uri]);
        });
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        for (const uri of changed) {
            this.deleted.delete(uri.toString());
            this.changed.set(uri.toString(), uri);
        }
        for (const uri of deleted) {
            this.changed.delete(uri.toString());
            this.deleted.set(uri.toString(), uri);
        }
        const mine = ++this.latest;
        this.workspaceManager.ready.then(() => this.workspaceLock.write(token => {
            if (token.isCancellationRequested && mine !== this.latest) return;
            const changes = [...this.changed.values()];
            const deletions = [...this.deleted.values()];
            this.changed.clear();
            this.deleted.clear();
            if (changes.length === 0 && deletions.length === 0 && token.isCancellationRequested) return;
            return this.documentBuilder.update(changes, deletions, token);
        })).catch(error => {
            console.error('Workspace initialization failed. Could not perform document update.', error);
        });
    }
}
