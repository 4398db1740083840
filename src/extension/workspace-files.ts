/** Answers the web language server's requests for the workspace's folders and files. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ReadDirectoryRequest, ReadFileRequest, type WorkspaceEntry } from '../../language-server/protocol.js';

export function serveWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable {
    const decoder = new TextDecoder('utf-8');
    return vscode.Disposable.from(
        client.onRequest(ReadDirectoryRequest.type, async ({ uri }) => {
            const folder = vscode.Uri.parse(uri);
            const entries = await vscode.workspace.fs.readDirectory(folder);
            return entries.flatMap(([name, type]): WorkspaceEntry[] => {
                // A linked folder can lead back to where it is: the server walks real folders only.
                if (type & vscode.FileType.SymbolicLink && type & vscode.FileType.Directory) return [];
                return [{
                    uri: vscode.Uri.joinPath(folder, name).toString(),
                    isFile: (type & vscode.FileType.File) !== 0,
                    isDirectory: (type & vscode.FileType.Directory) !== 0
                }];
            });
        }),
        client.onRequest(ReadFileRequest.type, async ({ uri }) => decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))))
    );
}
