import { createToken, Lexer as ChevrotainLexer, type CustomPatternMatcherFunc, type ILexingError, type IToken, type TokenType, type TokenVocabulary } from 'chevrotain';
import { DefaultLexer, DefaultTokenBuilder, RegExpUtils, stream, type GrammarAST, type LangiumCoreServices, type LexerResult, type Stream, type TokenBuilderOptions, type TokenizeOptions } from 'langium';
import { distinctKeywords, reachableRules } from './grammar-walk.js';
import { INVALID_TOKEN_NAME } from '../validation/syntax-messages.js';
import { grammarVocabulary } from './grammar-vocabulary.js';
import { repairTokens, type Vocabulary } from './lexical-repair.js';
import { lineAndColumn } from './text-position.js';

/**
 * Strings and block comments are matched by hand, in one pass, instead of by the grammar's regular
 * expressions. V8 runs `/"(\\.|[^"\\\r\n])*"/` with a backtracking stack that grows by one entry per
 * character, and a string of about 4.2 million characters overflowed it: "Maximum call stack size
 * exceeded" from inside the lexer stopped the CLI run, and stopped the language server from ever
 * loading the workspace. The matchers accept exactly what the grammar's terminals say (a test
 * compares them), in time linear in the token and with constant stack.
 *
 * A block comment that is never closed runs to the end of the file, as every editor shows it,
 * and is one error ("Unterminated comment"). The grammar's lazy regular expression failed there
 * instead, after scanning the rest of the file, and the lexer went on with `/`, `*` and whatever
 * followed as code: a 50 MB file that was one unterminated comment made a 50-million-character
 * name and a syntax error quoting it (13 s and 4 GB in the server).
 */
export const UNTERMINATED_COMMENT = 'Unterminated comment: this `/*` is never closed, so the rest of the file is a comment; close it with `*/`.';

export class CopisTokenBuilder extends DefaultTokenBuilder {
    /** What the matchers found wrong in the text being tokenized; `CopisLexer` takes it after each text. */
    private pending: ILexingError[] = [];

    /** Langium's, with the rules and keywords found by plain walks (grammar-walk.ts) instead of its streams. */
    override buildTokens(grammar: GrammarAST.Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const rules = stream(reachableRules(grammar));
        const terminalTokens = this.buildTerminalTokens(rules);
        const tokens = this.buildKeywordTokens(rules, terminalTokens, options);
        tokens.push(...terminalTokens);
        return tokens;
    }

    protected override buildKeywordTokens(rules: Stream<GrammarAST.AbstractRule>, terminalTokens: TokenType[], options?: TokenBuilderOptions): TokenType[] {
        // (a stable sort: keywords of one length stay in the order they were found, as in Langium's)
        return distinctKeywords(rules).sort((a, b) => b.value.length - a.value.length)
            .map(keyword => this.buildKeywordToken(keyword, terminalTokens, Boolean(options?.caseInsensitive)));
    }

    /**
     * Langium's, but a keyword of two characters or more is matched by comparing characters (`keywordPattern`) instead
     * of chevrotain's sticky expression of it: at a word's first character chevrotain tries every keyword that starts
     * with it, longest first (some twenty for a `c`), and a call of a regular expression that fails cost more than
     * the rest of the token.
     */
    protected override buildKeywordToken(keyword: GrammarAST.Keyword, terminalTokens: TokenType[], caseInsensitive: boolean): TokenType {
        const token = super.buildKeywordToken(keyword, terminalTokens, caseInsensitive);
        const pattern = token.PATTERN;
        if (typeof pattern !== 'string' || pattern.length < 2) return token;
        return { ...token, PATTERN: keywordPattern(pattern), START_CHARS_HINT: [pattern.charAt(0)], LINE_BREAKS: false };
    }

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        switch (terminal.name) {
            case 'STRING':
                return { ...token, PATTERN: { exec: matchString }, START_CHARS_HINT: ['"'], LINE_BREAKS: false };
            case 'ML_COMMENT':
                return { ...token, PATTERN: { exec: this.blockComment }, START_CHARS_HINT: ['/'], LINE_BREAKS: true };
            default:
                return token;
        }
    }

    /** Each terminal's partial expression (`RegExpUtils.partialRegExp`), for `findLongerAlt`; null for a hand-written matcher. */
    private readonly partials = new Map<TokenType, RegExp | null>();

    /**
     * Langium's: the terminals that could read on where `keyword` ends (an ID after `web`), by the terminal's partial
     * expression. Langium builds that expression again for every keyword and terminal (some 800 expressions made and
     * compiled at every start); here once per terminal.
     */
    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        const longerAlts: TokenType[] = [];
        for (const token of terminalTokens) {
            let partial = this.partials.get(token);
            if (partial === undefined) {
                const source = (token.PATTERN as RegExp | undefined)?.source;
                partial = source ? RegExpUtils.partialRegExp('^' + source + '$') : null;
                this.partials.set(token, partial);
            }
            const match = partial && keyword.value.match(partial);
            if (match && match[0].length > 0) longerAlts.push(token);
        }
        return longerAlts;
    }

    /** The errors the matchers found since the last call (one text's worth). */
    takeErrors(): ILexingError[] {
        const errors = this.pending;
        this.pending = [];
        return errors;
    }

    private readonly blockComment: CustomPatternMatcherFunc = (text, offset) => {
        const match = matchBlockComment(text, offset);
        if (match && match.unterminated) {
            const { line, column } = lineAndColumn(text, offset);
            this.pending.push({
                offset, line, column, length: 2,
                message: UNTERMINATED_COMMENT
            });
        }
        return match;
    };
}

