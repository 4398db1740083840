/** The examples folder the runner mounts as the workspace, and ways to open and change its files. */
import * as vscode from 'vscode';
import { waitFor } from './harness.js';

export async function file(path: string): Promise<vscode.Uri> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, path);
    await vscode.workspace.fs.stat(uri);
    return uri;
}

export async function open(path: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(await file(path));
    return vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
}

/** The position just after the first `text` in the document (or at its start with `at: 'start'`). */
export function positionOf(document: vscode.TextDocument, text: string, at: 'start' | 'end' = 'end'): vscode.Position {
    const offset = document.getText().indexOf(text);
    if (offset < 0) throw new Error(`"${text}" is not in ${document.uri.path}`);
    return document.positionAt(at === 'start' ? offset : offset + text.length);
}

/** Replaces the first `from` with `to` through an editor edit, as typing would. */
export async function replace(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
    const start = positionOf(editor.document, from, 'start');
    const range = new vscode.Range(start, editor.document.positionAt(editor.document.offsetAt(start) + from.length));
    const done = await editor.edit(edit => edit.replace(range, to));
    if (!done) throw new Error(`the edit ${from} → ${to} was not applied`);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
    const code = diagnostic.code;
    if (code === undefined) return undefined;
    return typeof code === 'object' ? String(code.value) : String(code);
}

/** Waits until the document's diagnostics satisfy `accept`; returns them. */
export function diagnosticsWhere(uri: vscode.Uri, what: string, accept: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
    return waitFor(what, () => {
        const all = vscode.languages.getDiagnostics(uri);
        return accept(all) ? all : undefined;
    }, timeoutMs);
}
