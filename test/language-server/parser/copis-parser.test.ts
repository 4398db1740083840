// copis's parser (createCopisParser: its own rule builder and container pass) against Langium's own, built
// from the same grammar and lexer: the same trees, positions and errors on every text, broken ones above all
// (error recovery depends on the occurrence indices the builders give).
import fc from 'fast-check';
import { AstUtils, EmptyFileSystem, GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode, type Mutable, type ParseResult } from 'langium';
import { createLangiumGrammarServices, createServicesForGrammar } from 'langium/grammar';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { CopisParser, createCopisParser } from '../../../language-server/parser/copis-parser.js';
import { createBraceAwareParser } from '../../../language-server/parser/brace-aware-recovery.js';
import { UnsupportedGrammarError, buildParserRules, isDatatypeRule, isUnionAlternative } from '../../../language-server/parser/parser-rules.js';
import { generateWorkspace } from '../../../bench/generate.mjs';
import { corpus, fuzzParameters, testTimeout } from '../fuzz/corpus.js';
import { generatedModel } from '../fuzz/generated-models.js';
import { caseText, mutatedCase } from '../fuzz/mutations.js';
import { parseDump } from './parse-dump.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { Copis } = createCopisCoreServices(EmptyFileSystem);
const copisParser = Copis.parser.LangiumParser;
// Both with copis's brace-aware recovery (parser/brace-aware-recovery.ts), which the services put on theirs.
const langiumParser = createBraceAwareParser(Copis);

/** The tree (parseDump) and every error with its position and message, and the lexer's report. */
function everything(result: ParseResult<AstNode>): unknown {
    return {
        tree: parseDump(result, Copis.workspace.AstNodeLocator),
        // (every key of every AST node, `$` ones too, in order: copis's nodes are made by classes sized for them)
        keys: [...AstUtils.streamAst(result.value)].map(node => Object.keys(node).join(' ')),
        lexerErrors: result.lexerErrors.map(e => [e.offset, e.length, e.line, e.column, e.message]),
        parserErrors: result.parserErrors.map(e => [e.name, e.message, e.token.startOffset, e.token.endOffset, e.token.tokenType.name, e.token.isInsertedInRecovery ?? false, e.resyncedTokens.map(t => t.startOffset), [...e.context.ruleStack], [...e.context.ruleOccurrenceStack]]),
        lexerReport: result.lexerReport
    };
}

/**
 * Langium's tree as copis's parser makes it: a composite node of a datatype rule's call (`name=Name`,
 * `[System:QName]`, `value=Channel`) that holds one node is that node, with the call for its grammar element.
 */
function withoutDatatypeWrappers<T extends ParseResult<AstNode>>(result: T): T {
    const collapse = (node: CstNode): CstNode => {
        if (!isCompositeCstNode(node)) return node;
        const content = node.content as CstNode[];
        for (let i = 0; i < content.length; i++) {
            const child = collapse(content[i]);
            (child as Mutable<CstNode>).container = node;
            content[i] = child;
        }
        if (content.length !== 1 || !callsDatatypeRule(node.grammarSource)) return node;
        const only = content[0] as Mutable<CstNode>;
        only.grammarSource = node.grammarSource;
        return only;
    };
    collapse(result.value.$cstNode!);
    return result;
}

/**
 * Langium's tree as copis's parser makes it (`unionSubrule`): the composite node of a union rule's alternative
 * (`TopLevel: Customer | …`, `SystemProp: SystemTypeProp | …`, `Quantity: NumberValue | …`), the one node in the
 * union's own, gives its content to the union's node.
 */
function withoutUnionCalls<T extends ParseResult<AstNode>>(result: T): T {
    const inline = (node: CstNode): void => {
        if (!isCompositeCstNode(node)) return;
        const content = node.content as CstNode[];
        for (let i = 0; i < content.length; i++) {
            const child = content[i];
            inline(child);
            if (isCompositeCstNode(child) && GrammarAST.isRuleCall(child.grammarSource) && isUnionAlternative(child.grammarSource)) {
                if (content.length !== 1) throw new Error(`a union's node at ${node.offset} holds more than its alternative's`);
                for (const grandchild of child.content) (grandchild as Mutable<CstNode>).container = node;
                content.splice(i, 1, ...child.content);
                i += child.content.length - 1;
            }
        }
    };
    inline(result.value.$cstNode!);
    return result;
}

function callsDatatypeRule(element: GrammarAST.AbstractElement | undefined): boolean {
    const call = GrammarAST.isCrossReference(element) ? element.terminal : element;
    return GrammarAST.isRuleCall(call) && GrammarAST.isParserRule(call.rule.ref) && GrammarUtils.isDataTypeRule(call.rule.ref);
}

function expectSameParse(text: string): void {
    expect(everything(copisParser.parse(text))).toEqual(everything(withoutUnionCalls(withoutDatatypeWrappers(langiumParser.parse(text)))));
}

