import { WorkspaceSymbolRequest, type Diagnostic, type SymbolInformation, type WorkspaceSymbol } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codesOf, startServer, type StdioServer } from './stdio-server.js';

// Closing a buffer: the editor's text was the document's; afterwards only the disk can be
// (issue 15 item 1, issue 13 item 9).
const shared = 'customer GiftBuyer "Gift buyer" { value medium }\nsystem Shop "Shop" { type web  owner "E-commerce" }\n';
const journey = `journey Gift "Gift" {
  customers GiftBuyer
  process Pay "Pay" { owner "Payments"  systems Shop }
  stage Buy "Buy" { category purchase
    touchpoint Checkout "Checkout" { channel web  processes Pay  customers GiftBuyer }
  }
}
`;
const unresolved = (ds: Diagnostic[]) => ds.filter(d => d.code === 'unresolved-reference').map(d => d.message);

let server: StdioServer;
beforeAll(async () => { server = await startServer({ 'shared.copis': shared, 'journey.copis': journey }); });
afterAll(async () => { await server?.dispose(); });

async function symbols(query: string): Promise<string[]> {
    const result = await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query }) as Array<SymbolInformation | WorkspaceSymbol> | null;
    return (result ?? []).map(s => `${s.name}@${s.location.uri}`);
}

describe('closing a buffer', () => {
    test('without saving: the file on disk counts again, and what depends on it is checked again', async () => {
        const sharedUri = server.uri('shared.copis');
        const journeyUri = server.uri('journey.copis');
        await server.open(sharedUri, shared);
        await server.diagnostics(journeyUri, ds => unresolved(ds).length === 0, 'the journey\'s first diagnostics');
        await server.change(sharedUri, shared.replace('GiftBuyer', 'GiftBuyerQ'));
        const broken = await server.diagnostics(journeyUri, ds => unresolved(ds).length > 0, 'unresolved references to the renamed customer');
        expect(unresolved(broken)).toEqual(['`GiftBuyer` is not declared; did you mean `GiftBuyerQ`?', '`GiftBuyer` is not declared; did you mean `GiftBuyerQ`?']);

        await server.close(sharedUri);
        const fixed = await server.diagnostics(journeyUri, ds => unresolved(ds).length === 0, 'the journey resolving against the file on disk');
        expect(codesOf(fixed)).not.toContain('unresolved-reference');
        expect(await symbols('GiftBuyer')).toEqual([`GiftBuyer@${sharedUri}`]);
    });

    test('of a file that exists only in the editor: its declarations leave the workspace', async () => {
        const newUri = server.uri('new.copis'); // never written to disk
        const usesUri = server.uri('uses.copis');
        await server.open(usesUri, 'journey Uses "Uses" { customers Newcomer }\n');
        await server.diagnostics(usesUri, ds => unresolved(ds).length === 1, 'the unresolved `Newcomer`');
        await server.open(newUri, 'customer Newcomer "Newcomer" { value medium }\n');
        await server.diagnostics(usesUri, ds => unresolved(ds).length === 0, '`Newcomer` resolved to the new buffer');
        await server.close(newUri);
        const after = await server.diagnostics(usesUri, ds => unresolved(ds).length === 1, '`Newcomer` unresolved again');
        expect(unresolved(after)[0]).toContain('`Newcomer` is not declared');
        // The editor is told that the closed document has no diagnostics any more.
        await server.diagnostics(newUri, ds => ds.length === 0, 'the closed document\'s diagnostics cleared');
        expect(await symbols('Newcomer')).toEqual([]);
    });
});

describe('untitled buffers', () => {
    test('one is a model of its own while open (model roots), and leaves no declaration behind when closed', async () => {
        const usesUri = server.uri('ghosts.copis');
        await server.open(usesUri, 'journey Haunted "Haunted" { customers Ghost }\n');
        await server.diagnostics(usesUri, ds => unresolved(ds).length === 1, 'the unresolved `Ghost`');
        await server.open('untitled:Untitled-1', 'customer Ghost "Ghost" { value medium }\n');
        // In no model root: the workspace's files do not see its names (design.md, model roots).
        await server.diagnostics('untitled:Untitled-1', () => true, 'the untitled buffer validated');
        expect(await symbols('Ghost')).toEqual(['Ghost@untitled:Untitled-1']);
        expect(unresolved(await server.diagnostics(usesUri, () => true, 'the journey still checked'))).toHaveLength(1);
        await server.close('untitled:Untitled-1');
        expect(await symbols('Ghost')).toEqual([]);
        await server.diagnostics(usesUri, ds => unresolved(ds).length === 1, '`Ghost` still unresolved once the buffer is closed');
    });

    test('200 opened and closed leave no symbol behind', async () => {
        for (let i = 0; i < 200; i++) {
            const uri = `untitled:Untitled-${i + 10}`;
            await server.open(uri, `customer Phantom${i} "Phantom" { value medium }\nsystem PhantomSystem${i} "S" { type web }\n`);
            await server.close(uri);
        }
        // One more, opened and kept: once it is in, every closed one before it has been built out.
        await server.open('untitled:Untitled-last', 'customer PhantomLast "Last" { value medium }\n');
        await server.diagnostics('untitled:Untitled-last', () => true, 'the last buffer\'s diagnostics');
        expect(await symbols('Phantom')).toEqual(['PhantomLast@untitled:Untitled-last']);
        expect(server.child.exitCode).toBeNull();
    });
});

describe('closing a buffer that does not parse', () => {
    test('forgets the version of its unsaved text that other files saw: the file on disk counts, as the parser recovers it', async () => {
        // On disk the file does not parse; in the editor it is fixed (declaring `Fixed`), then broken again.
        const brokenOnDisk = 'customer OnDisk "On disk" { value medium\nsystem Sys "S" { type web }\n';
        // A server of its own (the file's first version must be the broken one on disk).
        await server.dispose();
        server = await startServer({ 'broken.copis': brokenOnDisk, 'uses.copis': 'journey UsesFixed "U" { customers Fixed }\n' });
        const brokenUri = server.uri('broken.copis');
        const usesUri = server.uri('uses.copis');
        await server.open(usesUri, 'journey UsesFixed "U" { customers Fixed }\n');
        await server.open(brokenUri, brokenOnDisk);
        await server.diagnostics(usesUri, ds => unresolved(ds).length === 1, '`Fixed` unresolved at first');
        await server.change(brokenUri, 'customer Fixed "Fixed" { value medium }\n');
        await server.diagnostics(usesUri, ds => unresolved(ds).length === 0, '`Fixed` declared by the editor\'s text');
        await server.change(brokenUri, 'customer Fixed "Fixed" { value medium\n');
        await server.diagnostics(brokenUri, ds => codesOf(ds).includes('syntax'), 'the editor\'s text broken again');
        // While it is open, the other file still sees `Fixed` (its last version that parsed).
        expect(unresolved(server.published(usesUri).at(-1)!)).toEqual([]);
        await server.close(brokenUri);
        await server.diagnostics(usesUri, ds => unresolved(ds).length === 1, '`Fixed` unresolved once the unsaved text is gone');
        expect((await symbols('Fixed')).filter(s => s.startsWith('Fixed@'))).toEqual([]);
    });
});
