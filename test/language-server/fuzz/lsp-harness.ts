/**
 * Drives the language server's services over a text the way an editor would: build (parse,
 * link, validate) and then every request at a few positions. Throws on the first problem:
 * an exception, a diagnostic outside the document, a result pointing outside it.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { CodeAction, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { DiagramService } from '../../../language-server/lsp/diagram-request.js';
import { lastParsed } from '../../../language-server/parser/last-parsed.js';
import { CODES, type Code } from '../../../language-server/validation/codes.js';

export type Services = ReturnType<typeof createCopisLspServices>;

let counter = 0;

/** Fresh services (the language server's, without a connection). */
export function createServices(): Services {
    return createCopisLspServices({ connection: undefined, ...EmptyFileSystem });
}

/** The lines of a text as the LSP counts them (`\r\n`, `\r` and `\n` end a line). */
export function linesOf(text: string): string[] {
    return text.split(/\r\n|\r|\n/);
}

/** Fails unless `position` is inside `text` (line < line count, character <= that line's UTF-16 length). */
export function checkPosition(text: string, position: Position, what: string, lines = linesOf(text)): void {
    const ok = Number.isInteger(position.line) && Number.isInteger(position.character)
        && position.line >= 0 && position.line < lines.length
        && position.character >= 0 && position.character <= lines[position.line].length;
    if (!ok) {
        const line = lines[position.line];
        throw new Error(`${what}: position ${JSON.stringify(position)} is outside the document (${lines.length} lines${line !== undefined ? `; that line has ${line.length} characters` : ''})`);
    }
}

export function checkRange(text: string, range: Range, what: string, lines = linesOf(text)): void {
    checkPosition(text, range.start, `${what} (start)`, lines);
    checkPosition(text, range.end, `${what} (end)`, lines);
    const { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) {
        throw new Error(`${what}: range ${JSON.stringify(range)} ends before it starts`);
    }
}

/**
 * Runs `fn` and fails if anything was logged meanwhile: Langium logs (and swallows) the
 * exceptions of scoping, linking and validation checks, so a crash there shows only in the log.
 */
export async function watchConsole<T>(fn: () => Promise<T>): Promise<T> {
    const logged: string[] = [];
    const { error, warn } = console;
    console.error = (...args: unknown[]) => { logged.push(args.map(a => a instanceof Error ? a.stack ?? a.message : String(a)).join(' ')); };
    console.warn = console.error;
    try {
        const result = await fn();
        if (logged.length > 0) throw new Error(`logged during the build or a request:\n${logged.join('\n').slice(0, 4000)}`);
        return result;
    } finally {
        console.error = error;
        console.warn = warn;
    }
}

/** Every diagnostic of a built document lies inside it and has one of the documented codes. */
export function checkDiagnostics(document: LangiumDocument): Diagnostic[] {
    const text = document.textDocument.getText();
    const lines = linesOf(text);
    const diagnostics = document.diagnostics;
    if (!diagnostics) throw new Error(`${document.uri.path}: not validated (state ${document.state})`);
    for (const d of diagnostics) {
        checkRange(text, d.range, `diagnostic ${String(d.code)} "${d.message}"`, lines);
        if (!CODES.includes(d.code as Code)) throw new Error(`diagnostic with the unknown code ${JSON.stringify(d.code)}: "${d.message}"`);
    }
    return diagnostics;
}

