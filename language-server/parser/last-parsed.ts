import type { LangiumDocument, ParseResult } from 'langium';
import type * as ast from '../generated/ast.js';

/**
 * While a file does not parse, the rest of the workspace sees the declarations of its last version
 * that did (language reference §6). The document keeps its current parse — the editor's requests
 * on the file, its syntax errors and its formatting need the text as it is — and, beside it, that
 * last parse: the file's exports, its links and what the workspace-wide rules read of it come from
 * there. A syntax error in one file then changes no other file's diagnostics: its recovered
 * fragments no longer collide with other declarations, and references into it keep resolving.
 *
 * A file that has not parsed since the server started (and every file in the CLI) has no such
 * version: the workspace sees what the parser recovered, as before.
 */
const lastParsedOf = new WeakMap<LangiumDocument, ParseResult<ast.Model>>();
/** Documents whose current parse (or, in `lastParsedOf`, whose kept one) is of the editor's text. */
const fromEditor = new WeakSet<object>();

/** Whether a parse found lexer or parser errors (the `syntax` diagnostics). */
export function doesNotParse(result: ParseResult): boolean {
    return result.lexerErrors.length > 0 || result.parserErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

/** The last parse of `document` without errors, while its current text does not parse; otherwise undefined. */
export function lastParsed(document: LangiumDocument): ParseResult<ast.Model> | undefined {
    return lastParsedOf.get(document);
}

/** The model the rest of the workspace sees of `document`: its last version that parsed, or its current one. */
export function workspaceModel(document: LangiumDocument): ast.Model {
    return (lastParsedOf.get(document) ?? document.parseResult).value as ast.Model;
}

/** The parse result the rest of the workspace sees of `document` (see workspaceModel). */
export function workspaceParse(document: LangiumDocument): ParseResult {
    return lastParsedOf.get(document) ?? document.parseResult;
}

/**
 * After `document` was parsed again (its text changed, or was read again): keeps `previous` when it
 * parsed and the new text does not, keeps an older one while the file goes on not parsing, and
 * forgets it once the file parses. `editor` says whether the new text is the editor's: once the
 * editor has closed the file, a version kept from its unsaved text is forgotten too (the text the
 * file falls back to is the one on disk).
 */
export function rememberLastParsed(document: LangiumDocument, previous: ParseResult, editor: boolean): void {
    const current = document.parseResult;
    const previousFromEditor = fromEditor.has(previous);
    if (editor) fromEditor.add(current);
    const kept = lastParsedOf.get(document);
    if (!doesNotParse(current) || (!editor && kept && fromEditor.has(kept))) {
        lastParsedOf.delete(document);
    }
    if (doesNotParse(current) && current !== previous && isModel(previous) && !doesNotParse(previous) && (editor || !previousFromEditor)) {
        lastParsedOf.set(document, previous as ParseResult<ast.Model>);
    }
}

/** (A document Langium created for a new file holds a placeholder until it is first parsed.) */
function isModel(result: ParseResult): boolean {
    return (result.value as { $type?: string }).$type === 'Model' && result.value.$cstNode !== undefined;
}
