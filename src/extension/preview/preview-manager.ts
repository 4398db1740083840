/**
 * The preview's manager: the commands, the serializer that brings previews back after a
 * window reload, and the editor events a preview follows (like VS Code's Markdown preview,
 * one preview that follows the active `.copis` editor, reused by every "Open Preview").
 */
import * as vscode from 'vscode';
import type { DiagramView } from '../../../language-server/protocol.js';
import type { WebviewState } from '../../webview/messages.js';
import { PREVIEW_VIEW_TYPE, PreviewPanel, type DiagramSource, type PreviewState } from './preview-panel.js';
import { webviewOptions } from './preview-panel.js';

export const LANGUAGE_ID = 'copis';

export class PreviewManager implements vscode.WebviewPanelSerializer<WebviewState>, vscode.Disposable {
    private readonly panels = new Set<PreviewPanel>();
    /** The panel that "Open Preview" reuses: the one created or revived last. */
    private current: PreviewPanel | undefined;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly source: DiagramSource,
        private readonly log: vscode.LogOutputChannel
    ) {
        this.disposables.push(
            vscode.commands.registerCommand('copis.showPreview', (uri?: vscode.Uri) => this.showPreview(uri, false)),
            vscode.commands.registerCommand('copis.showPreviewToSide', (uri?: vscode.Uri) => this.showPreview(uri, true)),
            vscode.commands.registerCommand('copis.exportPreviewSvg', (target?: vscode.Uri) => this.exportPreview('svg', target)),
            vscode.commands.registerCommand('copis.exportPreviewPng', (target?: vscode.Uri) => this.exportPreview('png', target)),
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
            source.onModelChanged(({ uri }) => this.panels.forEach(p => p.modelChanged(uri))),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor?.document.languageId === LANGUAGE_ID) this.panels.forEach(p => p.show(editor.document.uri, { follow: true }));
            }),
            vscode.window.onDidChangeTextEditorSelection(event => this.panels.forEach(p => p.cursorMoved(event.textEditor)))
        );
    }

    /** "Open Preview" (in the active column) and "Open Preview to the Side". */
    async showPreview(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
        const active = vscode.window.activeTextEditor;
        const document = uri ?? (active?.document.languageId === LANGUAGE_ID ? active.document.uri : undefined);
        if (!document) {
            void vscode.window.showInformationMessage('COPIS: open a .copis file to preview its journey.');
            return;
        }
        const column = toSide ? vscode.ViewColumn.Beside : (active?.viewColumn ?? vscode.ViewColumn.Active);
        if (this.current) {
            this.current.show(document, { follow: false });
            this.current.panel.reveal(toSide ? this.current.panel.viewColumn : column, toSide);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide },
            webviewOptions(this.extensionUri));
        this.adopt(new PreviewPanel(panel, this.extensionUri, this.source, { uri: document.toString(), view: 'journey' }, this.log));
    }

    /** "Export Preview as SVG/PNG": the preview in front, else the one opened last. `target` skips the save dialog. */
    exportPreview(format: 'svg' | 'png', target?: vscode.Uri): void {
        const preview = [...this.panels].find(p => p.panel.active) ?? this.current;
        if (!preview) {
            void vscode.window.showInformationMessage('COPIS: open a preview first (COPIS: Open Preview), then export it.');
            return;
        }
        preview.export(format, target instanceof vscode.Uri ? target : undefined);
    }

    /** After a window reload: the panel comes back with the state its page saved. */
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: WebviewState | undefined): Promise<void> {
        const uri = typeof state?.uri === 'string' ? state.uri : vscode.window.activeTextEditor?.document.uri.toString();
        if (!uri) {
            panel.dispose();
            return;
        }
        const view: DiagramView = state?.view === 'copis' ? 'copis' : 'journey';
        const restored: PreviewState = {
            uri, view,
            ...(typeof state?.journey === 'string' ? { journey: state.journey } : {}),
            ...(typeof state?.customer === 'string' ? { customer: state.customer } : {}),
            ...(state?.compact === true ? { compact: true } : {})
        };
        this.adopt(new PreviewPanel(panel, this.extensionUri, this.source, restored, this.log));
    }

    private adopt(preview: PreviewPanel): void {
        this.panels.add(preview);
        this.current = preview;
        preview.onDidDispose(() => {
            this.panels.delete(preview);
            if (this.current === preview) this.current = [...this.panels].pop();
        });
    }

    dispose(): void {
        for (const panel of [...this.panels]) panel.dispose();
        for (const d of this.disposables.splice(0)) d.dispose();
    }
}
