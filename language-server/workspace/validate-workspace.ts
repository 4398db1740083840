import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createCopisCoreServices, type CopisServices, type CoreOptions } from '../copis-module.js';
import type { ModelRoot } from './model-roots.js';

export interface SourceText {
    uri: string;
    text: string;
}

export interface LoadedWorkspace {
    services: CopisServices;
    documents: LangiumDocument[];
}

export interface LoadOptions extends CoreOptions {
    validate?: boolean;
    /** The model roots the sources are in (each sees only its own); a source in none is in the roots-less model of the rest. */
    roots?: readonly ModelRoot[];
    /** Sources that are a model of their own (named on the command line, though their root's rules leave them out). */
    isolated?: readonly string[];
}

/**
 * Loads texts as one workspace, links them together and validates them.
 * The CLI, the exports and the tests use this; the language server has Langium's own workspace.
 */
export async function loadWorkspace(sources: SourceText[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
    const { shared, Copis } = createCopisCoreServices(EmptyFileSystem, { batch: options.batch, asOf: options.asOf, actuals: options.actuals });
    shared.workspace.ModelRoots.setScan('sources', options.roots ?? []);
    for (const uri of options.isolated ?? []) shared.workspace.ModelRoots.setIsolated(uri, true);
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
