/**
 * The preview's extension side (PreviewManager, PreviewPanel) against a fake `vscode` API and
 * the real language server's preview service over an in-memory workspace: the messages the
 * panel posts, the requests it makes, what it asks the editor to do. (Real VS Code cannot be
 * had on this machine for a desktop extension; see the report in the preview's PR.)
 */
import { URI } from 'langium';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { registerDiagramRequest, type PreviewConnection } from '../../language-server/lsp/diagram-request.js';
import type { DiagramParams, DiagramResult } from '../../language-server/protocol.js';
import type { DiagramPayload, ToWebview } from '../../src/webview/messages.js';
import { editableLspServices } from '../language-server/lsp/lsp-workspace.js';
import { fake, FakeWebviewPanel, ViewColumn } from './fake-vscode.js';

vi.mock('vscode', () => import('./fake-vscode.js'));
const { PreviewManager } = await import('../../src/extension/preview/preview-manager.js');

const SHARED = 'customer Shopper "Shopper"\ncustomer Gifter "Gift buyer"\nsystem Web "Web shop"\n';
const SHOP = `journey Shop "Shop online" {
  customers Shopper, Gifter
  stage Discover "Discover" { category awareness
    touchpoint Ad "Social ad" { channel social  emotion 1 }
  }
  stage Buy "Buy" { category purchase
    touchpoint Checkout "Checkout" { channel web  emotion -1 }
    touchpoint GiftNote "Gift note" { channel mail  customers Gifter }
  }
}
`;
const RETURN = 'journey Return "Return a parcel" {\n  customers Shopper\n  stage Send "Send back" { category support\n    touchpoint Label "Print a label" { channel web }\n  }\n}\n';

const uri = (name: string) => `file:///ws/${name}`;

/** A language server over editable in-memory files, and the client's view of it. */
async function server(files: Record<string, string>) {
    const { shared, build, edit } = editableLspServices(files);
    const listeners: Array<(p: { uri: string }) => void> = [];
    const connection = {
        onRequest: () => ({ dispose() {} }),
        sendNotification: async (_type: unknown, params: { uri: string }) => listeners.forEach(l => l(params))
    } as unknown as PreviewConnection;
    const { service } = registerDiagramRequest(shared, connection);
    await build();
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const requests: DiagramParams[] = [];
    const source = {
        diagram: (params: DiagramParams): Promise<DiagramResult> => {
            requests.push(params);
            return service.diagram(params);
        },
        onModelChanged: (listener: (p: { uri: string }) => void) => {
            listeners.push(listener);
            return { dispose() {} };
        }
    };
    return { source, requests, edit };
}

const log = { error: vi.fn(), info: vi.fn(), warn: vi.fn() } as never;
const EXTENSION = URI.parse('file:///ext');

async function until(check: () => boolean, what: string, timeout = 3000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise(r => setTimeout(r, 5));
    }
}

const diagrams = (panel: FakeWebviewPanel) => (panel.posted as ToWebview[]).filter(m => m.type === 'diagram').map(m => (m as { diagram: DiagramPayload }).diagram);
const highlights = (panel: FakeWebviewPanel) => (panel.posted as ToWebview[]).filter(m => m.type === 'highlight').map(m => (m as { id: string | null }).id);
const lastDiagram = (panel: FakeWebviewPanel) => diagrams(panel).at(-1)!;

let manager: InstanceType<typeof PreviewManager> | undefined;
beforeEach(() => fake.reset());
afterEach(() => {
    manager?.dispose();
    manager = undefined;
});

async function openPreview(files: Record<string, string> = { 'shared.copis': SHARED, 'shop.copis': SHOP }) {
    const ws = await server(files);
    manager = new PreviewManager(EXTENSION as never, ws.source as never, log);
    const editor = fake.editor(uri('shop.copis'));
    fake.activeTextEditor = editor;
    fake.visibleTextEditors = [editor];
    await fake.commands.get('copis.showPreviewToSide')!();
    const panel = fake.panels[0];
    panel.receive({ type: 'ready' });
    await until(() => diagrams(panel).length === 1, 'the first diagram');
    return { ws, panel, editor };
}

