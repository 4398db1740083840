import fc from 'fast-check';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { compareDocumentUris } from '../../../language-server/references/declarations.js';
import type { CopisIndexManager } from '../../../language-server/workspace/copis-index-manager.js';
import { editableLspServices } from '../lsp/lsp-workspace.js';
import { fuzzParameters } from '../fuzz/corpus.js';

/** What `named` must say: every export of that name, files in URI order, each file's in its order. */
function expected(index: CopisIndexManager, name: string): string[] {
    const all = index.allElements().filter(d => d.name === name).toArray();
    const uris = [...new Set(all.map(d => d.documentUri.toString()))].sort(compareDocumentUris);
    return uris.flatMap(uri => all.filter(d => d.documentUri.toString() === uri)).map(d => `${d.documentUri.path}:${d.type}`);
}

describe('the index by name', () => {
    test('follows edits, keeps workspace order whatever the load order, and knows the duplicated names', async () => {
        const files = {
            'b.copis': 'customer Ana "Ana"\nsystem Crm "CRM"',
            'a.copis': 'system Ana "Ana the system"',
            'c.copis': 'journey J "J" { stage Ana "Stage" {} }'
        };
        const { shared, texts } = editableLspServices(files);
        const index = shared.workspace.IndexManager as CopisIndexManager;
        // loaded in the order b, a, c: the index must still list a before b
        const docs = await Promise.all(Object.keys(files).map(name => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`file:///ws/${name}`))));
        await shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const named = (name: string) => index.named(name).map(d => `${d.documentUri.path}:${d.type}`);
        expect(named('Ana')).toEqual(['/ws/a.copis:System', '/ws/b.copis:Customer']);
        expect(named('J.Ana')).toEqual(['/ws/c.copis:Stage']);
        expect([...index.duplicatedNames()]).toEqual(['Ana']);

        // As the server does: under the workspace lock, so the re-validation an edit schedules runs first.
        const update = (changed: URI[], deleted: URI[]) => shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(changed, deleted, token));
        const edit = async (name: string, text: string) => {
            texts.set(`file:///ws/${name}`, text);
            await update([URI.parse(`file:///ws/${name}`)], []);
        };
        await edit('a.copis', 'system Bo "Bo"');
        expect(named('Ana')).toEqual(['/ws/b.copis:Customer']);
        expect([...index.duplicatedNames()]).toEqual([]);
        await edit('c.copis', 'customer Crm "Crm the customer"\ncustomer Ana "again"\ncustomer Ana "and again"');
        expect(named('Ana')).toEqual(['/ws/b.copis:Customer', '/ws/c.copis:Customer', '/ws/c.copis:Customer']);
        expect(named('Crm')).toEqual(['/ws/b.copis:System', '/ws/c.copis:Customer']);
        expect(new Set(index.duplicatedNames())).toEqual(new Set(['Ana', 'Crm']));
        await edit('b.copis', '');
        for (const name of ['Ana', 'Crm', 'Bo', 'J.Ana']) expect(named(name)).toEqual(expected(index, name));
        expect([...index.duplicatedNames()]).toEqual(['Ana']);
        await update([], [URI.parse('file:///ws/c.copis')]);
        expect(named('Ana')).toEqual([]);
        expect(named('Bo')).toEqual(['/ws/a.copis:System']);
        expect([...index.duplicatedNames()]).toEqual([]);
    });

    test('lists every name as a build from scratch would, through random loads, edits and deletions of files that share names', async () => {
        const names = ['A', 'B', 'C'];
        const declaration = fc.oneof(
            fc.tuple(fc.constantFrom('customer', 'system', 'process'), fc.constantFrom(...names)).map(([kind, name]) => `${kind} ${name}`),
            fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names)).map(([o, k]) => `objective ${o} { kpi ${k} { metric m } }`),
            fc.tuple(fc.constantFrom(...names), fc.array(fc.constantFrom(...names), { maxLength: 3 })).map(([j, s]) => `journey ${j} { ${s.map(n => `stage ${n} { touchpoint ${n} }`).join(' ')} }`)
        );
        const file = fc.array(declaration, { maxLength: 5 }).map(d => d.join('\n'));
        const fileName = fc.constantFrom('a.copis', 'b.copis', 'c.copis', 'd.copis');
        const step = fc.oneof(fc.tuple(fc.constant('edit' as const), fileName, file), fc.tuple(fc.constant('delete' as const), fileName, fc.constant('')));
        await fc.assert(fc.asyncProperty(fc.dictionary(fileName, file, { minKeys: 1 }), fc.array(step, { maxLength: 4 }), async (files, steps) => {
            const { shared, texts } = editableLspServices(files);
            const index = shared.workspace.IndexManager as CopisIndexManager;
            const docs = await Promise.all(Object.keys(files).map(name => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`file:///ws/${name}`))));
            await shared.workspace.DocumentBuilder.build(docs, { validation: false });
            const every = [...names, ...names.flatMap(a => names.map(b => `${a}.${b}`))];
            const check = () => {
                const duplicated = new Set<string>();
                for (const name of every) {
                    const listed = index.named(name).map(d => `${d.documentUri.path}:${d.type}`);
                    expect(listed, name).toEqual(expected(index, name));
                    if (listed.length > 1) duplicated.add(name);
                }
                expect(new Set(index.duplicatedNames())).toEqual(duplicated);
            };
            check();
            for (const [kind, name, text] of steps) {
                const uri = URI.parse(`file:///ws/${name}`);
                if (kind === 'edit') {
                    texts.set(uri.toString(), text);
                    await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([uri], [], token));
                } else {
                    texts.delete(uri.toString());
                    await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([], [uri], token));
                }
                check();
            }
        }), fuzzParameters(0.2));
    });
});
