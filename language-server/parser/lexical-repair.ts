import { createTokenInstance, type ILexingError, type IToken, type TokenType } from 'chevrotain';
import { closestName } from '../validation/did-you-mean.js';
import { lexicalMessages } from '../validation/syntax-messages.js';
import { lineAndColumn } from './text-position.js';

/**
 * Turns what the lexer could not read into what the writer most likely meant, so that one
 * mistake stays one error instead of throwing the parser off for the rest of the file.
 *
 * Chevrotain drops a character it cannot read and lexes on as if it were not there: `target > 90%`
 * was read as `target 90%` (and so as `>= 90%`), `+1` as `1`, `£2400` as `2400`, `2027-Q2` as the
 * money `2027 Q2`, and `moment-of-truth` as the keyword `moment` starting a new declaration. Here:
 * - a word with a character that has no meaning (`moment-of-truth`, `2027-Q2`, `+1`, `£2400`,
 *   `30/06/2027`, `4h30m`, `>`, `=>`, `92 %`) becomes one token no rule accepts: the parser reports
 *   it where it stands, says what was expected there, and reads no value from it;
 * - a string left open (`"Engineer visit {`) ends at the end of its line, or before a `{` that opens
 *   the block on that line; `'single quotes'` make a string; `#` starts a comment to the end of the
 *   line (each with a lexing error that says what to write);
 * - a misspelt or capitalised declaration keyword at the start of a line, followed by a name
 *   (`jouney Buy`, `touchpiont Invoice`, `Touchpoint Invoice`), and a capitalised property keyword
 *   there (`Channel email`), are read as the keyword (with an error that names it), so the
 *   declaration and what refers to it survive.
 * A text the lexer reads without error, and without such a word at the start of a line, is left as
 * it is: no valid text changes.
 */
export interface Vocabulary {
    STRING: TokenType;
    ID: TokenType;
    NUMBER: TokenType;
    INVALID: TokenType;
    /** Keyword token types by keyword. */
    keywords: ReadonlyMap<string, TokenType>;
    /** Declaration keywords allowed at the top level, and inside blocks. */
    topLevel: readonly string[];
    nested: readonly string[];
    /** Property keywords (`channel`, `owner`, ...). */
    properties: readonly string[];
    /** Keyword token types that may be a name (enum words). */
    nameKeywords: ReadonlySet<string>;
    /** Per declaration keyword with a block: the keywords that may start what is inside it. */
    blocks: ReadonlyMap<string, readonly string[]>;
    /** The `{` and `}` token types. */
    open: TokenType;
    close: TokenType;
}

export interface Lexed {
    tokens: IToken[];
    errors: ILexingError[];
}

export function repairTokens(text: string, lexed: Lexed, vocabulary: Vocabulary): Lexed {
    const hasError = lexed.errors.length > 0;
    if (!hasError && nothingToRepair(lexed.tokens, vocabulary)) return lexed;
    const repair = new Repair(text, lexed, vocabulary);
    repair.unreadable();
    repair.separatedNumbers();
    repair.keywords();
    repair.braces();
    return repair.result();
}

const WORD_TERMINALS = new Set(['ID', 'NUMBER', 'PERCENT', 'DURATION', 'DATE']);
const COMPARATOR_CHARS = /^[<>!=]+$/;
const STANDALONE_CHARS = new Set([':', ';']);

class Repair {
    private tokens: IToken[];
    private errors: ILexingError[];
    private readonly added: IToken[] = [];

    constructor(private readonly text: string, lexed: Lexed, private readonly vocabulary: Vocabulary) {
        this.tokens = lexed.tokens.slice();
        this.errors = lexed.errors.slice().sort((a, b) => a.offset - b.offset);
    }

    result(): Lexed {
        const tokens = [...this.tokens, ...this.added].sort(byPosition);
        return { tokens, errors: this.errors.sort((a, b) => a.offset - b.offset) };
    }

