import { DocumentState, isOperationCancelled, OperationCancelled, ReadPriority, URI, type LangiumDocument } from 'langium';
import {
    addCodeActionHandler, addCompletionHandler, addFormattingHandler, addRenameHandler, type LangiumServices, type LangiumSharedServices
} from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Hover, type HoverParams } from 'vscode-languageserver';
import { mapOffset, reverse, textChange, touchesChange, type TextChange } from './text-mapping.js';
import { lineAndColumn } from '../parser/text-position.js';

/**
 * Which text a request is answered on while the editor is ahead of the server.
 *
 * While one types faster than the server builds, the document the server holds was built from an
 * older text than the editor's (coalescing-update-handler.ts: at most one build behind). Langium
 * answers a request as soon as the document has the state the request needs, from whatever text
 * that was, with positions read in the editor's text: a hover after typing a line break described
 * the line above, and completion or formatting could compute edits for text that is no longer there.
 *
 * - Requests that answer with edits (completion, formatting, rename, code actions) wait until the
 *   document is built from the text the editor had when it asked.
 * - A hover is answered on the last built text when the name under the cursor is outside what
 *   changed since (its position mapped onto that text, and its range back): it does not wait for
 *   the builds of the text typed since. On a name that was typed on, it waits for them.
 *
 * Register after `startLanguageServer`: these handlers replace Langium's.
 */
export function answerOnBuiltText(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const untilCurrent = untilBuiltFromEditorText(shared);
    /** A connection that registers Langium's handler behind a wait for the editor's text. */
    const waiting = (register: (connection: Connection) => void) => register(new Proxy(connection, {
        get(target, property) {
            const value = Reflect.get(target, property);
            if (typeof property !== 'string' || !property.startsWith('on') || typeof value !== 'function') return value;
            return (handler: (params: { textDocument: { uri: string } }, token: CancellationToken, ...rest: unknown[]) => unknown) =>
                value.call(target, async (params: { textDocument: { uri: string } }, token: CancellationToken, ...rest: unknown[]) => {
                    const waited = await untilCurrent(params.textDocument.uri, token);
                    return waited ?? handler(params, token, ...rest);
                });
        }
    }));
    waiting(c => addCompletionHandler(c, shared));
    waiting(c => addFormattingHandler(c, shared));
    waiting(c => addRenameHandler(c, shared));
    waiting(c => addCodeActionHandler(c, shared));
    connection.onHover((params, token) => hoverOnBuiltText(shared, params, token));
}

/** Waits until the document is parsed from the editor's current text; a ResponseError if the request was cancelled. */
function untilBuiltFromEditorText(shared: LangiumSharedServices) {
    return async (uri: string, token: CancellationToken): Promise<ResponseError | undefined> => {
        const editor = shared.workspace.TextDocuments?.get(uri);
        if (!editor) return undefined;
        try {
            await shared.workspace.WorkspaceManager.ready;
            await untilBuilt(shared, URI.parse(uri), editor.version, DocumentState.Parsed, token);
            return undefined;
        } catch (error) {
            return responseError(error);
        }
    };
}

/**
 * Resolves once the document has reached `state` from version `version` of the editor's text or
 * a later one (or is no longer open: nothing more will come).
 */
export function untilBuilt(shared: LangiumSharedServices, uri: URI, version: number, state: DocumentState, token: CancellationToken): Promise<void> {
    const documents = shared.workspace.LangiumDocuments;
    const done = () => {
        const document = documents.getDocument(uri);
        return !document || !shared.workspace.TextDocuments?.get(uri) || (document.state >= state && document.textDocument.version >= version);
    };
    if (done()) return Promise.resolve();
    if (token.isCancellationRequested) return Promise.reject(OperationCancelled);
    return new Promise((resolve, reject) => {
        const key = uri.toString();
        const phase = shared.workspace.DocumentBuilder.onDocumentPhase(state, document => {
            if (document.uri.toString() !== key || !done()) return;
            phase.dispose();
            cancel.dispose();
            resolve();
        });
        const cancel = token.onCancellationRequested(() => {
            phase.dispose();
            cancel.dispose();
            reject(OperationCancelled);
        });
    });
}

