// The language server's features through VS Code's own commands, as a user's editor calls them.
import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './harness.js';
import { codeOf, diagnosticsWhere, file, open, positionOf, replace } from './workspace.js';

const JOURNEY = 'retail/buy-and-return.copis';
const SHARED = 'retail/shared.copis';
const BROKEN = 'processes TakePaymnt';

/** Inside the word Shopper of `for Shopper` (a reference to a customer declared in shared.copis). */
function onShopper(document: vscode.TextDocument): vscode.Position {
    return positionOf(document, 'for Shopper', 'start').translate(0, 'for Sh'.length);
}

function labelOf(item: vscode.CompletionItem): string {
    return typeof item.label === 'string' ? item.label : item.label.label;
}

function text(contents: Array<vscode.MarkdownString | vscode.MarkedString>): string {
    return contents.map(c => typeof c === 'string' ? c : c.value).join('\n');
}

test('the examples open without errors (cross-file references and the actuals CSV resolve in the web server)', async () => {
    const editor = await open(JOURNEY);
    // The web server reads shared.copis through the client: without it, every shared name would be unresolved.
    await waitFor('the definition of Shopper (declared in shared.copis)', async () => {
        const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
            'vscode.executeDefinitionProvider', editor.document.uri, onShopper(editor.document));
        return found.length > 0;
    });
    // And examples/retail/actuals.csv (its copis.config.json names it): ReturnCsat's written `current` misses its target, its actual meets it.
    const onReturnCsat = positionOf(editor.document, 'kpi ReturnCsat', 'end').translate(0, -2);
    await waitFor('the hover of ReturnCsat with its actual from actuals.csv', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, onReturnCsat);
        return hovers.some(h => text(h.contents).includes('actual 86% on 2026-11-30')) || undefined;
    });
    // The health example has one intended finding, judged by its actual: once it is there, the file was validated with the CSV.
    const health = await open('health/outpatient-visit.copis');
    const all = await diagnosticsWhere(health.document.uri, 'the kpi-off-target information on BookingNps', found => found.some(d => codeOf(d) === 'kpi-off-target'));
    assertEqual(all.map(d => `${d.range.start.line + 1}: ${codeOf(d)}`), ['16: kpi-off-target'], 'the diagnostics of the example');
    assert(all[0].severity === vscode.DiagnosticSeverity.Information, 'kpi-off-target is not information');
    assert(all[0].message.includes('actual 6 on 2026-11-30 (actuals.csv)'), `not judged by its actual: ${all[0].message}`);
    // The retail journey meets ReturnCsat by its actual: no finding there.
    assertEqual((await diagnosticsWhere(editor.document.uri, 'the retail journey validated', () => true)).map(d => codeOf(d)), [], 'the diagnostics of the retail example');
});

test('each example is a model of its own (its copis.config.json): a retail journey cannot use a SaaS process', async () => {
    const editor = await open(JOURNEY);
    const elsewhere = 'processes TakePayment, SaasOnboarding.AnswerTicket';
    await replace(editor, 'processes TakePayment', elsewhere);
    const line = positionOf(editor.document, elsewhere).line;
    const [found] = (await diagnosticsWhere(editor.document.uri, 'unresolved-reference on the reference into examples/saas',
        all => all.some(d => codeOf(d) === 'unresolved-reference' && d.range.start.line === line)))
        .filter(d => codeOf(d) === 'unresolved-reference');
    assert(found.message.includes('SaasOnboarding.AnswerTicket'), `the message does not name the reference: ${found.message}`);
    await replace(editor, elsewhere, 'processes TakePayment');
    await diagnosticsWhere(editor.document.uri, 'the diagnostic to go away', all => !all.some(d => codeOf(d) === 'unresolved-reference'));
});

