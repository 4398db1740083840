import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type Mutable, type ParseResult, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type * as ast from '../generated/ast.js';
import { reparseIncrementally } from './incremental-parse.js';

/**
 * Documents whose text changed are re-parsed only where the edit was (see incremental-parse.ts),
 * falling back to Langium's full parse whenever a splice would not be certain to give its result.
 */
export class CopisDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result of the document being updated, for the `parseAsync` that `update` makes next. */
    private previous?: { uri: string; result: ParseResult };

    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        this.previous = { uri: document.uri.toString(), result: document.parseResult };
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous = undefined;
        }
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
