import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationToken } from 'vscode-languageserver';
import {
    DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
    ShutdownRequest, StreamMessageReader, StreamMessageWriter, createProtocolConnection
} from 'vscode-languageserver-protocol/node';
import { describe, expect, test } from 'vitest';
import { revealStyle } from '../../../language-server/diagram/index.js';
import { registerDiagramRequest, type PreviewConnection } from '../../../language-server/lsp/diagram-request.js';
import { editableLspServices } from './lsp-workspace.js';
import { DiagramRequest, ModelChangedNotification, type DiagramParams, type DiagramResult } from '../../../language-server/protocol.js';

/**
 * The language server's services over editable files (file:///ws/NAME), with the preview's
 * messages on a fake connection that records notifications and keeps the request handler.
 */
async function workspace(files: Record<string, string>) {
    const { shared, uri, build, edit } = editableLspServices(files, { settleTimeout: 5000 });
    const notifications: string[] = [];
    let handler: ((params: DiagramParams, token: CancellationToken) => Promise<DiagramResult>) | undefined;
    const connection = {
        onRequest: (type: { method: string }, h: typeof handler) => {
            expect(type.method).toBe(DiagramRequest.method);
            handler = h;
            return { dispose: () => { handler = undefined; } };
        },
        sendNotification: async (type: { method: string }, params: { uri: string }) => {
            expect(type.method).toBe(ModelChangedNotification.method);
            notifications.push(params.uri);
        }
    } as unknown as PreviewConnection;
    registerDiagramRequest(shared, connection);

    await build();
    await shared.workspace.WorkspaceManager.initializeWorkspace([]); // the server is ready
    const diagram = (name: string, options: Partial<DiagramParams> = {}) => {
        if (!handler) throw new Error('no copis/diagram handler registered');
        return handler({ uri: uri(name), view: 'journey', ...options }, CancellationToken.None);
    };
    return { diagram, edit, notifications, uri, shared };
}

const SHARED = `customer Shopper "Shopper" { value high }
customer Gifter "Gift buyer"
system Web "Web shop" { type web }
`;

const SHOP = `/** Buying online. */
journey Shop "Shop online" {
  customers Shopper, Gifter
  process Pay "Take payment" { owner "Payments"  lane frontstage  systems Web }
  stage Discover "Discover" { category awareness
    touchpoint Ad "Social ad" { channel social  emotion 1 }
  }
  stage Buy "Buy" { category purchase
    touchpoint Checkout "Checkout" { channel web  processes Pay  emotion -1 }
    touchpoint GiftNote "Gift note" { channel mail  customers Gifter }
  }
}

journey Return "Return a parcel" {
  customers Shopper
  stage Send "Send back" { category support
    touchpoint Label "Print a label" { channel web }
  }
}
`;

