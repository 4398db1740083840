/**
 * Writes an export so that an existing file is either replaced whole or left as it was: the bytes
 * go to a temporary file beside it, which then takes its place in one rename.
 */
import * as vscode from 'vscode';

export async function writeFileAtomically(file: vscode.Uri, bytes: Uint8Array): Promise<void> {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const random = Math.random().toString(36).slice(2, 10);
    const temporary = vscode.Uri.joinPath(file, '..', `.${name}.${random}.tmp`);
    try {
        await vscode.workspace.fs.writeFile(temporary, bytes);
        await vscode.workspace.fs.rename(temporary, file, { overwrite: true });
    } catch (error) {
        await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
        throw error;
    }
}