describe('opening the preview', () => {
    test('to the side: one webview with scripts, resources from dist and media only, no retained context, the strict page', async () => {
        const { panel } = await openPreview();
        expect(fake.panels).toHaveLength(1);
        expect(panel.viewType).toBe('copis.preview');
        expect(panel.viewColumn).toBe(ViewColumn.Beside);
        expect(panel.title).toBe('Preview shop.copis');
        const options = panel.webview.options as { enableScripts: boolean; retainContextWhenHidden: boolean; localResourceRoots: URI[] };
        expect(options.enableScripts).toBe(true);
        expect(options.retainContextWhenHidden).toBe(false);
        expect(options.localResourceRoots.map(u => u.toString())).toEqual(['file:///ext/dist', 'file:///ext/media']);
        expect(panel.webview.html).toContain("default-src 'none'; img-src https://fake.vscode-cdn.net data:; style-src https://fake.vscode-cdn.net; script-src 'nonce-");
        expect(panel.webview.html).toContain('src="https://fake.vscode-cdn.net/ext/dist/webview.js"');

        const diagram = lastDiagram(panel);
        expect(diagram).toMatchObject({ uri: uri('shop.copis'), fileName: 'shop.copis', view: 'journey', journey: 'Shop', stale: false });
        expect(diagram.svg).toContain('Social ad');
        expect(JSON.stringify(diagram)).not.toContain('nameRange');
    });

    test('a second "Open Preview" reuses the panel; without a .copis editor it says what to do', async () => {
        const { panel } = await openPreview();
        await fake.commands.get('copis.showPreview')!();
        expect(fake.panels).toHaveLength(1);
        expect(panel.revealed).toHaveLength(1);
        manager!.dispose();
        manager = undefined;
        fake.reset();
        const ws = await server({ 'shop.copis': SHOP });
        manager = new PreviewManager(EXTENSION as never, ws.source as never, log);
        await fake.commands.get('copis.showPreview')!();
        expect(fake.panels).toHaveLength(0);
        expect(fake.infos[0]).toMatch(/open a \.copis file/);
    });
});

describe('keeping up with the text', () => {
    test('model changes are debounced into one request, then the new diagram is posted', async () => {
        const { ws, panel } = await openPreview();
        const before = ws.requests.length;
        await ws.edit('shop.copis', SHOP.replace('"Social ad"', '"Banner ad"'));
        await ws.edit('shop.copis', SHOP.replace('"Social ad"', '"Video ad"'));
        await until(() => diagrams(panel).length === 2, 'the updated diagram');
        expect(lastDiagram(panel).svg).toContain('Video ad');
        await new Promise(r => setTimeout(r, 200));
        // Two edits (and the other file's rebuilds) within the quiet time: one request.
        expect(ws.requests.length - before).toBe(1);
    });

    test('broken text: the last good diagram, stale, with the error', async () => {
        const { ws, panel } = await openPreview();
        const good = lastDiagram(panel).svg;
        await ws.edit('shop.copis', SHOP.replace('"Social ad" {', '"Social ad" { %'));
        await until(() => diagrams(panel).length === 2, 'the stale diagram');
        expect(lastDiagram(panel)).toMatchObject({ stale: true, error: { line: 4 } });
        expect(lastDiagram(panel).svg).toBe(good);
    });

    test('a hidden preview asks nothing until its page is back', async () => {
        const { ws, panel } = await openPreview();
        panel.setVisible(false);
        const before = ws.requests.length;
        await ws.edit('shop.copis', SHOP.replace('"Social ad"', '"Banner ad"'));
        await new Promise(r => setTimeout(r, 250));
        expect(ws.requests.length).toBe(before);
        panel.setVisible(true);
        panel.receive({ type: 'ready' });
        await until(() => diagrams(panel).length === 2, 'the diagram after showing again');
        expect(lastDiagram(panel).svg).toContain('Banner ad');
    });
});

