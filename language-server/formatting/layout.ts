import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type CstNode } from 'langium';
import * as ast from '../generated/ast.js';

/**
 * The canonical layout of a `.copis` file (to be described in docs/language.md, "Formatting").
 *
 * The printer never moves, adds or drops a token: it only rewrites the white space between
 * the tokens of the file (comments included), so the formatted text always has the same
 * tokens, the same comments and the same syntax tree. Every edit it returns replaces white
 * space with white space.
 *
 * - Indentation: 2 spaces per nesting level (journey members 1, touchpoints and KPIs inside
 *   a journey 2).
 * - `{` ends the declaration's header line; in a multi-line body every member (property or
 *   nested declaration) starts its own line and `}` stands on a line of its own.
 * - One-line form `kind Name "Title" { a 1  b 2 }` (members separated by two spaces) when the
 *   body holds only properties, at most {@link MAX_ONE_LINE_PROPS} of them, no comment
 *   anywhere in the declaration, and the line fits in {@link MAX_WIDTH} columns.
 * - Inside a property or header: one space between tokens; `a, b` for lists; `A.B` for
 *   qualified names. Lines are never wrapped.
 * - Blank lines: exactly one between two top-level declarations when either spans several
 *   lines; between two one-line top-level declarations, and between members of a body, at
 *   most one (kept when the author left one); none after `{`, before `}` or at the start.
 * - Comments: a comment on the same line as the token before it stays there (two spaces
 *   before it); any other comment gets its own line, indented like what follows it (like the
 *   members, before a `}`). Block comments keep their inner layout, shifted with them.
 *   Trailing white space is removed; the file ends with one newline.
 * - Line ends: those of the file's first line break between tokens (CRLF files stay CRLF).
 */
export const INDENT = '  ';
export const MAX_WIDTH = 120;
export const MAX_ONE_LINE_PROPS = 4;

/** Replace `text.slice(start, end)` (white space only) with `text` (white space only). */
export interface WhitespaceEdit {
    start: number;
    end: number;
    text: string;
    /** For the re-indentation of a block comment's inner lines: where the comment starts. */
    comment?: number;
}

interface Token {
    offset: number;
    end: number;
    text: string;
    comment?: 'line' | 'block';
}

type Gap =
    | { kind: 'inline'; text: string }
    | { kind: 'break'; indent: number; commentIndent: number; first: BlankPolicy; last: BlankPolicy }
    | { kind: 'start' }
    | { kind: 'end' };

/** Whether a blank line may (`keep`: when the author left one), must, or must not stand at a line break. */
type BlankPolicy = 'none' | 'keep' | 'force';

/**
 * The white-space edits that bring `text` (whose parsed, error-free model is `model`) to the
 * canonical layout; empty when it is already formatted. `undefined` when the syntax tree does
 * not account for every non-blank character of the text (it never happens for a text that parsed).
 */
export function layoutEdits(model: ast.Model, text: string): WhitespaceEdit[] | undefined {
    const tokens = tokensOf(model, text);
    if (!tokens) return undefined;
    return new Printer(model, text, tokens).run();
}

/** Applies non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: WhitespaceEdit[]): string {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    let result = '';
    let at = 0;
    for (const edit of sorted) {
        result += text.slice(at, edit.start) + edit.text;
        at = edit.end;
    }
    return result + text.slice(at);
}

function tokensOf(model: ast.Model, text: string): Token[] | undefined {
    const root = model.$cstNode;
    const tokens: Token[] = [];
    if (root) {
        for (const node of CstUtils.streamCst(root)) {
            if (!isLeafCstNode(node) || node.length === 0) continue;
            const image = text.slice(node.offset, node.end);
            if (image.trim() === '') continue;
            const comment = !node.hidden ? undefined : image.startsWith('//') ? 'line' : image.startsWith('/*') ? 'block' : null;
            if (comment === null) return undefined;
            tokens.push({ offset: node.offset, end: node.end, text: image, comment });
        }
    }
    tokens.sort((a, b) => a.offset - b.offset);
    // Everything between the tokens must be white space: then rewriting it loses nothing.
    let at = 0;
    for (const token of tokens) {
        if (token.offset < at || text.slice(at, token.offset).trim() !== '') return undefined;
        at = token.end;
    }
    if (text.slice(at).trim() !== '') return undefined;
    return tokens;
}

/** The non-hidden leaves of a CST node. */
function codeLeaves(node: CstNode): CstNode[] {
    return CstUtils.streamCst(node).filter(n => isLeafCstNode(n) && !n.hidden && n.length > 0).toArray();
}