describe("copis's parser", () => {
    test('is the one the services use', () => {
        expect(copisParser).toBeInstanceOf(CopisParser);
        expect(langiumParser).not.toBeInstanceOf(CopisParser);
    });

    test("gives Langium's trees and errors for every example and fixture", () => {
        expect(corpus.length).toBeGreaterThan(5);
        for (const file of corpus) expectSameParse(file.text);
    });

    test("gives Langium's trees for the benchmark's workspace and its 30,000-declaration file", () => {
        const dir = mkdtempSync(join(tmpdir(), 'copis-parser-'));
        try {
            generateWorkspace(join(dir, 'w'), 1000);
            generateWorkspace(join(dir, 's'), 3000, { singleFile: true });
            const files = [...readdirSync(join(dir, 'w', 'journeys')).map(f => join(dir, 'w', 'journeys', f)), join(dir, 'w', 'shared.copis'), join(dir, 's', 'all.copis')];
            for (const file of files) expectSameParse(readFileSync(file, 'utf8'));
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('gives the same on broken texts: missing and unexpected tokens, unclosed blocks, stray input', () => {
        const texts = [
            '', ' ', 'customer', 'customer "x"', 'customer A "A" {', 'customer A "A" { value }', 'customer A "A" { value high high }',
            'journey J { stage S { touchpoint T { channel } } }', 'journey J "J" { stage S "S" { touchpoint T "T" { channel web processes } } }',
            '}}}}', '{', 'system S { type web owner }', 'kpi K', 'objective O { kpi K { target >= } }', 'journey J { moment M { at } pain P { at T severity } }',
            'information I { source }', 'customer A { clv 12 EUR needs "a", }', 'process P { sla 3 }', '"unterminated', '/* open comment', 'customer 1A',
            'journey J "J" {\n  stage S "S" {\n    touchpoint T "T" { channel web }\n  \n}\nsystem X "X"\n', 'customer A "A" customer B "B" { value low } !!! system C',
            'customer A "A" "B" "C"', 'kpi K "K" { target >= >= 5 current }', 'journey J { stage S stage T { category } }'
        ];
        for (const text of texts) expectSameParse(text);
    });

    test("gives Langium's positions whatever ends the lines, around comments of several lines (leaves work theirs out from the text)", () => {
        const model = 'customer A "A" {\n  value high\n}\njourney J "J" {\n  stage S "S" {\n    touchpoint T "T" { channel web }\n  }\n}\n';
        const comments = '/* one\nblock */ customer A "A" /*\n*/ { value /* a\n\nb */ high } // end\n/**/\n/* x */\n/*\n\n*/';
        for (const text of [model, comments, model + comments, comments + '\n/* open\n\n', '/* open at the end\n']) {
            for (const eol of ['\n', '\r\n', '\r', '\n\r', '\u2028']) expectSameParse(text.replaceAll('\n', eol));
        }
    });

    test('gives the same on generated models', () => {
        fc.assert(fc.property(generatedModel, text => { expectSameParse(text); }), fuzzParameters(1));
    }, testTimeout(60000));

    test('gives the same on mutated examples (the fuzzers\' cases: deletions, insertions, hostile Unicode, pathological shapes)', () => {
        fc.assert(fc.property(mutatedCase, c => { expectSameParse(caseText(c)); }), fuzzParameters(1));
    }, testTimeout(120000));

    test('parses a rule on its own as Langium does, and says so when the rule is unknown', () => {
        for (const [text, rule] of [['value high', 'TierProp'], ['a.b.c', 'QName'], ['x', 'Nope'], ['value high', 'CustomerProp'], ['customer A "A" { value }', 'TopLevel'], ['12 EUR', 'Quantity'], ['', 'Quantity']] as const) {
            const ours = (() => { try { return everything(copisParser.parse(text, { rule })); } catch (error) { return String(error); } })();
            const theirs = (() => { try { return everything(withoutUnionCalls(withoutDatatypeWrappers(langiumParser.parse(text, { rule })))); } catch (error) { return String(error); } })();
            expect(ours).toEqual(theirs);
        }
    });
});

describe('containers', () => {
    const links = (tree: AstNode) => AstUtils.streamAst(tree).map(n => [n.$type, n.$container?.$type, n.$containerProperty, n.$containerIndex, Object.keys(n).join(' ')]).toArray();

    test("every node gets the container, property and index Langium's linkContentToContainer gives it", () => {
        const text = corpus.map(f => f.text).join('\n');
        const langiums = links(langiumParser.parse(text).value);
        expect(links(copisParser.parse(text).value)).toEqual(langiums);
        expect(langiums.length).toBeGreaterThan(100);
    });

    test('so do the nodes an unassigned rule call moves into its node (assignWithoutOverride), lists merged', async () => {
        const services = await createServicesForGrammar({
            grammar: [
                'grammar G', 'entry Model: items+=Item*;', "Item: 'item' parts+=Part* first=Part? Tail;", "Tail: 'tail' parts+=Part* last=Part?;",
                "Part: 'p' name=ID;", 'hidden terminal WS: /\\s+/;', 'terminal ID: /[a-z]+/;'
            ].join('\n')
        });
        const ours = createCopisParser(services);
        const text = 'item p a p b tail p c p d item tail p e item p f tail';
        const langiums = links(services.parser.LangiumParser.parse(text).value);
        expect(links(ours.parse(text).value)).toEqual(langiums);
        expect(langiums.filter(([type, , property, index]) => type === 'Part' && property === 'parts' && index === 3)).toHaveLength(1);
    });
});

describe('buildParserRules', () => {
    const grammarOf = async (text: string) => (await parseHelper(createLangiumGrammarServices(EmptyFileSystem).grammar)(text)).parseResult.value;
    const lexer = { Start: { name: 'Start' }, ID: { name: 'ID' } };
    const parserStub = { rule: () => () => undefined, getRule: () => undefined } as unknown as Parameters<typeof buildParserRules>[1];

    test('refuses what it does not build as Langium would (rule parameters and arguments, unordered groups, actions, infix rules), saying which', async () => {
        const cases: [string, RegExp][] = [
            ['grammar G\nentry M<p>: name=ID;\nterminal ID: /[a-z]+/;', /parameters/],
            ['grammar G\nentry M: A<true>;\nA<p>: name=ID;\nterminal ID: /[a-z]+/;', /parameters|arguments/],
            ['grammar G\nentry M: (a=ID & b=ID);\nterminal ID: /[a-z]+/;', /UnorderedGroup/],
            ['grammar G\nentry M: {infer M} name=ID;\nterminal ID: /[a-z]+/;', /Action/],
            ['grammar G\nentry M: e=Sum;\nE: n=ID;\ninfix Sum on E: \'+\';\nterminal ID: /[a-z]+/;', /infix|Sum/]
        ];
        for (const [text, reason] of cases) {
            const grammar = await grammarOf(text);
            expect(() => buildParserRules(grammar as never, parserStub, lexer as never), text).toThrow(UnsupportedGrammarError);
            expect(() => buildParserRules(grammar as never, parserStub, lexer as never), text).toThrow(reason);
        }
    });

    test("tells datatype rules as Langium's isDataTypeRule does: copis's rules, rules that call each other, actions", async () => {
        const grammars = [Copis.Grammar, await grammarOf([
            'grammar G', 'entry M: a=A b=B c=C d=E;',
            'A: B | ID;', 'B: A "." ID;', // a cycle of datatype rules
            'C: D | ID;', 'D: C | n=ID;', // a cycle through a rule with an assignment
            'E: F "x";', 'F: {infer F} "y";', 'fragment Frag: "z" ID;', 'G: Frag;', 'H: G ID;',
            'terminal ID: /[a-z]+/;'
        ].join('\n'))];
        let datatype = 0;
        for (const grammar of grammars) {
            const known = new Map();
            for (const rule of (grammar as GrammarAST.Grammar).rules) {
                if (!GrammarAST.isParserRule(rule)) continue;
                expect(isDatatypeRule(rule, known), rule.name).toBe(GrammarUtils.isDataTypeRule(rule));
                expect(isDatatypeRule(rule), rule.name).toBe(GrammarUtils.isDataTypeRule(rule));
                if (GrammarUtils.isDataTypeRule(rule)) datatype++;
            }
        }
        expect(datatype).toBeGreaterThan(17);
    });

    test("gives each rule the type Langium's parser gives it (computeRuleType): copis's rules, cycles, actions, fragments, declared types", async () => {
        const grammars = [Copis.Grammar, await grammarOf([
            'grammar G', 'entry M: a=A b=B c=C d=E f=H t=T;',
            'A: B | ID;', 'B: A "." ID;', 'C: D | ID;', 'D: C | n=ID;',
            'E: F "x";', 'F: {infer F} "y";', 'fragment Frag: "z" ID;', 'G: Frag;', 'H: G ID;',
            'interface I { v: string }', 'T returns I: v=ID;', 'S returns string: ID "s";',
            'terminal ID: /[a-z]+/;'
        ].join('\n'))];
        type Typed = { computeRuleType(rule: GrammarAST.AbstractRule): unknown };
        const types = new Set<unknown>();
        for (const grammar of grammars) {
            for (const rule of (grammar as GrammarAST.Grammar).rules) {
                const langium = (langiumParser as unknown as Typed).computeRuleType(rule);
                expect((copisParser as unknown as Typed).computeRuleType(rule), rule.name).toBe(langium);
                types.add(typeof langium === 'string' ? 'name' : String(langium));
            }
        }
        expect(types).toEqual(new Set(['name', 'Symbol(Datatype)', 'undefined']));
    });
});
