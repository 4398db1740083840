import { MismatchedTokenException, type IToken, type TokenType } from 'chevrotain';
import { createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';

/**
 * Langium's parser, with error recovery that respects braces.
 *
 * After a syntax error Chevrotain skips tokens until one that may follow the rule it was in, and
 * it takes the first such token wherever it stands: inside the next block, a `}` that closes a
 * touchpoint was taken for the stage's, or a `process` inside a journey for a new top-level
 * declaration (`jouney Buy { … }` at the top level turned every nested process and information into
 * one, and their names collided with the real ones in other files). Here a skip never stops inside
 * a block it entered: `{ … }` groups are passed over whole, so recovery resumes at the level where
 * the error was. Nor does recovery delete a brace to make the next token fit.
 */
export function createBraceAwareParser(services: LangiumCoreServices): LangiumParser {
    return withBraceAwareRecovery(createLangiumParser(services));
}

/** `parser` (Langium's or one built like it), its recovery made brace-aware. */
export function withBraceAwareRecovery<P extends LangiumParser>(parser: P): P {
    patch((parser as unknown as { wrapper: Recognizer }).wrapper);
    return parser;
}

/** The parts of Chevrotain's recognizer that recovery uses (not part of its public interface). */
interface Recognizer {
    LA(k: number): IToken;
    LA_FAST(k: number): IToken;
    SKIP_TOKEN(): IToken;
    tokenMatcher(token: IToken, type: TokenType): boolean;
    flattenFollowSet(): TokenType[];
    exportLexerState(): number;
    importLexerState(state: number): void;
    addToResyncTokens(token: IToken, tokens: IToken[]): IToken[];
    getCurrRuleFullName(): string;
    errorMessageProvider: { buildMismatchTokenMessage(options: object): string };
    SAVE_ERROR(error: Error): Error;
    findReSyncTokenType(): TokenType;
    reSyncTo(type: TokenType): IToken[];
    tryInRepetitionRecovery(rule: (...args: unknown[]) => unknown, args: unknown[], lookahead: () => boolean, expected: TokenType): void;
    canRecoverWithSingleTokenDeletion(expected: TokenType): boolean;
}

const isOpen = (token: IToken) => token.tokenType?.name === '{';
const isClose = (token: IToken) => token.tokenType?.name === '}';
const isEnd = (token: IToken) => token.tokenType?.name === 'EOF';

function patch(r: Recognizer): void {
    const deletion = r.canRecoverWithSingleTokenDeletion.bind(r);

    // The first token that may follow a rule on the stack, passing over whole blocks.
    r.findReSyncTokenType = function () {
        const follows = this.flattenFollowSet();
        let depth = 0;
        for (let k = 1; ; k++) {
            const token = this.LA(k);
            if (isEnd(token)) return follows.find(t => this.tokenMatcher(token, t)) ?? token.tokenType;
            if (depth === 0) {
                const match = follows.find(t => this.tokenMatcher(token, t));
                if (match) return match;
            }
            if (isOpen(token)) depth++;
            else if (isClose(token) && depth > 0) depth--;
        }
    };

    // Skips to the token findReSyncTokenType found: the first of its type outside the blocks skipped.
    r.reSyncTo = function (type: TokenType) {
        const skipped: IToken[] = [];
        let depth = 0;
        for (let token = this.LA_FAST(1); !(depth === 0 && this.tokenMatcher(token, type)) && !isEnd(token); token = this.LA_FAST(1)) {
            if (isOpen(token)) depth++;
            else if (isClose(token) && depth > 0) depth--;
            this.addToResyncTokens(this.SKIP_TOKEN(), skipped);
        }
        return skipped;
    };

    // Chevrotain's in-repetition recovery (skip to where the repetition can go on), brace-aware.
    r.tryInRepetitionRecovery = function (rule, args, lookahead, expected) {
        const resync = this.findReSyncTokenType();
        const saved = this.exportLexerState();
        const skipped: IToken[] = [];
        const unexpected = this.LA_FAST(1);
        // (the token before the unexpected one: Chevrotain took the last one skipped)
        const previous = this.LA(0);
        const report = () => {
            const message = this.errorMessageProvider.buildMismatchTokenMessage({ expected, actual: unexpected, previous, ruleName: this.getCurrRuleFullName() });
            const error = new MismatchedTokenException(message, unexpected, previous);
            error.resyncedTokens = skipped.slice(0, -1);
            this.SAVE_ERROR(error);
        };
        let depth = 0;
        for (let token = this.LA_FAST(1); ; token = this.LA_FAST(1)) {
            // (at the end, inside a block skipped, nothing can follow: give up as Chevrotain does at a resync point)
            if (isEnd(token) && depth > 0) break;
            if (depth === 0) {
                if (this.tokenMatcher(token, expected)) {
                    report();
                    return;
                }
                if (lookahead.call(this)) {
                    report();
                    rule.apply(this, args);
                    return;
                }
                if (this.tokenMatcher(token, resync) || isEnd(token)) break;
            }
            if (isOpen(token)) depth++;
            else if (isClose(token) && depth > 0) depth--;
            this.addToResyncTokens(this.SKIP_TOKEN(), skipped);
        }
        this.importLexerState(saved);
    };

    // Deleting a brace to make the next token fit unbalances every block after it.
    r.canRecoverWithSingleTokenDeletion = function (expected: TokenType) {
        const next = this.LA_FAST(1);
        if (isOpen(next) || isClose(next)) return false;
        return deletion(expected);
    };
}
