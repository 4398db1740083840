import { DocumentState, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type * as ast from '../../../language-server/generated/ast.js';
import { editableLspServices } from './lsp-workspace.js';

/** The editor's workspace: files that can be edited, the update handler that the editor's changes go through. */
async function workspace(files: Record<string, string>) {
    const { shared, texts } = editableLspServices(files);
    const docs = await Promise.all(Object.keys(files).map(name => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`file:///ws/${name}`))));
    shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
    await shared.workspace.DocumentBuilder.build(docs, { validation: true });
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const handler = shared.lsp.DocumentUpdateHandler as unknown as { fireDocumentUpdate(changed: URI[], deleted: URI[]): void };
    let updates = 0;
    shared.workspace.DocumentBuilder.onUpdate(() => { updates++; });
    const change = (name: string, text: string) => {
        texts.set(`file:///ws/${name}`, text);
        handler.fireDocumentUpdate([URI.parse(`file:///ws/${name}`)], []);
    };
    const doc = (name: string) => shared.workspace.LangiumDocuments.getDocument(URI.parse(`file:///ws/${name}`))!;
    const settled = async () => {
        await new Promise(r => setTimeout(r, 0)); // the handler queues its builds once the workspace is ready (a promise)
        for (let waited = 0; ; waited += 5) {
            await shared.workspace.WorkspaceLock.read(() => undefined); // after the queued builds (a write would cancel them)
            if (shared.workspace.LangiumDocuments.all.every(d => d.state === DocumentState.Validated)) return;
            if (waited > 5000) throw new Error('the workspace was not built again');
            await new Promise(r => setTimeout(r, 5));
        }
    };
    return { shared, change, doc, settled, updates: () => updates };
}

describe('changes faster than builds', () => {
    test('a burst of changes is built once or twice, from the last text', async () => {
        const ws = await workspace({ 'a.copis': 'customer A "A"', 'b.copis': 'journey J { customers A }' });
        for (let i = 0; i < 50; i++) ws.change('a.copis', `customer A "A ${i}"\ncustomer Extra${i}`);
        ws.change('b.copis', 'journey J { customers A, Extra49 }');
        await ws.settled();
        expect(ws.updates()).toBeLessThanOrEqual(2);
        expect(ws.doc('a.copis').textDocument.getText()).toBe('customer A "A 49"\ncustomer Extra49');
        // b.copis changed in the same burst: built from its last text, and its reference resolves
        expect(ws.doc('b.copis').diagnostics?.filter(d => d.code === 'unresolved-reference')).toEqual([]);
        expect(ws.doc('a.copis').diagnostics?.map(d => d.code)).toEqual([]);
    });

    test('a change whose build another write cancels (the re-validation) is still built', async () => {
        const ws = await workspace({ 'a.copis': 'customer A "A"' });
        ws.change('a.copis', 'customer A "A" customer B');
        // Queued right behind it, as workspace-revalidation.ts does: cancels the change's build.
        await Promise.resolve();
        void ws.shared.workspace.WorkspaceLock.write(token => ws.shared.workspace.DocumentBuilder.update([], [], token));
        await ws.settled();
        expect(ws.doc('a.copis').textDocument.getText()).toBe('customer A "A" customer B');
        expect((ws.doc('a.copis').parseResult.value as ast.Model).elements).toHaveLength(2);
    });
});
