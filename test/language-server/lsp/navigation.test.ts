import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Location, LocationLink, Range } from 'vscode-languageserver-types';
import { lspWorkspace } from './lsp-workspace.js';

/** Builds a workspace of `files` (name → text) in the language server. */
async function workspace(files: Record<string, string>) {
    const { shared, Copis, docs, doc, at } = await lspWorkspace(files);
    /** `file:line:text` of a location, for readable expectations. */
    const show = (uri: string, range: Range) => {
        const d = docs.find(x => x.uri.toString() === uri)!;
        return `${d.uri.path.split('/').pop()}:${range.start.line + 1}:${d.textDocument.getText(range)}`;
    };
    return { shared, Copis, docs, doc, at, show };
}

const A = `/** The people who buy. */
customer Shopper "Shopper" { value high }
system Oms "Order management"
journey Shop "Shop online" {
  customers Shopper
  objective Fast {
    kpi OnTime { metric percent  current 91%  target >= 97% }
  }
  process Fulfil { owner "Warehouse"  systems Oms }
  stage Buy { category purchase
    touchpoint Checkout { channel web  processes Fulfil  systems Oms }
  }
  moment Paid { at Checkout  kind first  kpis OnTime }
}
`;

const B = `information Rec { source Oms }
journey Other {
  customers Shopper
  stage S { category delivery  touchpoint T { processes Shop.Fulfil } }
  moment M { at T  kpis Shop.OnTime }
}
`;

const files = { 'a.copis': A, 'b.copis': B };

describe('go to definition', () => {
    test('a simple reference in the same file', async () => {
        const ws = await workspace(files);
        const links = (await ws.Copis.lsp.DefinitionProvider!.getDefinition(ws.doc('a.copis'), ws.at('a.copis', 'at Checkout', 4))) as LocationLink[];
        expect(links.map(l => ws.show(l.targetUri, l.targetSelectionRange))).toEqual(['a.copis:11:Checkout']);
        expect(ws.show(links[0].targetUri, links[0].originSelectionRange!)).toBe('a.copis:13:Checkout');
    });

    test('across files', async () => {
        const ws = await workspace(files);
        const links = (await ws.Copis.lsp.DefinitionProvider!.getDefinition(ws.doc('b.copis'), ws.at('b.copis', 'source Oms', 8))) as LocationLink[];
        expect(links.map(l => ws.show(l.targetUri, l.targetSelectionRange))).toEqual(['a.copis:3:Oms']);
        expect(ws.show(links[0].targetUri, links[0].targetRange)).toBe('a.copis:3:system Oms "Order management"');
    });

    test('through a qualified `Journey.Name` reference in another file', async () => {
        const ws = await workspace(files);
        for (const shift of [1, 'Shop.O'.length]) {
            const links = (await ws.Copis.lsp.DefinitionProvider!.getDefinition(ws.doc('b.copis'), ws.at('b.copis', 'Shop.OnTime', shift))) as LocationLink[];
            expect(links.map(l => ws.show(l.targetUri, l.targetSelectionRange))).toEqual(['a.copis:7:OnTime']);
        }
    });

    test('nothing on keywords, values and unresolved names', async () => {
        const ws = await workspace({ 'a.copis': 'journey J { stage S { touchpoint T { channel web  processes Nowhere } } }' });
        for (const needle of ['journey', 'channel', 'web', 'Nowhere']) {
            const links = await ws.Copis.lsp.DefinitionProvider!.getDefinition(ws.doc('a.copis'), ws.at('a.copis', needle, 1));
            expect(links ?? []).toEqual([]);
        }
    });
});