    /** Characters the lexer could not read, one error at a time (each repair may take in the next ones). */
    unreadable(): void {
        for (let i = 0; i < this.errors.length; i++) {
            const error = this.errors[i];
            if ((error as Marked).repaired || (error as Marked).dropped) continue;
            const char = this.text[error.offset];
            if (char === '"') this.openString(error);
            else if (char === "'" && this.singleQuoted(error)) continue;
            else if (char === '#') this.hashComment(error);
            else this.invalidWord(error);
        }
        this.errors = this.errors.filter(e => !(e as Marked).dropped);
    }

    /** `"Engineer visit {`: a string to the end of the line, or to a `{` that opens the block on it. */
    private openString(error: ILexingError): void {
        const start = error.offset;
        const lineEnd = endOfLine(this.text, start);
        let end = lineEnd;
        for (let b = this.text.indexOf('{', start + 1); b >= 0 && b < lineEnd; b = this.text.indexOf('{', b + 1)) {
            if (!/[ \t]/.test(this.text[b - 1]) || !opensOrCloses(this.text.slice(b, lineEnd))) continue;
            if (this.tokens.some(t => t.startOffset > start && t.startOffset < b && t.endOffset! >= b)) continue;
            end = b;
            break;
        }
        while (end > start + 1 && /[ \t]/.test(this.text[end - 1])) end--;
        this.replaceWith(this.vocabulary.STRING, start, end);
        (error as Marked).repaired = true;
        this.dropErrorsIn(start + 1, end);
    }

    /** `'Invoice'`: a string (the lexer error at the first quote stays, and says to use double quotes). */
    private singleQuoted(error: ILexingError): boolean {
        const start = error.offset;
        const close = this.text.indexOf("'", start + 1);
        if (close < 0 || close >= endOfLine(this.text, start)) return false;
        this.replaceWith(this.vocabulary.STRING, start, close + 1);
        (error as Marked).repaired = true;
        this.dropErrorsIn(start + 1, close + 1);
        return true;
    }

    /** `# note`: a comment to the end of the line (the error says comments start with `//`). */
    private hashComment(error: ILexingError): void {
        const start = error.offset;
        const end = endOfLine(this.text, start);
        this.tokens = this.tokens.filter(t => t.startOffset < start || t.startOffset >= end);
        (error as Marked).repaired = true;
        this.dropErrorsIn(start + 1, end);
    }

    /** A word holding characters without meaning: one token that no rule accepts, reported by the parser. */
    private invalidWord(error: ILexingError): void {
        let start = error.offset;
        let end = error.offset + error.length;
        (error as Marked).dropped = true;
        if (STANDALONE_CHARS.has(this.text.slice(start, end))) {
            this.replaceWith(this.vocabulary.INVALID, start, end);
            return;
        }
        const comparator = COMPARATOR_CHARS.test(this.text.slice(start, end));
        const joins = (token: IToken) => comparator ? COMPARATOR_CHARS.test(token.image) : this.isWordLike(token);
        for (let grown = true; grown;) {
            grown = false;
            const before = this.tokens.find(t => t.endOffset! + 1 === start);
            if (before && joins(before)) {
                start = before.startOffset;
                grown = true;
            }
            const after = this.tokens.find(t => t.startOffset === end);
            if (after && joins(after)) {
                end = after.endOffset! + 1;
                grown = true;
            }
            for (const other of this.errors) {
                if ((other as Marked).dropped || (other as Marked).repaired) continue;
                const chars = this.text.slice(other.offset, other.offset + other.length);
                if (STANDALONE_CHARS.has(chars) || chars === '"' || chars === "'" || chars === '#') continue;
                if (COMPARATOR_CHARS.test(chars) !== comparator) continue;
                if (other.offset + other.length === start || other.offset === end) {
                    start = Math.min(start, other.offset);
                    end = Math.max(end, other.offset + other.length);
                    (other as Marked).dropped = true;
                    grown = true;
                }
            }
        }
        // `92 %`: a percent sign set apart from its number.
        if (/^%+$/.test(this.text.slice(error.offset, error.offset + error.length)) && start === error.offset) {
            const before = [...this.tokens].reverse().find(t => t.endOffset! < start);
            if (before && (before.tokenType.name === 'NUMBER' || before.tokenType.name === 'PERCENT') && /^[ \t]+$/.test(this.text.slice(before.endOffset! + 1, start))) {
                start = before.startOffset;
            }
        }
        this.replaceWith(this.vocabulary.INVALID, start, end);
    }

