import { EmptyFileSystem, EmptyFileSystemProvider, URI, type LangiumDocument } from 'langium';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { TEST_AS_OF } from '../../helpers.js';

/**
 * The language server's services over `files` (name → text, as file:///ws/NAME), built and validated;
 * with `actuals` (name → CSV text, as file:///ws/NAME), the KPI actuals they read.
 */
export async function lspWorkspace(files: Record<string, string>, options: { actuals?: Record<string, string> } = {}) {
    const { shared, Copis } = createCopisLspServices({ connection: undefined, ...EmptyFileSystem });
    Copis.validation.AsOf.set(TEST_AS_OF);
    Copis.validation.Actuals.setFiles(Object.entries(options.actuals ?? {}).map(([name, text]) => ({ uri: `file:///ws/${name}`, text })));
    const docs = Object.entries(files).map(([name, text]) => {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`));
        shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await shared.workspace.DocumentBuilder.build(docs, { validation: true });
    const doc = (name: string): LangiumDocument => {
        const found = docs.find(d => d.uri.path.endsWith(`/${name}`));
        if (!found) throw new Error(`no file ${name} in the workspace`);
        return found;
    };
    /** The text-document position `shift` characters into the `n`th occurrence of `needle` in file `name`. */
    const at = (name: string, needle: string, shift = 0, n = 0) => {
        const text = files[name];
        let offset = -1;
        for (let i = 0; i <= n; i++) offset = text.indexOf(needle, offset + 1);
        if (offset < 0) throw new Error(`no \`${needle}\` in ${name}`);
        return { textDocument: { uri: doc(name).uri.toString() }, position: doc(name).textDocument.positionAt(offset + shift) };
    };
    return { shared, Copis, docs, doc, at };
}

/**
 * The language server's services over files the test can edit (name → text, as file:///ws/NAME):
 * change `texts`, then run Langium's incremental update, as the editor would. Nothing is built yet.
 */
export function editableLspServices(files: Record<string, string>) {
    const texts = new Map(Object.entries(files).map(([name, text]) => [`file:///ws/${name}`, text]));
    const fileSystem = Object.assign(new EmptyFileSystemProvider(), {
        readFile: async (uri: URI) => texts.get(uri.toString()) ?? '',
        readFileSync: (uri: URI) => texts.get(uri.toString()) ?? ''
    });
    const { shared } = createCopisLspServices({ connection: undefined, fileSystemProvider: () => fileSystem });
    return { shared, texts };
}
