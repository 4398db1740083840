import fc from 'fast-check';
import { DefaultTokenBuilder, EmptyFileSystem, ValueConverter, type GrammarAST } from 'langium';
import { Lexer, type TokenType } from 'chevrotain';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as ast from '../../../language-server/generated/ast.js';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { CopisTokenBuilder, keywordPattern, matchBlockComment, matchString } from '../../../language-server/parser/copis-lexer.js';
import { convertString } from '../../../language-server/parser/copis-value-converter.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { codes } from '../../helpers.js';

// The grammar's terminals (copis.langium), which the hand-written matchers must agree with.
const STRING = /"(\\.|[^"\\\r\n])*"/y;
const ML_COMMENT = /\/\*[\s\S]*?\*\//y;

function regexMatch(regex: RegExp, text: string, offset: number): string | null {
    regex.lastIndex = offset;
    return regex.exec(text)?.[0] ?? null;
}

/** Short texts of the characters that matter to strings and comments. */
const pieces = fc.array(fc.constantFrom('"', '\\', '/', '*', 'a', ' ', '\n', '\r', '\u2028', '\u2029', 'é', '😀'), { maxLength: 14 }).map(a => a.join(''));

describe('the string and comment matchers', () => {
    test('match exactly what the grammar\'s regular expressions match, at any offset', () => {
        fc.assert(fc.property(pieces, fc.nat(14), (text, at) => {
            const offset = Math.min(at, text.length);
            expect(matchString(text, offset)?.[0] ?? null).toBe(regexMatch(STRING, text, offset));
            const comment = matchBlockComment(text, offset);
            const expected = regexMatch(ML_COMMENT, text, offset);
            if (expected !== null || !text.startsWith('/*', offset)) expect(comment?.[0] ?? null).toBe(expected);
            // Unclosed: the rest of the text, marked so that the lexer reports it.
            else expect({ image: comment?.[0], unterminated: comment?.unterminated }).toEqual({ image: text.slice(offset), unterminated: true });
        }), { numRuns: 3000, seed: 20260601 });
    });
});

async function load(text: string) {
    const { documents } = await loadWorkspace([
        { uri: 'file:///lexer/big.copis', text },
        { uri: 'file:///lexer/other.copis', text: 'journey Uses "Uses" { customers A }\n' }
    ], { batch: true });
    return documents;
}

/** copis's token builder with Langium's `findLongerAlt` (a partial expression made per keyword and terminal). */
class LangiumsLongerAlts extends CopisTokenBuilder {
    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return DefaultTokenBuilder.prototype['findLongerAlt'].call(this, keyword, terminalTokens);
    }
}

describe('the token builder', () => {
    test("gives every keyword the terminals that read on past it as Langium's does (an ID after `web`, none after `{`)", () => {
        const { Copis } = createCopisCoreServices(EmptyFileSystem);
        const alts = (tokens: TokenType[]) => tokens.map(t => [t.name, ([] as TokenType[]).concat(t.LONGER_ALT ?? []).map(a => a.name)]);
        const ours = alts(new CopisTokenBuilder().buildTokens(Copis.Grammar, { caseInsensitive: false }) as TokenType[]);
        expect(ours).toEqual(alts(new LangiumsLongerAlts().buildTokens(Copis.Grammar, { caseInsensitive: false }) as TokenType[]));
        const of = new Map(ours as [string, string[]][]);
        expect(of.get('web')).toEqual(['ID']);
        expect(of.get('first-contact-resolution')).toEqual([]);
        expect(of.get('{')).toEqual([]);
    });
});

/** copis's token builder with Langium's keyword patterns (the keyword's text, which chevrotain makes a sticky expression of). */
class LangiumsKeywords extends CopisTokenBuilder {
    protected override buildKeywordToken(keyword: GrammarAST.Keyword, terminalTokens: TokenType[], caseInsensitive: boolean): TokenType {
        return DefaultTokenBuilder.prototype['buildKeywordToken'].call(this, keyword, terminalTokens, caseInsensitive);
    }
}

