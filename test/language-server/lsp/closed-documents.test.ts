import { EmptyFileSystemProvider, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { afterClose } from '../../../language-server/lsp/closed-documents.js';

/** A workspace folder file:///ws on a file system of `files`, each loaded and built. */
async function workspace(files: Record<string, string>) {
    const fileSystem = Object.assign(new EmptyFileSystemProvider(), {
        readFile: async (uri: URI) => {
            const text = files[uri.toString()];
            if (text === undefined) throw new Error(`ENOENT: ${uri.path}`);
            return text;
        }
    });
    const services = createCopisLspServices({ connection: undefined, fileSystemProvider: () => fileSystem });
    const { WorkspaceManager, LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;
    WorkspaceManager.initialize({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }] });
    return {
        services,
        /** A document as the editor last sent it. */
        async editorText(uri: string, text: string) {
            const document = LangiumDocumentFactory.fromString(text, URI.parse(uri));
            LangiumDocuments.addDocument(document);
            await DocumentBuilder.build([document]);
        },
        after: (uri: string) => afterClose(services.shared, URI.parse(uri))
    };
}

describe('what a closed document falls back to', () => {
    test('its file on disk when the workspace loads it: unchanged when it was saved, read again when not', async () => {
        const ws = await workspace({ 'file:///ws/saved.copis': 'customer A "A"\n', 'file:///ws/sub/unsaved.copis': 'customer B "B"\n' });
        await ws.editorText('file:///ws/saved.copis', 'customer A "A"\n');
        await ws.editorText('file:///ws/sub/unsaved.copis', 'customer Bee "B"\n');
        expect(await ws.after('file:///ws/saved.copis')).toBe('unchanged');
        expect(await ws.after('file:///ws/sub/unsaved.copis')).toBe('disk');
    });

    test('nothing when it has no file the workspace loads: untitled, deleted, outside the folder, in a folder the scan skips', async () => {
        const ws = await workspace({
            'file:///elsewhere/x.copis': 'customer A "A"\n',
            'file:///ws/node_modules/m.copis': 'customer A "A"\n',
            'file:///ws/.hidden/h.copis': 'customer A "A"\n',
            'file:///ws/notes.txt': 'customer A "A"\n'
        });
        for (const uri of ['untitled:Untitled-1', 'file:///ws/deleted.copis', 'file:///elsewhere/x.copis', 'file:///ws/node_modules/m.copis', 'file:///ws/.hidden/h.copis', 'file:///ws/notes.txt']) {
            await ws.editorText(uri, 'customer A "A"\n');
            expect(await ws.after(uri), uri).toBe('drop');
        }
    });
});
