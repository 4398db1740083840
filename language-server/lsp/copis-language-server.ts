import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';
import type { CopisWorkspaceManager } from '../workspace/copis-workspace-manager.js';

/** Langium's server, which also says that it follows workspace folders added and removed at run time. */
export class CopisLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        result.capabilities.workspace = { ...result.capabilities.workspace, workspaceFolders: { supported: true, changeNotifications: true } };
        return result;
    }
}

/** `workspace/didChangeWorkspaceFolders`: the added folders are loaded, the removed ones dropped. */
export function followWorkspaceFolders(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const manager = shared.workspace.WorkspaceManager as CopisWorkspaceManager;
    shared.lsp.LanguageServer.onInitialized(() => {
        let onChange;
        try {
            onChange = connection.workspace.onDidChangeWorkspaceFolders;
        } catch {
            return; // the client has no workspace folders to change
        }
        onChange(event => {
            manager.changeFolders(event.added, event.removed).catch(error => console.error('copis: the workspace folders could not be updated:', error));
        });
    });
}