    /** `2,400`, `92,5%`: a number with a separator, one token that no rule accepts (a list of numbers is not in the language). */
    separatedNumbers(): void {
        const tokens = [...this.tokens].sort((a, b) => a.startOffset - b.startOffset);
        for (let i = 0; i + 2 < tokens.length; i++) {
            if (!isSeparatedNumber(tokens, i)) continue;
            let last = i + 2;
            while (isSeparatedNumber(tokens, last)) last += 2;
            this.replaceWith(this.vocabulary.INVALID, tokens[i].startOffset, tokens[last].endOffset! + 1);
            i = last;
        }
    }

    /**
     * More `}` than `{`: a block closed too early cuts the declarations after it off from their
     * journey (they end up at the top level, or are skipped). A `{` left out after a declaration
     * whose properties follow on its line is put back (a virtual token, no text); otherwise the `}`
     * that closed the top-level declaration before something that can only be inside one is
     * dropped (the second of a `}}` before it, when there is one), each with an error.
     */
    braces(): void {
        for (let attempt = 0; attempt < 50 && !noExtraClose(this.all()); attempt++) {
            const tokens = this.all();
            if (!this.openMissingBrace(tokens) && !this.dropExtraBrace(tokens)) return;
        }
    }

    private all(): IToken[] {
        this.tokens = [...this.tokens, ...this.added].sort(byPosition);
        this.added.length = 0;
        return this.tokens;
    }

    private openMissingBrace(tokens: IToken[]): boolean {
        const blocks: Array<string | undefined> = [];
        let header: string | undefined; // the declaration keyword whose block may open next
        for (let i = 0; i < tokens.length; i++) {
            const token = tokens[i];
            const name = token.tokenType.name;
            if (name === '{') {
                blocks.push(header);
                header = undefined;
                continue;
            }
            if (name === '}') {
                blocks.pop();
                header = undefined;
                continue;
            }
            if (this.vocabulary.blocks.has(name) && i + 1 < tokens.length && this.isName(tokens[i + 1])) {
                header = name;
                // keyword Name "title"? then a property of that declaration on the same line, without `{`
                const at = tokens[i + 2]?.tokenType.name === 'STRING' ? i + 3 : i + 2;
                const next = tokens[at];
                const inside = this.vocabulary.blocks.get(name)!;
                const enclosing = blocks[blocks.length - 1];
                const outside = enclosing ? this.vocabulary.blocks.get(enclosing) ?? [] : this.vocabulary.topLevel;
                if (next && next.startLine === tokens[at - 1].endLine && this.vocabulary.properties.includes(next.tokenType.name)
                    && inside.includes(next.tokenType.name) && !outside.includes(next.tokenType.name)) {
                    const open = createTokenInstance(this.vocabulary.open, '', NaN, NaN, NaN, NaN, NaN, NaN);
                    open.isInsertedInRecovery = true;
                    (open as Positioned).before = next.startOffset;
                    this.added.push(open);
                    this.errors.push({
                        offset: next.startOffset, length: next.image.length, line: next.startLine, column: next.startColumn,
                        message: lexicalMessages.missingOpenBrace(tokens.slice(i, at).map(t => t.image).join(' '), next.image)
                    });
                    return true;
                }
            }
        }
        return false;
    }

