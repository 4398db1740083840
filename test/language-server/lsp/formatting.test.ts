import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmptyFileSystem, TextDocument, URI, type AstNode, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { formatText } from '../../../language-server/formatting/format-text.js';
import * as ast from '../../../language-server/generated/ast.js';
import { shape } from '../fuzz/format-oracle.js';

const root = resolve(import.meta.dirname, '../../..');
const { shared, Copis } = createCopisLspServices({ ...EmptyFileSystem, connection: undefined });
let counter = 0;

function documentOf(text: string): LangiumDocument {
    return shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///format/test${++counter}.copis`));
}

async function formatEdits(text: string, range?: Range): Promise<TextEdit[]> {
    const document = documentOf(text);
    const options = { tabSize: 4, insertSpaces: false };
    const textDocument = { uri: document.uri.toString() };
    return range
        ? Copis.lsp.Formatter!.formatDocumentRange(document, { options, textDocument, range })
        : Copis.lsp.Formatter!.formatDocument(document, { options, textDocument });
}

/** The text after the language server's formatting edits. */
async function format(text: string, range?: Range): Promise<string> {
    return TextDocument.applyEdits(TextDocument.create('file:///x.copis', 'copis', 1, text), await formatEdits(text, range));
}

function parse(text: string) {
    const result = Copis.parser.LangiumParser.parse<ast.Model>(text);
    expect(result.lexerErrors).toEqual([]);
    expect(result.parserErrors).toEqual([]);
    return result.value;
}

/** Every token, comments included, in order (white space excluded; a block comment's inner lines may be re-indented). */
function tokens(text: string): string[] {
    const result = Copis.parser.Lexer.tokenize(text);
    return [...result.tokens, ...result.hidden].sort((a, b) => a.startOffset - b.startOffset).map(t => t.image.trimEnd().replace(/\r?\n[ \t]*/g, '\n'));
}

function docComments(text: string): Array<[string, string | undefined]> {
    const model = parse(text);
    const result: Array<[string, string | undefined]> = [];
    const visit = (node: AstNode) => {
        // A block comment's inner lines move with it: compare them without their indentation.
        if (ast.isDeclaration(node)) result.push([node.name, Copis.documentation.CommentProvider.getComment(node)?.replace(/\n[ \t]*/g, '\n')]);
        for (const key of ['elements', 'kpis', 'objectives', 'processes', 'stages', 'touchpoints', 'moments', 'pains', 'opportunities']) {
            for (const child of ((node as unknown as Record<string, AstNode[]>)[key] ?? [])) visit(child);
        }
    };
    visit(model);
    return result;
}

function expectSameModel(before: string, after: string): void {
    expect(shape(parse(after))).toEqual(shape(parse(before)));
    expect(tokens(after)).toEqual(tokens(before));
}

const exampleFiles = readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.copis'))
    .map(f => join('examples', f))
    .concat('test/language-server/fixtures/reference-example.copis')
    .sort();

describe('formatting the examples', () => {
    test.each(exampleFiles)('%s: idempotent, same AST, same tokens and comments, same doc comments', async (file) => {
        const text = readFileSync(join(root, file), 'utf8');
        const once = await format(text);
        expect(formatText(text)).toBe(once);
        expect(await format(once)).toBe(once);
        expect(await formatEdits(once)).toEqual([]);
        expectSameModel(text, once);
        expect(docComments(once)).toEqual(docComments(text));
        expect(once.endsWith('}\n')).toBe(true);
        expect(once).not.toMatch(/[ \t]$/m);
    });

    test('the reference example keeps its shape: one-line declarations stay, long ones get one property per line', async () => {
        const text = readFileSync(join(root, 'test/language-server/fixtures/reference-example.copis'), 'utf8');
        const once = await format(text);
        expect(once).toContain('customer Gifter "Gift buyer" { value medium  clv 300 EUR }\n\nsystem Storefront');
        expect(once).toContain('system Storefront "Web shop" { type web  owner "E-commerce"  approved personal }\nsystem Oms');
        expect(once).toContain('  value high  // CLV tier: high | medium | low\n');
        expect(once).toContain([
            '  stage Discover "Awareness" {',
            '    category awareness',
            '    touchpoint InstaAd "Instagram ad" { channel social  emotion 1 }',
            '  }'
        ].join('\n'));
        expect(once).toContain([
            '  process AnswerTicket "Answer a support ticket" {',
            '    owner "Customer care"',
            '    lane frontstage',
            '    systems Helpdesk',
            '    reads OrderRecord',
            '    sla 4h',
            '  }'
        ].join('\n'));
    });
});

