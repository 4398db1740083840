/**
 * One preview panel: a webview that shows the diagram of one `.copis` file, asks the
 * language server for it again when the model changes (debounced), reveals declarations
 * the user clicks, highlights the element at the editor's cursor, and exports.
 */
import * as vscode from 'vscode';
import type { DiagramParams, DiagramResult, DiagramView, ModelChangedParams } from '../../../language-server/protocol.js';
import type { FromWebview, ToWebview } from '../../webview/messages.js';
import { Debouncer } from './debounce.js';
import { writeFileAtomically } from './write-file.js';
import { decodeBase64, elementAt, exportFileName, isPng, toPayload } from './payload.js';
import { createNonce, previewHtml } from './security.js';
import { exportFonts } from './export-fonts.js';
import { PNG_SCALE, scaledNote } from '../../../language-server/diagram/raster.js';

export const PREVIEW_VIEW_TYPE = 'copis.preview';

/** Where the diagrams come from: the language client (`copis/diagram`, `copis/modelChanged`). */
export interface DiagramSource {
    diagram(params: DiagramParams): Promise<DiagramResult>;
    onModelChanged(listener: (params: ModelChangedParams) => void): vscode.Disposable;
}

/** What a panel shows; also what the serializer gets back after a window reload. */
export interface PreviewState {
    uri: string;
    view: DiagramView;
    journey?: string;
    customer?: string;
    compact?: boolean;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
        enableScripts: true,
        enableCommandUris: false,
        enableFindWidget: false,
        retainContextWhenHidden: false,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')]
    };
}

/** Two URIs name the same document (the server writes them as vscode-uri does, but be lenient). */
export function sameUri(a: string, b: string): boolean {
    if (a === b) return true;
    try {
        return vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();
    } catch {
        return false;
    }
}

function fileName(uri: string): string {
    const path = vscode.Uri.parse(uri).path;
    return path.slice(path.lastIndexOf('/') + 1) || uri;
}

