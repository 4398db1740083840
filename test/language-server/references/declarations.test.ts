import { AstUtils, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import * as ast from '../../../language-server/generated/ast.js';
import { enclosingJourney } from '../../../language-server/references/declarations.js';
import { loadWorkspace } from '../../helpers.js';
import { exampleWorkspaces } from '../fuzz/corpus.js';

/** What enclosingJourney answered with the reflection's subtype test. */
function byReflection(node: AstNode | undefined): ast.Journey | undefined {
    while (node) {
        if (ast.isJourney(node)) return node;
        node = node.$container;
    }
    return undefined;
}

describe('enclosingJourney', () => {
    test('no type of the grammar is a subtype of Journey, so comparing $type is the reflection\'s test', () => {
        expect(ast.reflection.getAllSubTypes(ast.Journey.$type)).toEqual([ast.Journey.$type]);
    });

    test('the same journey as the reflection\'s test finds, for every node of the examples', async () => {
        let inJourneys = 0;
        for (const workspace of exampleWorkspaces) {
            const { documents } = await loadWorkspace(workspace.map((f, i) => ({ uri: `file:///ws/${i}-${f.name}`, text: f.text })), { validate: false });
            for (const document of documents) {
                for (const node of AstUtils.streamAst(document.parseResult.value)) {
                    const expected = byReflection(node);
                    expect(enclosingJourney(node)).toBe(expected);
                    if (expected) inJourneys++;
                }
            }
        }
        expect(inJourneys).toBeGreaterThan(100);
    });
});
