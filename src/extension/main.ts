import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview } from './preview/index.js';

let client: LanguageClient | undefined;

/** Starts the bundled language server (node, IPC); everything else lives in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('COPIS', { log: true });
    context.subscriptions.push(output);
    client = createClient(context, output);
    context.subscriptions.push(registerPreview(context, client, output));
    context.subscriptions.push(vscode.commands.registerCommand('copis.restartServer', async () => {
        output.info('Restarting the COPIS language server');
        await client?.restart();
    }));
    // Not awaited: the editor stays responsive while the server loads the workspace.
    client.start().catch(err => output.error(`The COPIS language server did not start: ${err}`));
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const module = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'copis' }],
        outputChannel: output,
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.copis') }
    };
    return new LanguageClient('copis', 'COPIS Language Server', serverOptions, clientOptions);
}
