/** The live preview, wired to the language client. */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DiagramRequest, ModelChangedNotification } from '../../../language-server/protocol.js';
import { PreviewManager } from './preview-manager.js';

export function registerPreview(context: vscode.ExtensionContext, client: BaseLanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
    return new PreviewManager(context.extensionUri, {
        diagram: params => client.sendRequest(DiagramRequest.type, params),
        onModelChanged: listener => client.onNotification(ModelChangedNotification.type, listener)
    }, log);
}
