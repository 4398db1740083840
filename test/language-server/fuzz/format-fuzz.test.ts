/**
 * "Format never loses anything." For every example, thousands of generated valid models
 * (generated-models.ts) and mutated examples that still parse: the formatted text parses to
 * the same syntax tree, keeps every comment and every doc comment on its declaration, changes
 * only white space, and formatting again changes nothing; the language server's document and
 * range formatting agree with `formatText`, and range formatting loses nothing either. A text
 * with syntax errors gets no edit at all.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatText } from '../../../language-server/formatting/format-text.js';
import { corpus, fuzzParameters, testTimeout } from './corpus.js';
import { applyTextEdits, comments, docComments, lspEdits, parse, rangeOf, shape } from './format-oracle.js';
import { generatedModel } from './generated-models.js';
import { caseText, fraction, mutatedCase } from './mutations.js';

const withoutWhiteSpace = (text: string) => text.replace(/\s+/g, '');

/** Fails unless `after` is `before` with only white space changed: same tree, comments, doc comments. */
function expectSameModel(before: string, after: string, what: string): void {
    const a = parse(before);
    const b = parse(after);
    expect(b.errors, `${what}: the result does not parse`).toEqual([]);
    expect(shape(b.model), `${what}: the syntax tree changed`).toEqual(shape(a.model));
    expect(comments(after), `${what}: comments changed`).toEqual(comments(before));
    expect(docComments(b.model), `${what}: doc comments moved`).toEqual(docComments(a.model));
    expect(withoutWhiteSpace(after), `${what}: more than white space changed`).toBe(withoutWhiteSpace(before));
}

/** Every formatting property of a text that parses; `range` (fractions of the text) for range formatting. */
async function checkFormatting(text: string, range: [number, number]): Promise<void> {
    expect(parse(text).errors, 'the input parses').toEqual([]);
    const formatted = formatText(text);
    if (formatted === undefined) throw new Error('formatText refused a text that parses');
    expectSameModel(text, formatted, 'format');
    expect(formatText(formatted), 'formatting twice changes nothing').toBe(formatted);
    expect(applyTextEdits(text, await lspEdits(text)), 'the editor formats like formatText').toBe(formatted);
    expect(applyTextEdits(text, await lspEdits(text, rangeOf(text, 0, text.length))), 'range formatting of everything is formatting').toBe(formatted);
    const [from, to] = range.map(f => Math.floor(f * text.length));
    const partly = applyTextEdits(text, await lspEdits(text, rangeOf(text, from, to)));
    expectSameModel(text, partly, `range formatting ${Math.min(from, to)}-${Math.max(from, to)}`);
}

describe('format never loses anything', () => {
    test.each(corpus.map(f => [f.name, f.text]))('%s', async (name, text) => {
        await checkFormatting(text, [0.25, 0.75]);
        // The examples are kept formatted (the fixture is the language reference's text, verbatim).
        if (name.startsWith('examples/')) expect(formatText(text)).toBe(text);
    });

    test('generated models', async () => {
        await fc.assert(fc.asyncProperty(generatedModel, fraction, fraction, async (text, a, b) => {
            await checkFormatting(text, [a, b]);
        }), fuzzParameters(15));
    }, testTimeout(60_000));

    test('mutated examples: formatted like any model when they parse, not touched when they do not', async () => {
        await fc.assert(fc.asyncProperty(mutatedCase, fraction, fraction, async (c, a, b) => {
            const text = caseText(c);
            if (parse(text).errors.length === 0) {
                await checkFormatting(text, [a, b]);
                return;
            }
            expect(formatText(text)).toBeUndefined();
            expect(await lspEdits(text)).toEqual([]);
            expect(await lspEdits(text, rangeOf(text, Math.floor(a * text.length), Math.floor(b * text.length)))).toEqual([]);
        }), fuzzParameters(1.5));
    }, testTimeout(60_000));
});
