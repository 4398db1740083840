import fc from 'fast-check';
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { findNodeForProperty } from '../../../language-server/validation/diagnostic-range.js';
import { corpus, fuzzParameters, testTimeout } from '../fuzz/corpus.js';
import { generatedModel } from '../fuzz/generated-models.js';
import { parse } from '../util.js';

/** Every property a rule may name: the AST's own keys and some that no node has. */
function propertiesOf(node: AstNode): string[] {
    return [...Object.keys(node).filter(k => !k.startsWith('$')), 'name', 'value', 'refs', 'ref', 'key', 'props', 'nothing', ''];
}

/** For every node of the text, every property and index: the node Langium's findNodeForProperty finds. */
async function expectLangiumsNodes(text: string): Promise<number> {
    const { model } = await parse(text);
    let compared = 0;
    for (const node of AstUtils.streamAst(model)) {
        for (const property of propertiesOf(node)) {
            for (const index of [undefined, 0, 1, 2, 5, -1]) {
                expect(findNodeForProperty(node.$cstNode, property, index), `${node.$type}.${property}[${index}]`).toBe(GrammarUtils.findNodeForProperty(node.$cstNode, property, index));
                compared++;
            }
        }
    }
    return compared;
}

describe("a diagnostic's node for a property: Langium's", () => {
    test('the examples and fixtures', async () => {
        let compared = 0;
        for (const file of corpus) compared += await expectLangiumsNodes(file.text);
        expect(compared).toBeGreaterThan(10_000);
    });

    test('broken texts (the parser recovers: nodes without some properties)', async () => {
        for (const text of ['customer C { clv }', 'journey J { stage S { touchpoint T { channel } } moment M { at }', 'process P { systems A, , B }', 'objective O { kpi K { target >= } }']) {
            await expectLangiumsNodes(text);
        }
    });

    test('generated models', async () => {
        await fc.assert(fc.asyncProperty(generatedModel, async text => { await expectLangiumsNodes(text); }), fuzzParameters(0.5));
    }, testTimeout(30_000));
});
