import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

const TERMINAL_LABELS: Record<string, string> = {
    ID: 'a name',
    STRING: 'a quoted string',
    NUMBER: 'a number',
    PERCENT: 'a percent such as `97%`',
    DURATION: 'a duration such as `30m`',
    DATE: 'a date such as `2027-06-30`',
    EOF: 'the end of the file'
};

/** Langium names a keyword's token after the keyword itself (`}`, `awareness`); terminals after their rule (`ID`). */
function isKeyword(token: TokenType): boolean {
    return !(token.name in TERMINAL_LABELS) && !/^[A-Z][A-Z0-9_]*$/.test(token.name);
}

function label(token: TokenType): string {
    if (isKeyword(token)) return '`' + token.name + '`';
    return TERMINAL_LABELS[token.name] ?? token.name;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === undefined) return 'the end of the file';
    return '`' + token.image + '`';
}

/** Lists what may come next in words an analyst reads, not token type names. */
function expectedList(tokens: TokenType[]): string {
    const labels = [...new Set(tokens.map(label))];
    // Names are also accepted where enum words are; "a name" says it once.
    if (labels.length > 14) return labels.slice(0, 12).join(', ') + `, … (${labels.length} in all)`;
    if (labels.length <= 1) return labels[0] ?? 'something else';
    return labels.slice(0, -1).join(', ') + ' or ' + labels[labels.length - 1];
}

export class CopisParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage({ expected, actual }: { expected: TokenType; actual: IToken }): string {
        if (expected.name === '}') {
            return `Expected \`}\` to close the block but found ${found(actual)}; check for an unknown property or a missing brace.`;
        }
        return `Expected ${label(expected)} but found ${found(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
        return `Unexpected ${found(firstRedundant)}: a file holds declarations (customer, system, information, objective, process, journey); check for an extra \`}\` or a misspelt keyword.`;
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
        const firsts = expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(Boolean);
        return `Expected ${expectedList(onlyWords(firsts))} but found ${found(actual[0])}.`;
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
        const firsts = expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return `Expected ${expectedList(onlyWords(firsts))} but found ${found(actual[0])}.`;
    }
}

/** Where a name is allowed, the enum words it also accepts are noise in a message. */
function onlyWords(tokens: TokenType[]): TokenType[] {
    return tokens.some(t => t.name === 'ID') && tokens.length > 20 ? tokens.filter(t => !isKeyword(t) || t.name === '}') : tokens;
}
