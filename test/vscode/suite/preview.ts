// The live preview inside the workbench: it opens beside the editor, shows the open journey,
// follows edits, reveals what is clicked, highlights what the cursor is on, and exports.
import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './harness.js';
import { askRunner, inPage, inWebview } from './runner.js';
import { file, open, positionOf, replace } from './workspace.js';

const JOURNEY = 'retail/buy-and-return.copis';
const STAGE_TITLES = ['Awareness', 'Consideration', 'Purchase', 'Delivery', 'Returns'];

function previewTab(): vscode.Tab | undefined {
    return vscode.window.tabGroups.all.flatMap(g => g.tabs)
        .find(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('copis.preview'));
}

test('"COPIS: Open Preview to the Side" opens the journey beside the editor', async () => {
    const editor = await open(JOURNEY);
    assert(!previewTab(), 'a preview is open already');
    await vscode.commands.executeCommand('copis.showPreviewToSide');
    const tab = await waitFor('the preview tab', previewTab);
    assert(tab.group.viewColumn !== editor.viewColumn, `the preview opened in the editor's column ${tab.group.viewColumn}`);
    await waitFor('the preview tab to be titled after the file', () => previewTab()?.label === 'Preview buy-and-return.copis');
    const text = await waitFor('the journey in the preview', async () => {
        const shown = await inWebview(() => document.querySelector('#canvas svg') ? document.body.textContent : null);
        return shown && STAGE_TITLES.every(t => shown.includes(t)) ? shown : undefined;
    });
    assert(text.includes('Checkout') && text.includes('Parcel at the door'), 'the touchpoints are not in the preview');
});

test('the preview follows an edit within a second', async () => {
    const editor = await open(JOURNEY);
    const edited = 'Awareness and inspiration';
    await replace(editor, 'stage Discover "Awareness"', `stage Discover "${edited}"`);
    const ms = await askRunner<number>({ action: 'waitWebviewText', text: edited, timeoutMs: 1000 });
    console.log(`    (the preview showed the edit after ${ms} ms)`);
    assert(ms <= 1000, `the preview took ${ms} ms`);
});

test('clicking an element in the preview reveals its declaration in the editor', async () => {
    const editor = await open(JOURNEY);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const name = positionOf(editor.document, 'touchpoint Checkout', 'start').translate(0, 'touchpoint '.length);
    await askRunner({ action: 'clickWebview', selector: '[data-id="RetailBuyAndReturn.Checkout"]' });
    const selected = await waitFor('the editor to select Checkout', () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.toString() === editor.document.uri.toString() && active.selection.start.isEqual(name) ? active.selection : undefined;
    });
    assertEqual(editor.document.getText(selected), 'Checkout', 'the selected text');
});

test('moving the cursor highlights the element under it in the preview', async () => {
    const editor = await open(JOURNEY);
    const inside = positionOf(editor.document, 'touchpoint Doorstep', 'start').translate(0, 'touchpoint Door'.length);
    editor.selection = new vscode.Selection(inside, inside);
    let highlighted = '';
    await waitFor('Doorstep to be highlighted', async () => {
        // The touchpoint's box and its point on the emotion curve carry the same id.
        highlighted = await inWebview(() => [...new Set([...document.querySelectorAll('.copis-highlight')].map(e => e.getAttribute('data-id')))].join(','));
        return highlighted === 'RetailBuyAndReturn.Doorstep';
    }, 5000).catch(error => { throw new Error(`${error.message}; highlighted: "${highlighted}"`); });
});

test('the export commands write the view shown as SVG and PNG', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['copis.exportPreviewSvg', 'copis.exportPreviewPng']) assert(commands.includes(command), `${command} is not registered`);
    const folder = vscode.Uri.joinPath(await file('retail'), '..');
    const svg = vscode.Uri.joinPath(folder, 'exported.svg');
    const png = vscode.Uri.joinPath(folder, 'exported.png');
    await vscode.commands.executeCommand('copis.exportPreviewSvg', svg);
    const svgText = new TextDecoder().decode(await waitFor('the SVG file', () => vscode.workspace.fs.readFile(svg)));
    assert(svgText.startsWith('<svg') && svgText.includes('Awareness and inspiration'), `the SVG is not the journey shown: ${svgText.slice(0, 80)}`);
    await vscode.commands.executeCommand('copis.exportPreviewPng', png);
    const pngBytes = await waitFor('the PNG file', () => vscode.workspace.fs.readFile(png));
    assertEqual([...pngBytes.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
    const leftovers = (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n).filter(n => n.endsWith('.tmp'));
    assertEqual(leftovers, [], 'temporary files left beside the exports');
});

test('a screenshot of the model and its preview side by side', async () => {
    const editor = await open(JOURNEY);
    const stages = positionOf(editor.document, 'stage Discover', 'start');
    editor.revealRange(new vscode.Range(stages, stages), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(stages.translate(0, 'stage '.length), stages.translate(0, 'stage Discover'.length));
    await vscode.commands.executeCommand('notifications.clearAll');
    await askRunner({ action: 'clickWebview', selector: '#zoom-reset' });
    await inWebview(() => document.getElementById('viewport')?.scrollTo(0, 0));
    await new Promise(r => setTimeout(r, 300));
    const bytes = await askRunner<number>({ action: 'screenshot', name: 'vscode-preview' });
    assert(bytes > 10_000, `the screenshot is only ${bytes} bytes`);
});

test('no error notification was shown during the suite', async () => {
    const errors = await inPage(() => [...document.querySelectorAll('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')]
        .filter(item => item.querySelector('.codicon-error'))
        .map(item => item.textContent ?? ''));
    assertEqual(errors, [], 'error notifications');
});
