import { DefaultLangiumDocumentFactory, TextDocument, type AstNode, type LangiumDocument, type Mutable, type ParseResult, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type * as ast from '../generated/ast.js';
import { reparseIncrementally } from './incremental-parse.js';
import { doesNotParse, rememberLastParsed } from './last-parsed.js';

/**
 * Documents whose text changed are re-parsed only where the edit was (see incremental-parse.ts),
 * falling back to Langium's full parse whenever a splice would not be certain to give its result.
 *
 * One file can never stop the others from loading: a file that cannot be read, or whose parse
 * throws, becomes an empty document with one `syntax` error that says so. Langium's workspace
 * load awaited every file together, so one failure (a string that overflowed the lexer) left the
 * language server without a workspace for good — no diagnostics, no hover, and no exit either.
 *
 * An open document's `textDocument` is the text it was parsed from (with its version), not the
 * editor's text, which moves on while the server still works on an older one: positions and
 * offsets then always agree with the tree they are used on (lsp/built-text.ts maps the editor's
 * positions onto it).
 */
export class CopisDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result of the document being updated, for the `parseAsync` that `update` makes next. */
    private previous?: { uri: string; result: ParseResult };
    /** Why a file's text could not be read, for the parse that follows the read. */
    private readonly readFailures = new Map<string, string>();

    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const uri = document.uri.toString();
        const before = document.parseResult;
        this.previous = { uri, result: before };
        this.read = undefined;
        try {
            await super.update(document, cancellationToken);
            // The read failed but gave the text the document already had (''): Langium did not parse again.
            if (this.readFailures.has(uri)) {
                document.parseResult = this.failed(document.uri, this.readFailures.get(uri)!);
                (document.parseResult.value as Mutable<AstNode>).$document = document;
            }
            rememberLastParsed(document, before, this.textDocuments?.get(uri) !== undefined);
        } finally {
            this.previous = undefined;
        }
        const read = this.read as TextRead | undefined; // (set by getUpdatedText, during `update`)
        if (read?.editor) {
            const { uri: editorUri, languageId, version } = read.editor;
            Object.defineProperty(document, 'textDocument', { value: TextDocument.create(editorUri, languageId, version, read.text), configurable: true });
        }
        return document;
    }

    /** The text `update` read, and which version of the editor's document it was. */
    private read?: TextRead;

    protected override async getInitialText(uri: URI, cancellationToken: CancellationToken): Promise<string> {
        try {
            const text = await super.getInitialText(uri, cancellationToken);
            this.readFailures.delete(uri.toString());
            return text;
        } catch (error) {
            return this.unreadable(uri, error);
        }
    }

    protected override async getUpdatedText(document: LangiumDocument, textDocument: Parameters<DefaultLangiumDocumentFactory['getUpdatedText']>[1], cancellationToken: CancellationToken): Promise<string> {
        try {
            const editor = textDocument && { uri: textDocument.uri, languageId: textDocument.languageId, version: textDocument.version };
            const text = await super.getUpdatedText(document, textDocument, cancellationToken);
            this.readFailures.delete(document.uri.toString());
            this.read = { text, editor };
            return text;
        } catch (error) {
            return this.unreadable(document.uri, error);
        }
    }

    protected override parse<T extends AstNode>(uri: URI, text: string, options?: Parameters<DefaultLangiumDocumentFactory['parse']>[2]): ParseResult<T> {
        const failure = this.readFailures.get(uri.toString());
        if (failure !== undefined) return this.failed(uri, failure);
        try {
            return super.parse(uri, text, options);
        } catch (error) {
            return this.failed(uri, parseFailure(error));
        }
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken = CancellationToken.None): Promise<ParseResult<T>> {
        const previous = this.previous?.uri === uri.toString() ? this.previous.result : undefined;
        this.previous = undefined;
        const failure = this.readFailures.get(uri.toString());
        if (failure !== undefined) return this.failed(uri, failure);
        try {
            if (previous && (previous.value as ast.Model).$type === 'Model') {
                const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser;
                const result = reparseIncrementally(parser, previous as ParseResult<ast.Model>, text, { keepsPrevious: !doesNotParse(previous) });
                if (result) return result as unknown as ParseResult<T>;
            }
            return await super.parseAsync<T>(uri, text, cancellationToken);
        } catch (error) {
            if (cancellationToken.isCancellationRequested) throw error;
            return this.failed(uri, parseFailure(error));
        }
    }

    private unreadable(uri: URI, error: unknown): string {
        const reason = error instanceof Error ? error.message : String(error);
        this.readFailures.set(uri.toString(), `copis could not read this file (${reason}); check that it exists and can be read. The other files are checked without it.`);
        return '';
    }

    /** An empty model whose only diagnostic is `message` (a lexer error at the start: the `syntax` code). */
    private failed<T extends AstNode>(uri: URI, message: string): ParseResult<T> {
        this.readFailures.delete(uri.toString());
        const result = this.serviceRegistry.getServices(uri).parser.LangiumParser.parse<T>('');
        return { ...result, lexerErrors: [{ offset: 0, line: 1, column: 1, length: 0, message }], parserErrors: [] };
    }
}

function parseFailure(error: unknown): string {
    const reason = error instanceof Error ? error.message : String(error);
    return `copis could not parse this file (internal error: ${reason}); please report it. The other files are checked without it.`;
}

interface TextRead {
    text: string;
    editor?: { uri: string; languageId: string; version: number };
}
