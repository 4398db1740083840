import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codesOf, startServer, type StdioServer } from './stdio-server.js';

// A file on disk that the server never opened once kept the whole workspace from loading: the
// lexer's regular expression overflowed on its long string, Langium's load waited for every file,
// and the server never answered again (issue 13 item 4).
const journey = 'journey Uses "Uses" {\n  customers Long\n  process P "P" { owner "Ops"  systems Shop }\n}\n';

let server: StdioServer;
beforeAll(async () => {
    server = await startServer({
        'long.copis': `customer Long "${'x'.repeat(30_000_000)}" { value medium }\n`,
        'shop.copis': 'system Shop "Shop" { type web  owner "IT" }\n',
        'uses.copis': journey
    });
}, 60_000);
afterAll(async () => { await server?.dispose(); });

describe('a 30-million-character string in a file the editor never opened', () => {
    test('the workspace loads: the other files resolve its names, and requests are answered', async () => {
        const uri = server.uri('uses.copis');
        await server.open(uri, journey);
        const diagnostics = await server.diagnostics(uri, () => true, 'the open file\'s diagnostics');
        expect(codesOf(diagnostics)).not.toContain('unresolved-reference');
        expect(codesOf(diagnostics)).toContain('journey-without-stages');
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 13 } }) as Hover;
        expect((hover.contents as MarkupContent).value).toContain('Long');
        // The long file itself has no syntax error.
        expect(codesOf(await server.diagnostics(server.uri('long.copis'), () => true, 'the long file\'s diagnostics'))).not.toContain('syntax');
    }, 60_000);
});
