import {
    CodeLensRequest, DocumentSymbolRequest, ExecuteCommandRequest, ExitNotification, HoverRequest, LSPErrorCodes, ErrorCodes, ResponseError, ShutdownRequest,
    type CodeLens, type DocumentSymbol
} from 'vscode-languageserver-protocol/node';
import { afterEach, describe, expect, test } from 'vitest';
import { startServer, type StdioServer } from './stdio-server.js';

// What editors other than VS Code noticed (issue 15 item 7).
const journey = `journey Buy "Buy" {
  stage Browse "Browse" { category consideration
    touchpoint Page "Page" { channel web }
  }
}
`;

let server: StdioServer | undefined;
afterEach(async () => { await server?.dispose(); server = undefined; });

async function started(capabilities: Parameters<typeof startServer>[1] = {}) {
    server = await startServer({ 'buy.copis': journey }, capabilities);
    const uri = server.uri('buy.copis');
    await server.open(uri, journey);
    // Once the open file has diagnostics, the server has handled `initialized` and what it registers then.
    await server.diagnostics(uri, () => true, 'the first diagnostics');
    return { server, uri };
}

describe('settings', () => {
    const configuration = (dynamicRegistration: boolean) => ({ workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration } } });

    test('`workspace/didChangeConfiguration` is not registered with a client that refuses dynamic registration', async () => {
        const { server } = await started(configuration(false));
        expect(server.registrations.map(r => r.method)).not.toContain('workspace/didChangeConfiguration');
    });

    test('it is registered with a client that accepts it', async () => {
        const { server } = await started(configuration(true));
        expect(server.registrations.map(r => r.method)).toContain('workspace/didChangeConfiguration');
    });
});

describe('code lenses', () => {
    test('carry a command the server offers and runs', async () => {
        const { server, uri } = await started();
        expect(server.init.capabilities.executeCommandProvider?.commands).toEqual(['copis.showLensDetails']);
        const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as CodeLens[];
        expect(lenses.map(l => [l.command?.title, l.command?.command])).toEqual([
            ['1 stage · 1 touchpoint · 0 moments of truth', 'copis.showLensDetails'],
            ['1 touchpoint · 0 moments of truth', 'copis.showLensDetails']
        ]);
        const result = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: lenses[1].command!.command, arguments: lenses[1].command!.arguments });
        expect(result).toBe('1 touchpoint · 0 moments of truth. Touchpoints of `Browse`: Page. Moments of truth: none.');
        await expect.poll(() => server.messages).toContain(result);
    });
});

describe('cancellation', () => {
    test('a cancelled `textDocument/documentSymbol` is answered `RequestCancelled`', async () => {
        const { server, uri } = await started();
        const response = await server.requestAndCancel('textDocument/documentSymbol', { textDocument: { uri } });
        expect(response.result).toBeUndefined();
        expect(response.error?.code).toBe(LSPErrorCodes.RequestCancelled);
        // The same request, not cancelled, is answered.
        const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
        expect(symbols.map(s => s.name)).toEqual(['Buy']);
    });
});

describe('after `shutdown`', () => {
    test('requests get `InvalidRequest`, and `exit` ends the process with 0', async () => {
        const { server, uri } = await started();
        const exited = new Promise<number | null>(r => server.child.once('exit', code => r(code)));
        await server.connection.sendRequest(ShutdownRequest.type);
        const error = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 9 } }).then(() => undefined, e => e as ResponseError<unknown>);
        expect(error?.code).toBe(ErrorCodes.InvalidRequest);
        expect(error?.message).toContain('has been shut down');
        const again = await server.connection.sendRequest(ShutdownRequest.type).then(() => undefined, e => e as ResponseError<unknown>);
        expect(again?.code).toBe(ErrorCodes.InvalidRequest);
        await server.connection.sendNotification(ExitNotification.type);
        expect(await exited).toBe(0);
    });
});
