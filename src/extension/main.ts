import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateCopis } from './activate.js';
import { serveWorkspaceFiles } from './workspace-files.js';

let client: LanguageClient | undefined;

/** Desktop VS Code: the bundled language server in its own Node process, over IPC. */
export function activate(context: vscode.ExtensionContext): void {
    const module = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    activateCopis(context, options => {
        client = new LanguageClient('copis', 'COPIS Language Server', serverOptions, options);
        // A virtual workspace (not on the disk) is read through VS Code, as the web extension's is.
        context.subscriptions.push(serveWorkspaceFiles(client));
        return client;
    });
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
