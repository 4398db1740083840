import { DefaultDocumentBuilder, isOperationCancelled, type DocumentState, type LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { CopisSharedCoreServices } from '../copis-module.js';
import type { ModelRoots } from './model-roots.js';

/**
 * Langium's builder, except that every listener of a document's phase runs once the document
 * has reached it. Langium checks for cancellation before each listener and skips the rest once
 * an edit has cancelled the build: a document then stays validated, so it is not built again,
 * but its diagnostics were never sent (found by the editor benchmark: typing while the workspace
 * was still being validated left a file or two without diagnostics for good).
 */
export class CopisDocumentBuilder extends DefaultDocumentBuilder {
    private readonly roots: ModelRoots;

    constructor(services: CopisSharedCoreServices) {
        super(services);
        this.roots = services.workspace.ModelRoots;
    }

    /** A change in one model root cannot change the links of another (they never see each other's names). */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const scope = this.roots.scopeOf(document.uri);
        for (const uri of changedUris) {
            if (this.roots.scopeOf(uri) === scope) return super.shouldRelink(document, changedUris);
        }
        return false;
    }

    protected override async notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        for (const listener of this.documentPhaseListeners.get(state).slice()) {
            try {
                await listener(document, cancelToken);
            } catch (error) {
                if (!isOperationCancelled(error)) throw error;
            }
        }
    }
}
