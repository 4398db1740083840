import { DocumentState, EmptyFileSystem, EmptyFileSystemProvider, URI, type LangiumDocument } from 'langium';
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
 * The language server's services over files the test can edit (name → text, as file:///ws/NAME), as
 * the editor edits them. Nothing is built until `build()`: every file loaded as the server loads its
 * workspace, built and validated. `edit` changes a file and runs Langium's incremental update under
 * the workspace lock, as the server does, then waits for the re-validation the update schedules (a
 * later write would cancel it); `settleTimeout` ms at most, a hang detector, not a speed limit.
 * A test may change `texts` and update on its own.
 */
export function editableLspServices(files: Record<string, string>, options: { settleTimeout?: number } = {}) {
    const texts = new Map(Object.entries(files).map(([name, text]) => [`file:///ws/${name}`, text]));
    const fileSystem = Object.assign(new EmptyFileSystemProvider(), {
        readFile: async (uri: URI) => texts.get(uri.toString()) ?? '',
        readFileSync: (uri: URI) => texts.get(uri.toString()) ?? ''
    });
    const services = createCopisLspServices({ connection: undefined, fileSystemProvider: () => fileSystem });
    const { shared } = services;
    const documents = shared.workspace.LangiumDocuments;
    const uri = (name: string) => `file:///ws/${name}`;
    const doc = (name: string): LangiumDocument => {
        const found = documents.getDocument(URI.parse(uri(name)));
        if (!found) throw new Error(`no file ${name} in the workspace`);
        return found;
    };
    const docs = () => documents.all.toArray();
    const build = async (): Promise<LangiumDocument[]> => {
        const loaded = await Promise.all([...texts.keys()].map(u => documents.getOrCreateDocument(URI.parse(u))));
        shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
        await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
        return loaded;
    };
    const settleTimeout = options.settleTimeout ?? 10_000;
    const edit = async (name: string, text: string) => {
        texts.set(uri(name), text);
        await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([URI.parse(uri(name))], [], token));
        const started = Date.now();
        while (docs().some(d => d.state < DocumentState.Validated)) {
            if (Date.now() - started > settleTimeout) throw new Error(`the workspace was not validated again within ${settleTimeout} ms of editing ${name}`);
            await new Promise(r => setTimeout(r, 2));
        }
    };
    return { services, shared, Copis: services.Copis, texts, uri, doc, docs, build, edit };
}
