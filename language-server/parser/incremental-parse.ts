import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { RootCstNodeImpl, isLeafCstNode, type CstNode, type LangiumParser, type Mutable, type ParseResult, type RootCstNode } from 'langium';
import type * as ast from '../generated/ast.js';

/**
 * Re-parses only the top-level declarations an edit touched, and moves the others over.
 *
 * A file of many journeys is mostly unchanged by a keystroke, but a full parse rebuilds every
 * node of it and makes most of the garbage of an edit. The grammar makes a splice safe under
 * these conditions, all checked here (otherwise the caller parses the whole text):
 * - the old text and the re-parsed slice have no lexing error; the old text's syntax errors, if
 *   any, all lie in the part re-parsed; the slice parses without error, or (see below) its errors
 *   are certain to be those a full parse would make;
 * - the slice starts right after a top-level declaration, at whitespace the edit did not touch
 *   (a token before the slice cannot grow into it: no token of the language crosses whitespace
 *   except strings and comments, which end where they end whatever follows);
 * - the slice ends just after a newline the edit did not touch, before a top-level declaration
 *   (so no line comment or other token of the slice can run on into the declarations after it);
 * - every top-level declaration starts with a keyword and its optional parts start with a string
 *   or `{`, so where one ends does not depend on what follows it.
 * While one types, the text mostly does not parse. A slice with syntax errors is parsed again
 * with the declaration after it (the guard): when the guard comes out whole, at its place and
 * without an error inside it, the parser left the slice where a full parse would have (its
 * recovery never reached past the guard, and what follows the guard cannot change what it did
 * before), so the slice's tree and errors are those of a full parse. A slice with an error before
 * its first declaration is not spliced: that token might have belonged to the declaration before.
 * The result is the tree a full parse would build, errors included (test/language-server/parser
 * checks that on random edits); the nodes after the slice keep their identity with shifted positions.
 *
 * `keepsPrevious`: the previous tree must stay as it is if the new text does not parse (it becomes
 * the file's last version that parsed, last-parsed.ts), so a slice with errors is not spliced into it.
 */
