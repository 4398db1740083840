import { DefaultReferenceDescriptionProvider, type ReferenceDescription } from 'langium';
import { describe, expect, test } from 'vitest';
import { exampleWorkspaces } from '../fuzz/corpus.js';
import { lspWorkspace } from '../lsp/lsp-workspace.js';

describe('the reference index', () => {
    test('says what Langium\'s would say (source path and position are read lazily)', async () => {
        for (const files of exampleWorkspaces) {
            const { shared, docs } = await lspWorkspace(Object.fromEntries(files.map(f => [f.name.split('/').pop()!, f.text])));
            const langium = new DefaultReferenceDescriptionProvider(shared.ServiceRegistry.all[0]);
            for (const doc of docs) {
                const plain = (d: ReferenceDescription) =>
                    ({ sourceUri: String(d.sourceUri), sourcePath: d.sourcePath, targetUri: String(d.targetUri), targetPath: d.targetPath, segment: d.segment, local: d.local });
                const expected = (await langium.createDescriptions(doc)).map(plain);
                const actual = (await shared.ServiceRegistry.all[0].workspace.ReferenceDescriptionProvider.createDescriptions(doc)).map(plain);
                expect(actual, doc.uri.path).toEqual(expected);
                expect(expected.length, doc.uri.path).toBeGreaterThan(0);
            }
        }
    });
});
