import fc from 'fast-check';
import { EmptyFileSystem, type ParseResult, type RootCstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import * as ast from '../../../language-server/generated/ast.js';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { reparseIncrementally } from '../../../language-server/parser/incremental-parse.js';
import { corpus, fuzzParameters, testTimeout } from '../fuzz/corpus.js';
import { generatedModel } from '../fuzz/generated-models.js';
import { fraction, mutate, mutation } from '../fuzz/mutations.js';
import { parseDump } from './parse-dump.js';

const { Copis } = createCopisCoreServices(EmptyFileSystem);
const parser = Copis.parser.LangiumParser;
const parse = (text: string) => parser.parse<ast.Model>(text);

const dump = (result: ParseResult<ast.Model>) => parseDump(result, Copis.workspace.AstNodeLocator);

/** The incremental result for `before` → `after` (undefined: it fell back), checked against a full parse of `after`. */
function check(before: string, after: string): ParseResult<ast.Model> | undefined {
    const previous = parse(before);
    const spliced = reparseIncrementally(parser, previous, after);
    if (spliced) expect(dump(spliced)).toEqual(dump(parse(after)));
    return spliced;
}

const three = [
    'customer Ana "Ana" { value high }',
    '',
    '// the journey',
    'journey Buy "Buy" {',
    '  stage S "Stage" {',
    '    touchpoint T "Web" { channel web }',
    '  }',
    '}',
    '',
    '/** Systems. */',
    'system Crm "CRM" { type crm }',
    // (a slice larger than half the text is parsed whole: these keep the journey below half)
    ...Array.from({ length: 8 }, (_, i) => `information Info${i} "Record ${i}" { owner "Data" }`),
    ''
].join('\n');

describe('incremental re-parse', () => {
    test('an edit inside one declaration re-parses that one: the others keep their nodes, those after it move', () => {
        const before = parse(three);
        const [ana, , crm] = before.value.elements;
        const after = three.replace('"Web"', '"Web shop, new"');
        const spliced = reparseIncrementally(parser, before, after)!;
        expect(spliced).toBeDefined();
        expect(dump(spliced)).toEqual(dump(parse(after)));
        expect(spliced.value.elements[0]).toBe(ana);
        expect(spliced.value.elements[2]).toBe(crm);
        expect(crm.$cstNode!.offset).toBe(after.indexOf('system Crm'));
        expect((spliced.value.elements[1] as ast.Journey).stages[0].touchpoints[0].title).toBe('Web shop, new');
    });

    test('the nodes an edit replaced keep the place and text they had (a leaf works its position out from its root\'s text)', () => {
        const before = parse(three);
        const journey = before.value.elements[1] as ast.Journey;
        const touchpoint = journey.stages[0].touchpoints[0].$cstNode!;
        const comment = (before.value.$cstNode as RootCstNode).content.find(node => node.hidden && node.text === '// the journey')!;
        const places = [touchpoint.range, touchpoint.text, comment.range, comment.text];
        const after = three.replace('// the journey', '// the journey,\n// edited').replace('"Web"', '"Web shop"');
        const spliced = reparseIncrementally(parser, before, after)!;
        expect(spliced).toBeDefined();
        expect(spliced.value.elements[1]).not.toBe(journey);
        expect([touchpoint.range, touchpoint.text, comment.range, comment.text]).toEqual(places);
        expect(comment.astNode).toBe(before.value);
    });

    test('line breaks added or removed move the declarations after the edit by lines; CRLF too', () => {
        expect(check(three, three.replace('  stage S', '\n\n  stage S'))).toBeDefined();
        expect(check(three, three.replace('{ channel web }', '{\n    channel web\n  }'))).toBeDefined();
        const crlf = three.replaceAll('\n', '\r\n');
        expect(check(crlf, crlf.replace('"Stage"', '"Stage\\"2"'))).toBeDefined();
        expect(check(crlf, crlf.replace('  stage S', '\r\n\r\n  stage S'))).toBeDefined();
    });

    test('declarations and comments added or removed between others', () => {
        expect(check(three, three.replace('\n// the journey', '\ncustomer Bo "Bo"\n// the journey'))).toBeDefined();
        expect(check(three, three.replace('customer Ana "Ana" { value high }\n', ''))).toBeDefined();
        expect(check(three, three.replace('/** Systems. */', '/** CRM systems. */'))).toBeDefined();
        expect(check(three, three + 'information Orders "Orders"\n')).toBeDefined();
        expect(check(three, three.replace('// the journey', '// the journey, edited'))).toBeDefined();
    });

    test('an edit that breaks a declaration, or mends it, re-parses that one when the declaration after it comes out whole', () => {
        // the edit breaks the journey: its errors are those of a full parse (check compares them)
        const broken = three.replace('channel web }', 'channel }');
        expect(check(three, broken)?.parserErrors).toHaveLength(1);
        // typed on while broken, then mended
        expect(check(broken, broken.replace('"Stage"', '"Stage 2"'))).toBeDefined();
        expect(check(broken, three)?.parserErrors).toEqual([]);
        // a block left open: the journey takes the next declaration in, no guard comes out whole
        expect(check(three, three.replace('    touchpoint T "Web" { channel web }', '    touchpoint T "Web" { channel web'))).toBeDefined();
    });

    test('falls back to a full parse on lexing errors, an error before the first declaration, or a guard that does not come out whole', () => {
        // an unterminated block comment would swallow the declarations after it
        expect(check(three, three.replace('// the journey', '/* the journey'))).toBeUndefined();
        // a string before the journey might be the title of the declaration before it
        expect(check(three, three.replace('// the journey', '"the journey"'))).toBeUndefined();
        // the old text had a lexing error that does not stay on its line (a `}` too many: the lexer drops one)
        expect(check(three.replace('{ channel web }', '{ channel web }}'), three)).toBeUndefined();
        // (a string left open ends at its line: typing on while it is open re-parses the declaration)
        const open = three.replace('"Web"', '"Web');
        expect(check(open, open.replace('"Web', '"Web s'))?.lexerErrors).toHaveLength(1);
        // (a character without meaning is no lexing error: it is a token the parser reports, and the slice is re-parsed)
        expect(check(three.replace('"Web"', '"Web" @'), three)).toBeDefined();
        // no change
        expect(reparseIncrementally(parser, parse(three), three)).toBeUndefined();
    });

    test('a line comment at the end of the slice cannot run into the next declaration (it starts on the same line)', () => {
        const sameLine = 'customer A "A" system B "B" journey J "J" {}\n';
        // the edit is in B; the slice would end in the middle of a line: whole-line rule → falls back or matches a full parse
        const spliced = check(sameLine, sameLine.replace('"B"', '"B" //'));
        expect(spliced === undefined || spliced.value.elements.length === 2).toBe(true);
        expect(parse(sameLine.replace('"B"', '"B" //')).value.elements).toHaveLength(2);
    });

    test('random edits of the examples: every spliced result equals a full parse', () => {
        const valid = corpus.filter(f => parse(f.text).parserErrors.length === 0 && parse(f.text).lexerErrors.length === 0);
        expect(valid.length).toBeGreaterThan(3);
        let spliced = 0;
        let runs = 0;
        fc.assert(fc.property(fc.constantFrom(...valid), fc.oneof(gentleEdit, mutation.map(m => (t: string) => mutate(t, m))), (file, edit) => {
            runs++;
            const after = edit(file.text);
            if (after !== file.text && check(file.text, after)) spliced++;
        }), fuzzParameters(4));
        // The property means something only if many edits took the incremental path
        // (most examples are one journey, and a slice of over half the text is parsed whole).
        expect(spliced / runs).toBeGreaterThan(0.15);
    }, testTimeout(20_000));

    test('random edits of generated models, one after another: every spliced result equals a full parse', () => {
        let spliced = 0;
        let edited = 0;
        fc.assert(fc.property(generatedModel, fc.array(gentleEdit, { minLength: 1, maxLength: 6 }), (text, edits) => {
            let previous = parse(text);
            let current = text;
            for (const edit of edits) {
                const next = edit(current);
                if (next === current) continue;
                const incremental = reparseIncrementally(parser, previous, next);
                const full = parse(next);
                edited++;
                if (incremental) {
                    spliced++;
                    expect(dump(incremental)).toEqual(dump(full));
                }
                previous = incremental ?? full;
                current = next;
            }
        }), fuzzParameters(2));
        // (once an edit breaks the text, the edits after it are parsed whole: a lower share)
        expect(spliced / edited).toBeGreaterThan(0.05);
    }, testTimeout(20_000));

    test('random breaking edits of generated models, one after another: every spliced result equals a full parse, errors included', () => {
        let spliced = 0;
        let broken = 0;
        fc.assert(fc.property(generatedModel, fc.array(fc.oneof(gentleEdit, mutation.map(m => (t: string) => mutate(t, m))), { minLength: 1, maxLength: 8 }), (text, edits) => {
            let previous = parse(text);
            let current = text;
            for (const edit of edits) {
                const next = edit(current);
                if (next === current) continue;
                const incremental = reparseIncrementally(parser, previous, next);
                const full = parse(next);
                if (incremental) {
                    spliced++;
                    if (incremental.parserErrors.length > 0) broken++;
                    expect(dump(incremental)).toEqual(dump(full));
                }
                previous = incremental ?? full;
                current = next;
            }
        }), fuzzParameters(3));
        // The property means something only if texts with errors were spliced too.
        expect(broken).toBeGreaterThan(10);
        expect(spliced).toBeGreaterThan(broken);
    }, testTimeout(30_000));
});

/** Edits a user makes while typing in a valid file: whitespace, comments, words, strings, whole declarations. */
const gentleEdit: fc.Arbitrary<(text: string) => string> = fc.oneof(
    fc.record({ at: fraction, text: fc.constantFrom(' ', '\n', '\r\n', '\t', 'x', '1', '// note\n', '/* c */', '/** doc */\n', '\ncustomer Zed "Z"\n', '\njourney Q {}\n', 'system S9\n', '"', '}', '{', '.') })
        .map(({ at, text }) => (t: string) => { const i = Math.floor(at * (t.length + 1)); return t.slice(0, i) + text + t.slice(i); }),
    fc.record({ at: fraction, length: fc.integer({ min: 1, max: 4 }) })
        .map(({ at, length }) => (t: string) => { const i = Math.floor(at * (t.length + 1)); return t.slice(0, i) + t.slice(i + length); }),
    // inside a string: what typing a title does
    fc.record({ n: fraction, text: fc.constantFrom('a', ' ', 'é', '😀', '\\"', '') })
        .map(({ n, text }) => (t: string) => {
            const quotes = [...t.matchAll(/"(?:\\.|[^"\\\r\n])*"/g)];
            if (quotes.length === 0) return t;
            const q = quotes[Math.floor(n * quotes.length)];
            const i = q.index! + 1;
            return t.slice(0, i) + text + t.slice(i);
        })
);