export function reparseIncrementally(parser: LangiumParser, previous: ParseResult<ast.Model>, text: string, options: { keepsPrevious?: boolean } = {}): ParseResult<ast.Model> | undefined {
    const model = previous.value;
    const root = model.$cstNode as (RootCstNode & Internals) | undefined;
    if (!root || root.container || hasReport(previous)) return undefined;
    const oldText = root.fullText;
    if (!previous.lexerErrors.every(e => lineLocal(oldText, e))) return undefined;
    if (oldText === text) return undefined;

    let prefix = 0;
    const shorter = Math.min(oldText.length, text.length);
    while (prefix < shorter && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    const changeEnd = oldText.length - suffix; // in the old text

    const elements = model.elements;
    // The last declaration that ends before the change, with untouched whitespace after it.
    let kept = 0;
    let start = 0;
    let startLine = 0;
    let startColumn = 0;
    for (let i = 0; i < elements.length; i++) {
        const node = elements[i].$cstNode;
        if (!node) return undefined;
        if (node.end >= prefix) break;
        if (isWhitespace(oldText.charCodeAt(node.end))) {
            kept = i + 1;
            start = node.end;
            ({ line: startLine, character: startColumn } = node.range.end);
        }
    }
    // The first declaration that starts after the change, on a line of its own.
    let resumed = elements.length;
    let end = oldText.length;
    for (let i = elements.length - 1; i >= kept; i--) {
        const node = elements[i].$cstNode!;
        if (node.offset <= changeEnd) break;
        if (oldText.charCodeAt(node.offset - 1) === 10 /* \n */) {
            resumed = i;
            end = node.offset;
        }
    }
    const delta = text.length - oldText.length;
    const slice = text.slice(start, end + delta);
    // Most of the file changes: a full parse costs the same and needs no splicing.
    if (slice.length * 2 > text.length) return undefined;
    // The old text's errors, and the tokens their recovery skipped, must all be in what is parsed again
    // (an error at the first token of the declaration after it included): the declarations kept are
    // then what a full parse made of them. (A recovered declaration's tree ends at its last token read,
    // and what recovery skipped after it is in no tree: only the errors tell where it really ended.)
    const toEnd = resumed === elements.length;
    // (An error after the last declaration kept but before the first re-parsed one was made by the kept one's recovery.)
    const firstReplaced = kept < resumed ? elements[kept].$cstNode!.offset : Infinity;
    if (!previous.parserErrors.every(e => inReparsed(e, firstReplaced, end))) return undefined;
    if (!previous.lexerErrors.every(e => e.offset > firstReplaced && e.offset < end)) return undefined;

    let parsed = parser.parse<ast.Model>(slice);
    let guarded = false;
    if (!hasNoErrors(parsed)) {
        // (a `/*` left open in the slice may be closed by a `*/` after it in the whole text)
        if (hasReport(parsed) || !parsed.lexerErrors.every(e => lineLocal(slice, e)) || count(slice, '/*') > count(slice, '*/')) return undefined;
        if (toEnd) {
            // The slice runs to the end of the file, as a full parse does: only its start needs checking.
            if (!startsClean(parsed)) return undefined;
        } else {
            const guard = elements[resumed].$cstNode!;
            const guardEnd = guard.end + delta;
            parsed = parser.parse<ast.Model>(text.slice(start, guardEnd));
            if (!guardHolds(parsed, guard.offset + delta - start, guardEnd - start, elements[resumed].$type)) return undefined;
            guarded = true;
        }
    }
    const sliceRoot = parsed.value.$cstNode as (RootCstNode & Internals) | undefined;
    if (!sliceRoot) return undefined;
    // Where errors are involved, the lexer's repairs that read the whole text (a `}` too many in it) must have nothing to do:
    // lexing it gives no other errors than the slice's.
    const errors = parsed.parserErrors.length + parsed.lexerErrors.length + previous.parserErrors.length + previous.lexerErrors.length;
    if (options.keepsPrevious && parsed.parserErrors.length + parsed.lexerErrors.length > 0) return undefined;
    if (errors > 0 && lexingErrorsOf(parser, text) !== parsed.lexerErrors.length) return undefined;
    // (with a guard, its nodes are the old ones: only what comes before it is taken)
    const guardOffset = guarded ? parsed.value.elements[parsed.value.elements.length - 1].$cstNode!.offset : Infinity;
    const sliceContent = guarded ? sliceRoot.content.filter(child => child.end <= guardOffset) : sliceRoot.content;
    const sliceElements = guarded ? parsed.value.elements.slice(0, -1) : parsed.value.elements;

    // Nothing can fail from here on: the old tree is changed in place.
    const endLineBefore = resumed < elements.length ? elements[resumed].$cstNode!.range.start.line : 0;
    const endLineAfter = startLine + countLines(slice);
    const before = root.content.filter(child => child.end <= start && !(child.hidden && child.offset >= start));
    const after = root.content.filter(child => resumed < elements.length && child.offset >= end);
    for (const child of sliceContent) shift(child, start);
    // A character replaced by another (or a line's worth of text typed) moves nothing after it.
    const lines = endLineAfter - endLineBefore;
    if (delta !== 0 || lines !== 0) for (const child of after) shift(child, delta);
    for (const child of [...sliceContent, ...after]) (child as CstNode & Internals).container = root;
    keepOldText(root, oldText, root.content.filter(child => !before.includes(child) && !after.includes(child)));
    root.content = [...before, ...sliceContent, ...after];
    root._text = text;
    root._rangeCache = undefined;

    model.elements = [...elements.slice(0, kept), ...sliceElements, ...elements.slice(resumed)];
    model.elements.forEach((each, index) => {
        const element = each as Mutable<ast.TopLevel>;
        element.$container = model;
        element.$containerProperty = 'elements';
        element.$containerIndex = index;
    });
    // (Chevrotain's message says the offset too)
    const lexerErrors = parsed.lexerErrors.map(e => ({
        ...e, offset: e.offset + start, message: e.message.replace(/at offset: \d+/, `at offset: ${e.offset + start}`),
        line: e.line === undefined ? e.line : e.line + startLine, column: e.line === 1 && e.column !== undefined ? e.column + startColumn : e.column
    }));
    return { value: model, lexerErrors, lexerReport: parsed.lexerReport, parserErrors: shiftErrors(parsed.parserErrors, start, startLine, startColumn) };
}

/** Where a syntax error is (its token's offset), or undefined at the end of the text. */
function errorOffset(error: IRecognitionException): number | undefined {
    return atEnd(error.token) ? undefined : error.token.startOffset;
}

/** The end-of-file token (and one inserted by recovery) has no place in the text: NaN or -1. */
function atEnd(token: IToken): boolean {
    return Number.isNaN(token.startOffset) || token.startOffset < 0;
}

/** An old error inside [start, end] of the old text (start: the first declaration re-parsed), with what its recovery skipped; none at the end of the text. */
function inReparsed(error: IRecognitionException, start: number, end: number): boolean {
    const at = errorOffset(error);
    // (one at the first token of the first declaration re-parsed was made by the one before: it is where its recovery stopped)
    if (at === undefined || at <= start || at > end) return false;
    return (error.resyncedTokens ?? []).every(t => !atEnd(t) && t.startOffset >= start && t.startOffset < end);
}

/** How many errors lexing the whole text makes (its repairs at work make some, see lexical-repair.ts). */
function lexingErrorsOf(parser: LangiumParser, text: string): number {
    const lexer = (parser as unknown as { lexer: { tokenize(text: string): { errors: unknown[] } } }).lexer;
    return lexer.tokenize(text).errors.length;
}

/**
 * A lexing error whose repair reads only its own line (lexical-repair.ts): a string left open, one
 * in single quotes, a `#` comment. What it makes of the line is the same in the slice and in the whole text.
 */
function lineLocal(text: string, error: ILexingError): boolean {
    const c = text[error.offset];
    return c === '"' || c === "'" || c === '#';
}

/** No error before the first declaration: the token there cannot have been the declaration before's. */
function startsClean(parsed: ParseResult<ast.Model>): boolean {
    const first = parsed.value.elements[0]?.$cstNode;
    if (!first) return false;
    return parsed.parserErrors.every(e => { const at = errorOffset(e); return at === undefined || at >= first.offset; });
}

/**
 * The guard (the declaration after the slice) parsed whole, of its kind, exactly where it was, with
 * no error in it (one at its first token is the slice's: where its recovery stopped), and the slice
 * clean before its first declaration.
 */
function guardHolds(parsed: ParseResult<ast.Model>, offset: number, end: number, type: string): boolean {
    const elements = parsed.value.elements;
    const guard = elements[elements.length - 1]?.$cstNode;
    if (!guard || elements[elements.length - 1].$type !== type || guard.offset !== offset || guard.end !== end) return false;
    const first = elements[0].$cstNode!;
    return parsed.parserErrors.every(e => {
        const at = errorOffset(e);
        return at !== undefined && at <= offset && at >= first.offset;
    }) && parsed.lexerErrors.every(e => e.offset < offset);
}

/** The slice's errors at their places in the whole text (tokens: offsets, and 1-based lines and columns). */
function shiftErrors(errors: IRecognitionException[], offset: number, lines: number, columns: number): IRecognitionException[] {
    const moved = new Set<IToken>();
    const move = (token: IToken | undefined) => {
        if (!token || moved.has(token) || atEnd(token)) return;
        moved.add(token);
        token.startOffset += offset;
        if (token.endOffset !== undefined) token.endOffset += offset;
        if (token.startLine === 1 && token.startColumn !== undefined) token.startColumn += columns;
        if (token.endLine === 1 && token.endColumn !== undefined) token.endColumn += columns;
        if (token.startLine !== undefined) token.startLine += lines;
        if (token.endLine !== undefined) token.endLine += lines;
    };
    for (const error of errors) {
        move(error.token);
        move((error as { previousToken?: IToken }).previousToken);
        for (const token of error.resyncedTokens ?? []) move(token);
    }
    return errors;
}

/** The CST fields Langium keeps positions and caches in (not part of its public interface). */
interface Internals {
    container?: CstNode;
    content: CstNode[];
    _text: string;
    _rangeCache?: unknown;
    _offset: number;
}

/**
 * Moves a subtree by `offset` characters. A leaf's line and column are those of its offset in its root's text
 * (cst-leaves.ts), so only the offsets move; the composites' cached ranges go.
 */
function shift(node: CstNode, offset: number): void {
    // An explicit stack: this runs over every node after the edit, and Langium's CST streams allocate per node.
    const stack: CstNode[] = [node];
    while (stack.length > 0) {
        const n = stack.pop() as CstNode & Internals;
        if (isLeafCstNode(n)) {
            n._offset += offset;
        } else {
            n._rangeCache = undefined;
            for (const child of n.content) stack.push(child);
        }
    }
}

/**
 * The nodes an edit replaced keep a root of the text they were parsed from: a leaf's position is worked out from
 * its root's text (cst-leaves.ts), and whatever still holds one (a link not yet made again) reads the place and
 * text it had.
 */
function keepOldText(root: RootCstNode, oldText: string, replaced: CstNode[]): void {
    if (replaced.length === 0) return;
    const old = new RootCstNodeImpl(oldText);
    old.astNode = root.astNode;
    old.content = replaced;
    for (const child of replaced) (child as CstNode & Internals).container = old;
}

function count(text: string, what: string): number {
    let n = 0;
    for (let i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length)) n++;
    return n;
}

function hasNoErrors(result: ParseResult): boolean {
    return !hasReport(result) && result.lexerErrors.length === 0 && result.parserErrors.length === 0;
}

function hasReport(result: ParseResult): boolean {
    return (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

function isWhitespace(code: number): boolean {
    return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12;
}

/** Line breaks as the lexer counts them: `\r\n`, `\n` and a lone `\r` are one each. */
function countLines(text: string): number {
    let lines = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) lines++;
        else if (c === 13) {
            lines++;
            if (text.charCodeAt(i + 1) === 10) i++;
        }
    }
    return lines;
}
