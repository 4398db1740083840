import { DocumentState, URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocument, TextDocumentChangeEvent } from 'vscode-languageserver';
import { afterClose } from './closed-documents.js';

/**
 * Changes are built together, and a build is not given up before it has delivered the documents
 * whose text it builds.
 *
 * Langium starts a build per change and a newer change cancels the running one. When a build of
 * the changed file takes longer than the pause between keystrokes (a full parse of a 5,000-line
 * file that does not parse, ~150 ms), every build was cancelled before it reached that file's
 * diagnostics: none arrived while one typed, and a hover waited for the file to be linked until
 * typing stopped (seconds).
 *
 * Here a change waits in a set while a build runs, until that build has validated every document
 * whose text it took (their diagnostics are sent then, and reads waiting for them are answered);
 * then one build takes all the waiting changes and cancels the rest of the running one (the other
 * files it was re-checking stay unvalidated and are built by the next). So a burst makes one
 * build per build time, not per keystroke, each from the latest text, and the text being built
 * is at most one build behind the editor.
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
    /** A build of this handler is queued and has not taken the waiting changes yet. */
    private queued = false;
    /** The running build of this handler: the changed documents it has not validated yet (once it has found them). */
    private running?: { undelivered?: Set<string> };

    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
        const builder = shared.workspace.DocumentBuilder;
        // The documents a build's changes are (a changed folder stands for the files in it).
        builder.onUpdate(changed => {
            if (this.running && !this.running.undelivered) this.running.undelivered = new Set(changed.map(uri => uri.toString()));
        });
        builder.onDocumentPhase(DocumentState.Validated, document => {
            const undelivered = this.running?.undelivered;
            if (!undelivered?.delete(document.uri.toString())) return;
            if (undelivered.size === 0) this.schedule();
        });
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
        this.schedule();
    }

    /** Queues a build of the waiting changes, unless one is queued or the running one has not delivered its documents yet. */
    private schedule(): void {
        if (this.queued || this.changed.size + this.deleted.size === 0) return;
        if (this.running && this.running.undelivered?.size !== 0) return;
        this.queued = true;
        this.workspaceManager.ready.then(() => this.workspaceLock.write(async token => {
            this.queued = false;
            const changes = [...this.changed.values()];
            const deletions = [...this.deleted.values()];
            this.changed.clear();
            this.deleted.clear();
            if (changes.length === 0 && deletions.length === 0) return;
            const build: { undelivered?: Set<string> } = {};
            this.running = build;
            try {
                await this.documentBuilder.update(changes, deletions, token);
            } finally {
                if (this.running === build) this.running = undefined;
                // Changes that came while it ran, and that it did not hand over to a next build.
                this.schedule();
            }
        })).catch(error => {
            this.queued = false;
            console.error('Workspace initialization failed. Could not perform document update.', error);
        });
    }
}
