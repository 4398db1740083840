import type { IToken, TokenType } from 'chevrotain';
import { AbstractCstNode, CstNodeBuilder, type AstNode, type CompositeCstNode, type CstNode, type LeafCstNode, type LeafCstNodeImpl, type RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';

/**
 * Langium's CST builder, making `CopisLeaf`s: a leaf keeps only what its position cannot be worked out from.
 *
 * Every leaf lives as long as its document (in `copis validate`, until the run ends), so the garbage collector
 * copies each one twice, and the bench's 10,000 declarations have 128,000 of them. Langium's leaf has ten
 * fields (104 bytes): its container, grammar element, hidden flag, offset, length, token type, and its start
 * and end lines and columns. A token's line and column are those of its offset in the text (the lexer counts
 * `\r\n`, `\r` and `\n` as line ends, as `lineStarts` does), the end of a token of one line is its start and
 * its length, and a leaf is hidden (a comment) when the parser gave it no grammar element; a copis leaf keeps
 * five fields (64 bytes). The few tokens of several lines (a block comment) keep where they end.
 */
export class CopisCstNodeBuilder extends CstNodeBuilder {
    protected override createLeafNode(token: IToken, hidden: boolean): LeafCstNodeImpl {
        // (`hidden`: Langium's builder gives a leaf that is not hidden its grammar element once it is made)
        void hidden;
        const leaf = token.endLine === token.startLine
            ? new CopisLeaf(token.startOffset, token.image.length, token.tokenType)
            : new CopisMultiLineLeaf(token.startOffset, token.image.length, token.tokenType, token.endLine! - token.startLine!, token.endColumn!);
        return leaf as unknown as LeafCstNodeImpl;
    }

    /** The nodes being built, innermost last (Langium's, private to it). */
    private get open(): CompositeCstNode[] {
        return (this as unknown as { nodeStack: CompositeCstNode[] }).nodeStack;
    }

    /**
     * The current node, opened once more for a union rule's alternative (`CopisParser.unionSubrule`): the called
     * rule's `construct` closes it again without removing or compacting it, which the union rule's own `construct` does.
     */
    reopen(): CompositeCstNode {
        const current = this.current;
        this.open.push(current);
        return current;
    }

    override construct(item: { $type: string | symbol | undefined; $cstNode: CstNode; $infixName?: string }): void {
        const open = this.open;
        const current = open[open.length - 1];
        if (open.length > 1 && open[open.length - 2] === current) {
            item.$cstNode = current;
            open.pop();
            return;
        }
        super.construct(item);
    }
}

/** A token's leaf: Langium's `LeafCstNodeImpl`, with its position read from its offset and the text's line starts. */
export class CopisLeaf extends AbstractCstNode implements LeafCstNode {
    /** Moved by the incremental parser (incremental-parse.ts), which splices leaves into a new text. */
    _offset: number;
    private readonly _length: number;
    private readonly _tokenType: TokenType;

    constructor(offset: number, length: number, tokenType: TokenType) {
        super();
        // (small integers in the object: chevrotain's offsets may be stored as heap numbers)
        this._offset = offset | 0;
        this._length = length | 0;
        this._tokenType = tokenType;
    }

    get offset(): number {
        return this._offset;
    }

    get length(): number {
        return this._length;
    }

    get end(): number {
        return this._offset + this._length;
    }

    /** A comment: the parser gives every token it reads its grammar element, and comments none. */
    get hidden(): boolean {
        return this.grammarSource === undefined;
    }

    get tokenType(): TokenType {
        return this._tokenType;
    }

    get astNode(): AstNode {
        const container = this.container;
        if (!container) throw new Error('This node has no associated AST element');
        return container.astNode;
    }

    get range(): Range {
        const starts = lineStarts(this.root);
        const offset = this._offset;
        const line = lineOf(starts, offset);
        const character = offset - starts[line];
        return { start: { line, character }, end: this.endOf(line, character) };
    }

    /** Where the token ends, given where it starts: on its line, after its length. */
    protected endOf(line: number, character: number): Range['end'] {
        return { line, character: character + this._length };
    }
}

/**
 * A token of several lines (a block comment): where it ends, as the lexer said (its lines after the first, the
 * column on its last), which moves with its start.
 */
class CopisMultiLineLeaf extends CopisLeaf {
    private readonly _lines: number;
    private readonly _endColumn: number;

    constructor(offset: number, length: number, tokenType: TokenType, lines: number, endColumn: number) {
        super(offset, length, tokenType);
        this._lines = lines | 0;
        this._endColumn = endColumn | 0;
    }

    protected override endOf(line: number): Range['end'] {
        return { line: line + this._lines, character: this._endColumn };
    }
}

/** Each root's line starts, for the text they were found in (the incremental parser gives a root a new text). */
const starts = new WeakMap<RootCstNode, { text: string; starts: number[] }>();

function lineStarts(root: RootCstNode): number[] {
    const text = root.fullText;
    let known = starts.get(root);
    if (known === undefined || known.text !== text) {
        known = { text, starts: lineStartsOf(text) };
        starts.set(root, known);
    }
    return known.starts;
}

/** The offset of each line's first character, lines ended as the lexer ends them: `\r\n`, `\r` and `\n`. */
export function lineStartsOf(text: string): number[] {
    const out = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) out.push(i + 1);
        else if (c === 13) {
            if (text.charCodeAt(i + 1) === 10) i++;
            out.push(i + 1);
        }
    }
    return out;
}

/** The line (0-based) of an offset: the last line that starts at or before it. */
function lineOf(starts: number[], offset: number): number {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) low = middle;
        else high = middle - 1;
    }
    return low;
}
