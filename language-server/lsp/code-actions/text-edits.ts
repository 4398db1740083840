import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type CstNode } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'langium';

/**
 * Text-level helpers for quick fixes: where a new property or declaration goes, with the
 * indentation of its neighbours, so the result reads as if it had been typed there (and the
 * formatter has little to change).
 */
export class TextEditor {
    readonly text: string;
    readonly eol: string;

    constructor(readonly document: TextDocument) {
        this.text = document.getText();
        const firstNewline = this.text.indexOf('\n');
        this.eol = firstNewline > 0 && this.text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
    }

    edit(start: number, end: number, newText: string): TextEdit {
        return { range: { start: this.document.positionAt(start), end: this.document.positionAt(end) }, newText };
    }

    lineStart(offset: number): number {
        return this.text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** The offset of the line break that ends the line of `offset` (or the end of the text). */
    lineEnd(offset: number): number {
        const newline = this.text.indexOf('\n', offset);
        if (newline < 0) return this.text.length;
        return newline > 0 && this.text[newline - 1] === '\r' ? newline - 1 : newline;
    }

    /** The white space that starts the line of `offset`. */
    indentAt(offset: number): string {
        return /^[ \t]*/.exec(this.text.slice(this.lineStart(offset)))![0];
    }

    /** Whether only white space precedes `offset` on its line. */
    startsLine(offset: number): boolean {
        return this.text.slice(this.lineStart(offset), offset).trim() === '';
    }

    /** Whether the rest of the line from `offset` holds nothing but white space and a comment. */
    restOfLineIsFree(offset: number): boolean {
        return /^[ \t]*(\/\/.*|\/\*.*?\*\/[ \t]*)?$/.test(this.text.slice(offset, this.lineEnd(offset)));
    }

    /** End of the white space (spaces and tabs) that starts at `offset`. */
    skipBlanks(offset: number): number {
        while (offset < this.text.length && (this.text[offset] === ' ' || this.text[offset] === '\t')) offset++;
        return offset;
    }
}

/** A declaration's own `{` and `}` (not those of the declarations nested in it). */
export function bracesOf(node: AstNode): { open?: CstNode; close?: CstNode } {
    if (!node.$cstNode) return {};
    const own = CstUtils.streamCst(node.$cstNode)
        .filter(n => isLeafCstNode(n) && !n.hidden && (n.text === '{' || n.text === '}') && n.astNode === node)
        .toArray();
    return { open: own.find(n => n.text === '{'), close: own.find(n => n.text === '}') };
}

/** The members of a declaration's body (properties and nested declarations), in document order. */
export function membersOf(node: AstNode): AstNode[] {
    return AstUtils.streamContents(node).filter(m => m.$cstNode !== undefined).toArray()
        .sort((a, b) => a.$cstNode!.offset - b.$cstNode!.offset);
}

/**
 * Inserts `member` (one line, without indentation) into `parent`'s body: after `after` when
 * given, else as the first member. Adds the braces when the declaration has none.
 */
export function insertMember(editor: TextEditor, parent: AstNode, after: AstNode | undefined, member: string): TextEdit | undefined {
    const cst = parent.$cstNode;
    if (!cst) return undefined;
    const { open, close } = bracesOf(parent);
    const parentIndent = editor.indentAt(cst.offset);
    if (!open || !close) {
        return editor.edit(cst.end, cst.end, ` {${editor.eol}${parentIndent}  ${member}${editor.eol}${parentIndent}}`);
    }
    const members = membersOf(parent);
    const onOwnLine = members.find(m => editor.startsLine(m.$cstNode!.offset));
    const indent = after?.$cstNode && editor.startsLine(after.$cstNode.offset) ? editor.indentAt(after.$cstNode.offset)
        : onOwnLine ? editor.indentAt(onOwnLine.$cstNode!.offset) : parentIndent + '  ';
    const anchorEnd = after?.$cstNode ? after.$cstNode.end : open.end;
    if (editor.restOfLineIsFree(anchorEnd)) {
        const at = editor.lineEnd(anchorEnd);
        return editor.edit(at, at, editor.eol + indent + member);
    }
    // Something follows on the same line: give the new member a line of its own, and what follows the next one.
    const next = editor.skipBlanks(anchorEnd);
    const closes = next === close.offset;
    return editor.edit(anchorEnd, next, editor.eol + indent + member + editor.eol + (closes ? parentIndent : indent));
}

/** Adds a property to a declaration, first or last in its body, keeping a one-line body on one line. */
export function addProperty(editor: TextEditor, node: AstNode, property: string, position: 'first' | 'last'): TextEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const { open, close } = bracesOf(node);
    if (!open || !close) return editor.edit(cst.end, cst.end, ` { ${property} }`);
    const members = membersOf(node);
    const oneLine = editor.text.slice(open.offset, close.offset).indexOf('\n') < 0;
    if (oneLine) {
        if (members.length === 0) return editor.edit(open.end, close.offset, ` ${property} `);
        if (position === 'first') return editor.edit(open.end, editor.skipBlanks(open.end), ` ${property}  `);
        const lastEnd = members[members.length - 1].$cstNode!.end;
        return editor.edit(lastEnd, lastEnd, `  ${property}`);
    }
    const props = members.filter(m => 'key' in m);
    if (position === 'first' || props.length === 0) return insertMember(editor, node, undefined, property);
    return insertMember(editor, node, props[props.length - 1], property);
}

/**
 * Removes a declaration with its doc comment: whole lines when it stands on lines of its own
 * (with a comment after it on its last line), and one of the blank lines around it when it
 * stood between two.
 */
export function removeDeclaration(editor: TextEditor, node: AstNode): TextEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const doc = CstUtils.findCommentNode(cst, ['ML_COMMENT']);
    const text = editor.text;
    let start = doc && doc.text.startsWith('/**') && text.slice(doc.end, cst.offset).trim() === '' ? doc.offset : cst.offset;
    let end = cst.end;
    if (editor.startsLine(start) && editor.restOfLineIsFree(end)) {
        start = editor.lineStart(start);
        end = editor.lineEnd(end);
        end = text.startsWith('\r\n', end) ? end + 2 : text.startsWith('\n', end) ? end + 1 : end;
        if (start > 0 && text.slice(end).trim() === '') {
            // The last thing in the file: no blank line left at its end.
            const keep = text.slice(0, start).replace(/\s*$/, '').length;
            return editor.edit(keep, text.length, keep > 0 ? editor.eol : '');
        }
        const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, start)) || text.slice(0, start).trim() === '';
        const blankAfter = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
        if (blankBefore && blankAfter) end += blankAfter[0].length;
        return editor.edit(start, end, '');
    }
    // It shares a line with something else: remove it and the blanks before it.
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return editor.edit(start, end, '');
}