class Printer {
    private readonly eol: string;
    /** Declaration whose `{` / `}` starts at an offset. */
    private readonly open = new Map<number, ast.Declaration>();
    private readonly close = new Map<number, ast.Declaration>();
    /** Member (top-level declaration, property or nested declaration) whose first / last token starts at an offset. */
    private readonly memberAt = new Map<number, { node: AstNode; parent?: ast.Declaration }>();
    private readonly memberEndingAt = new Map<number, AstNode>();
    private readonly depth = new Map<AstNode, number>();
    private readonly oneLine = new Set<AstNode>();
    private readonly braced = new Set<AstNode>();
    private readonly indexAt = new Map<number, number>();

    private readonly edits: WhitespaceEdit[] = [];
    /** Column of the output so far, and the indentation of its current line (in levels). */
    private column = 0;
    private lineIndent = 0;

    constructor(private readonly model: ast.Model, private readonly text: string, private readonly tokens: Token[]) {
        this.eol = lineEnd(text, tokens);
        tokens.forEach((t, i) => this.indexAt.set(t.offset, i));
    }

    run(): WhitespaceEdit[] {
        for (const element of this.model.elements) this.visit(element, 0, undefined);
        let previous: Token | undefined;
        let comments: Token[] = [];
        for (const token of this.tokens) {
            if (token.comment) {
                comments.push(token);
                continue;
            }
            this.emitGap(previous, comments, token);
            this.emitToken(token);
            previous = token;
            comments = [];
        }
        this.emitGap(previous, comments, undefined);
        return this.edits;
    }

    // ---- structure ----------------------------------------------------------------

    private visit(node: AstNode, depth: number, parent: ast.Declaration | undefined): void {
        const leaves = node.$cstNode ? codeLeaves(node.$cstNode) : [];
        if (leaves.length === 0) return;
        this.memberAt.set(leaves[0].offset, { node, parent });
        this.memberEndingAt.set(leaves[leaves.length - 1].offset, node);
        if (!ast.isDeclaration(node)) return;
        this.depth.set(node, depth);
        // The declaration's own braces (a nested declaration's are its own).
        const braces = leaves.filter(l => (l.text === '{' || l.text === '}') && l.astNode === node);
        const open = braces.find(b => b.text === '{');
        const close = braces.find(b => b.text === '}');
        const members = [...AstUtils.streamContents(node)].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
        for (const member of members) this.visit(member, depth + 1, node);
        if (!open || !close) return;
        this.open.set(open.offset, node);
        this.close.set(close.offset, node);
        this.braced.add(node);
        if (this.fitsOnOneLine(leaves[0].offset, open.offset, close.offset, members, depth)) this.oneLine.add(node);
    }

    private fitsOnOneLine(start: number, open: number, close: number, members: AstNode[], depth: number): boolean {
        if (members.length > MAX_ONE_LINE_PROPS || members.some(m => ast.isDeclaration(m))) return false;
        const first = this.indexAt.get(start)!;
        const last = this.indexAt.get(close)!;
        if (this.tokens.slice(first, last + 1).some(t => t.comment)) return false;
        const header = this.joinInline(first, this.indexAt.get(open)!);
        const props = members.map(m => {
            const leaves = codeLeaves(m.$cstNode!);
            return this.joinInline(this.indexAt.get(leaves[0].offset)!, this.indexAt.get(leaves[leaves.length - 1].offset)! + 1);
        });
        const line = props.length === 0 ? `${header} {}` : `${header} { ${props.join('  ')} }`;
        return INDENT.length * depth + line.length <= MAX_WIDTH;
    }

