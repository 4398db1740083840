import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CompletionRequest, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, HoverRequest,
    InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type CompletionItem, type CompletionList,
    type Hover, type ProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';

// Drives the shipped bundle (dist/server.cjs) over stdio, as any LSP editor would.
const server = resolve(import.meta.dirname, '../../dist/server.cjs');

const shared = `customer Shopper "Shopper" { value medium  clv 300 EUR }
system Shop "Web shop" { type web  owner "E-commerce" }
`;
const journey = `journey Buy "Buy" {
  customers Shopper
  process Pay "Pay" { owner "Payments"  systems Shop }
  process Ship "Ship" { owner "Warehouse" }
  stage Browse "Browse" { category consideration
    touchpoint Page "Product page" { channel web  processes Pay  emotion 1 }
  }
  stage Get "Get" { category delivery
    touchpoint Parcel "Parcel" { channel mail  processes Ship  emotion 2 }
  }
  moment Arrives "Arrives" { at Parcel  kind second  polarity positive  impact medium }
}
`;

let child: ChildProcess;
let connection: ProtocolConnection;
let stderr = '';
const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
const waiters: Array<() => void> = [];

function nextDiagnostics(uri: string, after: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolveDiagnostics, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; server stderr: ${stderr}`)), 15000);
        const check = () => {
            const list = diagnostics.get(uri) ?? [];
            if (list.length > after) {
                clearTimeout(timer);
                resolveDiagnostics(list[list.length - 1]);
                return true;
            }
            return false;
        };
        if (!check()) waiters.push(() => { if (!check()) waiters.push(() => void check()); });
    });
}

// In the run's folder (test/global-setup.ts), removed when the run ends.
const dir = mkdtempSync(join(process.env.COPIS_TEST_RUN_DIR ?? tmpdir(), 'copis-lsp-'));
const journeyUri = pathToFileURL(join(dir, 'buy.copis')).toString();

beforeAll(async () => {
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first (npm test does)`);
    writeFileSync(join(dir, 'shared.copis'), shared);
    writeFileSync(join(dir, 'buy.copis'), journey);
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', chunk => { stderr += chunk; });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        diagnostics.set(params.uri, [...(diagnostics.get(params.uri) ?? []), params]);
        waiters.splice(0).forEach(w => w());
    });
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {},
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }]
    });
    expect(init.capabilities.completionProvider).toBeDefined();
    expect(init.capabilities.hoverProvider).toBeTruthy();
    await connection.sendNotification(InitializedNotification.type, {});
});

afterAll(async () => {
    if (connection) {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        const exited = await new Promise<number | null>(r => child.once('exit', code => r(code)));
        expect(exited).toBe(0);
        connection.dispose();
    }
});

describe('the bundled language server over stdio', () => {
    it('publishes diagnostics with codes for an opened document, resolving names from another file', async () => {
        const text = journey.replace('processes Ship', 'processes Shp');
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: journeyUri, languageId: 'copis', version: 1, text }
        });
        let published = await nextDiagnostics(journeyUri, 0);
        // The workspace may publish once before the opened text is built: wait for the one about it.
        while (!published.diagnostics.some(d => d.code === 'unresolved-reference')) {
            published = await nextDiagnostics(journeyUri, diagnostics.get(journeyUri)!.length);
        }
        const unresolved = published.diagnostics.filter(d => d.code === 'unresolved-reference');
        expect(unresolved).toHaveLength(1);
        expect(unresolved[0].message).toContain('did you mean `Ship`?');
        expect(unresolved[0].range.start).toEqual({ line: 8, character: text.split('\n')[8].indexOf('Shp') });
        // Shopper and Shop come from shared.copis: no unresolved reference to them.
        expect(published.diagnostics.map(d => d.message).join('\n')).not.toContain('Shopper');
    });

    it('completes processes after `processes `', async () => {
        const line = 8;
        const character = journey.split('\n')[line].indexOf('processes Ship') + 'processes '.length;
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: journeyUri }, position: { line, character } });
        const items: CompletionItem[] = Array.isArray(result) ? result : (result as CompletionList).items;
        const labels = items.map(i => i.label);
        expect(labels).toContain('Pay');
        expect(labels).toContain('Ship');
        expect(labels).not.toContain('Shop');
        expect(labels).not.toContain('Parcel');
    });

    it('hovers a reference with its declaration', async () => {
        const line = 5;
        const character = journey.split('\n')[line].indexOf('processes Pay') + 'processes P'.length;
        const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: journeyUri }, position: { line, character } }) as Hover;
        const text = typeof hover.contents === 'string' ? hover.contents : 'value' in hover.contents ? hover.contents.value : JSON.stringify(hover.contents);
        expect(text).toMatch(/process/i);
        expect(text).toContain('Pay');
    });

    it('updates diagnostics after an edit fixes the name', async () => {
        const before = diagnostics.get(journeyUri)!.length;
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri: journeyUri, version: 2 }, contentChanges: [{ text: journey }]
        });
        let published = await nextDiagnostics(journeyUri, before);
        while (published.diagnostics.some(d => d.code === 'unresolved-reference')) {
            published = await nextDiagnostics(journeyUri, diagnostics.get(journeyUri)!.length);
        }
        expect(published.diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });

    it('survives text that does not parse, and says what was expected', async () => {
        const before = diagnostics.get(journeyUri)!.length;
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri: journeyUri, version: 3 }, contentChanges: [{ text: 'journey { stage "' }]
        });
        const published = await nextDiagnostics(journeyUri, before);
        expect(published.diagnostics.some(d => d.code === 'syntax')).toBe(true);
        expect(child.exitCode).toBeNull();
    });

    // Found by the VS Code suite: closing an untitled COPIS buffer (no .copis extension) killed the server.
    it('keeps running after an untitled COPIS buffer is closed', async () => {
        const untitled = 'untitled:Untitled-1';
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: untitled, languageId: 'copis', version: 1, text: 'customer Alex "Alex" { value high }\n' }
        });
        await nextDiagnostics(untitled, 0);
        await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: untitled } });
        const before = diagnostics.get(journeyUri)!.length;
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri: journeyUri, version: 4 }, contentChanges: [{ text: journey.replace('processes Ship', 'processes Shp') }]
        });
        let published = await nextDiagnostics(journeyUri, before);
        while (!published.diagnostics.some(d => d.code === 'unresolved-reference')) {
            published = await nextDiagnostics(journeyUri, diagnostics.get(journeyUri)!.length);
        }
        expect(child.exitCode).toBeNull();
        expect(stderr).not.toContain('service registry');
    });
});