describe('copis/diagram', () => {
    test('draws the first journey of a document, with its elements, journeys and customers', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        const result = await ws.diagram('shop.copis');
        expect(result.stale).toBe(false);
        expect(result.error).toBeUndefined();
        expect(result.journey).toBe('Shop');
        expect(result.svg).toContain('data-view="journey"');
        for (const title of ['Discover', 'Buy', 'Social ad', 'Checkout']) expect(result.svg).toContain(title);
        expect(result.svg).not.toContain('Print a label');
        expect(result.journeys).toEqual([{ id: 'Shop', title: 'Shop online' }, { id: 'Return', title: 'Return a parcel' }]);
        expect(result.customers).toEqual([{ id: 'Shopper', title: 'Shopper' }, { id: 'Gifter', title: 'Gift buyer' }]);
        expect(result.width).toBeGreaterThan(0);
        expect(result.height).toBeGreaterThan(0);

        // Each element says where it is declared: the touchpoint in shop.copis, the customer in shared.copis.
        const checkout = result.elements.find(e => e.id === 'Shop.Checkout');
        expect(checkout?.kind).toBe('touchpoint');
        expect(checkout?.location?.uri).toBe(ws.uri('shop.copis'));
        expect(checkout?.location?.nameRange?.start).toEqual({ line: 8, character: 15 });
        expect(result.svg).toContain('data-id="Shop.Checkout"');
    });

    test('the COPIS view, a journey by name, and the standalone colours', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        const copis = await ws.diagram('shop.copis', { view: 'copis' });
        expect(copis.view).toBe('copis');
        expect(copis.svg).toContain('data-view="copis"');

        const second = await ws.diagram('shop.copis', { journey: 'Return' });
        expect(second.journey).toBe('Return');
        expect(second.svg).toContain('Print a label');
        expect(second.customers).toEqual([{ id: 'Shopper', title: 'Shopper' }]);

        const unknown = await ws.diagram('shop.copis', { journey: 'Nope' });
        expect(unknown.journey).toBe('Shop');

        const themed = await ws.diagram('shop.copis');
        expect(themed.svg).toContain('var(--vscode-');
        const resolved = await ws.diagram('shop.copis', { colours: 'resolved' });
        expect(resolved.svg).not.toContain('var(');
        expect(resolved.elements).toEqual(themed.elements);
    });

    test('the standalone SVG (the preview\'s Export SVG) holds the rules that show a recovery badge\'s link; the preview\'s own has no <style>', async () => {
        const ws = await workspace({ 'fix.copis': 'journey J { process Fix { lane frontstage } stage S { touchpoint A { channel web } } moment M { at A  recovery Fix } }' });
        const themed = await ws.diagram('fix.copis');
        expect(themed.svg).toContain('class="copis-badge"');
        expect(themed.svg).not.toContain('<style');
        const resolved = await ws.diagram('fix.copis', { colours: 'resolved' });
        expect(resolved.svg).toContain(`<style>\n${revealStyle('resolved')}\n</style>`);
    });

    test('the customer filter keeps one customer\'s path; an unknown customer is ignored', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        const all = await ws.diagram('shop.copis');
        expect(all.elements.map(e => e.id)).toContain('Shop.GiftNote');

        const shopper = await ws.diagram('shop.copis', { customer: 'Shopper' });
        expect(shopper.customer).toBe('Shopper');
        expect(shopper.elements.map(e => e.id)).toContain('Shop.Checkout');
        expect(shopper.elements.map(e => e.id)).not.toContain('Shop.GiftNote');
        expect(shopper.customers).toEqual(all.customers);

        const nobody = await ws.diagram('shop.copis', { customer: 'Nobody' });
        expect(nobody.customer).toBeUndefined();
        expect(nobody.elements.map(e => e.id)).toContain('Shop.GiftNote');
    });

    test('while the text does not parse: the last good diagram, stale, with the first syntax error and its line', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        const good = await ws.diagram('shop.copis');
        const goodCopis = await ws.diagram('shop.copis', { view: 'copis', customer: 'Gifter' });

        // Line 9 loses its closing brace and gains a stray character: the stage no longer parses.
        const broken = SHOP.replace('touchpoint Checkout "Checkout" { channel web  processes Pay  emotion -1 }', 'touchpoint Checkout "Checkout" { channel web  processes Pay  emotion -1 %');
        await ws.edit('shop.copis', broken);
        const stale = await ws.diagram('shop.copis');
        expect(stale.stale).toBe(true);
        expect(stale.error?.line).toBe(9);
        expect(stale.error?.message).toMatch(/\S/);
        expect(stale.svg).toBe(good.svg);
        expect(stale.elements).toEqual(good.elements);
        expect(stale.journeys).toEqual(good.journeys);

        // Another view or filter while broken: drawn from the last good model too.
        const staleCopis = await ws.diagram('shop.copis', { view: 'copis', customer: 'Gifter' });
        expect(staleCopis.stale).toBe(true);
        expect(staleCopis.svg).toBe(goodCopis.svg);

        // A new good text replaces the last good diagram.
        await ws.edit('shop.copis', SHOP.replace('"Checkout"', '"Pay at the till"'));
        const fixed = await ws.diagram('shop.copis');
        expect(fixed.stale).toBe(false);
        expect(fixed.error).toBeUndefined();
        expect(fixed.svg).toContain('Pay at the till');
        await ws.edit('shop.copis', 'journey Shop "Shop online" {\n  stage Discover {');
        const again = await ws.diagram('shop.copis');
        expect(again.stale).toBe(true);
        expect(again.svg).toBe(fixed.svg);
        expect(again.error?.line).toBe(2);
    });

    test('a file that never parsed: what the parser recovered, stale, with the error', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'new.copis': 'journey New "New one" {\n  stage First "First" { category awareness }\n  stage {\n}' });
        const result = await ws.diagram('new.copis');
        expect(result.stale).toBe(true);
        expect(result.error?.line).toBe(3);
        expect(result.journeys.map(j => j.id)).toEqual(['New']);
        expect(result.svg).toContain('First');
    });

    test('a file without a journey, and a file the server does not know, say so', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        const shared = await ws.diagram('shared.copis');
        expect(shared.svg).toBe('');
        expect(shared.journeys).toEqual([]);
        expect(shared.notice).toMatch(/no journey/);
        const unknown = await ws.diagram('elsewhere.copis');
        expect(unknown.svg).toBe('');
        expect(unknown.notice).toMatch(/not loaded/);
    });

    test('the model\'s errors are in the diagram (in this file and in one the journey uses), and leave it once fixed', async () => {
        const ws = await workspace({ 'shared.copis': SHARED.replace('{ type web }', '{ type web  type app }'), 'shop.copis': SHOP.replace('processes Pay  emotion -1', 'processes Pay, Nope  emotion -1') });
        const result = await ws.diagram('shop.copis');
        expect(result.svg).toContain('>The model has 2 errors.');
        expect(result.svg).toMatch(/data-id="Shop\.Checkout" data-kind="touchpoint" data-problem="error"/);
        expect(result.svg).toMatch(/data-id="Web" data-kind="system" data-problem="error"/);
        await ws.edit('shop.copis', SHOP);
        await ws.edit('shared.copis', SHARED);
        const fixed = await ws.diagram('shop.copis');
        expect(fixed.svg).not.toContain('data-problem');
        expect(fixed.svg).not.toContain('data-kind="problems"');
    });

    test('an edit to another file the journey uses shows in its diagram', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        expect((await ws.diagram('shop.copis')).customers[1].title).toBe('Gift buyer');
        await ws.edit('shared.copis', SHARED.replace('"Gift buyer"', '"Present giver"'));
        const result = await ws.diagram('shop.copis', { view: 'copis' });
        expect(result.customers[1].title).toBe('Present giver');
        expect(result.svg).toContain('Present giver');
    });
});