describe('the page\'s requests', () => {
    test('view, journey and customer are asked of the server and kept', async () => {
        const { ws, panel } = await openPreview({ 'shared.copis': SHARED, 'shop.copis': SHOP + RETURN });
        panel.receive({ type: 'options', view: 'copis', journey: 'Shop', customer: 'Gifter' });
        await until(() => diagrams(panel).length === 2, 'the COPIS view');
        expect(ws.requests.at(-1)).toEqual({ uri: uri('shop.copis'), view: 'copis', journey: 'Shop', customer: 'Gifter' });
        expect(lastDiagram(panel)).toMatchObject({ view: 'copis', customer: 'Gifter', journeys: [{ id: 'Shop' }, { id: 'Return' }] });
        panel.receive({ type: 'options', view: 'journey', journey: 'Return' });
        await until(() => diagrams(panel).length === 3, 'the other journey');
        expect(lastDiagram(panel)).toMatchObject({ view: 'journey', journey: 'Return' });
        expect(lastDiagram(panel).customer).toBeUndefined();
        panel.receive({ type: 'nonsense' });
        panel.receive(null);
        panel.receive({ type: 'reveal', id: 42 });
    });

    test('a click reveals the declaration: its name selected, in the editor beside the preview', async () => {
        const { panel } = await openPreview();
        panel.receive({ type: 'reveal', id: 'Shop.Checkout' });
        await until(() => fake.shown.length === 1, 'showTextDocument');
        const { uri: shown, options } = fake.shown[0];
        expect(shown).toBe(uri('shop.copis'));
        expect(options.viewColumn).toBe(ViewColumn.One);
        expect(options.selection?.start).toEqual({ line: 6, character: 15 });
        expect(options.selection?.end).toEqual({ line: 6, character: 23 });
        // A customer (drawn in the COPIS view) is declared in another file.
        panel.receive({ type: 'options', view: 'copis' });
        await until(() => diagrams(panel).length === 2, 'the COPIS view');
        panel.receive({ type: 'reveal', id: 'Gifter' });
        await until(() => fake.shown.length === 2, 'showTextDocument for shared.copis');
        expect(fake.shown[1].uri).toBe(uri('shared.copis'));
        expect(fake.shown[1].options.selection?.start).toEqual({ line: 1, character: 9 });
    });

    test('the cursor in the editor highlights the smallest element around it', async () => {
        const { panel, editor } = await openPreview();
        const move = (line: number, character: number) => {
            editor.selection = { active: { line, character } as never };
            fake.selection.fire({ textEditor: editor });
        };
        move(6, 20);
        move(6, 22);
        move(2, 5);
        move(0, 2);
        move(10, 0);
        // The first comes with the first diagram: the editor's cursor is at the start of the journey.
        expect(highlights(panel)).toEqual(['Shop', 'Shop.Checkout', 'Shop.Discover', 'Shop', null]);
        // Another file's editor does not move this highlight.
        fake.selection.fire({ textEditor: fake.editor(uri('shared.copis'), 0, 10) });
        expect(highlights(panel)).toHaveLength(5);
    });

    test('export SVG: a save dialog beside the file, then the standalone SVG from the server', async () => {
        const { panel } = await openPreview();
        fake.saveAs = URI.parse('file:///out/shop.svg');
        panel.receive({ type: 'export', format: 'svg' });
        await until(() => fake.written.length === 1, 'the SVG file');
        expect(fake.saveDialogs[0].defaultUri?.toString()).toBe('file:///ws/shop-journey.svg');
        expect(fake.written[0].uri).toBe('file:///out/shop.svg');
        expect([...fake.staged.keys()]).toEqual([]); // no temporary file left behind
        const svg = new TextDecoder().decode(fake.written[0].bytes);
        expect(svg).toMatch(/^<svg /);
        expect(svg).toContain('Social ad');
        expect(svg).not.toContain('var(');
        expect(fake.infos.at(-1)).toContain('exported shop.svg');
    });

    test('compact mode is asked of the server with the journey view, kept across the COPIS view, and revived after a reload', async () => {
        const { ws, panel } = await openPreview({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        panel.receive({ type: 'options', view: 'journey', journey: 'Shop', compact: true });
        await until(() => diagrams(panel).length === 2, 'the compact view');
        expect(ws.requests.at(-1)).toEqual({ uri: uri('shop.copis'), view: 'journey', journey: 'Shop', compact: true });
        expect(lastDiagram(panel)).toMatchObject({ view: 'journey', compact: true });
        expect(lastDiagram(panel).svg).toContain('data-compact="true"');
        // the COPIS view has none: the server draws it whole and says it is not compact
        panel.receive({ type: 'options', view: 'copis', journey: 'Shop', compact: true });
        await until(() => diagrams(panel).length === 3, 'the COPIS view');
        expect(lastDiagram(panel).compact).toBeUndefined();
        // the lane labels and stage headers come with the journey view, for the page to keep in view
        panel.receive({ type: 'options', view: 'journey', journey: 'Shop' });
        await until(() => diagrams(panel).length === 4, 'the full view');
        expect(lastDiagram(panel).panes?.labels).toContain('data-pane="labels"');
        const revived = new FakeWebviewPanel('copis.preview', ViewColumn.Two);
        await fake.serializers.get('copis.preview')!.deserializeWebviewPanel(revived, { uri: uri('shop.copis'), view: 'journey', compact: true });
        revived.receive({ type: 'ready' });
        await until(() => diagrams(revived).length === 1, 'the revived diagram');
        expect(ws.requests.at(-1)).toEqual({ uri: uri('shop.copis'), view: 'journey', compact: true });
    });

    test('export PNG: the page\'s PNG is checked and written; a cancelled dialog writes nothing', async () => {
        const { panel } = await openPreview();
        const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
        panel.receive({ type: 'export', format: 'png', data: png.toString('base64') });
        await until(() => fake.saveDialogs.length === 1, 'the save dialog');
        expect(fake.written).toEqual([]);
        fake.saveAs = URI.parse('file:///out/shop.png');
        panel.receive({ type: 'export', format: 'png', data: png.toString('base64') });
        await until(() => fake.written.length === 1, 'the PNG file');
        expect([...fake.written[0].bytes]).toEqual([...png]);
        panel.receive({ type: 'export', format: 'png', data: Buffer.from('<svg/>').toString('base64') });
        await until(() => fake.errors.length === 1, 'the error');
        expect(fake.errors[0]).toMatch(/did not produce a PNG/);
        expect(fake.written).toHaveLength(1);
    });
});

describe('the PNG export\'s fonts', () => {
    const fontsPosted = (panel: FakeWebviewPanel) => (panel.posted as ToWebview[]).filter(m => m.type === 'fonts').map(m => (m as { fonts: unknown }).fonts);

    test('none when the extension cannot read them (the page draws with the machine\'s fonts), and the log says why', async () => {
        const { panel } = await openPreview();
        panel.receive({ type: 'fonts' });
        await until(() => fontsPosted(panel).length === 1, 'the answer');
        expect(fontsPosted(panel)).toEqual([[]]);
        expect((log as unknown as { warn: { mock: { calls: unknown[][] } } }).warn.mock.calls.at(-1)?.[0]).toMatch(/fonts could not be read \(EntryNotFound.*Arimo-Regular\.ttf\)/);
    });

    test('read from the extension\'s dist/fonts and sent as base64, regular and bold', async () => {
        const { panel } = await openPreview();
        fake.files.set('file:///ext/dist/fonts/Arimo-Regular.ttf', new Uint8Array([0, 1, 2, 250]));
        fake.files.set('file:///ext/dist/fonts/Arimo-Bold.ttf', new Uint8Array([3, 4, 5]));
        panel.receive({ type: 'fonts' });
        await until(() => fontsPosted(panel).length === 1, 'the answer');
        expect(fontsPosted(panel)).toEqual([[{ weight: 400, base64: 'AAEC+g==' }, { weight: 700, base64: 'AwQF' }]]);
    });
});

describe('following the editor, and coming back after a reload', () => {
    test('follows the active .copis editor with a journey; a file of shared declarations leaves the diagram', async () => {
        const { panel } = await openPreview({ 'shared.copis': SHARED, 'shop.copis': SHOP, 'return.copis': RETURN });
        fake.activeEditor.fire(fake.editor(uri('shared.copis')));
        await new Promise(r => setTimeout(r, 50));
        expect(diagrams(panel)).toHaveLength(1);
        expect(panel.title).toBe('Preview shop.copis');
        fake.activeEditor.fire(fake.editor(uri('return.copis')));
        await until(() => diagrams(panel).length === 2, 'the other file');
        expect(lastDiagram(panel)).toMatchObject({ uri: uri('return.copis'), journey: 'Return' });
        expect(panel.title).toBe('Preview return.copis');
        // The explicit command shows a file even without a journey, and says so.
        await fake.commands.get('copis.showPreview')!(URI.parse(uri('shared.copis')));
        await until(() => diagrams(panel).length === 3, 'the shared file');
        expect(lastDiagram(panel).notice).toMatch(/no journey/);
    });

    test('the serializer revives a panel on the saved file, view and customer', async () => {
        const ws = await server({ 'shared.copis': SHARED, 'shop.copis': SHOP });
        manager = new PreviewManager(EXTENSION as never, ws.source as never, log);
        const panel = new FakeWebviewPanel('copis.preview', ViewColumn.Two);
        await fake.serializers.get('copis.preview')!.deserializeWebviewPanel(panel, { uri: uri('shop.copis'), view: 'copis', customer: 'Gifter', zoom: 0.5 });
        expect(panel.webview.html).toContain('dist/webview.js');
        expect((panel.webview.options as { enableScripts: boolean }).enableScripts).toBe(true);
        panel.receive({ type: 'ready' });
        await until(() => diagrams(panel).length === 1, 'the revived diagram');
        expect(ws.requests[0]).toEqual({ uri: uri('shop.copis'), view: 'copis', customer: 'Gifter' });
        expect(lastDiagram(panel)).toMatchObject({ view: 'copis', customer: 'Gifter' });
        // "Open Preview" now reuses the revived panel.
        fake.activeTextEditor = fake.editor(uri('shop.copis'));
        await fake.commands.get('copis.showPreviewToSide')!();
        expect(fake.panels).toHaveLength(0);
        expect(panel.revealed).toHaveLength(1);
    });
});