/** A deterministic pseudo-random number generator (so a failure can be replayed). */
function random(seed: number): () => number {
    return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Replaces the white space between tokens with other white space (a line break stays a line break: it may end a `//` comment). */
function scramble(text: string, seed: number): string {
    const next = random(seed);
    const blanks = () => ' '.repeat(Math.floor(next() * 6)) + (next() < 0.2 ? '\t' : '');
    const lexed = Copis.parser.Lexer.tokenize(text);
    const all = [...lexed.tokens, ...lexed.hidden].sort((a, b) => a.startOffset - b.startOffset);
    let result = '';
    let at = 0;
    for (const token of [...all, undefined]) {
        const ws = text.slice(at, token ? token.startOffset : text.length);
        const breaks = ws.includes('\n') ? 1 + Math.floor(next() * 3) : next() < 0.15 ? 1 : 0;
        result += breaks === 0 ? ' ' + blanks() : Array.from({ length: breaks }, () => blanks() + '\n').join('') + blanks();
        if (token) result += token.image;
        at = token ? token.startOffset + token.image.length : text.length;
    }
    return result;
}

describe('formatting scrambled white space', () => {
    test.each(exampleFiles)('%s: any white space formats idempotently to the same AST and tokens', async (file) => {
        const text = readFileSync(join(root, file), 'utf8');
        for (const seed of [1, 2, 3]) {
            const scrambled = scramble(text, seed);
            const once = formatText(scrambled)!;
            expect(once).toBeDefined();
            expect(formatText(once)).toBe(once);
            expectSameModel(text, once);
            expect(once).not.toMatch(/[ \t]$/m);
            expect(once).not.toMatch(/\n\n\n/);
        }
    });
});

describe('the canonical layout', () => {
    test('a messy file formats to the exact canonical text', async () => {
        const messy = [
            '// messy',
            'customer   Shopper "Shopper"{value high',
            'clv 1450   EUR',
            'needs "a" ,"b"}',
            'system Oms{type erp owner "IT"}',
            '',
            '',
            '    system Crm { type crm }',
            'journey J "J" {   customers Shopper ,Other',
            'objective O { for Shopper kpi K { metric nps current 10 target >= 20 } }',
            '',
            '',
            '',
            '      process P "P" { owner "X" systems Oms }',
            'stage S { category usage touchpoint T { channel web processes P } }',
            'moment M { at T kind second polarity positive impact high kpis J . K }',
            '   stage Empty {',
            '   }',
            'pain X}',
            '',
            ''
        ].join('\n');
        const expected = [
            '// messy',
            'customer Shopper "Shopper" { value high  clv 1450 EUR  needs "a", "b" }',
            'system Oms { type erp  owner "IT" }',
            '',
            'system Crm { type crm }',
            '',
            'journey J "J" {',
            '  customers Shopper, Other',
            '  objective O {',
            '    for Shopper',
            '    kpi K { metric nps  current 10  target >= 20 }',
            '  }',
            '',
            '  process P "P" { owner "X"  systems Oms }',
            '  stage S {',
            '    category usage',
            '    touchpoint T { channel web  processes P }',
            '  }',
            '  moment M {',
            '    at T',
            '    kind second',
            '    polarity positive',
            '    impact high',
            '    kpis J.K',
            '  }',
            '  stage Empty {}',
            '  pain X',
            '}',
            ''
        ].join('\n');
        const once = await format(messy);
        expect(once).toBe(expected);
        expect(formatText(messy)).toBe(expected);
        expectSameModel(messy, once);
        expect(await format(once)).toBe(once);
    });

    test('one line when at most 4 properties, no nested declaration, no comment, and 120 columns at most', async () => {
        const four = 'kpi K { metric nps  current 10  target >= 20  due 2027-01-01 }';
        expect(await format(`objective O {\n  ${four}\n}\n`)).toBe(`objective O {\n  ${four}\n}\n`);
        expect(await format('kpi K { metric nps current 10 target >= 20 due 2027-01-01 unit "x" }'.replace(/^/, 'objective O { ') + ' }')).toBe([
            'objective O {',
            '  kpi K {',
            '    metric nps',
            '    current 10',
            '    target >= 20',
            '    due 2027-01-01',
            '    unit "x"',
            '  }',
            '}',
            ''
        ].join('\n'));
        const title = 'x'.repeat(121 - 'customer C "" { segment "y"  value high }'.length);
        const long = `customer C "${title}" { segment "y"  value high }`;
        expect(long.length).toBe(121);
        expect(await format(long)).toBe(`customer C "${title}" {\n  segment "y"\n  value high\n}\n`);
        const fits = long.replace('xx', 'x');
        expect(fits.length).toBe(120);
        expect(await format(fits)).toBe(fits + '\n');
        expect(await format('customer C { value high /* tier */ }')).toBe('customer C {\n  value high  /* tier */\n}\n');
        expect(await format('objective O { }')).toBe('objective O {}\n');
        expect(await format('objective O { kpi K }')).toBe('objective O {\n  kpi K\n}\n');
    });

    test('blank lines: one between top-level declarations unless both are one-liners, at most one inside bodies', async () => {
        const text = [
            'system A { type web }',
            'system B { type web }',
            '',
            '',
            'system C { type web }',
            'system D {',
            '  type web',
            '  owner "a very long owner name that makes this system declaration too long for one line of 120 columns"',
            '}',
            'system E',
            'journey J {',
            '',
            '  customers A',
            '',
            '',
            '  // section',
            '',
            '',
            '  stage S',
            '',
            '}'
        ].join('\n');
        expect(await format(text)).toBe([
            'system A { type web }',
            'system B { type web }',
            '',
            'system C { type web }',
            '',
            'system D {',
            '  type web',
            '  owner "a very long owner name that makes this system declaration too long for one line of 120 columns"',
            '}',
            '',
            'system E',
            '',
            'journey J {',
            '  customers A',
            '',
            '  // section',
            '',
            '  stage S',
            '}',
            ''
        ].join('\n'));
    });

    test('an empty file stays empty; a file of comments keeps them', async () => {
        expect(await format('')).toBe('');
        expect(await format('  \n\n')).toBe('');
        expect(await format('  // only a comment   \n\n\n/* and a block */  ')).toBe('// only a comment\n\n/* and a block */\n');
    });
});

describe('the v1.1 properties and values', () => {
    test('`better`, a KPI\'s `owner` and `in-person` lay out like every other property: one line while they fit, else one per line', async () => {
        const scrambled = 'journey J {\n objective O { kpi K { metric count\n  better   lower current 3 } kpi L {metric nps better higher current 1 target >= 2 owner "Care"} }\n stage S { touchpoint T {channel   in-person} }\n}\n';
        const once = await format(scrambled);
        expect(once).toBe([
            'journey J {',
            '  objective O {',
            '    kpi K { metric count  better lower  current 3 }',
            '    kpi L {',
            '      metric nps',
            '      better higher',
            '      current 1',
            '      target >= 2',
            '      owner "Care"',
            '    }',
            '  }',
            '  stage S {',
            '    touchpoint T { channel in-person }',
            '  }',
            '}',
            ''
        ].join('\n'));
        expectSameModel(scrambled, once);
        expect(await format(once)).toBe(once);
    });
});

describe('the value-at-stake properties', () => {
    test('`count`, `reach`, `effort`, `confidence` and `status` lay out like every other property', async () => {
        const scrambled = 'customer C {count   12000 clv 10 EUR}\njourney J {\n stage S { touchpoint T {channel web\n reach 40%} }\n opportunity O {addresses M effort  high confidence 70% status doing owner "A"}\n}\n';
        const once = await format(scrambled);
        expect(once).toBe([
            'customer C { count 12000  clv 10 EUR }',
            '',
            'journey J {',
            '  stage S {',
            '    touchpoint T { channel web  reach 40% }',
            '  }',
            '  opportunity O {',
            '    addresses M',
            '    effort high',
            '    confidence 70%',
            '    status doing',
            '    owner "A"',
            '  }',
            '}',
            ''
        ].join('\n'));
        expectSameModel(scrambled, once);
        expect(await format(once)).toBe(once);
    });
});

describe('comments', () => {
    const withComments = [
        '/** Doc of A */',
        'customer A { value high }   // trailing A',
        '/* block before B */ customer B',
        'journey J {',
        '// first member comment',
        '  customers A, B// who',
        '  stage S { // stage comment',
        '    category usage',
        '      /* inside */',
        '    touchpoint T { channel web }',
        '        // before close',
        '  }',
        '      /**',
        '       * Doc of M',
        '       */',
        '  moment M { at T }',
        '  pain P { at /* where */ T  severity // how bad',
        '  high }',
        '}',
        '// end of file'
    ].join('\n');

    test('survive, stay next to what they describe, and are indented with it', async () => {
        const once = await format(withComments);
        expect(once).toBe([
            '/** Doc of A */',
            'customer A { value high }  // trailing A',
            '/* block before B */',
            'customer B',
            '',
            'journey J {',
            '  // first member comment',
            '  customers A, B  // who',
            '  stage S {  // stage comment',
            '    category usage',
            '    /* inside */',
            '    touchpoint T { channel web }',
            '    // before close',
            '  }',
            '  /**',
            '   * Doc of M',
            '   */',
            '  moment M { at T }',
            '  pain P {',
            '    at /* where */ T',
            '    severity  // how bad',
            '      high',
            '  }',
            '}',
            '// end of file',
            ''
        ].join('\n'));
        expectSameModel(withComments, once);
        expect(await format(once)).toBe(once);
        expect(docComments(once)).toEqual(docComments(withComments));
        expect(docComments(once)).toContainEqual(['M', '/**\n* Doc of M\n*/']);
        expect(once).toContain('  /**\n   * Doc of M\n   */\n  moment M');
        expect(docComments(once)).toContainEqual(['A', '/** Doc of A */']);
    });

    test('a doc comment of a journey member moved to its indentation keeps its inner layout', async () => {
        const text = 'journey J {\n/**\n * Doc\n *   indented\n */\nstage S\n}\n';
        expect(await format(text)).toBe('journey J {\n  /**\n   * Doc\n   *   indented\n   */\n  stage S\n}\n');
    });
});

describe('files that do not parse are left alone', () => {
    test.each([
        ['a parser error', 'customer A { value high\nsystem B { type web }\n   journey   J {'],
        ['a lexer error', 'customer   A { value high  }\nsystem B { type # web }'],
        ['an unterminated string', 'customer   A "Title { value high }']
    ])('%s: no edits, and formatText gives undefined', async (_what, text) => {
        expect(await formatEdits(text)).toEqual([]);
        expect(await formatEdits(text, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } })).toEqual([]);
        expect(formatText(text)).toBeUndefined();
    });
});