/** A word the lexer cannot read: never lexed from text (lexical-repair.ts makes it), accepted by no rule. */
const INVALID: TokenType = createToken({ name: INVALID_TOKEN_NAME, pattern: ChevrotainLexer.NA });

/**
 * Langium's lexer, then lexical-repair.ts on what it could not read, with the errors of the
 * hand-written matchers among the others (by offset). Only the document's own parse is repaired:
 * completion lexes the text before the cursor, where a half-typed word is not a mistake.
 */
export class CopisLexer extends DefaultLexer {
    private readonly vocabulary: Vocabulary;

    constructor(services: LangiumCoreServices) {
        super(services);
        const words = grammarVocabulary(services.Grammar);
        const keywords = new Map(Object.entries(this.tokenTypes).filter(([name]) => !/^[A-Z][A-Z0-9_]*$/.test(name)));
        this.vocabulary = {
            STRING: this.tokenTypes.STRING,
            ID: this.tokenTypes.ID,
            NUMBER: this.tokenTypes.NUMBER,
            INVALID,
            keywords,
            topLevel: words.topLevel,
            nested: words.declarations,
            properties: words.properties,
            nameKeywords: new Set(nameKeywords(services)),
            blocks: new Map([...words.blockContents].map(([rule, inside]) => [words.ruleKeyword.get(rule)!, inside])),
            open: this.tokenTypes['{'],
            close: this.tokenTypes['}']
        };
    }

    override get definition(): DefaultLexer['definition'] {
        return { ...this.tokenTypes, [INVALID_TOKEN_NAME]: INVALID };
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const builder = this.tokenBuilder as CopisTokenBuilder;
        builder.takeErrors(); // nothing left over from a tokenize that threw
        const lexed = super.tokenize(text, options);
        shareKeywordImages(lexed.tokens);
        // The matchers' errors are about tokens that were read (a comment never closed): nothing to repair there.
        const own = builder.takeErrors();
        const repaired = options?.mode === 'partial' ? lexed : repairTokens(text, lexed, this.vocabulary);
        if (repaired === lexed && own.length === 0) return lexed;
        const errors = own.length === 0 ? repaired.errors : [...repaired.errors, ...own].sort((a, b) => a.offset - b.offset);
        return { ...lexed, tokens: repaired.tokens, errors };
    }
}

/**
 * A keyword's token gets the keyword's own string for its image (its text: the grammar is case-sensitive), not a
 * copy cut from the text: the parser gives the image to the AST (every property's `key`, every enumerated value),
 * and the bench's 10,000-declaration workspace kept 5,401 strings "systems", 4,321 "channel", … (2 MB).
 */
function shareKeywordImages(tokens: IToken[]): void {
    for (const token of tokens) {
        const pattern = token.tokenType.PATTERN;
        const keyword = typeof pattern === 'string' ? pattern : (pattern as Partial<KeywordPattern> | undefined)?.keyword;
        if (keyword !== undefined && token.image === keyword) token.image = keyword;
    }
}

/** A keyword's pattern for chevrotain (`CopisTokenBuilder.buildKeywordToken`), with the keyword. */
interface KeywordPattern {
    exec: CustomPatternMatcherFunc;
    keyword: string;
}

/**
 * What chevrotain's sticky expression of the (escaped) keyword matches: the keyword's characters at the offset. The
 * match is one array, made once: chevrotain only reads the image from it (`[0]`, and `payload`, none).
 */
export function keywordPattern(keyword: string): KeywordPattern {
    const match = [keyword] as unknown as RegExpExecArray;
    const second = keyword.charCodeAt(1);
    return {
        keyword,
        exec: (text, offset) => (text.charCodeAt(offset + 1) === second && text.startsWith(keyword, offset) ? match : null)
    };
}

/** The keywords of the `NameKeyword` rule: enum words that may also be names. */
function nameKeywords(services: LangiumCoreServices): string[] {
    const rule = services.Grammar.rules.find(r => r.name === 'NameKeyword');
    const out: string[] = [];
    const walk = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const n = node as { $type?: string; value?: string; elements?: unknown[] };
        if (n.$type === 'Keyword' && n.value) out.push(n.value);
        n.elements?.forEach(walk);
    };
    walk((rule as { definition?: unknown } | undefined)?.definition);
    return out;
}

type Match = RegExpExecArray & { unterminated?: boolean };

function matched(image: string): Match {
    return [image] as unknown as Match;
}

/** `"(\\.|[^"\\\r\n])*"`: a quote, then characters other than quote, backslash and line ends, or a backslash and any character but a line end, then a quote. */
export function matchString(text: string, offset: number): RegExpExecArray | null {
    if (text.charCodeAt(offset) !== 34 /* " */) return null;
    for (let i = offset + 1; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) return matched(text.slice(offset, i + 1));
        if (c === 10 || c === 13) return null;
        if (c === 92 /* \ */) {
            // `.` without the `s` flag: any character except the four line terminators.
            const next = text.charCodeAt(i + 1);
            if (Number.isNaN(next) || next === 10 || next === 13 || next === 0x2028 || next === 0x2029) return null;
            i++;
        }
    }
    return null;
}

/** `\/\*[\s\S]*?\*\/`, and an unclosed `/*` to the end of the text (marked `unterminated`). */
export function matchBlockComment(text: string, offset: number): Match | null {
    if (text.charCodeAt(offset) !== 47 /* / */ || text.charCodeAt(offset + 1) !== 42 /* * */) return null;
    const close = text.indexOf('*/', offset + 2);
    if (close >= 0) return matched(text.slice(offset, close + 2));
    const match = matched(text.slice(offset));
    match.unterminated = true;
    return match;
}