    private joinInline(from: number, to: number): string {
        let result = '';
        for (let i = from; i < to; i++) {
            result += (i === from ? '' : inlineSeparator(this.tokens[i - 1], this.tokens[i])) + this.tokens[i].text;
        }
        return result;
    }

    /** Printed on a single line: without a body, or in the one-line form. */
    private isSingleLine(node: AstNode): boolean {
        return this.oneLine.has(node) || !this.braced.has(node);
    }

    private gapBetween(a: Token | undefined, b: Token | undefined): Gap {
        if (!a) return { kind: 'start' };
        if (!b) return { kind: 'end' };
        const closing = this.close.get(b.offset);
        if (closing) {
            const empty = this.open.get(a.offset) === closing;
            if (this.oneLine.has(closing)) return { kind: 'inline', text: empty ? '' : ' ' };
            const depth = this.depth.get(closing)!;
            return { kind: 'break', indent: depth, commentIndent: depth + 1, first: empty ? 'none' : 'keep', last: 'none' };
        }
        const opening = this.open.get(a.offset);
        if (opening) {
            if (this.oneLine.has(opening)) return { kind: 'inline', text: ' ' };
            const depth = this.depth.get(opening)! + 1;
            return { kind: 'break', indent: depth, commentIndent: depth, first: 'none', last: 'keep' };
        }
        const member = this.memberAt.get(b.offset);
        if (member) {
            if (member.parent) {
                if (this.oneLine.has(member.parent)) return { kind: 'inline', text: '  ' };
                const depth = this.depth.get(member.parent)! + 1;
                return { kind: 'break', indent: depth, commentIndent: depth, first: 'keep', last: 'keep' };
            }
            const previous = this.memberEndingAt.get(a.offset);
            const bothSingle = previous !== undefined && this.isSingleLine(previous) && this.isSingleLine(member.node);
            return { kind: 'break', indent: 0, commentIndent: 0, first: bothSingle ? 'keep' : 'force', last: 'keep' };
        }
        return { kind: 'inline', text: inlineSeparator(a, b) };
    }

    // ---- output -------------------------------------------------------------------

    /** Emits the white space between `a` and `b` (start / end of file when undefined), with the comments between them. */
    private emitGap(a: Token | undefined, comments: Token[], b: Token | undefined): void {
        const gap = this.gapBetween(a, b);
        let left: Token | undefined = a;
        let breaks = 0;
        for (let i = 0; i <= comments.length; i++) {
            const right: Token | undefined = comments[i] ?? b;
            const isComment = i < comments.length;
            const source = this.text.slice(left?.end ?? 0, right?.offset ?? this.text.length);
            // `\r` alone ends a line too (for the lexer, a line comment ends there).
            const newlines = source.match(/\r\n|\r|\n/g)?.length ?? 0;
            let ws: string;
            if (!right) {
                ws = left ? this.eol : '';
            } else if (!left) {
                ws = '';
            } else if (isComment && newlines === 0) {
                // A comment on the same line as what precedes it stays there.
                ws = left.comment || (gap.kind === 'inline' && right.comment === 'block') ? ' ' : '  ';
            } else if (gap.kind === 'inline') {
                if (comments.length === 0) ws = gap.text;
                else if (left.comment === 'line' || newlines > 0) ws = this.newline(false, this.lineIndent + 1);
                else ws = ' ';
            } else if (gap.kind === 'break') {
                const policies = [breaks === 0 ? gap.first : 'keep', isComment ? 'keep' : gap.last];
                const blank = policies.includes('none') ? false : policies.includes('force') ? true : newlines >= 2;
                ws = this.newline(blank, isComment ? gap.commentIndent : gap.indent);
                if (!isComment) this.lineIndent = gap.indent;
                breaks++;
            } else {
                // Start or end of the file: comments on their own lines, blank lines kept.
                ws = this.newline(newlines >= 2, 0);
            }
            this.replace(left?.end ?? 0, right?.offset ?? this.text.length, ws);
            if (isComment) this.emitToken(right!);
            left = right;
        }
    }

    private newline(blank: boolean, indent: number): string {
        return this.eol + (blank ? this.eol : '') + INDENT.repeat(indent);
    }

