import { ResponseError } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import type * as ast from '../../../language-server/generated/ast.js';
import { lastParsed, workspaceModel } from '../../../language-server/parser/last-parsed.js';
import { validateTexts } from '../../../language-server/workspace/validate-workspace.js';
import { editableLspServices } from '../lsp/lsp-workspace.js';
import { GIFT as gift, GIFT_SHARED as shared } from '../fixtures/gift-journey.js';

// Language reference §6: while a file does not parse, the rest of the workspace sees the
// declarations of its last version that did (issue 15 item 3).
/**
 * The journey with a stray `}}}` and an `information Order` pasted into it: the parser closes the
 * journey early and reads the information as a top-level declaration of its own. (Braces alone no
 * longer cut a journey off: the lexer drops a `}` too many.)
 */
const strayBraces = gift.replace('  stage Pay_', '  }}}\n  information Order "Order" {}\n  stage Pay_');

async function workspace(files: Record<string, string>) {
    const ws = editableLspServices(files);
    await ws.build();
    const diagnostics = (name: string) => (ws.doc(name).diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);
    /** As the editor does (the incremental update under the workspace lock, then the re-validation it schedules), and until no build is left queued. */
    const edit = async (name: string, text: string) => {
        await ws.edit(name, text);
        await ws.shared.workspace.WorkspaceLock.read(() => undefined);
    };
    return { services: ws.shared, doc: ws.doc, diagnostics, edit };
}

describe('a file that does not parse', () => {
    test('a stray `}}}` in a journey changes no other file\'s diagnostics, and the journey shows its syntax errors only', async () => {
        const ws = await workspace({ 'shared.copis': shared, 'gift.copis': gift });
        const before = ws.diagnostics('shared.copis');
        expect(before).toEqual([]);
        await ws.edit('gift.copis', strayBraces);
        // (Seen as the parser recovers it, `Order` was declared twice and no longer used.)
        expect(ws.diagnostics('shared.copis')).toEqual(before);
        expect(new Set(ws.doc('gift.copis').diagnostics!.map(d => d.code))).toEqual(new Set(['syntax']));
        // Editing on while it stays broken: still the same.
        await ws.edit('gift.copis', strayBraces.replace('emotion 1', 'emotion 2'));
        expect(ws.diagnostics('shared.copis')).toEqual(before);
        // Fixed: the journey is checked again, as a fresh build would.
        await ws.edit('gift.copis', gift.replace('emotion 0', 'emotion 2'));
        expect(lastParsed(ws.doc('gift.copis'))).toBeUndefined();
        expect(ws.diagnostics('shared.copis')).toEqual(before);
        expect(ws.doc('gift.copis').diagnostics!.map(d => d.code)).not.toContain('syntax');
    });

    test('in the CLI (no earlier version), the same text shows what the parser recovered', async () => {
        const result = await validateTexts([{ uri: 'file:///ws/shared.copis', text: shared }, { uri: 'file:///ws/gift.copis', text: strayBraces }]);
        expect(result.get('file:///ws/shared.copis')!.map(d => d.code)).toEqual(['duplicate-name', 'unused-declaration']);
        expect(new Set(result.get('file:///ws/gift.copis')!.map(d => d.code))).toEqual(new Set(['syntax']));
    });

    test('the declarations of its last version that parsed stay visible to other files', async () => {
        const ws = await workspace({ 'shared.copis': shared, 'gift.copis': gift });
        const journeyBefore = ws.diagnostics('gift.copis');
        // Half-way through renaming the customer: `GiftBuyerQ "Gift buyer" {` without its closing brace.
        await ws.edit('shared.copis', shared.replace('customer GiftBuyer "Gift buyer" { value medium  clv 300 EUR }', 'customer GiftBuyerQ "Gift buyer" { value medium  clv 300'));
        expect(ws.doc('shared.copis').diagnostics!.map(d => d.code)).toEqual(['syntax']);
        expect(ws.diagnostics('gift.copis')).toEqual(journeyBefore);
        // The workspace sees the customer as it was; the file's own text is the one being typed.
        const seen = workspaceModel(ws.doc('shared.copis')).elements[0] as ast.Customer;
        expect(seen.name).toBe('GiftBuyer');
        expect(((ws.doc('shared.copis').parseResult.value as ast.Model).elements[0] as ast.Customer).name).toBe('GiftBuyerQ');
        // Once the new text parses, it is what the others see: the journey's references no longer resolve.
        await ws.edit('shared.copis', shared.replace('GiftBuyer', 'GiftBuyerQ'));
        expect(ws.diagnostics('gift.copis').filter(d => d.includes('unresolved-reference'))).toEqual([
            '2:13 unresolved-reference `GiftBuyer` is not declared; did you mean `GiftBuyerQ`?'
        ]);
    });

    test('a file that has not parsed since it was loaded is seen as the parser recovers it', async () => {
        const ws = await workspace({ 'shared.copis': shared.replace('owner "E-commerce" }', 'owner "E-commerce" } }'), 'gift.copis': gift });
        expect(lastParsed(ws.doc('shared.copis'))).toBeUndefined();
        expect(ws.doc('shared.copis').diagnostics!.map(d => d.code)).toEqual(['syntax']);
        // Its customer, system and information were recovered: the journey's references resolve.
        expect(ws.diagnostics('gift.copis').filter(d => d.includes('unresolved-reference'))).toEqual([]);
    });

    test('rename is refused while a file it would edit does not parse', async () => {
        const ws = await workspace({ 'shared.copis': shared, 'gift.copis': gift });
        await ws.edit('shared.copis', shared.replace('{ type web', '{ type web {'));
        const rename = ws.services.ServiceRegistry.getServices(ws.doc('gift.copis').uri) as unknown as { lsp: { RenameProvider: { rename: (...args: unknown[]) => Promise<unknown> } } };
        const position = ws.doc('gift.copis').textDocument.positionAt(gift.indexOf('GiftBuyer') + 2);
        const refused = await rename.lsp.RenameProvider.rename(ws.doc('gift.copis'), { textDocument: { uri: ws.doc('gift.copis').uri.toString() }, position, newName: 'Buyer' })
            .then(() => undefined, (e: unknown) => e);
        expect(refused).toBeInstanceOf(ResponseError);
        expect((refused as ResponseError<void>).message).toBe('`shared.copis` has a syntax error; fix it, then rename (until it parses, the other files see its last version that did).');
    });
});