describe('find references', () => {
    const references = async (name: string, needle: string, shift: number, includeDeclaration = true) => {
        const ws = await workspace(files);
        const locations: Location[] = await ws.Copis.lsp.ReferencesProvider!.findReferences(ws.doc(name), { ...ws.at(name, needle, shift), context: { includeDeclaration } });
        return locations.map(l => ws.show(l.uri, l.range)).sort();
    };

    test('of a top-level declaration, across files, with and without the declaration', async () => {
        expect(await references('a.copis', 'system Oms', 8)).toEqual(['a.copis:11:Oms', 'a.copis:3:Oms', 'a.copis:9:Oms', 'b.copis:1:Oms']);
        expect(await references('b.copis', 'source Oms', 8, false)).toEqual(['a.copis:11:Oms', 'a.copis:9:Oms', 'b.copis:1:Oms']);
    });

    test('of a journey member: simple references inside the journey and qualified ones elsewhere', async () => {
        expect(await references('a.copis', 'kpi OnTime', 5)).toEqual(['a.copis:13:OnTime', 'a.copis:7:OnTime', 'b.copis:5:Shop.OnTime']);
        expect(await references('b.copis', 'Shop.Fulfil', 7, false)).toEqual(['a.copis:11:Fulfil', 'b.copis:4:Shop.Fulfil']);
    });
});

describe('document highlights', () => {
    test('the declaration and its references in this file', async () => {
        const ws = await workspace(files);
        const highlights = await ws.Copis.lsp.DocumentHighlightProvider!.getDocumentHighlight(ws.doc('a.copis'), ws.at('a.copis', 'at Checkout', 4));
        expect(highlights!.map(h => ws.show('file:///ws/a.copis', h.range)).sort()).toEqual(['a.copis:11:Checkout', 'a.copis:13:Checkout']);
    });

    test('references only, where the declaration is in another file', async () => {
        const ws = await workspace(files);
        const highlights = await ws.Copis.lsp.DocumentHighlightProvider!.getDocumentHighlight(ws.doc('b.copis'), ws.at('b.copis', 'Shop.OnTime', 6));
        expect(highlights!.map(h => ws.show('file:///ws/b.copis', h.range))).toEqual(['b.copis:5:Shop.OnTime']);
    });
});

describe('folding', () => {
    test('multi-line declarations fold up to the line before their closing brace; doc comments fold too', async () => {
        const text = `/**
 * The people who buy.
 */
customer Shopper { value high }
journey Shop {
  stage Buy {
    category purchase
    touchpoint Checkout {
      channel web
    }
  }
  stage Get { category delivery }
}
`;
        const ws = await workspace({ 'a.copis': text });
        const ranges = await ws.Copis.lsp.FoldingRangeProvider!.getFoldingRanges(ws.doc('a.copis'), { textDocument: { uri: 'file:///ws/a.copis' } });
        expect(ranges.map(r => `${r.startLine + 1}-${r.endLine + 1}${r.kind ? ` ${r.kind}` : ''}`).sort()).toEqual(['1-2 comment', '5-12', '6-10', '8-9']);
    });
});

const BROKEN = [
    'journey J { stage S { touchpoint T { channel } moment M { at',
    'customer C "x\njourney { stage { touchpoint T { processes J. } } moment M { at T kind } }',
    'journey J { objective O { kpi K { target >= } } moment M { kpis J.K, , X.  } }\nsystem',
    '}}} journey J . K { stage S { category nowhere touchpoint { } } "'
];

describe('broken text never throws', () => {
    test('every feature at every offset', async () => {
        for (const text of BROKEN) {
            const ws = await workspace({ 'a.copis': text, 'b.copis': B });
            const doc: LangiumDocument = ws.doc('a.copis');
            const lsp = ws.Copis.lsp;
            const textDocument = { uri: doc.uri.toString() };
            await lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument });
            await lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument });
            await lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument });
            await lsp.FoldingRangeProvider!.getFoldingRanges(doc, { textDocument });
            await ws.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'J' });
            for (let offset = 0; offset <= text.length; offset++) {
                const position = doc.textDocument.positionAt(offset);
                const params = { textDocument, position };
                await lsp.HoverProvider!.getHoverContent(doc, params);
                await lsp.DefinitionProvider!.getDefinition(doc, params);
                await lsp.ReferencesProvider!.findReferences(doc, { ...params, context: { includeDeclaration: true } });
                await lsp.DocumentHighlightProvider!.getDocumentHighlight(doc, params);
                await lsp.RenameProvider!.prepareRename(doc, params);
                await lsp.RenameProvider!.rename(doc, { ...params, newName: 'Fresh' });
            }
        }
    });
});
