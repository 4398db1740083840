import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider, type GrammarAST } from 'langium';
import { grammarVocabulary, type GrammarVocabulary } from '../parser/grammar-vocabulary.js';
import { PROPERTY_EXPECTATIONS } from '../model/value-rules.js';
import { describeForm } from '../model/values.js';
import { closestName } from './did-you-mean.js';

const TERMINAL_LABELS: Record<string, string> = {
    ID: 'a name',
    STRING: 'a quoted string',
    NUMBER: 'a number',
    PERCENT: 'a percent such as `97%`',
    DURATION: 'a duration such as `30m`',
    DATE: 'a date such as `2027-06-30`',
    EOF: 'the end of the file'
};

/**
 * The file ended inside a block. The validator says which `{` is never closed, at that brace
 * (copis-document-validator.ts, parser/unclosed-brace.ts); this is what is left when it cannot tell.
 */
export const UNCLOSED_AT_END = 'Expected `}` to close the block but found the end of the file; check for an unknown property or a missing brace.';

/** The `{` that is never closed, named by its declaration when it has one. */
export function unclosedBraceMessage(kind: string | undefined, name: string | undefined): string {
    if (!kind) return 'This `{` is never closed; add its `}` where its block ends.';
    return `The \`{\` of ${kind}${name ? ` ${code(name)}` : ''} is never closed; add its \`}\` where the ${kind} ends.`;
}

/** The token the lexer makes of a word it cannot read (parser/lexical-repair.ts): no rule accepts it. */
export const INVALID_TOKEN_NAME = 'INVALID';

/** Langium names a keyword's token after the keyword itself (`}`, `awareness`); terminals after their rule (`ID`). */
function isKeyword(token: TokenType): boolean {
    return !(token.name in TERMINAL_LABELS) && token.name !== INVALID_TOKEN_NAME && !/^[A-Z][A-Z0-9_]*$/.test(token.name);
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
    return wordList([...new Set(tokens.map(label))]);
}

function wordList(labels: string[]): string {
    // Names are also accepted where enum words are; "a name" says it once.
    if (labels.length > 14) return labels.slice(0, 12).join(', ') + `, … (${labels.length} in all)`;
    if (labels.length <= 1) return labels[0] ?? 'something else';
    return labels.slice(0, -1).join(', ') + ' or ' + labels[labels.length - 1];
}

const code = (s: string) => '`' + s + '`';

/**
 * Syntax error messages: each says what was found, what belongs there and, where a likely
 * intent can be read from the mistake, what to write instead (`>` → `>=`, `chanel` → `channel`,
 * `2,400` → `2400`). Context comes from the rule the parser was in and the token before.
 */
