import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { WorkspaceFacts } from '../validation/workspace-facts.js';

/**
 * Keeps workspace-wide diagnostics fresh in the editor. Langium rebuilds the documents that
 * changed and those that refer to them; but a document can also be affected without referring
 * to the change: its customer is now used elsewhere (no longer `unused-declaration`), or another
 * file now declares the same name (`duplicate-name`). After each build, documents whose
 * workspace-wide verdicts changed are validated again (validation only: no re-parse, no relink).
 */
export function keepWorkspaceDiagnosticsFresh(shared: LangiumSharedCoreServices, facts: WorkspaceFacts): void {
    const builder = shared.workspace.DocumentBuilder;
    const documents = shared.workspace.LangiumDocuments;
    const signatures = new Map<string, string>();

    builder.onDocumentPhase(DocumentState.Validated, document => {
        signatures.set(document.uri.toString(), facts.signature(document));
    });
    builder.onBuildPhase(DocumentState.Validated, built => {
        const rebuilt = new Set(built.map(d => d.uri.toString()));
        const stale: LangiumDocument[] = [];
        for (const document of documents.all) {
            const uri = document.uri.toString();
            if (rebuilt.has(uri) || document.state < DocumentState.Validated) continue;
            if (signatures.get(uri) !== facts.signature(document)) stale.push(document);
        }
        if (stale.length === 0) return;
        stale.forEach(d => builder.resetToState(d, DocumentState.IndexedReferences));
        // After this build has finished: `update` rebuilds every document below `Validated`.
        void shared.workspace.WorkspaceLock.write(token => builder.update([], [], token));
    });
}
