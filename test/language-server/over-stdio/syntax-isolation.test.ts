import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codesOf, startServer, type StdioServer } from './stdio-server.js';
import { GIFT as gift, GIFT_SHARED as shared } from '../fixtures/gift-journey.js';

// Language reference §6: a syntax error in one file never changes the diagnostics of another
// (issue 15 item 3). The stray `}}}` closes the journey early, and the parser recovers the
// touchpoint's `information Order` as a declaration of its own: seen as recovered, `Order` was
// declared twice and unused, and shared.copis got two errors it did not cause.
const strayBraces = gift.replace('  stage Pay_', '  }}}\n  stage Pay_');

let server: StdioServer;
beforeAll(async () => { server = await startServer({ 'shared.copis': shared, 'gift.copis': gift, 'other.copis': 'customer Other "Other" { value low }\n' }); });
afterAll(async () => { await server?.dispose(); });

/** Waits until every build that an edit so far may have queued has run: builds run one after another. */
async function settled(version: number) {
    const other = server.uri('other.copis');
    await server.change(other, `customer Other${version} "Other" { value low }\n`);
    await server.diagnostics(other, ds => ds.some(d => String(d.message).includes(`\`Other${version}\``)), 'the later edit\'s diagnostics');
}

describe('a syntax error in one file', () => {
    test('changes no other file\'s diagnostics; the file itself shows its syntax errors', async () => {
        const giftUri = server.uri('gift.copis');
        const sharedUri = server.uri('shared.copis');
        const otherUri = server.uri('other.copis');
        await server.open(otherUri, 'customer Other "Other" { value low }\n');
        await server.open(giftUri, gift);
        expect(await server.diagnostics(sharedUri, () => true, 'shared.copis validated')).toEqual([]);
        await server.diagnostics(giftUri, ds => !codesOf(ds).includes('syntax'), 'the journey\'s diagnostics');

        const before = server.published(sharedUri).length;
        await server.change(giftUri, strayBraces);
        const broken = await server.diagnostics(giftUri, ds => codesOf(ds).includes('syntax'), 'the syntax errors');
        expect(new Set(codesOf(broken))).toEqual(new Set(['syntax']));
        await settled(1);
        expect(server.published(sharedUri).slice(before).filter(ds => ds.length > 0)).toEqual([]);

        // References into the other files still resolve in the broken journey (hover on `Shop`).
        const line = gift.split('\n').findIndex(l => l.includes('systems Shop'));
        const hover = await server.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: giftUri }, position: { line, character: gift.split('\n')[line].indexOf('Shop') + 1 }
        }) as Hover;
        expect((hover.contents as MarkupContent).value).toContain('Shop');

        // Fixed: the journey's own checks come back, and shared.copis is still clean.
        await server.change(giftUri, gift);
        await server.diagnostics(giftUri, ds => !codesOf(ds).includes('syntax'), 'the fixed journey\'s diagnostics');
        await settled(2);
        expect(server.published(sharedUri).slice(before).filter(ds => ds.length > 0)).toEqual([]);
    });
});
