import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateCopis } from './activate.js';
import { serveWorkspaceFiles } from './workspace-files.js';

let client: LanguageClient | undefined;
let worker: Worker | undefined;

/**
 * VS Code for the Web (vscode.dev, github.dev): the same language server in a web worker. It
 * cannot read the workspace itself, so this side answers its requests for folders and files.
 */
export function activate(context: vscode.ExtensionContext): void {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server-web.js');
    activateCopis(context, options => {
        // A fresh worker on every (re)start; the one before is done with. The transports are made
        // here: the extension host's Worker is its own class, which the client does not recognise.
        const startWorker = async () => {
            worker?.terminate();
            worker = new Worker(serverMain.toString(true));
            return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        };
        client = new LanguageClient('copis', 'COPIS Language Server', startWorker, options);
        context.subscriptions.push(serveWorkspaceFiles(client));
        return client;
    });
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    worker?.terminate();
    client = undefined;
}
