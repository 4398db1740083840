import { AstUtils, DefaultTokenBuilder, EmptyFileSystem, GrammarAST, GrammarUtils, type AstNode, type Stream, type TokenBuilderOptions } from 'langium';
import { createLangiumGrammarServices, LangiumGrammarGrammar } from 'langium/grammar';
import { parseHelper } from 'langium/test';
import type { TokenType } from 'chevrotain';
import { describe, expect, test } from 'vitest';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { CopisTokenBuilder } from '../../../language-server/parser/copis-lexer.js';
import { WALKED_TYPES, distinctKeywords, forEachCallOrKeyword, reachableRules } from '../../../language-server/parser/grammar-walk.js';

const copis = () => createCopisCoreServices(EmptyFileSystem).Copis.Grammar;
// Langium's own grammar: another, larger one (infix rules, actions, fragments, unordered groups).
const grammars = [['copis', copis], ['Langium', LangiumGrammarGrammar]] as const;

/** A grammar of `rules` only: the tests cut rules out of a real grammar to make one without an entry rule or with rules nothing reaches. */
function grammarOf(grammar: GrammarAST.Grammar, keep: (rule: GrammarAST.AbstractRule) => boolean): GrammarAST.Grammar {
    return { ...grammar, rules: grammar.rules.filter(keep) };
}

describe('the grammar walks (grammar-walk.ts) answer as Langium does', () => {
    test("the element types they tell by $type have no subtype in Langium's grammar, so $type is the reflection's answer", () => {
        const reflection = new GrammarAST.LangiumGrammarAstReflection();
        for (const type of WALKED_TYPES) expect(reflection.getAllSubTypes(type), type).toEqual([type]);
    });

    test.each(grammars)('the rule calls and keywords of every rule of the %s grammar, in streamAllContents order', (_, grammar) => {
        let total = 0;
        for (const rule of grammar().rules) {
            const ours: AstNode[] = [];
            forEachCallOrKeyword(rule, node => ours.push(node));
            expect(ours).toEqual(AstUtils.streamAllContents(rule).filter(n => GrammarAST.isRuleCall(n) || (GrammarAST.isKeyword(n) && !GrammarAST.isTerminalRule(rule))).toArray());
            total += ours.length;
        }
        expect(total).toBeGreaterThan(100);
    });

    test.each(grammars)('the rules reachable in the %s grammar: the same set in the same order', (_, grammar) => {
        const g = grammar();
        const ours = [...reachableRules(g)];
        expect(ours).toEqual([...GrammarUtils.getAllReachableRules(g, false)]);
        expect(ours.length).toBeGreaterThan(10);
        expect(reachableRules(g)).toBe(reachableRules(g)); // made once per grammar
    });

    test('with rules nothing reaches, and without an entry rule', () => {
        const g = copis();
        const entry = g.rules.find(r => GrammarAST.isParserRule(r) && r.entry)!;
        // Every rule but the one `Name` leads to: what called it no longer reaches it.
        const cut = grammarOf(g, r => r.name !== 'NameKeyword');
        expect([...reachableRules(cut)]).toEqual([...GrammarUtils.getAllReachableRules(cut, false)]);
        const noEntry = grammarOf(g, r => r !== entry);
        expect([...reachableRules(noEntry)]).toEqual([...GrammarUtils.getAllReachableRules(noEntry, false)]);
        expect(reachableRules(noEntry).size).toBe(noEntry.rules.length);
    });

    test('in a grammar with an infix rule, a fragment and a rule that nothing calls', async () => {
        const parse = parseHelper<GrammarAST.Grammar>(createLangiumGrammarServices(EmptyFileSystem).grammar);
        const g = (await parse([
            'grammar G', 'entry M: e=Sum f=F;', 'E: n=ID | "(" e=Sum ")";', "infix Sum on E: '*' | '/' > '+' | '-';",
            'fragment Frag: "z" ID;', 'F: Frag "y";', 'Lost: "lost" ID;', 'hidden terminal WS: /\\s+/;', 'terminal ID: /[a-z]+/;'
        ].join('\n'))).parseResult.value;
        for (const rule of g.rules) {
            const ours: AstNode[] = [];
            forEachCallOrKeyword(rule, node => ours.push(node));
            expect(ours).toEqual(AstUtils.streamAllContents(rule).filter(n => GrammarAST.isRuleCall(n) || (GrammarAST.isKeyword(n) && !GrammarAST.isTerminalRule(rule))).toArray());
        }
        const reachable = [...reachableRules(g)];
        expect(reachable).toEqual([...GrammarUtils.getAllReachableRules(g, false)]);
        expect(reachable.map(r => r.name)).toEqual(['M', 'E', 'Sum', 'Frag', 'F', 'WS', 'ID']);
        expect(distinctKeywords(reachable).map(k => k.value)).toEqual(['(', ')', '*', '/', '+', '-', 'z', 'y']);
    });

    test.each(grammars)('the keywords of the %s grammar, each value once, in the order Langium finds them', (_, grammar) => {
        const rules = GrammarUtils.getAllReachableRules(grammar(), false);
        const langiums = [...rules].filter(GrammarAST.isAbstractParserRule).flatMap(rule => AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).toArray())
            .filter((k, i, all) => all.findIndex(o => o.value === k.value) === i);
        expect(distinctKeywords(rules)).toEqual(langiums);
    });
});

/** copis's token builder with Langium's own `buildTokens` and `buildKeywordTokens` (its streams). */
class LangiumsWalks extends CopisTokenBuilder {
    override buildTokens(grammar: GrammarAST.Grammar, options?: TokenBuilderOptions) {
        return DefaultTokenBuilder.prototype.buildTokens.call(this, grammar, options);
    }

    protected override buildKeywordTokens(rules: Stream<GrammarAST.AbstractRule>, terminalTokens: TokenType[], options?: TokenBuilderOptions): TokenType[] {
        return DefaultTokenBuilder.prototype['buildKeywordTokens'].call(this, rules, terminalTokens, options);
    }
}

describe("copis's token builder", () => {
    test("makes Langium's tokens, in Langium's order: names, patterns, longer alternatives, groups", () => {
        const shape = (tokens: TokenType[]) => tokens.map(t => ({
            name: t.name,
            pattern: t.PATTERN instanceof RegExp ? `/${t.PATTERN.source}/${t.PATTERN.flags}` : typeof t.PATTERN === 'string' ? t.PATTERN : typeof t.PATTERN,
            longer: ([] as TokenType[]).concat(t.LONGER_ALT ?? []).map(a => a.name),
            group: t.GROUP, lineBreaks: t.LINE_BREAKS, start: t.START_CHARS_HINT
        }));
        const ours = shape(new CopisTokenBuilder().buildTokens(copis(), { caseInsensitive: false }) as TokenType[]);
        expect(ours).toEqual(shape(new LangiumsWalks().buildTokens(copis(), { caseInsensitive: false }) as TokenType[]));
        expect(ours.map(t => t.name)).toContain('customer');
        expect(ours.map(t => t.name)).toContain('STRING');
    });
});