describe('copis/modelChanged', () => {
    test('is sent for every document that was validated again, including those that depend on the edit', async () => {
        const ws = await workspace({ 'shared.copis': SHARED, 'shop.copis': SHOP, 'other.copis': 'customer Lonely' });
        expect(new Set(ws.notifications)).toEqual(new Set([ws.uri('shared.copis'), ws.uri('shop.copis'), ws.uri('other.copis')]));

        ws.notifications.length = 0;
        await ws.edit('shop.copis', SHOP.replace('"Checkout"', '"Till"'));
        expect(ws.notifications).toContain(ws.uri('shop.copis'));
        expect(ws.notifications).not.toContain(ws.uri('other.copis'));

        ws.notifications.length = 0;
        await ws.edit('shared.copis', SHARED.replace('"Web shop"', '"Online shop"'));
        expect(ws.notifications).toContain(ws.uri('shared.copis'));
        expect(ws.notifications).toContain(ws.uri('shop.copis'));

        // Broken text is validated too (the preview then shows it is stale).
        ws.notifications.length = 0;
        await ws.edit('shop.copis', 'journey Shop {');
        expect(ws.notifications).toContain(ws.uri('shop.copis'));
    });
});

describe('the bundled server over stdio', () => {
    test('sends copis/modelChanged after each edit and answers copis/diagram, stale while the text is broken', async () => {
        const server = resolve(import.meta.dirname, '../../../dist/server.cjs');
        if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first (npm test does)`);
        const dir = mkdtempSync(join(tmpdir(), 'copis-preview-'));
        writeFileSync(join(dir, 'shared.copis'), SHARED);
        writeFileSync(join(dir, 'shop.copis'), SHOP);
        const uri = pathToFileURL(join(dir, 'shop.copis')).toString();
        const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', chunk => { stderr += chunk; });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        const changed: string[] = [];
        let wake: (() => void) | undefined;
        connection.onNotification(ModelChangedNotification.type, params => {
            changed.push(params.uri);
            wake?.();
        });
        const changeOf = async (count: number) => {
            const deadline = Date.now() + 15000;
            while (changed.filter(u => u === uri).length < count) {
                if (Date.now() > deadline) throw new Error(`no copis/modelChanged for ${uri}; stderr: ${stderr}`);
                await new Promise<void>(r => { wake = r; setTimeout(r, 200); });
            }
        };
        try {
            connection.listen();
            await connection.sendRequest(InitializeRequest.type, {
                processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {},
                workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }]
            });
            await connection.sendNotification(InitializedNotification.type, {});
            await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version: 1, text: SHOP } });
            await changeOf(1);
            const good = await connection.sendRequest(DiagramRequest.type, { uri, view: 'journey' });
            expect(good.stale).toBe(false);
            expect(good.svg).toContain('Social ad');
            expect(good.customers.map(c => c.title)).toEqual(['Shopper', 'Gift buyer']);

            const seen = changed.filter(u => u === uri).length;
            await connection.sendNotification(DidChangeTextDocumentNotification.type, {
                textDocument: { uri, version: 2 }, contentChanges: [{ text: SHOP.replace('"Social ad" {', '"Social ad" { %') }]
            });
            await changeOf(seen + 1);
            const stale = await connection.sendRequest(DiagramRequest.type, { uri, view: 'journey' });
            expect(stale.stale).toBe(true);
            expect(stale.error?.line).toBe(6);
            expect(stale.svg).toBe(good.svg);
        } finally {
            await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
            await connection.sendNotification(ExitNotification.type).catch(() => undefined);
            await new Promise(r => child.exitCode !== null ? r(undefined) : child.once('exit', r));
            connection.dispose();
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
