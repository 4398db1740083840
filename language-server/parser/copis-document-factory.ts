import { DefaultLangiumDocumentFactory, TextDocument, type AstNode, type LangiumDocument, type Mutable, type ParseResult, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type * as ast from '../generated/ast.js';
import { reparseIncrementally } from './incremental-parse.js';

/**
 * Documents whose text changed are re-parsed only where the edit was (see incremental-parse.ts),
 * falling back to Langium's full parse whenever a splice would not be certain to give its result.
 *
 * An open document's `textDocument` is the text it was parsed from (with its version), not the
 * editor's text, which moves on while the server still works on an older one: positions and
 * offsets then always agree with the tree they are used on (lsp/built-text.ts maps the editor's
 * positions onto it).
 */
export class CopisDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result of the document being updated, for the `parseAsync` that `update` makes next. */
    private previous?: { uri: string; result: ParseResult };

    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        this.previous = { uri: document.uri.toString(), result: document.parseResult };
        this.read = undefined;
        try {
            await super.update(document, cancellationToken);
        } finally {
            this.previous = undefined;
        }
        const read = this.read as TextRead | undefined; // (set by getUpdatedText, during `update`)
        if (read?.editor) {
            const { uri, languageId, version } = read.editor;
            Object.defineProperty(document, 'textDocument', { value: TextDocument.create(uri, languageId, version, read.text), configurable: true });
        }
        return document;
    }

    /** The text `update` read, and which version of the editor's document it was. */
    private read?: TextRead;

    protected override async getUpdatedText(document: LangiumDocument, textDocument: TextDocument | undefined, cancellationToken: CancellationToken): Promise<string> {
        const editor = textDocument && { uri: textDocument.uri, languageId: textDocument.languageId, version: textDocument.version };
        const text = await super.getUpdatedText(document, textDocument, cancellationToken);
        this.read = { text, editor };
        return text;
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken = CancellationToken.None): Promise<ParseResult<T>> {
        const previous = this.previous?.uri === uri.toString() ? this.previous.result : undefined;
        this.previous = undefined;
        if (previous && (previous.value as ast.Model).$type === 'Model') {
            const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser;
            const result = reparseIncrementally(parser, previous as ParseResult<ast.Model>, text);
            if (result) return Promise.resolve(result as unknown as ParseResult<T>);
        }
        return super.parseAsync(uri, text, cancellationToken);
    }
}

interface TextRead {
    text: string;
    editor?: { uri: string; languageId: string; version: number };
}
