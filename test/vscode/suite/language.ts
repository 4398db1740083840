// The language contribution: activation, the language id, the file icon, TextMate colours.
import * as vscode from 'vscode';
import { assert, test, waitFor } from './harness.js';
import { inPage } from './runner.js';
import { open } from './workspace.js';

test('the extension activates when a .copis file opens', async () => {
    const extension = vscode.extensions.all.find(e => e.packageJSON.name === 'copis' && e.packageJSON.publisher === 'copis');
    assert(extension, 'the copis extension is not installed in the workbench');
    assert(!extension.isActive, 'the extension was active before any .copis file was opened');
    const editor = await open('retail/buy-and-return.copis');
    assert(editor.document.languageId === 'copis', `the language id is ${editor.document.languageId}, not copis`);
    await waitFor('the extension to activate', () => extension.isActive);
});

test('the editor tab shows the copis file icon', async () => {
    const icon = await inPage(() => {
        const label = document.querySelector('.tabs-container .tab.active .monaco-icon-label');
        return label ? { classes: label.className, image: getComputedStyle(label, '::before').backgroundImage } : null;
    });
    assert(icon, 'no active editor tab');
    assert(icon.classes.split(' ').includes('copis-lang-file-icon'), `the tab is not marked as a copis file: ${icon.classes}`);
    assert(icon.image.includes('/images/copis-file.svg'), `the tab's icon is ${icon.image}`);
});

test('the TextMate grammar colours keywords, names and strings differently', async () => {
    // Tokenising runs in the background: wait until the first line of the journey has colours.
    const colours = await waitFor('the journey line to be coloured', async () => {
        const found = await inPage(() => {
            // The editor renders spaces as no-break spaces.
            const textOf = (e: Element) => (e.textContent ?? '').replace(/\u00a0/g, ' ');
            const line = [...document.querySelectorAll('.monaco-editor .view-line')].find(l => textOf(l).startsWith('journey '));
            if (!line) return null;
            const colourOf = (text: string) => {
                const span = [...line.querySelectorAll('span span')].find(s => textOf(s).trim() === text);
                return span ? getComputedStyle(span).color : null;
            };
            return { keyword: colourOf('journey'), name: colourOf('RetailBuyAndReturn'), title: colourOf('"Buy and return apparel online"') };
        });
        return found?.keyword && found.title && found.keyword !== found.name ? found : undefined;
    });
    assert(colours.keyword !== colours.title, `keyword and string have the same colour ${colours.keyword}`);
    assert(colours.title !== colours.name, `string and name have the same colour ${colours.title}`);
});
