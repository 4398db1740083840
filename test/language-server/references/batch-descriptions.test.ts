// The CLI's descriptions of exports (batch mode), worked out when read: the same as Langium's, and the
// same diagnostics as the language server's services give.
import type { AstNodeDescription } from 'langium';
import { describe, expect, test } from 'vitest';
import { BatchAstNodeDescriptionProvider } from '../../../language-server/references/batch-descriptions.js';
import { loadWorkspace, validateTexts } from '../../../language-server/workspace/validate-workspace.js';
import { corpus, exampleWorkspaces } from '../fuzz/corpus.js';

const sourcesOf = (files: { name: string; text: string }[]) => files.map(f => ({ uri: `file:///w/${f.name}`, text: f.text }));

function plain(d: AstNodeDescription): unknown {
    return { name: d.name, type: d.type, uri: d.documentUri.toString(), path: d.path, selection: d.selectionSegment, nameSegment: d.nameSegment, node: d.node?.$type };
}

describe('batch descriptions', () => {
    test('are what the batch services make', async () => {
        const { services } = await loadWorkspace(sourcesOf(corpus.slice(0, 1)), { batch: true });
        expect(services.workspace.AstNodeDescriptionProvider).toBeInstanceOf(BatchAstNodeDescriptionProvider);
        const { services: server } = await loadWorkspace(sourcesOf(corpus.slice(0, 1)));
        expect(server.workspace.AstNodeDescriptionProvider).not.toBeInstanceOf(BatchAstNodeDescriptionProvider);
    });

    test("give every export's name, type, document, path, ranges and node as Langium's do", async () => {
        expect(exampleWorkspaces.length).toBeGreaterThan(1);
        for (const files of exampleWorkspaces) {
            const batch = await loadWorkspace(sourcesOf(files), { batch: true });
            const full = await loadWorkspace(sourcesOf(files));
            const exports = (w: typeof batch) => w.services.shared.workspace.IndexManager.allElements().toArray().map(plain);
            const theirs = exports(full);
            expect(theirs.length).toBeGreaterThan(5);
            expect(exports(batch)).toEqual(theirs);
        }
    });

    test('leave every diagnostic as it was, on the examples and the fixtures', async () => {
        for (const files of [...exampleWorkspaces, ...corpus.map(f => [f])]) {
            const sources = sourcesOf(files);
            expect(await validateTexts(sources, { batch: true, asOf: '2026-06-01' })).toEqual(await validateTexts(sources, { asOf: '2026-06-01' }));
        }
    });
});
