import fc from 'fast-check';
import { isLinkingError, isReference, type ReferenceInfo } from 'langium';
import { describe, expect, test } from 'vitest';
import type * as ast from '../../../language-server/generated/ast.js';
import type { CopisScopeProvider } from '../../../language-server/references/copis-scope-provider.js';
import type { CopisLinkingError } from '../../../language-server/references/reference-status.js';
import { forEachReference } from '../../../language-server/references/reference-walk.js';
import { workspaceModel } from '../../../language-server/parser/last-parsed.js';
import { loadWorkspace } from '../../helpers.js';
import { corpus, exampleWorkspaces, fuzzParameters } from '../fuzz/corpus.js';
import { generatedModel } from '../fuzz/generated-models.js';
import { mutate, mutation } from '../fuzz/mutations.js';

interface Internals {
    _ref: unknown;
    _nodeDescription?: unknown;
}

/**
 * Links `texts` as one workspace, then asks the scope of every reference, as an editor request would
 * (Langium's `getScope(...).getElement(name)`, scope objects and all), what the name means: the
 * linker's shortcut (CopisLinker.getCandidate during link()) must have found the same description,
 * node and error.
 */
async function compare(texts: string[], batch: boolean): Promise<number> {
    const { services, documents } = await loadWorkspace(texts.map((text, i) => ({ uri: `file:///ws/f${String(i).padStart(2, '0')}.copis`, text })), { batch, validate: false });
    const scopes = services.references.ScopeProvider as CopisScopeProvider;
    let count = 0;
    for (const document of documents) {
        forEachReference(workspaceModel(document) as ast.Model, (info: ReferenceInfo) => {
            if (!isReference(info.reference)) return;
            const reference = info.reference as typeof info.reference & Internals;
            const expected = scopes.getScope(info).getElement(reference.$refText);
            const linked = reference._ref;
            if (expected) {
                expect(reference._nodeDescription, reference.$refText).toBe(expected);
                expect(linked, reference.$refText).toBe(expected.node);
            } else {
                expect(isLinkingError(linked), reference.$refText).toBe(true);
                const error = linked as CopisLinkingError;
                expect(error.info.container).toBe(info.container);
                expect(error.message).toBe(`Could not resolve reference to ${services.shared.AstReflection.getReferenceType(info)} named '${reference.$refText}'.`);
                expect(error.otherKind).toBe(scopes.getScopeForType(info.container, 'Declaration').getElement(reference.$refText));
            }
            count++;
        });
    }
    return count;
}

describe('linking resolves every reference as its scope does', () => {
    test('in the example workspaces and every example and fixture, in batch mode and in the editor', async () => {
        let total = 0;
        for (const batch of [true, false]) {
            for (const files of exampleWorkspaces) total += await compare(files.map(f => f.text), batch);
            total += await compare(corpus.map(f => f.text), batch);
        }
        expect(total).toBeGreaterThan(500);
    });

    test('in generated and broken workspaces (names declared twice, in several files, of other kinds)', async () => {
        await fc.assert(fc.asyncProperty(fc.array(fc.tuple(generatedModel, fc.array(mutation, { maxLength: 2 })), { minLength: 1, maxLength: 3 }), fc.boolean(), async (files, batch) => {
            await compare(files.map(([text, mutations]) => mutations.reduce(mutate, text)), batch);
        }), fuzzParameters(0.5));
    });
});
