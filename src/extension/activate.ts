/**
 * What the desktop and the web extension share: the output channel, the preview and the restart
 * command around a language client. Each entry point only says how to start its server.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerPreview } from './preview/index.js';

export type ClientFactory = (options: LanguageClientOptions, output: vscode.LogOutputChannel) => BaseLanguageClient;

export function activateCopis(context: vscode.ExtensionContext, createClient: ClientFactory): BaseLanguageClient {
    const output = vscode.window.createOutputChannel('COPIS', { log: true });
    context.subscriptions.push(output);
    const client = createClient({
        documentSelector: [{ language: 'copis' }],
        outputChannel: output,
        // CSV files of KPI actuals too: the server checks them and the KPIs they measure when they change.
        synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.copis'), vscode.workspace.createFileSystemWatcher('**/*.csv')] }
    }, output);
    context.subscriptions.push(registerPreview(context, client, output));
    context.subscriptions.push(vscode.commands.registerCommand('copis.restartServer', async () => {
        output.info('Restarting the COPIS language server');
        // stop + start, as the desktop client's restart() does; the web client has no restart().
        await client.stop();
        await client.start();
    }));
    // Not awaited: the editor stays responsive while the server loads the workspace.
    client.start().catch(err => output.error(`The COPIS language server did not start: ${err}`));
    return client;
}