    private dropExtraBrace(tokens: IToken[]): boolean {
        let depth = 0;
        let topLevelStart = 0;
        for (let i = 0; i < tokens.length; i++) {
            const name = tokens[i].tokenType.name;
            if (name === '{') {
                if (depth === 0) topLevelStart = i;
                depth++;
            } else if (name === '}') {
                depth--;
                if (depth > 0) continue;
                const next = tokens[i + 1];
                if (depth === 0 && (!next || next.tokenType.name === '}' || this.vocabulary.topLevel.includes(next.tokenType.name))) continue;
                // This `}` closed the top-level declaration (or nothing) before what belongs inside one.
                let extra = i;
                for (let j = i - 1; j > topLevelStart; j--) {
                    const t = tokens[j];
                    if (t.tokenType.name === '}' && tokens[j - 1].tokenType.name === '}' && tokens[j - 1].endLine === t.startLine) {
                        extra = j;
                        break;
                    }
                }
                const brace = tokens[extra];
                this.tokens = this.tokens.filter(t => t !== brace);
                this.errors.push({
                    offset: brace.startOffset, length: 1, line: brace.startLine, column: brace.startColumn,
                    message: lexicalMessages.extraCloseBrace()
                });
                return true;
            }
        }
        return false;
    }

    private isName(token: IToken): boolean {
        return token.tokenType.name === 'ID' || this.vocabulary.nameKeywords.has(token.tokenType.name);
    }

    /** Misspelt and capitalised keywords at the start of a line (see the comment on repairTokens). */
    keywords(): void {
        let depth = 0;
        const all = [...this.tokens, ...this.added].sort((a, b) => a.startOffset - b.startOffset);
        for (let i = 0; i < all.length; i++) {
            const token = all[i];
            const name = token.tokenType.name;
            if (name === '{') depth++;
            else if (name === '}') depth = Math.max(0, depth - 1);
            if (name !== 'ID') continue;
            const previous = all[i - 1];
            const next = all[i + 1];
            const startsLine = !previous || previous.endLine! < token.startLine! || previous.tokenType.name === '{';
            if (!startsLine || previous?.tokenType.name === ',' || (previous && this.takesValue(previous))) continue;
            const lower = token.image.toLowerCase();
            const declarations = depth === 0 ? this.vocabulary.topLevel : [...new Set([...this.vocabulary.nested, ...this.vocabulary.topLevel])];
            let keyword: string | undefined;
            if (next && (next.tokenType.name === 'ID' || this.vocabulary.nameKeywords.has(next.tokenType.name))) {
                keyword = declarations.find(k => k === lower) ?? closestName(token.image, declarations);
            }
            if (!keyword && this.vocabulary.properties.includes(lower)) keyword = lower;
            const type = keyword && this.vocabulary.keywords.get(keyword);
            if (!keyword || !type) continue;
            this.errors.push({
                offset: token.startOffset, length: token.image.length, line: token.startLine, column: token.startColumn,
                message: lexicalMessages.misspeltKeyword(token.image, keyword)
            });
            token.tokenType = type;
            token.tokenTypeIdx = type.tokenTypeIdx!;
        }
    }

    /** A property or declaration keyword, after which a name or value comes (a name there is not a keyword). */
    private takesValue(token: IToken): boolean {
        const name = token.tokenType.name;
        return this.vocabulary.properties.includes(name) || this.vocabulary.nested.includes(name) || this.vocabulary.topLevel.includes(name);
    }

    private isWordLike(token: IToken): boolean {
        const name = token.tokenType.name;
        return WORD_TERMINALS.has(name) || (this.vocabulary.keywords.has(name) && /^[A-Za-z][A-Za-z-]*$/.test(name));
    }