export class CopisParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    private readonly vocabulary: GrammarVocabulary;

    constructor(grammar: GrammarAST.Grammar) {
        super();
        this.vocabulary = grammarVocabulary(grammar);
    }

    override buildMismatchTokenMessage({ expected, actual, previous, ruleName: suffixed }: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const ruleName = plainRuleName(suffixed);
        if (actual.tokenType?.name === INVALID_TOKEN_NAME) return this.invalid(actual, previous, label(expected));
        if (expected.name === 'EOF') return this.buildNotAllInputParsedMessage({ firstRedundant: actual });
        if (expected.name === '}') return this.unexpectedInBlock(actual, previous, ruleName);
        if (expected.name === 'STRING' && actual.tokenType?.name === 'ID') {
            return `Expected a quoted string but found ${found(actual)}; write text in double quotes, e.g. \`"${actual.image}"\`.`;
        }
        if (expected.name === 'ID' && actual.tokenType?.name === 'STRING') {
            const keyword = this.vocabulary.ruleKeyword.get(ruleName) ?? previous?.image;
            return `Expected a name but found ${found(actual)}; a declaration is named before its title, e.g. \`${keyword} ${suggestName(actual.image)} ${actual.image}\`.`;
        }
        return `Expected ${label(expected)} but found ${found(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
        if (firstRedundant.tokenType?.name === INVALID_TOKEN_NAME) return this.invalid(firstRedundant, undefined, 'a declaration');
        const word = firstRedundant.image;
        if (this.vocabulary.declarations.includes(word) && !this.vocabulary.topLevel.includes(word) || this.vocabulary.properties.includes(word)) {
            return `Unexpected ${found(firstRedundant)} outside any declaration: it belongs inside one; check for an extra \`}\` above it.`;
        }
        return `Unexpected ${found(firstRedundant)}: a file holds declarations (${this.vocabulary.topLevel.join(', ')}); check for an extra \`}\` or a misspelt keyword.`;
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken }): string {
        const firsts = expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(Boolean);
        return this.noneOf(onlyWords(firsts), actual[0], previous, actual[1]);
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual, previous }: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken }): string {
        const firsts = expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return this.noneOf(onlyWords(firsts), actual[0], previous, actual[1]);
    }

    /** None of the alternatives fits: a value of the wrong kind, a misspelt word, a value left out. */
    private noneOf(expected: TokenType[], actual: IToken | undefined, previous: IToken | undefined, next?: IToken): string {
        const list = expectedList(expected);
        if (actual?.tokenType?.name === INVALID_TOKEN_NAME) return this.invalid(actual, previous, list, next);
        const key = previous?.image;
        const words = expected.filter(isKeyword).map(t => t.name);
        const type = actual?.tokenType?.name;
        if (actual && type === 'STRING' && words.includes(actual.image.slice(1, -1))) {
            return `Expected ${list} but found ${found(actual)}; write ${code(actual.image.slice(1, -1))} without quotes.`;
        }
        if (actual && type === 'STRING' && expected.some(t => t.name === 'ID') && previous && this.vocabulary.declarations.includes(previous.image)) {
            return `Expected a name but found ${found(actual)}; a declaration is named before its title, e.g. \`${previous.image} ${suggestName(actual.image)} ${actual.image}\`.`;
        }
        if (actual && (type === '=' || type === '>=' || type === '<=') && key && key in PROPERTY_EXPECTATIONS) {
            return `\`${key}\` takes its value without ${found(actual)}: write \`${key} ${next && next.tokenType?.name !== 'EOF' ? next.image : exampleOf(key)}\`.`;
        }
        if (actual && previous?.tokenType?.name === ',' && (this.vocabulary.properties.includes(actual.image) || type === '}')) {
            return `A list does not end with a comma: remove the \`,\` before ${found(actual)}.`;
        }
        if (actual && key && this.vocabulary.properties.includes(key) && this.vocabulary.properties.includes(actual.image)) {
            return `\`${key}\` has no value: ${code(actual.image)} is the next property. Give it one of ${list}, or remove \`${key}\`.`;
        }
        // `impact very high`: the word meant comes next.
        if (actual && next && words.includes(next.image) && type === 'ID') return `Expected ${list} but found ${found(actual)}; write ${code(next.image)} alone.`;
        const suggestion = actual?.image && words.length > 0
            ? closestName(actual.image, words) ?? words.find(w => w.length >= 3 && actual.image.toLowerCase().includes(w))
            : undefined;
        return `Expected ${list} but found ${found(actual)}${suggestion ? `; did you mean ${code(suggestion)}?` : '.'}`;
    }

    /** Something that has no place in a block: an unknown or misspelt property, a property of another kind, a list without commas. */
    private unexpectedInBlock(actual: IToken, previous: IToken | undefined, ruleName: string): string {
        const allowed = this.vocabulary.blockContents.get(ruleName);
        const kind = this.vocabulary.ruleKeyword.get(ruleName);
        const word = actual.image;
        if (previous?.tokenType?.name === 'STRING' && previous.endOffset! + 1 === actual.startOffset && word) {
            return `A \`"\` inside a string is written \`\\"\`: the string ${found(previous)} ends before ${found(actual)}.`;
        }
        if (actual.tokenType?.name === 'EOF') return UNCLOSED_AT_END;
        if (!allowed || !kind || !word) {
            return `Expected \`}\` to close the block but found ${found(actual)}; check for an unknown property or a missing brace.`;
        }
        const takes = `${article(kind)} ${kind} takes ${wordList(allowed.map(code))}`;
        if (/^[A-Za-z_][\w-]*$/.test(word)) {
            const suggestion = closestName(word, allowed);
            if (suggestion) return `${code(word)} is not allowed in ${article(kind)} ${kind}; did you mean ${code(suggestion)}? (${takes}.)`;
            const enclosing = this.enclosing(kind).find(outer => this.contents(outer).includes(word));
            if (enclosing) return `A \`}\` is missing before ${code(word)}: the ${kind} (or a block inside it) is not closed, and ${code(word)} belongs in ${article(enclosing)} ${enclosing}.`;
            const owners = [...this.vocabulary.blockContents].filter(([, words]) => words.includes(word)).map(([rule]) => this.vocabulary.ruleKeyword.get(rule)!).filter(Boolean);
            if (owners.length > 0) return `${code(word)} belongs in ${wordList(owners.map(o => `${article(o)} ${o}`))}, not in ${article(kind)} ${kind}; ${takes}.`;
            if (previous?.tokenType?.name === 'ID' && actual.tokenType?.name === 'ID') {
                return `${code(word)} is not a property of ${article(kind)} ${kind} (${takes}); if it continues the list before it, separate the items with commas: \`${previous.image}, ${word}\`.`;
            }
            return `${code(word)} is not a property of ${article(kind)} ${kind}; ${takes}.`;
        }
        return `Expected \`}\` to close the ${kind} but found ${found(actual)}; ${takes}.`;
    }

    /** What may be written inside a kind's block. */
    private contents(kind: string): string[] {
        const rule = [...this.vocabulary.ruleKeyword].find(([, keyword]) => keyword === kind)?.[0];
        return (rule && this.vocabulary.blockContents.get(rule)) || [];
    }

    /** The kinds whose blocks may hold this kind, directly or further out (a touchpoint: stage, journey). */
    private enclosing(kind: string): string[] {
        const out: string[] = [];
        const visit = (inner: string) => {
            for (const [rule, inside] of this.vocabulary.blockContents) {
                const outer = this.vocabulary.ruleKeyword.get(rule);
                if (outer && inside.includes(inner) && !out.includes(outer)) {
                    out.push(outer);
                    visit(outer);
                }
            }
        };
        visit(kind);
        return out;
    }

    /** A word with a character that has no meaning (one token, see lexical-repair.ts): what was meant, when the mistake tells. */
    private invalid(token: IToken, previous: IToken | undefined, expected: string, next?: IToken): string {
        const word = token.image;
        const key = previous?.image;
        const value = next && next.tokenType?.name !== 'EOF' && next.tokenType?.name !== '}' ? next.image : undefined;
        const comparators = '`>=` (at least), `<=` (at most) or `=`';
        if (/^[<>!=]+$/.test(word)) {
            const meant = word === '>' || word === '=>' ? '>=' : word === '<' || word === '=<' ? '<=' : undefined;
            return `${code(word)} is not a comparator; a target takes ${comparators}${meant ? `: did you mean ${code(meant)}?` : '.'}`;
        }
        if (word === ':') return `Write a property and its value without \`:\`${key ? `: \`${key} ${value ?? exampleOf(key)}\`` : ''}.`;
        if (word.startsWith('/*')) return 'This `/*` comment is not closed: end it with `*/`.';
        if (word === ';') return 'Properties are separated by spaces or line breaks, not `;`: remove it.';
        let m: RegExpExecArray | null;
        if ((m = /^(\d{1,3})((?:,\d{3})+)$/.exec(word))) return `Write a number without a thousands separator: \`${word.replaceAll(',', '')}\`.`;
        if ((m = /^(-?\d+),(\d+)([%smhdw]?)$/.exec(word))) return `Write a decimal number with a point: \`${m[1]}.${m[2]}${m[3]}\`.`;
        if ((m = /^(-?\d+(?:\.\d+)?)\s+%$/.exec(word))) return `Write a percent without a space: \`${m[1]}%\`.`;
        if ((m = /^(-?\d+(?:\.\d+)?)%%+$/.exec(word))) return `Write one \`%\`: \`${m[1]}%\`.`;
        if ((m = /^\+(\d+(?:\.\d+)?[%smhdw]?)$/.exec(word))) return `Write a positive value without \`+\`: \`${m[1]}\`.`;
        // £ $ € ¥, escaped: the CLI's bundle stays ASCII (scripts/bundle.mjs).
        if ((m = /^([\u00a3$\u20ac\u00a5])(\d+(?:\.\d+)?)$/.exec(word))) {
            const currency = { '£': 'GBP', '$': 'USD', '€': 'EUR', '¥': 'JPY' }[m[1]];
            return `Write money as an amount and a currency code: \`${m[2]} ${currency}\`.`;
        }
        if ((m = /^(\d+(?:\.\d+)?)([smhdw])(\d+(?:\.\d+)?)([smhdw])$/.exec(word))) {
            const seconds = Number(m[1]) * SECONDS[m[2]] + Number(m[3]) * SECONDS[m[4]];
            return `A duration has one unit: write \`${seconds / SECONDS[m[4]]}${m[4]}\` for ${code(word)}.`;
        }
        if (/^\d[\d/.-]*\d$/.test(word) || /^\d{4}-/.test(word) || key === 'due') {
            return `Write a date as \`YYYY-MM-DD\`, e.g. \`2027-06-30\`; ${code(word)} is not a date.`;
        }
        if (/^[A-Za-z_][\w-]*$/.test(word) && word.includes('-')) {
            if (expected === 'a name') return `A name holds letters, digits and \`_\` only: write \`${word.replaceAll('-', '_')}\`, not ${code(word)}.`;
            return `Expected ${expected} but found ${code(word)}.`;
        }
        if (/^\d\w*$/.test(word) && expected === 'a name') return `A name starts with a letter or \`_\`: ${code(word)} starts with a digit.`;
        const expectation = key && PROPERTY_EXPECTATIONS[key] ? `\`${key}\` takes ${describeForm(PROPERTY_EXPECTATIONS[key].form)}` : `expected ${expected}`;
        if ([...word].length === 1) return `Unexpected character ${quoteCharacter(word)}; it has no meaning in a .copis file.`;
        return `${code(word)} has a character with no meaning in a .copis file; ${expectation}.`;
    }
}

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A value to show in an example for a property key. */
function exampleOf(key: string): string {
    const expectation = PROPERTY_EXPECTATIONS[key];
    if (expectation) return { number: '1', percent: '90%', duration: '30m', money: '1450 EUR', date: '2027-06-30' }[expectation.form];
    return '…';
}