async function hoverOnBuiltText(shared: LangiumSharedServices, params: HoverParams, token: CancellationToken): Promise<Hover | ResponseError | null> {
    const uri = URI.parse(params.textDocument.uri);
    // The text the position is in: the editor's, now.
    const editor = shared.workspace.TextDocuments?.get(uri);
    const asked = editor ? { text: editor.getText(), offset: editor.offsetAt(params.position), version: editor.version } : undefined;
    if (!shared.ServiceRegistry.hasServices(uri)) return null;
    const services = shared.ServiceRegistry.getServices(uri) as LangiumServices;
    const provider = services.lsp.HoverProvider;
    if (!provider) return null;
    const lock = shared.workspace.WorkspaceLock;
    try {
        await shared.workspace.WorkspaceManager.ready;
        for (let attempt = 0; ; attempt++) {
            await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri, token);
            const answer = await lock.read(async () => {
                const document = shared.workspace.LangiumDocuments.getDocument(uri);
                if (!document || document.state < DocumentState.Linked) return 'again' as const;
                if (!asked) return await provider.getHoverContent(document, params, token) ?? null;
                // (once the editor's text is built, whatever changed since is answered on as it is)
                return hoverAt(document, asked, params, (p) => provider.getHoverContent(document, p, token), attempt === 0);
            }, ReadPriority.Immediate);
            if (answer !== 'again') return answer;
            // On text typed since the last build (or the document was reset meanwhile): answer on the text the editor had.
            if (asked) await untilBuilt(shared, uri, asked.version, DocumentState.Linked, token);
        }
    } catch (error) {
        return responseError(error);
    }
}

/**
 * The hover at the editor's offset, on the text `document` was built from. `strict`: 'again' when
 * the name there changed since; otherwise it is answered on the built text as it is.
 */
async function hoverAt(document: LangiumDocument, asked: { text: string; offset: number }, params: HoverParams,
    hover: (params: HoverParams) => Promise<Hover | undefined> | Hover | undefined, strict: boolean): Promise<Hover | null | 'again'> {
    const built = document.textDocument;
    const builtText = built.getText();
    if (builtText === asked.text) return await hover({ ...params, position: built.positionAt(asked.offset) }) ?? null;
    const change: TextChange = textChange(asked.text, builtText);
    const word = wordAround(asked.text, asked.offset);
    if (strict && touchesChange(change, word.start, word.end)) return 'again';
    const offset = mapOffset(change, asked.offset) ?? Math.min(asked.offset, builtText.length);
    const result = await hover({ ...params, position: built.positionAt(offset) });
    if (!result) return null;
    if (!result.range) return result;
    // The range back into the editor's text (positions there, counted from the text it had when it asked).
    const back = reverse(change);
    const start = mapOffset(back, built.offsetAt(result.range.start));
    const end = mapOffset(back, built.offsetAt(result.range.end) - 1);
    if (start === undefined || end === undefined) return { contents: result.contents };
    return { contents: result.contents, range: { start: lspPosition(asked.text, start), end: lspPosition(asked.text, end + 1) } };
}

/** The run of name characters around `offset` (a qualified name with its dot included). */
function wordAround(text: string, offset: number): { start: number; end: number } {
    const isName = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
    let start = offset;
    while (start > 0 && isName(text.charCodeAt(start - 1))) start--;
    let end = offset;
    while (end < text.length && isName(text.charCodeAt(end))) end++;
    return { start, end };
}


function responseError(error: unknown): ResponseError {
    if (isOperationCancelled(error)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
    if (error instanceof ResponseError) return error;
    throw error;
}

function lspPosition(text: string, offset: number): { line: number; character: number } {
    const { line, column } = lineAndColumn(text, offset);
    return { line: line - 1, character: column - 1 };
}