test('a broken reference gets an unresolved-reference diagnostic, which an edit that fixes it removes', async () => {
    const editor = await open(JOURNEY);
    await replace(editor, 'processes TakePayment', BROKEN);
    const line = positionOf(editor.document, BROKEN).line;
    const [found] = (await diagnosticsWhere(editor.document.uri, 'unresolved-reference on the broken line',
        all => all.some(d => codeOf(d) === 'unresolved-reference' && d.range.start.line === line)))
        .filter(d => codeOf(d) === 'unresolved-reference');
    assert(found.severity === vscode.DiagnosticSeverity.Error, 'unresolved-reference is not an error');
    assert(found.message.includes('TakePaymnt'), `the message does not name the reference: ${found.message}`);
    await replace(editor, BROKEN, 'processes TakePayment');
    await diagnosticsWhere(editor.document.uri, 'the diagnostic to go away', all => !all.some(d => codeOf(d) === 'unresolved-reference'));
});

test('the did-you-mean quick fix applies and removes its diagnostic', async () => {
    const editor = await open(JOURNEY);
    await replace(editor, 'processes TakePayment', BROKEN);
    const [diagnostic] = (await diagnosticsWhere(editor.document.uri, 'unresolved-reference',
        all => all.some(d => codeOf(d) === 'unresolved-reference'))).filter(d => codeOf(d) === 'unresolved-reference');
    // The diagnostic can arrive a moment before the server has the document it belongs to: ask until the fix is offered.
    let titles: string[] = [];
    const fix = await waitFor('the quick fix that replaces with TakePayment', async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
        titles = actions.map(a => a.title);
        return actions.find(a => a.title.includes('TakePayment') && a.edit);
    }, 10000).catch(async error => {
        await replace(editor, BROKEN, 'processes TakePayment'); // leave the file as the next tests expect it
        throw new Error(`${(error as Error).message}; offered: ${titles.join(' | ')}`);
    });
    assert(fix.edit, 'the quick fix has no edit');
    assert(await vscode.workspace.applyEdit(fix.edit), 'the quick fix edit was not applied');
    assert(editor.document.getText().includes('processes TakePayment') && !editor.document.getText().includes(BROKEN), 'the text was not fixed');
    await diagnosticsWhere(editor.document.uri, 'the diagnostic to go away after the quick fix', all => !all.some(d => codeOf(d) === 'unresolved-reference'));
});

test('completion after `processes ` offers processes and nothing of another kind', async () => {
    const editor = await open(JOURNEY);
    const position = positionOf(editor.document, 'processes TakePayment', 'start').translate(0, 'processes '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map(labelOf);
    for (const process of ['TakePayment', 'NotifyShopper', 'BookReturn']) assert(labels.includes(process), `${process} is not offered: ${labels.join(', ')}`);
    for (const other of ['Shopper', 'WebShop', 'OrderRecord', 'Checkout']) assert(!labels.includes(other), `${other} (not a process) is offered`);
});

test('hover on a customer shows its kind, title and facts', async () => {
    const editor = await open(JOURNEY);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, onShopper(editor.document));
    const shown = hovers.map(h => text(h.contents)).join('\n');
    assert(/customer/i.test(shown), `the hover does not say the kind: ${shown}`);
    assert(shown.includes('Style-conscious shopper'), `the hover does not show the title: ${shown}`);
    assert(/1[,.]?450/.test(shown), `the hover does not show the CLV: ${shown}`);
});

test('go to definition crosses files', async () => {
    const editor = await open(JOURNEY);
    const [target] = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider', editor.document.uri, onShopper(editor.document));
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert(uri.path.endsWith('/retail/shared.copis'), `the definition is in ${uri.path}`);
    const shared = await vscode.workspace.openTextDocument(uri);
    assertEqual(shared.getText(range), 'Shopper', 'the text at the definition');
    assert(shared.lineAt(range.start.line).text.startsWith('customer Shopper'), `the definition line is ${shared.lineAt(range.start.line).text}`);
});

