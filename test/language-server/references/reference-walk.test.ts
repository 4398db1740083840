import fc from 'fast-check';
import { AstUtils, EmptyFileSystem, type ReferenceInfo } from 'langium';
import { describe, expect, test } from 'vitest';
import type * as ast from '../../../language-server/generated/ast.js';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { forEachReference } from '../../../language-server/references/reference-walk.js';
import { corpus, fuzzParameters } from '../fuzz/corpus.js';
import { generatedModel } from '../fuzz/generated-models.js';
import { mutate, mutation } from '../fuzz/mutations.js';

const { Copis } = createCopisCoreServices(EmptyFileSystem);

/** What Langium's own walk (streamAst + streamReferences) finds, in its order. */
function langiumOrder(root: ast.Model): ReferenceInfo[] {
    return AstUtils.streamAst(root).flatMap(node => AstUtils.streamReferences(node)).toArray();
}

function ourOrder(root: ast.Model): ReferenceInfo[] {
    const found: ReferenceInfo[] = [];
    forEachReference(root, info => found.push(info));
    return found;
}

const same = (info: ReferenceInfo) => [info.reference, info.container, info.property, info.index];

describe('the reference walk', () => {
    test('finds the references Langium finds, in the same order, in every example and fixture', () => {
        let total = 0;
        for (const file of corpus) {
            const model = Copis.parser.LangiumParser.parse<ast.Model>(file.text).value;
            const expected = langiumOrder(model);
            expect(ourOrder(model).map(same), file.name).toEqual(expected.map(same));
            total += expected.length;
        }
        expect(total).toBeGreaterThan(100);
    });

    test('on generated and broken models too', () => {
        fc.assert(fc.property(generatedModel, fc.array(mutation, { maxLength: 3 }), (text, mutations) => {
            const model = Copis.parser.LangiumParser.parse<ast.Model>(mutations.reduce(mutate, text)).value;
            expect(ourOrder(model).map(same)).toEqual(langiumOrder(model).map(same));
        }), fuzzParameters(2));
    });
});