describe('range formatting', () => {
    const text = [
        'system   A {type web}',
        'system   B {type web}',
        'journey J {',
        '      customers A',
        '   stage S {category usage}',
        '        stage T {category usage}',
        '}'
    ].join('\n');

    test('changes only the white space inside the range', async () => {
        // Lines 2 to 4 (0-based 1..3): system B and the journey's first line and member.
        const range = { start: { line: 1, character: 0 }, end: { line: 3, character: 17 } };
        const edits = await formatEdits(text, range);
        expect(edits.length).toBeGreaterThan(0);
        const document = TextDocument.create('file:///x.copis', 'copis', 1, text);
        for (const edit of edits) {
            expect(document.offsetAt(edit.range.end)).toBeGreaterThan(document.offsetAt(range.start));
            expect(document.offsetAt(edit.range.start)).toBeLessThan(document.offsetAt(range.end));
        }
        expect(await format(text, range)).toBe([
            'system   A {type web}',
            'system B { type web }',
            '',
            'journey J {',
            '  customers A',
            '   stage S {category usage}',
            '        stage T {category usage}',
            '}'
        ].join('\n'));
    });

    test('a range over one nested declaration formats just it', async () => {
        const range = { start: { line: 5, character: 0 }, end: { line: 5, character: 32 } };
        expect(await format(text, range)).toBe(text.replace('        stage T {category usage}', '  stage T { category usage }'));
    });

    test('a block comment whose start is in the range moves with its inner lines', async () => {
        const source = 'journey J {\n/**\n * Doc\n */\nstage S\n}\n';
        const range = { start: { line: 1, character: 0 }, end: { line: 3, character: 3 } };
        expect(await format(source, range)).toBe('journey J {\n  /**\n   * Doc\n   */\nstage S\n}\n');
        const after = { start: { line: 2, character: 0 }, end: { line: 5, character: 0 } };
        expect(await format(source, after)).toBe('journey J {\n/**\n * Doc\n */\n  stage S\n}\n');
    });

    test('the whole file as a range is the same as formatting the document', async () => {
        const range = { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } };
        expect(await format(text, range)).toBe(await format(text));
    });
});

describe('line endings', () => {
    test('CRLF input keeps CRLF and formats like LF input', async () => {
        const lf = readFileSync(join(root, 'test/language-server/fixtures/reference-example.copis'), 'utf8');
        const crlf = lf.replace(/\n/g, '\r\n');
        const once = await format(crlf);
        expect(once).toBe((await format(lf)).replace(/\n/g, '\r\n'));
        expect(once.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(await format(once)).toBe(once);
        expect(formatText(crlf)).toBe(once);
    });

    test('a CRLF block comment is re-indented without breaking its line endings', async () => {
        const text = 'journey J {\r\n/**\r\n * Doc\r\n */\r\nstage S\r\n}';
        expect(await format(text)).toBe('journey J {\r\n  /**\r\n   * Doc\r\n   */\r\n  stage S\r\n}\r\n');
    });
});