    /** Records the change of the white space between `start` and `end` to `ws`, as the smallest edit. */
    private replace(start: number, end: number, ws: string): void {
        const old = this.text.slice(start, end);
        if (old !== ws) {
            let prefix = 0;
            while (prefix < old.length && prefix < ws.length && old[prefix] === ws[prefix]) prefix++;
            let suffix = 0;
            while (suffix < old.length - prefix && suffix < ws.length - prefix && old[old.length - 1 - suffix] === ws[ws.length - 1 - suffix]) suffix++;
            // An edit may not start or end inside a `\r\n`: that offset has no LSP position.
            if (prefix > 0 && old[prefix - 1] === '\r' && old[prefix] === '\n') prefix--;
            if (suffix > 0 && old[old.length - suffix] === '\n' && old[old.length - suffix - 1] === '\r') suffix--;
            this.edits.push({ start: start + prefix, end: end - suffix, text: ws.slice(prefix, ws.length - suffix) });
        }
        const nl = ws.lastIndexOf('\n');
        this.column = nl >= 0 ? ws.length - nl - 1 : this.column + ws.length;
    }

    private emitToken(token: Token): void {
        if (token.comment === 'line') {
            const trimmed = token.text.trimEnd();
            if (trimmed.length < token.text.length) this.edits.push({ start: token.offset + trimmed.length, end: token.end, text: '' });
            this.column += trimmed.length;
            return;
        }
        if (token.comment === 'block' && token.text.includes('\n')) {
            this.emitBlockComment(token);
            return;
        }
        this.column += token.text.length;
    }

    /** A block comment over several lines moves as a whole: its inner lines shift with its first. */
    private emitBlockComment(token: Token): void {
        const lineStart = Math.max(this.text.lastIndexOf('\n', token.offset - 1), this.text.lastIndexOf('\r', token.offset - 1)) + 1;
        const oldColumn = token.offset - lineStart;
        const shift = this.column - oldColumn;
        let lastLine = 0;
        for (let i = token.text.indexOf('\n'); i >= 0; i = token.text.indexOf('\n', i + 1)) {
            const lineStart = i + 1;
            let wsEnd = lineStart;
            while (wsEnd < token.text.length && (token.text[wsEnd] === ' ' || token.text[wsEnd] === '\t')) wsEnd++;
            const blankLine = wsEnd >= token.text.length || token.text[wsEnd] === '\n' || token.text[wsEnd] === '\r';
            const start = token.offset + lineStart;
            let width = wsEnd - lineStart;
            if (!blankLine && shift > 0) {
                this.edits.push({ start, end: start, text: ' '.repeat(shift), comment: token.offset });
                width += shift;
            } else if (!blankLine && shift < 0) {
                const removed = Math.min(-shift, wsEnd - lineStart);
                if (removed > 0) this.edits.push({ start, end: start + removed, text: '', comment: token.offset });
                width -= removed;
            }
            const nextNewline = token.text.indexOf('\n', lineStart);
            lastLine = width + ((nextNewline < 0 ? token.text.length : nextNewline) - wsEnd);
        }
        this.column = lastLine;
    }
}

/**
 * The file's line end: that of its first line break between tokens. A comment's own line
 * breaks do not count (formatting keeps them as they are), so formatting again finds the same.
 */
function lineEnd(text: string, tokens: Token[]): '\n' | '\r\n' {
    let at = 0;
    let newline = text.indexOf('\n');
    for (let i = 0; i <= tokens.length && newline >= 0; i++) {
        // (Searched again only once passed: one scan of the text in all.)
        if (newline < at) newline = text.indexOf('\n', at);
        const gapEnd = i < tokens.length ? tokens[i].offset : text.length;
        if (newline >= 0 && newline < gapEnd) return newline > at && text[newline - 1] === '\r' ? '\r\n' : '\n';
        if (i < tokens.length) at = tokens[i].end;
    }
    return '\n';
}

/** The space between two tokens of one line: none around the `.` of a qualified name, none before `,`. */
function inlineSeparator(a: Token, b: Token): string {
    if (b.text === ',' || b.text === '.' || a.text === '.') return '';
    return ' ';
}
