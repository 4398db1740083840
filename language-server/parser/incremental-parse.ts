import { isLeafCstNode, type CstNode, type LangiumParser, type Mutable, type ParseResult, type RootCstNode } from 'langium';
import type * as ast from '../generated/ast.js';

/**
 * Re-parses only the top-level declarations an edit touched, and moves the others over.
 *
 * A file of many journeys is mostly unchanged by a keystroke, but a full parse rebuilds every
 * node of it and makes most of the garbage of an edit. The grammar makes a splice safe under
 * these conditions, all checked here (otherwise the caller parses the whole text):
 * - the old text parsed without any error, and so does the re-parsed slice;
 * - the slice starts right after a top-level declaration, at whitespace the edit did not touch
 *   (a token before the slice cannot grow into it: no token of the language crosses whitespace
 *   except strings and comments, which end where they end whatever follows);
 * - the slice ends just after a newline the edit did not touch, before a top-level declaration
 *   (so no line comment or other token of the slice can run on into the declarations after it);
 * - every top-level declaration starts with a keyword and its optional parts start with a string
 *   or `{`, so where one ends does not depend on what follows it.
 * The result is the tree a full parse would build (test/language-server/parser checks that on
 * random edits); the nodes after the slice keep their identity with shifted positions.
 */
export function reparseIncrementally(parser: LangiumParser, previous: ParseResult<ast.Model>, text: string): ParseResult<ast.Model> | undefined {
    const model = previous.value;
    const root = model.$cstNode as (RootCstNode & Internals) | undefined;
    if (!root || root.container || !hasNoErrors(previous)) return undefined;
    const oldText = root.fullText;
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

    const parsed = parser.parse<ast.Model>(slice);
    const sliceRoot = parsed.value.$cstNode as (RootCstNode & Internals) | undefined;
    if (!hasNoErrors(parsed) || !sliceRoot) return undefined;

    // Nothing can fail from here on: the old tree is changed in place.
    const endLineBefore = resumed < elements.length ? elements[resumed].$cstNode!.range.start.line : 0;
    const endLineAfter = startLine + countLines(slice);
    const before = root.content.filter(child => child.end <= start && !(child.hidden && child.offset >= start));
    const after = root.content.filter(child => resumed < elements.length && child.offset >= end);
    for (const child of sliceRoot.content) shift(child, start, startLine, startColumn);
    // A character replaced by another (or a line's worth of text typed) moves nothing after it.
    const lines = endLineAfter - endLineBefore;
    if (delta !== 0 || lines !== 0) for (const child of after) shift(child, delta, lines, 0);
    for (const child of [...sliceRoot.content, ...after]) (child as CstNode & Internals).container = root;
    root.content = [...before, ...sliceRoot.content, ...after];
    root._text = text;
    root._rangeCache = undefined;

    model.elements = [...elements.slice(0, kept), ...parsed.value.elements, ...elements.slice(resumed)];
    model.elements.forEach((each, index) => {
        const element = each as Mutable<ast.TopLevel>;
        element.$container = model;
        element.$containerProperty = 'elements';
        element.$containerIndex = index;
    });
    return { value: model, lexerErrors: [], lexerReport: parsed.lexerReport, parserErrors: [] };
}

/** The CST fields Langium keeps positions and caches in (not part of its public interface). */
interface Internals {
    container?: CstNode;
    content: CstNode[];
    _text: string;
    _rangeCache?: unknown;
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}

/** Moves a subtree: offsets by `offset`, lines by `lines`, and columns on its first line (0) by `columns`. */
function shift(node: CstNode, offset: number, lines: number, columns: number): void {
    // An explicit stack: this runs over every node after the edit, and Langium's CST streams allocate per node.
    const stack: CstNode[] = [node];
    while (stack.length > 0) {
        const n = stack.pop() as CstNode & Internals;
        if (isLeafCstNode(n)) {
            n._offset += offset;
            if (n._startLine === 0) n._startColumn += columns;
            if (n._endLine === 0) n._endColumn += columns;
            n._startLine += lines;
            n._endLine += lines;
        } else {
            n._rangeCache = undefined;
            for (const child of n.content) stack.push(child);
        }
    }
}

function hasNoErrors(result: ParseResult): boolean {
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0 && (result.lexerReport?.diagnostics.length ?? 0) === 0;
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
