import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createCopisCoreServices, type CopisServices, type CoreOptions } from '../copis-module.js';

export interface SourceText {
    uri: string;
    text: string;
}

export interface LoadedWorkspace {
    services: CopisServices;
    documents: LangiumDocument[];
}

/**
 * Loads texts as one workspace, links them together and validates them.
 * The CLI, the exports and the tests use this; the language server has Langium's own workspace.
 */
export async function loadWorkspace(sources: SourceText[], options: { validate?: boolean } & CoreOptions = {}): Promise<LoadedWorkspace> {
    const { shared, Copis } = createCopisCoreServices(EmptyFileSystem, { batch: options.batch, asOf: options.asOf, actuals: options.actuals, staleAfterDays: options.staleAfterDays });
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = sources.map(s => {
        const doc = factory.fromString(s.text, URI.parse(s.uri));
        shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: options.validate ?? true });
    return { services: Copis, documents };
}

export async function validateTexts(sources: SourceText[], options: CoreOptions = {}): Promise<Map<string, Diagnostic[]>> {
    const { documents } = await loadWorkspace(sources, options);
    return new Map(documents.map(d => [d.uri.toString(), d.diagnostics ?? []]));
}
