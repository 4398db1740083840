import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * Diagnostics say which version of an open document they were computed from (`version` of
 * `textDocument/publishDiagnostics`). Langium sends none; while one types faster than the server
 * builds, a client cannot tell the diagnostics of a text it no longer shows from fresh ones
 * (eglot and Neovim drop those of an older version when they are told). An open document's
 * `textDocument` is the text it was parsed from (parser/copis-document-factory.ts).
 */
export function publishDiagnosticsWithVersions(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const documents = shared.workspace.LangiumDocuments;
    const send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = params => {
        // (A closed document's diagnostics are about the file on disk: no version.)
        if (params.version !== undefined || !shared.workspace.TextDocuments?.get(params.uri)) return send(params);
        const version = documents.getDocument(URI.parse(params.uri))?.textDocument.version;
        return send(version === undefined ? params : { ...params, version });
    };
}
