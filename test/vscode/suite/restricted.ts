// Restricted Mode: a freshly cloned models repository is untrusted. The extension runs no code from
// the workspace and declares so (capabilities.untrustedWorkspaces); without that, VS Code disables
// it here. The runner starts the workbench with workspace trust on (run.mjs --restricted).
import * as vscode from 'vscode';
import { assert, test, waitFor } from './harness.js';
import { inWebview } from './runner.js';
import { codeOf, diagnosticsWhere, open } from './workspace.js';

test('the workspace is in Restricted Mode', () => {
    assert(vscode.workspace.isTrusted === false, 'the workspace is trusted: the runner did not turn workspace trust on');
});

test('the extension is enabled and activates when a .copis file opens', async () => {
    const extension = vscode.extensions.all.find(e => e.packageJSON.name === 'copis' && e.packageJSON.publisher === 'copis');
    assert(extension, 'the copis extension is not enabled in Restricted Mode');
    await open('retail/buy-and-return.copis');
    await waitFor('the extension to activate', () => extension.isActive);
});

test('the language server reports problems', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'retail', 'restricted.copis');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('journey Restricted "Restricted" {\n  customers Nobody\n}\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhere(uri, 'unresolved-reference on Nobody', all => all.some(d => codeOf(d) === 'unresolved-reference' && d.message.includes('Nobody')));
});

test('the preview draws the journey', async () => {
    await open('retail/buy-and-return.copis');
    await vscode.commands.executeCommand('copis.showPreviewToSide');
    await waitFor('the preview tab', () => vscode.window.tabGroups.all.flatMap(g => g.tabs)
        .find(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('copis.preview')));
    await waitFor('the journey in the preview', async () => {
        const shown = await inWebview(() => document.querySelector('#canvas svg') ? document.body.textContent : null);
        return shown?.includes('Checkout') ? shown : undefined;
    }, 30000);
});
