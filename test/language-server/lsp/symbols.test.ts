import { describe, expect, test } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { lspWorkspace } from './lsp-workspace.js';

const workspace = lspWorkspace;

/** The name of a SymbolKind constant. */
function kindName(kind: SymbolKind): string {
    return Object.entries(SymbolKind).find(([, value]) => value === kind)?.[0] ?? String(kind);
}

/** `Name (Kind) "detail"` with children indented, for a readable tree. */
function tree(symbols: DocumentSymbol[] | undefined, indent = ''): string[] {
    return (symbols ?? []).flatMap(s => [
        `${indent}${s.name} (${kindName(s.kind)})${s.detail ? ` "${s.detail}"` : ''}`,
        ...tree(s.children, `${indent}  `)
    ]);
}

const A = `customer Shopper "Shopper" { value high }
system Oms "Order management"
information Rec { source Oms }
objective Grow "Grow revenue" { kpi Nps { metric nps } }
process Refund
journey Shop "Shop online" {
  customers Shopper
  stage Buy "Purchase" { category purchase
    touchpoint Checkout "Checkout page" { channel web }
    touchpoint Pay { channel web }
  }
  objective Fast { kpi OnTime "On time" { metric percent } }
  moment Paid { at Checkout }
  process Fulfil { owner "W" }
  pain Slow { at Pay }
  opportunity Faster { addresses Slow }
  stage Get { category delivery }
}
`;

const B = `journey Other {
  stage S { touchpoint OnTimeDelivery { channel mail } }
}
`;

describe('document symbols', () => {
    test('a tree in source order, with kinds and titles as detail', async () => {
        const ws = await workspace({ 'a.copis': A });
        const symbols = await ws.Copis.lsp.DocumentSymbolProvider!.getSymbols(ws.doc('a.copis'), { textDocument: { uri: 'file:///ws/a.copis' } });
        expect(tree(symbols as DocumentSymbol[])).toEqual([
            'Shopper (Class) "Shopper"',
            'Oms (Interface) "Order management"',
            'Rec (Struct)',
            'Grow (Object) "Grow revenue"',
            '  Nps (Number)',
            'Refund (Function)',
            'Shop (Namespace) "Shop online"',
            '  Buy (Package) "Purchase"',
            '    Checkout (Method) "Checkout page"',
            '    Pay (Method)',
            '  Fast (Object)',
            '    OnTime (Number) "On time"',
            '  Paid (Event)',
            '  Fulfil (Function)',
            '  Slow (Field)',
            '  Faster (Constant)',
            '  Get (Package)'
        ]);
    });

    test('ranges: the whole declaration, with its name as selection', async () => {
        const ws = await workspace({ 'a.copis': A });
        const symbols = (await ws.Copis.lsp.DocumentSymbolProvider!.getSymbols(ws.doc('a.copis'), { textDocument: { uri: 'file:///ws/a.copis' } })) as DocumentSymbol[];
        const shop = symbols.find(s => s.name === 'Shop')!;
        const text = ws.doc('a.copis').textDocument;
        expect(text.getText(shop.selectionRange)).toBe('Shop');
        expect(text.getText(shop.range).startsWith('journey Shop "Shop online" {')).toBe(true);
        expect(text.getText(shop.range).endsWith('stage Get { category delivery }\n}')).toBe(true);
        expect(text.getText(shop.children![0].children![0].range)).toBe('touchpoint Checkout "Checkout page" { channel web }');
    });

    test('broken text: named declarations only, nothing thrown', async () => {
        const ws = await workspace({ 'a.copis': 'journey J { stage S { touchpoint { channel web } touchpoint T { channel' });
        const symbols = await ws.Copis.lsp.DocumentSymbolProvider!.getSymbols(ws.doc('a.copis'), { textDocument: { uri: 'file:///ws/a.copis' } });
        expect(tree(symbols as DocumentSymbol[])).toEqual(['J (Namespace)', '  S (Package)', '    T (Method)']);
    });
});

describe('workspace symbols', () => {
    const query = async (q: string) => {
        const ws = await workspace({ 'a.copis': A, 'b.copis': B });
        const symbols = await ws.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: q });
        return symbols.map(s => `${s.containerName ? `${s.containerName} > ` : ''}${s.name} (${kindName(s.kind)}) ${'range' in s.location ? `${s.location.uri.split('/').pop()}:${s.location.range.start.line + 1}` : ''}`).sort();
    };

    test('every declaration once, journey members with their journey as container', async () => {
        const all = await query('');
        expect(all).toHaveLength(20);
        expect(all).toContain('Shop > Checkout (Method) a.copis:9');
        expect(all).toContain('Oms (Interface) a.copis:2');
        // A KPI of a top-level objective is exported by two names; it is one symbol.
        expect(all.filter(s => s.includes('Nps'))).toEqual(['Grow > Nps (Number) a.copis:4']);
    });

    test('filtered by the query (fuzzy, case-insensitive), on the simple or the qualified name', async () => {
        expect(await query('ontime')).toEqual(['Other > OnTimeDelivery (Method) b.copis:2', 'Shop > OnTime (Number) a.copis:12']);
        expect(await query('Shop.On')).toEqual(['Shop > OnTime (Number) a.copis:12']);
        expect(await query('oms')).toEqual(['Oms (Interface) a.copis:2']);
        expect(await query('zzz')).toEqual([]);
    });
});
