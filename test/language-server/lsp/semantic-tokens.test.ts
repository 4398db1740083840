import { SemanticTokensDecoder } from 'langium/lsp';
import { describe, expect, test } from 'vitest';
import { lspWorkspace } from './lsp-workspace.js';

/** The semantic tokens of `name` as `text:type[+modifiers]`, in document order. */
async function tokens(files: Record<string, string>, name = 'a.copis', range?: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<string[]> {
    const { Copis, doc: docOf } = await lspWorkspace(files);
    const doc = docOf(name);
    const provider = Copis.lsp.SemanticTokenProvider!;
    const textDocument = { uri: doc.uri.toString() };
    const result = range ? await provider.semanticHighlightRange(doc, { textDocument, range }) : await provider.semanticHighlight(doc, { textDocument });
    const modifierNames = Object.entries(provider.tokenModifiers);
    return SemanticTokensDecoder.decode(result, provider.tokenTypes, doc).map(t => {
        const modifiers = modifierNames.filter(([, bit]) => (t.tokenModifiers & bit) !== 0).map(([m]) => `+${m}`).join('');
        return `${t.text}:${t.tokenType}${modifiers}`;
    });
}

const A = `customer Shopper "Shopper" { segment "Urban"  value high  clv 1450 EUR }
system Oms "Order management" { type erp  approved personal }
information Rec { source Oms  classification personal }
process Refund { owner "Finance"  sla 2d  steps "Scan", "Pay" }
journey Shop {
  customers Shopper
  objective Fast { kpi OnTime { metric percent  current 91%  target >= 97%  due 2027-06-30 } }
  stage Buy { category purchase
    touchpoint Checkout { channel web  systems Oms  emotion -1 }
  }
  moment Paid { at Checkout  kind first  kpis OnTime  recovery Refund }
  pain Slow { at Buy  severity high }
  opportunity Faster { addresses Slow, Paid  improves OnTime }
}
`;

describe('semantic tokens', () => {
    test('each declaration kind has its own token type, on its name (declaration) and on references', async () => {
        const t = await tokens({ 'a.copis': A });
        expect(t).toContain('Shopper:class+declaration');
        expect(t).toContain('Oms:interface+declaration');
        expect(t).toContain('Rec:struct+declaration');
        expect(t).toContain('Refund:function+declaration');
        expect(t).toContain('Shop:namespace+declaration');
        expect(t).toContain('Fast:type+declaration');
        expect(t).toContain('OnTime:variable+declaration');
        expect(t).toContain('Buy:enum+declaration');
        expect(t).toContain('Checkout:method+declaration');
        expect(t).toContain('Paid:event+declaration');
        expect(t).toContain('Slow:parameter+declaration');
        expect(t).toContain('Faster:decorator+declaration');
        // References carry the type of what they name, without the modifier: a customer and a system differ.
        expect(t.filter(x => x.startsWith('Shopper:'))).toEqual(['Shopper:class+declaration', 'Shopper:class']);
        expect(t.filter(x => x.startsWith('Oms:'))).toEqual(['Oms:interface+declaration', 'Oms:interface', 'Oms:interface']);
        expect(t.filter(x => x.startsWith('Slow:'))).toEqual(['Slow:parameter+declaration', 'Slow:parameter']);
        expect(t.filter(x => x.startsWith('Buy:'))).toEqual(['Buy:enum+declaration', 'Buy:enum']);
    });

    test('property keys, enum values, strings, numbers and operators', async () => {
        const t = await tokens({ 'a.copis': A });
        expect(t.slice(0, 9)).toEqual([
            'Shopper:class+declaration', '"Shopper":string', 'segment:property', '"Urban":string', 'value:property', 'high:enumMember',
            'clv:property', '1450:number', 'EUR:number'
        ]);
        expect(t).toContain('approved:property');
        expect(t).toContain('personal:enumMember');
        expect(t).toContain('category:property');
        expect(t).toContain('purchase:enumMember');
        expect(t).toContain('2d:number');
        expect(t).toContain('"Scan":string');
        expect(t).toContain('"Pay":string');
        expect(t).toContain('91%:number');
        expect(t).toContain('>=:operator');
        expect(t).toContain('97%:number');
        expect(t).toContain('2027-06-30:number');
        expect(t).toContain('-1:number');
        expect(t).toContain('severity:property');
        // Declaration keywords and comments stay with the TextMate grammar.
        expect(t.some(x => x.startsWith('customer:') || x.startsWith('journey:'))).toBe(false);
    });

    test('a qualified reference: the qualifier as its journey, the member as its kind', async () => {
        const b = 'journey Other { moment M { kpis Shop.OnTime  recovery Shop.Nowhere } }';
        const t = await tokens({ 'a.copis': A, 'b.copis': b }, 'b.copis');
        expect(t).toEqual([
            'Other:namespace+declaration', 'M:event+declaration', 'kpis:property', 'Shop:namespace', 'OnTime:variable', 'recovery:property'
        ]);
    });

    test('an enum word used as a name is highlighted as a name', async () => {
        const t = await tokens({ 'a.copis': 'journey J { stage S { touchpoint email { channel email } } moment M { at email } }' });
        expect(t).toEqual(['J:namespace+declaration', 'S:enum+declaration', 'email:method+declaration', 'channel:property', 'email:enumMember',
            'M:event+declaration', 'at:property', 'email:method']);
    });

    test('a range request gives the tokens of that range only', async () => {
        const t = await tokens({ 'a.copis': A }, 'a.copis', { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } });
        expect(t).toEqual(['Oms:interface+declaration', '"Order management":string', 'type:property', 'erp:enumMember', 'approved:property', 'personal:enumMember']);
    });

    test('the legend lists the standard types and modifiers', async () => {
        const { Copis } = await lspWorkspace({});
        const legend = Copis.lsp.SemanticTokenProvider!.semanticTokensOptions.legend;
        expect(legend.tokenTypes).toEqual(expect.arrayContaining(['class', 'interface', 'struct', 'namespace', 'enumMember', 'property', 'number', 'string']));
        expect(legend.tokenModifiers).toContain('declaration');
    });

    test('broken text never throws', async () => {
        for (const text of ['journey J { stage S { touchpoint T { channel } moment M { at', 'customer C { clv 12 EUR value } journey . { kpis X. }', '"']) {
            await tokens({ 'a.copis': text });
        }
    });
});
