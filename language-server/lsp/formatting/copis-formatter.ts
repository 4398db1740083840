import type { LangiumDocument, MaybePromise } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, TextEdit
} from 'vscode-languageserver-protocol';
import type * as ast from '../../generated/ast.js';
import { layoutEdits, type WhitespaceEdit } from '../../formatting/layout.js';

/**
 * Document and range formatting to the one canonical layout (layout.ts). The editor's tab
 * size and insert-spaces options are ignored on purpose: a `.copis` file looks the same for
 * everyone. A file with a lexer or parser error gets no edit at all.
 */
export class CopisFormatter implements Formatter {
    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return this.edits(document).map(e => this.toTextEdit(document, e));
    }

    /** Only the white space that overlaps the range changes (the layout is still decided for the whole file). */
    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        const textDocument = document.textDocument;
        const start = textDocument.offsetAt(params.range.start);
        const end = textDocument.offsetAt(params.range.end);
        return this.edits(document)
            .filter(e => e.comment !== undefined
                // A block comment's inner lines move with it when its start is in the range.
                ? e.comment >= start && e.comment < end
                : e.start === e.end ? e.start >= start && e.start <= end : e.start < end && e.end > start)
            .map(e => this.toTextEdit(document, e));
    }

    formatDocumentOnType(_document: LangiumDocument, _params: DocumentOnTypeFormattingParams): MaybePromise<TextEdit[]> {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private edits(document: LangiumDocument): WhitespaceEdit[] {
        const { lexerErrors, parserErrors, value } = document.parseResult;
        if (lexerErrors.length > 0 || parserErrors.length > 0) return [];
        return layoutEdits(value as ast.Model, document.textDocument.getText()) ?? [];
    }

    private toTextEdit(document: LangiumDocument, edit: WhitespaceEdit): TextEdit {
        const textDocument = document.textDocument;
        return { range: { start: textDocument.positionAt(edit.start), end: textDocument.positionAt(edit.end) }, newText: edit.text };
    }
}