export class PreviewPanel implements vscode.Disposable {
    private state: PreviewState;
    private result: DiagramResult | undefined;
    /** The webview has loaded its script and asked for a diagram (false again while hidden). */
    private ready = false;
    private disposed = false;
    /** Sequence number of the latest request: older answers are dropped. */
    private requests = 0;
    private highlighted: string | null = null;
    /** Where the PNG the webview is rendering goes (a command gave it); otherwise a save dialog asks. */
    private pngTarget: vscode.Uri | undefined;
    /** A document being switched to (its first answer has not come yet). */
    private following: { target: PreviewState; keepIfEmpty: boolean } | undefined;
    private readonly refresher: Debouncer;
    private readonly disposables: vscode.Disposable[] = [];
    private readonly disposeEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.disposeEmitter.event;

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly extensionUri: vscode.Uri,
        private readonly source: DiagramSource,
        state: PreviewState,
        private readonly log: vscode.LogOutputChannel
    ) {
        this.state = state;
        this.refresher = new Debouncer(() => this.reload());
        panel.webview.options = webviewOptions(extensionUri);
        panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'copis-file.svg');
        this.disposables.push(
            panel.webview.onDidReceiveMessage(message => this.onMessage(message)),
            panel.onDidChangeViewState(({ webviewPanel }) => {
                // A hidden webview is torn down (no retained context); it asks again when shown.
                if (!webviewPanel.visible) this.ready = false;
            }),
            panel.onDidDispose(() => this.dispose()),
            this.refresher,
            this.disposeEmitter
        );
        this.updateTitle();
        panel.webview.html = previewHtml({
            cspSource: panel.webview.cspSource,
            nonce: createNonce(),
            scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
            styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css')).toString()
        });
    }

    get uri(): string {
        return this.state.uri;
    }

    /**
     * Shows another document. `follow`: the user only switched editors — a file without a
     * journey (shared declarations) then leaves the current diagram in place.
     */
    show(uri: vscode.Uri, options: { follow: boolean }): void {
        const target = uri.toString();
        if (sameUri(target, this.following?.target.uri ?? this.state.uri)) return;
        if (sameUri(target, this.state.uri)) {
            this.following = undefined;
            void this.load(this.state);
            return;
        }
        this.following = { target: { uri: target, view: this.state.view, ...(this.state.compact ? { compact: true } : {}) }, keepIfEmpty: options.follow };
        this.reload();
    }

    /** The server rebuilt a document: refresh soon if it is this one. */
    modelChanged(uri: string): void {
        if (this.ready && (sameUri(uri, this.state.uri) || (this.following && sameUri(uri, this.following.target.uri)))) this.refresher.trigger();
    }

    /** The cursor moved in an editor: highlight the element declared there. */
    cursorMoved(editor: vscode.TextEditor): void {
        if (!sameUri(editor.document.uri.toString(), this.state.uri)) return;
        const found = this.result && !this.result.stale
            ? elementAt(this.result.elements, this.state.uri, editor.selection.active, sameUri)
            : undefined;
        const id = found?.id ?? null;
        if (id === this.highlighted) return;
        this.highlighted = id;
        this.post({ type: 'highlight', id });
    }

    private syncHighlight(): void {
        const editor = vscode.window.visibleTextEditors.find(e => sameUri(e.document.uri.toString(), this.state.uri));
        if (editor) this.cursorMoved(editor);
    }

    // ---- requests -------------------------------------------------------------------------

    /** Asks for the diagram of the document being switched to, or else of the one shown. */
    private reload(): void {
        void (this.following ? this.load(this.following.target, { keepIfEmpty: this.following.keepIfEmpty }) : this.load(this.state));
    }

    private async load(target: PreviewState, options: { keepIfEmpty?: boolean } = {}): Promise<void> {
        const request = ++this.requests;
        this.refresher.cancel();
        let result: DiagramResult;
        try {
            result = await this.source.diagram(this.params(target));
        } catch (error) {
            if (request !== this.requests || this.disposed) return;
            if (!isCancellation(error)) this.log.error(`COPIS preview: the language server did not draw ${target.uri}: ${describe(error)}`);
            return;
        }
        if (request !== this.requests || this.disposed) return;
        if (this.following && sameUri(this.following.target.uri, target.uri)) this.following = undefined;
        if (options.keepIfEmpty && result.journeys.length === 0 && !result.stale && (this.result?.journeys.length ?? 0) > 0) return;

        const switched = !sameUri(target.uri, this.state.uri);
        this.state = {
            uri: target.uri, view: result.view,
            ...(result.journey !== undefined ? { journey: result.journey } : {}),
            ...(result.customer !== undefined ? { customer: result.customer } : {}),
            ...(result.compact ? { compact: true } : target.compact ? { compact: true } : {})
        };
        this.result = result;
        if (switched) {
            this.highlighted = null;
            this.updateTitle();
        }
        this.post({ type: 'diagram', diagram: toPayload(result, fileName(result.uri)) });
        this.syncHighlight();
    }

    private params(target: PreviewState): DiagramParams {
        return {
            uri: target.uri, view: target.view,
            ...(target.journey !== undefined ? { journey: target.journey } : {}),
            ...(target.customer !== undefined ? { customer: target.customer } : {}),
            ...(target.compact ? { compact: true } : {})
        };
    }

    private post(message: ToWebview): void {
        if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
    }

    private updateTitle(): void {
        this.panel.title = `Preview ${fileName(this.state.uri)}`;
    }

    // ---- messages from the webview --------------------------------------------------------

    private onMessage(raw: unknown): void {
        if (!raw || typeof raw !== 'object' || typeof (raw as { type?: unknown }).type !== 'string') return;
        const message = raw as FromWebview;
        switch (message.type) {
            case 'ready':
                this.ready = true;
                this.highlighted = null;
                this.reload();
                break;
            case 'options': {
                this.following = undefined;
                const view: DiagramView = message.view === 'copis' ? 'copis' : 'journey';
                void this.load({
                    uri: this.state.uri, view,
                    ...(typeof message.journey === 'string' ? { journey: message.journey } : {}),
                    ...(typeof message.customer === 'string' ? { customer: message.customer } : {}),
                    ...(message.compact === true ? { compact: true } : {})
                });
                break;
            }
            case 'reveal':
                if (typeof message.id === 'string') void this.reveal(message.id);
                break;
            case 'export':
                if (message.format === 'svg') void this.exportSvg();
                else if (message.format === 'png' && typeof message.data === 'string') {
                    const target = this.pngTarget;
                    this.pngTarget = undefined;
                    void this.exportPng(message.data, target, typeof message.scale === 'number' ? message.scale : undefined);
                }
                break;
            case 'fonts':
                void exportFonts(this.extensionUri, this.log).then(fonts => this.post({ type: 'fonts', fonts }));
                break;
            case 'exportFailed':
                void vscode.window.showErrorMessage(`COPIS: the PNG could not be made: ${String(message.message)}`);
                break;
        }
    }

    /** Selects the name of the element's declaration in an editor (beside the preview). */
    private async reveal(id: string): Promise<void> {
        const location = this.result?.elements.find(e => e.id === id)?.location;
        if (!location) return;
        const range = location.nameRange ?? location.range;
        const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        const target = vscode.Uri.parse(location.uri);
        const shown = vscode.window.visibleTextEditors.find(e => sameUri(e.document.uri.toString(), location.uri))
            ?? vscode.window.visibleTextEditors.find(e => sameUri(e.document.uri.toString(), this.state.uri));
        const column = shown?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
        try {
            const editor = await vscode.window.showTextDocument(target, { viewColumn: column, selection, preserveFocus: false });
            editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        } catch (error) {
            void vscode.window.showErrorMessage(`COPIS: cannot open ${location.uri}: ${describe(error)}`);
        }
    }

    // ---- export ---------------------------------------------------------------------------

    /**
     * The export commands: the view shown, as SVG or PNG, to `target` or (without one) where a
     * save dialog says. A PNG is drawn by the webview, which posts it back.
     */
    export(format: 'svg' | 'png', target?: vscode.Uri): void {
        if (format === 'svg') {
            void this.exportSvg(target);
            return;
        }
        if (!this.ready) {
            void vscode.window.showErrorMessage('COPIS: the preview is not showing yet; show it and export again.');
            return;
        }
        this.pngTarget = target;
        this.post({ type: 'exportPng' });
    }

    private async exportSvg(target?: vscode.Uri): Promise<void> {
        const file = target ?? await this.askWhere('svg');
        if (!file) return;
        try {
            // The standalone colours, as `copis export --to svg` writes them.
            const result = await this.source.diagram({ ...this.params(this.state), colours: 'resolved' });
            if (!result.svg) {
                void vscode.window.showErrorMessage(`COPIS: nothing to export: ${result.notice ?? 'no diagram'}`);
                return;
            }
            await writeFileAtomically(file, new TextEncoder().encode(result.svg));
            this.exported(file, result.stale);
        } catch (error) {
            void vscode.window.showErrorMessage(`COPIS: the SVG could not be written: ${describe(error)}`);
        }
    }

    private async exportPng(base64: string, target?: vscode.Uri, scale?: number): Promise<void> {
        let bytes: Uint8Array;
        try {
            bytes = decodeBase64(base64);
        } catch {
            bytes = new Uint8Array();
        }
        if (!isPng(bytes)) {
            void vscode.window.showErrorMessage('COPIS: the preview did not produce a PNG.');
            return;
        }
        const file = target ?? await this.askWhere('png');
        if (!file) return;
        try {
            await writeFileAtomically(file, bytes);
            const note = this.result && scale !== undefined && scale < PNG_SCALE ? scaledNote(this.result.width, this.result.height) : undefined;
            this.exported(file, this.result?.stale ?? false, note);
        } catch (error) {
            void vscode.window.showErrorMessage(`COPIS: the PNG could not be written: ${describe(error)}`);
        }
    }

    private async askWhere(extension: 'svg' | 'png'): Promise<vscode.Uri | undefined> {
        const document = vscode.Uri.parse(this.state.uri);
        const name = exportFileName(fileName(this.state.uri), this.state, (this.result?.journeys.length ?? 0) > 1, extension);
        const defaultUri = document.scheme === 'file' ? vscode.Uri.joinPath(document, '..', name) : undefined;
        return vscode.window.showSaveDialog({
            ...(defaultUri ? { defaultUri } : {}),
            filters: extension === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
            saveLabel: 'Export',
            title: `Export the ${this.state.view === 'copis' ? 'COPIS' : 'journey'} view as ${extension.toUpperCase()}`
        });
    }

    private exported(file: vscode.Uri, stale: boolean, note?: string): void {
        const name = file.path.slice(file.path.lastIndexOf('/') + 1);
        const scaled = note ? ` Note: ${note.replace(/; for more detail .*$/, '; export SVG for more detail')}.` : '';
        void vscode.window.showInformationMessage((stale
            ? `COPIS: exported ${name} from the last version of the file that parsed (the file has a syntax error now).`
            : `COPIS: exported ${name}.`) + scaled);
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.disposeEmitter.fire();
        this.panel.dispose();
        for (const d of this.disposables.splice(0)) d.dispose();
    }
}

function isCancellation(error: unknown): boolean {
    const code = (error as { code?: unknown })?.code;
    // RequestCancelled (LSP) and ServerCancelled.
    return code === -32800 || code === -32802;
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
