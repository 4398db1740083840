/**
 * What the desktop and the web extension share: the output channel, the preview and the restart
 * command around a language client. Each entry point only says how to start its server.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { registerPreview } from './preview/index.js';
import { ActualsFilesNotification, ActualsTextNotification } from '../../language-server/protocol.js';
import { CsvTextForwarder, isCsvDocument } from './actuals/forward-csv.js';

export type ClientFactory = (options: LanguageClientOptions, output: vscode.LogOutputChannel) => BaseLanguageClient;

export function activateCopis(context: vscode.ExtensionContext, createClient: ClientFactory): BaseLanguageClient {
    const output = vscode.window.createOutputChannel('COPIS', { log: true });
    context.subscriptions.push(output);
    // No `synchronize.fileEvents`: the server registers its own watchers (.copis, copis.config.json and .gitignore files, and the CSV files of KPI actuals).
    const client = createClient({
        documentSelector: [{ language: 'copis' }],
        outputChannel: output
    }, output);
    context.subscriptions.push(registerPreview(context, client, output));
    context.subscriptions.push(forwardCsvText(client, output));
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

/**
 * The text of open CSV files of KPI actuals goes to the server, which checks them while they are typed.
 * The server names the actuals files (copis/actualsFiles: the `actuals` of each model root's config);
 * the text of no other CSV file is sent.
 */
function forwardCsvText(client: BaseLanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
    const unsavedText = (uri: string) => {
        const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
        return document?.isDirty ? document.getText() : undefined;
    };
    const forwarder = new CsvTextForwarder(params => {
        if (!client.isRunning()) return;
        client.sendNotification(ActualsTextNotification.type, params).catch(err => output.warn(`Could not send ${params.uri} to the COPIS language server: ${err}`));
    }, unsavedText);
    const changed = (document: vscode.TextDocument) => {
        if (isCsvDocument(document.uri)) forwarder.changed(document.uri.toString(), document.getText());
    };
    const subscriptions: vscode.Disposable[] = [
        client.onNotification(ActualsFilesNotification.type, params => forwarder.setActualsFiles(params.uris)),
        vscode.workspace.onDidOpenTextDocument(changed),
        vscode.workspace.onDidChangeTextDocument(e => changed(e.document)),
        vscode.workspace.onDidCloseTextDocument(document => {
            if (isCsvDocument(document.uri)) forwarder.closed(document.uri.toString());
        }),
        forwarder
    ];
    // A server that (re)starts knows no text: it names its actuals files once it has read them, and the open ones are sent then.
    subscriptions.push(client.onDidChangeState(e => {
        if (e.newState === State.Starting) forwarder.restarted();
    }));
    return vscode.Disposable.from(...subscriptions);
}