function article(word: string): string {
    return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** A name made from a title (`"Parcel delivery"` → `ParcelDelivery`), for examples. */
function suggestName(title: string): string {
    const name = title.slice(1, -1).replace(/[^A-Za-z0-9_ ]/g, '').split(/\s+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join('');
    return /^[A-Za-z_]/.test(name) ? name : 'Name';
}

/** Langium suffixes the rule names it gives Chevrotain (a zero-width space); the grammar's names are without it. */
function plainRuleName(name: string): string {
    return name.replace(/\u200B/g, '');
}

/** Where a name is allowed, the enum words it also accepts are noise in a message. */
function onlyWords(tokens: TokenType[]): TokenType[] {
    return tokens.some(t => t.name === 'ID') && tokens.length > 20 ? tokens.filter(t => !isKeyword(t) || t.name === '}') : tokens;
}

/** Messages of the lexer's repairs (parser/lexical-repair.ts) and of the characters it leaves to the lexer. */
export const lexicalMessages = {
    misspeltKeyword(written: string, keyword: string): string {
        return written.toLowerCase() === keyword
            ? `Keywords are lower case: write ${code(keyword)}, not ${code(written)}.`
            : `${code(written)} is not a keyword; did you mean ${code(keyword)}?`;
    },
    unterminatedString(): string {
        return 'Unterminated string: close it with `"` on the same line.';
    },
    singleQuotes(quoted: string): string {
        return `Strings take double quotes: write \`"${quoted.slice(1, -1)}"\`, not ${code(quoted)}.`;
    },
    missingOpenBrace(header: string, property: string): string {
        return `\`${header}\` is followed by its properties without \`{\`: write \`${header} { ${property} …\` (and close it with \`}\`).`;
    },
    extraCloseBrace(): string {
        return 'An extra `}`: it closes a block that is not open, or one too early (what follows belongs inside it); remove it.';
    },
    hashComment(): string {
        return '`#` does not start a comment in a .copis file; write `//` (to the end of the line) or `/* … */`.';
    }
};

/**
 * A character as a message quotes it: itself when it can be seen, its code point when it cannot
 * (a control or format character, a lone surrogate, a space) — `U+202E` says more than an
 * invisible character that reverses the rest of the line.
 */
export function quoteCharacter(character: string): string {
    return /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}]$/u.test(character)
        ? `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
        : `\`${character}\``;
}
