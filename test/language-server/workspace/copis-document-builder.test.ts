import { DocumentState, isOperationCancelled, URI } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { editableLspServices } from '../lsp/lsp-workspace.js';

describe('the document builder', () => {
    test('an edit that cancels the build between two listeners of a validated document: both run (its diagnostics are sent)', async () => {
        const { shared } = editableLspServices({ 'a.copis': 'customer Shopper "Shopper"', 'b.copis': 'system Crm "CRM"' });
        const docs = await Promise.all(['a', 'b'].map(n => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`file:///ws/${n}.copis`))));
        const edit = new CancellationTokenSource();
        const published: string[] = [];
        // As when the editor's next keystroke arrives while the first document's listeners run.
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, () => edit.cancel());
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => { published.push(document.uri.path); });
        const build = shared.workspace.DocumentBuilder.build(docs, { validation: true }, edit.token);
        await expect(build).rejects.toSatisfy(isOperationCancelled);
        const validated = docs.filter(d => d.state === DocumentState.Validated).map(d => d.uri.path);
        expect(validated).toHaveLength(1);
        // The document that reached the phase got every listener; the build stopped after it.
        expect(published).toEqual(validated);
    });
});