describe('keywords matched by comparing characters', () => {
    const { Copis } = createCopisCoreServices(EmptyFileSystem);
    const lexerOf = (builder: CopisTokenBuilder) => new Lexer(builder.buildTokens(Copis.Grammar, { caseInsensitive: false }) as TokenType[], { positionTracking: 'full' });
    const ours = lexerOf(new CopisTokenBuilder());
    const langiums = lexerOf(new LangiumsKeywords());
    const lexed = (lexer: Lexer, text: string) => {
        const { tokens, groups, errors } = lexer.tokenize(text);
        const shown = (list: typeof tokens) => list.map(t => [t.tokenType.name, t.image, t.startOffset, t.startLine, t.startColumn, t.endLine, t.endColumn]);
        return { tokens: shown(tokens), hidden: shown(groups.hidden ?? []), errors };
    };

    test('match what the sticky expression of the keyword matches, at any offset', () => {
        const words = fc.constantFrom('customer', 'customers', 'in-person', '>=', 'cu', 'c', 'x', '-', ' ');
        fc.assert(fc.property(fc.constantFrom('customer', 'in-person', '>=', 'cycle-time'), fc.array(words, { maxLength: 6 }).map(a => a.join('')), fc.nat(30), (keyword, text, at) => {
            const offset = Math.min(at, text.length);
            const sticky = new RegExp(keyword.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'), 'y');
            expect(keywordPattern(keyword).exec(text, offset, [], {})?.[0] ?? null).toBe(regexMatch(sticky, text, offset));
        }), { numRuns: 3000, seed: 20261201 });
    });

    test("give the lexer Langium's tokens, and leave it its first-character optimization", () => {
        const examples = readdirSync('examples', { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.copis'));
        expect(examples.length).toBeGreaterThan(3);
        for (const file of examples) {
            const text = readFileSync(join('examples', file), 'utf8');
            expect(lexed(ours, text), file).toEqual(lexed(langiums, text));
        }
        const pieces = fc.constantFrom('customer', 'customers', 'channel', 'in-person', 'cycle-time', 'cu', 'web', 'webx', '>=', '=', '<', '-', '1', '2%', 'x', ' ', '\n', '"s"', '/* c */', '{', '}', ',', '.');
        fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }).map(a => a.join('')), text => {
            expect(lexed(ours, text)).toEqual(lexed(langiums, text));
        }), { numRuns: 2000, seed: 20261201 });
        expect((ours as unknown as { canModeBeOptimized: Record<string, boolean> }).canModeBeOptimized).toEqual({ [ours['defaultMode' as keyof Lexer] as unknown as string]: true });
    });
});

describe('texts that broke the lexer', () => {
    // V8's regular expression engine overflowed its backtracking stack at about 4.2 million characters.
    test('a 4.5-million-character string literal is a title like any other', async () => {
        const title = 'x'.repeat(4_500_000);
        const [big, other] = await load(`customer A "${title}" { value medium }\n`);
        expect(codes(big.diagnostics!).filter(c => c === 'syntax')).toEqual([]);
        const customer = (big.parseResult.value as ast.Model).elements[0] as ast.Customer;
        expect(customer.title).toHaveLength(title.length);
        // The other file sees the customer.
        expect(codes(other.diagnostics!)).not.toContain('unresolved-reference');
    });

    test('so is one of 2.5 million escaped quotes', async () => {
        const [big] = await load(`customer A "${'\\"'.repeat(2_500_000)}" { value medium }\n`);
        expect(codes(big.diagnostics!).filter(c => c === 'syntax')).toEqual([]);
        expect(((big.parseResult.value as ast.Model).elements[0] as ast.Customer).title).toBe('"'.repeat(2_500_000));
    });

    test('a 50 MB unterminated comment is one syntax error at its `/*`, and what comes before it still counts', async () => {
        const text = 'customer A "A" { value medium }\n\n  /*' + 'x'.repeat(50 * 1024 * 1024);
        const [big, other] = await load(text);
        const syntax = big.diagnostics!.filter(d => d.code === 'syntax');
        expect(syntax.map(d => ({ range: d.range, message: d.message }))).toEqual([{
            range: { start: { line: 2, character: 2 }, end: { line: 2, character: 4 } },
            message: 'Unterminated comment: this `/*` is never closed, so the rest of the file is a comment; close it with `*/`.'
        }]);
        expect(codes(other.diagnostics!)).not.toContain('unresolved-reference');
    });

    test('an unterminated comment after CRLF and lone CR lines is placed as the editor counts lines', async () => {
        const [big] = await load('customer A "A" { value medium }\r\n\r/* open');
        expect(big.diagnostics!.filter(d => d.code === 'syntax').map(d => d.range.start)).toEqual([{ line: 2, character: 0 }]);
    });

    test('an unterminated string still says so, on its line only', async () => {
        const [big] = await load('customer A "A { value medium }\ncustomer B "B" { value medium }\n');
        const syntax = big.diagnostics!.filter(d => d.code === 'syntax');
        expect(syntax[0]).toMatchObject({ range: { start: { line: 0, character: 11 } }, message: 'Unterminated string: close it with `"` on the same line.' });
        expect(syntax.every(d => d.range.start.line === 0)).toBe(true);
    });
});

describe('the value of a string', () => {
    test('is what Langium\'s conversion gives, escapes included', () => {
        fc.assert(fc.property(pieces, body => {
            const token = `"${body}"`;
            expect(convertString(token)).toBe(ValueConverter.convertString(token));
        }), { numRuns: 3000, seed: 20260601 });
        expect(convertString('"a\\tb\\\\c\\"d\\0"')).toBe('a\tb\\c"d\0');
    });
});