test('rename renames across files and refuses an invalid name', async () => {
    const shared = await vscode.workspace.openTextDocument(await file(SHARED));
    const journey = await vscode.workspace.openTextDocument(await file(JOURNEY));
    const at = positionOf(shared, 'customer GiftBuyer', 'start').translate(0, 'customer Gi'.length);
    const uses = (journey.getText().match(/\bGiftBuyer\b/g) ?? []).length;
    assert(uses > 0, 'the journey does not use GiftBuyer: pick another name for this test');

    const refused = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', shared.uri, at, '2Gift')
        .then(() => undefined, (error: unknown) => String(error));
    assert(refused, 'renaming to "2Gift" (not an identifier) was accepted');

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', shared.uri, at, 'GiftGiver');
    const files = edit.entries().map(([uri]) => uri.path.slice(uri.path.indexOf('/retail/'))).sort();
    assertEqual(files, ['/retail/buy-and-return.copis', '/retail/shared.copis'], 'files the rename changes');
    assert(await vscode.workspace.applyEdit(edit), 'the rename was not applied');
    assert(!/\bGiftBuyer\b/.test(shared.getText()) && !/\bGiftBuyer\b/.test(journey.getText()), 'GiftBuyer is still there');
    assertEqual((journey.getText().match(/\bGiftGiver\b/g) ?? []).length, uses, 'renamed uses in the journey');
    await diagnosticsWhere(journey.uri, 'no errors after the rename',
        all => !all.some(d => d.severity === vscode.DiagnosticSeverity.Error));
});

test('document symbols are a tree: journey > stages > touchpoints', async () => {
    const editor = await open(JOURNEY);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const journey = symbols.find(s => s.name === 'RetailBuyAndReturn');
    assert(journey, `no journey symbol among ${symbols.map(s => s.name).join(', ')}`);
    const stage = journey.children.find(s => s.name === 'Buy');
    assert(stage, `no stage Buy under the journey: ${journey.children.map(s => s.name).join(', ')}`);
    assert(stage.children.some(s => s.name === 'Checkout'), `no touchpoint Checkout under the stage: ${stage.children.map(s => s.name).join(', ')}`);
});

test('format document gives the canonical layout', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'copis', content: 'customer   Alex "Alex" {  value high\n segment "x"   }\n' });
    const edits = await waitFor('formatting edits', async () => {
        const found = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 2, insertSpaces: true });
        return found?.length ? found : undefined;
    });
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    assert(await vscode.workspace.applyEdit(edit), 'the formatting edits were not applied');
    assertEqual(document.getText(), 'customer Alex "Alex" { value high  segment "x" }\n', 'the formatted text');
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 2, insertSpaces: true });
    assertEqual(again?.length ?? 0, 0, 'edits on the second format (not idempotent)');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('the unsaved text of a CSV file of actuals is checked as it is typed; a CSV file no config names is not', async () => {
    // Not in the `actuals` of retail's config, though its header says kpi: the server never checks it.
    const other = vscode.Uri.joinPath(await file('retail'), 'exports.csv');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('kpi,date,value\nNo.Such,2026-11-30,1\n'));
    const exported = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other), { preview: false });
    await replace(exported, 'No.Such', 'Still.None');
    // saas's config names its actuals.csv: the server told the client so, and the client forwards its edits.
    const editor = await open('saas/actuals.csv');
    const typo = 'SaasOnboarding.TimeToFirstValu,2026-10-31';
    await replace(editor, 'SaasOnboarding.TimeToFirstValue,2026-10-31', typo);
    const line = positionOf(editor.document, typo).line;
    const found = await diagnosticsWhere(editor.document.uri, 'actuals-unknown-kpi on the unsaved, misspelt row',
        all => all.some(d => codeOf(d) === 'actuals-unknown-kpi' && d.range.start.line === line));
    const unknown = found.find(d => codeOf(d) === 'actuals-unknown-kpi')!;
    assert(unknown.message.includes('did you mean `SaasOnboarding.TimeToFirstValue`'), `no suggestion: ${unknown.message}`);
    await replace(editor, typo, 'SaasOnboarding.TimeToFirstValue,2026-10-31');
    await diagnosticsWhere(editor.document.uri, 'the diagnostic to go away', all => !all.some(d => codeOf(d) === 'actuals-unknown-kpi'));
    // By now the server has had every edit of both files: the other one has no diagnostics.
    assertEqual(vscode.languages.getDiagnostics(other).map(d => codeOf(d)), [], 'the diagnostics of a CSV file no config names');
    for (const document of [exported.document, editor.document]) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.workspace.fs.delete(other);
});