/** Adds the files (name → text, as file:///fuzz/N/NAME) and builds them with validation. */
export async function build(services: Services, files: Array<[string, string]>): Promise<LangiumDocument[]> {
    const { shared } = services;
    const folder = `file:///fuzz/${++counter}/`;
    const docs = files.map(([name, text]) => {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(folder + name));
        shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

/** Removes the documents again (so one set of services can serve many cases). */
export async function remove(services: Services, docs: LangiumDocument[]): Promise<void> {
    await services.shared.workspace.DocumentBuilder.update([], docs.map(d => d.uri));
}

function checkEdits(text: string, edits: TextEdit[] | undefined | null, what: string): void {
    const lines = linesOf(text);
    for (const e of edits ?? []) checkRange(text, e.range, what, lines);
}

/**
 * Every request an editor sends, at each of `offsets` (UTF-16 offsets into the document) where
 * positional; results must point inside the documents. `range` is for range formatting, code
 * actions and range semantic tokens.
 */
export async function exercise(services: Services, document: LangiumDocument, offsets: number[], range: [number, number]): Promise<void> {
    const { Copis, shared } = services;
    const lsp = Copis.lsp;
    const text = document.textDocument.getText();
    const lines = linesOf(text);
    const uri = document.uri.toString();
    const textDocument = { uri };
    const token: CancellationToken | undefined = undefined;
    const docText = (u: string) => shared.workspace.LangiumDocuments.getDocument(URI.parse(u))?.textDocument.getText();
    // In a file that does not parse, what other files see (its declarations, the references of its
    // last version that parsed) is where it was in that version's text: a location may be in either.
    const heldText = (u: string) => {
        const doc = shared.workspace.LangiumDocuments.getDocument(URI.parse(u));
        return doc && lastParsed(doc)?.value.$cstNode?.root.fullText;
    };
    const inText = (u: string, t: string, r: Range, what: string) => {
        const held = heldText(u);
        if (held === undefined) return checkRange(t, r, what);
        try {
            checkRange(t, r, what);
        } catch {
            checkRange(held, r, `${what} (in the last version that parsed)`);
        }
    };
    const inDoc = (r: Range, what: string) => inText(uri, text, r, what);
    const inAny = (u: string, r: Range, what: string) => {
        const t = docText(u);
        if (t === undefined) throw new Error(`${what}: unknown document ${u}`);
        inText(u, t, r, what);
    };

    const full = {
        start: document.textDocument.positionAt(Math.min(range[0], range[1])),
        end: document.textDocument.positionAt(Math.max(range[0], range[1]))
    };
    const options = { tabSize: 4, insertSpaces: true };

    // Whole-document requests.
    checkEdits(text, await lsp.Formatter!.formatDocument(document, { textDocument, options }), 'formatting');
    checkEdits(text, await lsp.Formatter!.formatDocumentRange(document, { textDocument, options, range: full }), 'range formatting');
    const symbols = await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument }, token);
    const visitSymbols = (list: typeof symbols) => {
        for (const s of list) {
            if ('range' in s) {
                inDoc(s.range, `symbol ${s.name}`);
                inDoc(s.selectionRange, `symbol ${s.name} (selection)`);
                visitSymbols(s.children ?? []);
            }
        }
    };
    visitSymbols(symbols);
    for (const f of await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument }, token)) {
        if (f.startLine < 0 || f.endLine >= lines.length || f.startLine > f.endLine) throw new Error(`folding range ${f.startLine}-${f.endLine} outside ${lines.length} lines`);
    }
    for (const lens of await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument }, token) ?? []) inDoc(lens.range, 'code lens');
    const tokenProvider = lsp.SemanticTokenProvider!;
    for (const result of [await tokenProvider.semanticHighlight(document, { textDocument }), await tokenProvider.semanticHighlightRange(document, { textDocument, range: full })]) {
        for (const t of SemanticTokensDecoder.decode(result, tokenProvider.tokenTypes, document)) {
            if (t.offset < 0 || t.offset + t.text.length > text.length) throw new Error(`semantic token at ${t.offset} outside the document`);
        }
    }
    const diagnostics = document.diagnostics ?? [];
    const inRange = diagnostics.filter(d => document.textDocument.offsetAt(d.range.end) >= Math.min(...range) && document.textDocument.offsetAt(d.range.start) <= Math.max(...range));
    for (const context of [{ diagnostics }, { diagnostics: inRange }]) {
        const actions = await lsp.CodeActionProvider!.getCodeActions(document, { textDocument, range: full, context }) ?? [];
        for (const action of actions) {
            const edit = (action as CodeAction).edit;
            for (const [u, edits] of Object.entries(edit?.changes ?? {})) for (const e of edits) inAny(u, e.range, `code action "${(action as CodeAction).title}"`);
        }
    }
    await shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: '' }, token);
    const diagramService = new DiagramService(shared);
    for (const view of ['journey', 'copis'] as const) diagramService.diagramOf(document, { uri, view });

    // Positional requests.
    for (const offset of offsets) {
        const position = document.textDocument.positionAt(offset);
        const params = { textDocument, position };
        const completion = await lsp.CompletionProvider!.getCompletion(document, params);
        for (const item of completion?.items ?? []) {
            const edit = item.textEdit;
            if (edit) inDoc('range' in edit ? edit.range : edit.insert, `completion "${item.label}"`);
        }
        const hover = await lsp.HoverProvider!.getHoverContent(document, params);
        if (hover?.range) inDoc(hover.range, 'hover');
        for (const link of await lsp.DefinitionProvider!.getDefinition(document, params) ?? []) {
            inAny(link.targetUri, link.targetRange, 'definition');
            inAny(link.targetUri, link.targetSelectionRange, 'definition (selection)');
            if (link.originSelectionRange) inDoc(link.originSelectionRange, 'definition (origin)');
        }
        for (const location of await lsp.ReferencesProvider!.findReferences(document, { ...params, context: { includeDeclaration: true } })) {
            inAny(location.uri, location.range, 'reference');
        }
        for (const highlight of await lsp.DocumentHighlightProvider!.getDocumentHighlight(document, params) ?? []) inDoc(highlight.range, 'highlight');
        const prepared = await lsp.RenameProvider!.prepareRename(document, params);
        if (prepared && 'start' in prepared) inDoc(prepared, 'prepare rename');
        let renamed;
        try {
            renamed = await lsp.RenameProvider!.rename(document, { ...params, newName: 'Renamed_1' });
        } catch (error) {
            // A refusal (the name would capture a reference, ...) is an answer, not a crash.
            if (!(error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed)) throw error;
        }
        for (const [u, edits] of Object.entries(renamed?.changes ?? {})) for (const e of edits) inAny(u, e.range, 'rename');
    }
}
