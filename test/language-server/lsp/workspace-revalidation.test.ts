import { DocumentState } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CopisServices } from '../../../language-server/copis-module.js';
import { editableLspServices } from './lsp-workspace.js';

/** A workspace whose files can be edited, as the editor would, followed by Langium's incremental update. */
async function workspace(files: Record<string, string>) {
    const { shared, doc, build, edit } = editableLspServices(files, { settleTimeout: 5000 });
    await build();
    const codes = (name: string) => (doc(name).diagnostics ?? []).map(d => d.code);
    const state = (name: string) => doc(name).state;
    const messages = (name: string) => (doc(name).diagnostics ?? []).map(d => `${String(d.code)}: ${d.message}`);
    const facts = (shared.ServiceRegistry.all[0] as CopisServices).validation.WorkspaceFacts;
    return { codes, edit, state, messages, facts };
}

const journeyWithout = 'journey J { customers Other  stage S { category usage  touchpoint T { channel web } } }';
const journeyWith = 'journey J { customers Other, Shopper  stage S { category usage  touchpoint T { channel web } } }';

describe('workspace-wide diagnostics stay fresh in the editor', () => {
    test('a customer becomes used in another file that does not refer to its file: unused-declaration goes away, and comes back', async () => {
        const ws = await workspace({ 'a.copis': 'customer Shopper\ncustomer Other', 'b.copis': journeyWithout });
        expect(ws.codes('a.copis')).toEqual(['unused-declaration']);
        await ws.edit('b.copis', journeyWith);
        expect(ws.codes('a.copis')).toEqual([]);
        expect(ws.state('a.copis')).toBe(DocumentState.Validated);
        await ws.edit('b.copis', journeyWithout);
        expect(ws.codes('a.copis')).toEqual(['unused-declaration']);
    });

    test('an opportunity in another file starts improving a missed KPI: kpi-miss-unaddressed goes away, and comes back', async () => {
        const kpiFile = 'objective O { kpi K { metric nps  current 10  target >= 20 } }';
        const measured = 'journey J { customers C  stage S { touchpoint T { channel web } }  moment M { at T  kpis K } }\ncustomer C';
        const improved = 'journey J { customers C  stage S { touchpoint T { channel web } }  moment M { at T  kpis K }  opportunity Fix { addresses M  improves K } }\ncustomer C';
        const ws = await workspace({ 'a.copis': kpiFile, 'b.copis': measured });
        expect(ws.codes('a.copis')).toEqual(['kpi-off-target', 'kpi-miss-unaddressed']);
        await ws.edit('b.copis', improved);
        expect(ws.codes('a.copis')).toEqual(['kpi-off-target']);
        await ws.edit('b.copis', measured);
        expect(ws.codes('a.copis')).toEqual(['kpi-off-target', 'kpi-miss-unaddressed']);
    });

    test('another file starts declaring the same name: duplicate-name appears where it belongs', async () => {
        const ws = await workspace({ 'a.copis': 'system Oms { owner "IT" }', 'b.copis': 'system Crm { owner "IT" }', 'c.copis': 'information X { source Oms }\ninformation Y { source Crm }' });
        expect(ws.codes('b.copis')).toEqual([]);
        await ws.edit('a.copis', 'system Oms { owner "IT" }\nsystem Crm { owner "IT" }');
        // a.copis sorts first: b.copis holds the second declaration and must now say so, though it was not edited.
        // c.copis's `source Crm` now resolves to the first (a.copis's), so b.copis's is unused, as in a fresh build.
        expect(ws.codes('b.copis')).toEqual(['duplicate-name', 'unused-declaration']);
    });

    test('a CLV changed in one file: the tier check of a customer in another file follows', async () => {
        const ws = await workspace({
            'a.copis': 'customer Gold { value high  clv 500 EUR }',
            'b.copis': 'customer Bronze { value low  clv 100 EUR }',
            'c.copis': 'journey J { customers Gold, Bronze  stage S { category usage  touchpoint T { channel web } } }'
        });
        expect(ws.codes('a.copis')).toEqual([]);
        await ws.edit('b.copis', 'customer Bronze { value low  clv 900 EUR }');
        expect(ws.codes('a.copis')).toEqual(['clv-tier-mismatch']);
        await ws.edit('b.copis', 'customer Bronze { value low  clv 90 EUR }');
        expect(ws.codes('a.copis')).toEqual([]);
    });

    test('lines added above a name declared twice: the other file\'s message points to the new line', async () => {
        const ws = await workspace({ 'a.copis': 'system Crm { owner "IT" }', 'b.copis': 'system Crm { owner "Sales" }' });
        const duplicate = () => ws.messages('b.copis').filter(m => m.startsWith('duplicate-name'));
        expect(duplicate()).toEqual([expect.stringMatching(/a\.copis:1\)/)]);
        await ws.edit('a.copis', '// systems\n\nsystem Crm { owner "IT" }');
        expect(duplicate()).toEqual([expect.stringMatching(/a\.copis:3\)/)]);
    });

    test('an edit that changes nothing other files read (a title, a comment) does not re-check them', async () => {
        const ws = await workspace({ 'a.copis': 'customer Shopper "Shopper"', 'b.copis': journeyWith.replace('Other, ', ''), 'c.copis': 'system Crm "CRM"' });
        const checked: string[] = [];
        const signature = ws.facts.signature.bind(ws.facts);
        ws.facts.signature = document => (checked.push(document.uri.path), signature(document));
        await ws.edit('a.copis', 'customer Shopper "Online shopper" // renamed title');
        // b.copis refers to a.copis: Langium links it again, so it is validated; c.copis is left alone
        expect(checked.sort()).toEqual(['/ws/a.copis', '/ws/b.copis']);
        checked.length = 0;
        // a new reference to another file's declaration: the others are compared again
        await ws.edit('b.copis', journeyWith.replace('Other, ', '').replace('channel web', 'channel web  systems Crm'));
        expect(checked).toEqual(expect.arrayContaining(['/ws/a.copis', '/ws/c.copis']));
        expect(ws.codes('c.copis')).toEqual([]);
    });
});