    /** Replaces the tokens starting in [start, end) with one token of `type` spanning that text. */
    private replaceWith(type: TokenType, start: number, end: number): void {
        const first = this.tokens.find(t => t.startOffset === start);
        this.tokens = this.tokens.filter(t => t.startOffset < start || t.startOffset >= end);
        const image = this.text.slice(start, end);
        const { line, column } = first ? { line: first.startLine!, column: first.startColumn! } : lineAndColumn(this.text, start);
        this.added.push(createTokenInstance(type, image, start, end - 1, line, line, column, column + image.length - 1));
    }

    private dropErrorsIn(start: number, end: number): void {
        for (const other of this.errors) if (other.offset >= start && other.offset < end) (other as Marked).dropped = true;
    }
}

type Marked = ILexingError & { repaired?: boolean; dropped?: boolean };
/** A virtual token (no text, NaN offsets) goes right before the token at offset `before`. */
type Positioned = IToken & { before?: number };

function byPosition(a: IToken, b: IToken): number {
    const at = (t: IToken) => (t as Positioned).before !== undefined ? (t as Positioned).before! - 0.5 : t.startOffset;
    return at(a) - at(b);
}

/** No more `}` than `{` (a `{` too many is left to the parser: it closes the block where it can). */
function noExtraClose(tokens: IToken[]): boolean {
    let depth = 0;
    for (const t of tokens) {
        const name = t.tokenType.name;
        if (name === '{') depth++;
        else if (name === '}') depth--;
    }
    return depth >= 0;
}

/** NUMBER `,` NUMBER/PERCENT/DURATION at `i`, touching. */
function isSeparatedNumber(tokens: IToken[], i: number): boolean {
    const [a, comma, b] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    return !!a && !!comma && !!b && a.tokenType.name === 'NUMBER' && comma.tokenType.name === ','
        && ['NUMBER', 'PERCENT', 'DURATION'].includes(b.tokenType.name)
        && a.endOffset! + 1 === comma.startOffset && comma.endOffset! + 1 === b.startOffset;
}

/** Token type indices of what the gate below looks at, per vocabulary. */
const indices = new WeakMap<Vocabulary, { open: number; close: number; comma: number; id: number; number: number; afterName: Set<number> }>();

/**
 * One pass over a text the lexer read without error: whether it has something the repairs
 * handle (a misspelt keyword's place, a separated number, a `}` too many). Every parse of a
 * valid file goes through here, so it compares token type indices only.
 */
function nothingToRepair(tokens: IToken[], vocabulary: Vocabulary): boolean {
    let idx = indices.get(vocabulary);
    if (!idx) {
        const of = (name: string) => vocabulary.keywords.get(name)?.tokenTypeIdx ?? -1;
        const afterName = new Set([...vocabulary.properties, ...vocabulary.nested, ...vocabulary.topLevel, ','].map(of));
        idx = { open: of('{'), close: of('}'), comma: of(','), id: vocabulary.ID.tokenTypeIdx!, number: vocabulary.NUMBER.tokenTypeIdx!, afterName };
        indices.set(vocabulary, idx);
    }
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        const type = token.tokenTypeIdx;
        if (type === idx.open) depth++;
        else if (type === idx.close && --depth < 0) return false;
        else if (type === idx.comma) {
            const before = tokens[i - 1];
            if (before && before.tokenTypeIdx === idx.number && before.endOffset! + 1 === token.startOffset && isSeparatedNumber(tokens, i - 1)) return false;
        } else if (type === idx.id) {
            const previous = tokens[i - 1];
            if (!previous || previous.tokenTypeIdx === idx.open || previous.endLine! < token.startLine!) {
                if (!previous || !idx.afterName.has(previous.tokenTypeIdx)) return false;
            }
        }
    }
    return true;
}

function endOfLine(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) return i;
    }
    return text.length;
}

/** Whether a line's rest from a `{` opens a block that it closes, or leaves open for the lines after. */
function opensOrCloses(rest: string): boolean {
    let depth = 0;
    for (const c of rest) {
        if (c === '{') depth++;
        else if (c === '}' && --depth < 0) return false;
    }
    return true;
}
