/**
 * What "format never loses anything" compares: the syntax tree without positions, the
 * multiset of comments, and which declaration each doc comment documents.
 */
import { EmptyFileSystem, TextDocument, URI, type AstNode } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import * as ast from '../../../language-server/generated/ast.js';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';

const { shared, Copis } = createCopisLspServices({ ...EmptyFileSystem, connection: undefined });
let counter = 0;

export interface Parsed {
    model: ast.Model;
    errors: string[];
}

export function parse(text: string): Parsed {
    const result = Copis.parser.LangiumParser.parse<ast.Model>(text);
    return {
        model: result.value,
        errors: [...result.lexerErrors.map(e => `lexer: ${e.message}`), ...result.parserErrors.map(e => `parser: ${e.message}`)]
    };
}

/** The AST without positions, containers or CST; references by their text. */
export function shape(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(shape);
    if (value && typeof value === 'object') {
        if ('$refText' in value) return { $ref: (value as { $refText: string }).$refText };
        const result: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value)) {
            if (key === '$type' || !key.startsWith('$')) result[key] = shape(v);
        }
        return result;
    }
    return value;
}

/**
 * Every comment, as a sorted multiset. The formatter may remove trailing white space of a line
 * comment and re-indent a block comment's inner lines (they move with it): compared without.
 */
export function comments(text: string): string[] {
    const { hidden } = Copis.parser.Lexer.tokenize(text);
    return hidden
        .filter(t => t.image.startsWith('/'))
        .map(t => normalizeComment(t.image))
        .sort();
}

function normalizeComment(image: string): string {
    return image.startsWith('//') ? image.trimEnd() : image.replace(/(\r?\n|\r)[ \t]*/g, '$1');
}

/** Each declaration (in document order) with its doc comment, as hover shows it. */
export function docComments(model: ast.Model): Array<[string, string | undefined]> {
    const result: Array<[string, string | undefined]> = [];
    const visit = (node: AstNode) => {
        if (ast.isDeclaration(node)) {
            const comment = Copis.documentation.CommentProvider.getComment(node);
            result.push([`${node.$type} ${node.name}`, comment === undefined ? undefined : normalizeComment(comment)]);
        }
        for (const key of ['elements', 'kpis', 'objectives', 'processes', 'stages', 'touchpoints', 'moments', 'pains', 'opportunities']) {
            for (const child of ((node as unknown as Record<string, AstNode[]>)[key] ?? [])) visit(child);
        }
    };
    visit(model);
    return result;
}

/** The language server's formatting edits (whole document, or a range). */
export async function lspEdits(text: string, range?: Range): Promise<TextEdit[]> {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///format/f${++counter}.copis`));
    const options = { tabSize: 4, insertSpaces: true };
    const textDocument = { uri: document.uri.toString() };
    const formatter = Copis.lsp.Formatter!;
    return range ? formatter.formatDocumentRange(document, { options, textDocument, range }) : formatter.formatDocument(document, { options, textDocument });
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('file:///x.copis', 'copis', 1, text), edits);
}

/** The range between two UTF-16 offsets of `text`, as LSP positions. */
export function rangeOf(text: string, a: number, b: number): Range {
    const document = TextDocument.create('file:///x.copis', 'copis', 1, text);
    return { start: document.positionAt(Math.min(a, b)), end: document.positionAt(Math.max(a, b)) };
}
