import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../helpers.js';
import { diag, pos } from '../util.js';

describe('classification-breach', () => {
    test('information more sensitive than its source is approved for: on the information\'s classification', async () => {
        const text = `
system Crm { approved internal }
information Health { source Crm  classification sensitive }`;
        const found = await diag(text, 'classification-breach');
        expect(found).toMatchObject([{ ...pos(text, 'sensitive'), severity: 'error', message: expect.stringContaining('`Health`') }]);
        expect(found[0].message).toContain('`Crm`');
        expect(found[0].message).toContain('internal');
    });

    test('every level above the approval breaches it; the approval and below do not', async () => {
        const levels = ['public', 'internal', 'confidential', 'personal', 'sensitive'];
        for (const [a, approved] of levels.entries()) {
            for (const [c, classification] of levels.entries()) {
                const text = `system S { approved ${approved} }\ninformation I { source S  classification ${classification} }`;
                expect(await diag(text, 'classification-breach'), `${classification} on ${approved}`).toHaveLength(c > a ? 1 : 0);
            }
        }
    });

    test('with the source system in another file', async () => {
        const text = 'information Health { source Crm  classification sensitive }';
        expect(await diag(text, 'classification-breach', { 'systems.copis': 'system Crm { approved personal }' }))
            .toMatchObject([{ ...pos(text, 'sensitive'), severity: 'error' }]);
    });

    test('not when the system has no `approved`', async () => {
        const text = 'system Crm { type crm }\ninformation Health { source Crm  classification sensitive }';
        expect(await diag(text, 'classification-breach')).toEqual([]);
    });

    test('not for information without classification', async () => {
        const text = 'system Crm { approved public }\ninformation Notes { source Crm }';
        expect(await diag(text, 'classification-breach')).toEqual([]);
    });
});

describe('personal-data-without-source', () => {
    for (const classification of ['personal', 'sensitive']) {
        test(`${classification} information without a system of record: on its name`, async () => {
            const text = `information Data { classification ${classification}  owner "x" }`;
            expect(await diag(text, 'personal-data-without-source')).toMatchObject([
                { ...pos(text, 'Data'), severity: 'warning', message: expect.stringContaining('`Data`') }
            ]);
        });
    }

    test('not for less sensitive information, nor with a source', async () => {
        for (const text of [
            'information Data { classification confidential }', 'information Data { classification public }', 'information Data',
            'system S\ninformation Data { classification sensitive  source S }'
        ]) {
            expect(await diag(text, 'personal-data-without-source'), text).toEqual([]);
        }
    });
});

describe('clv-tier-mismatch', () => {
    test('a higher-tier customer with a lower CLV than a lower-tier one: on the higher-tier customer\'s clv', async () => {
        const text = `
customer Silver { value medium  clv 500 EUR }
customer Gold { value high  clv 100 EUR }`;
        const found = await diag(text, 'clv-tier-mismatch');
        expect(found).toMatchObject([{ ...pos(text, '100 EUR'), severity: 'warning', message: expect.stringContaining('`Gold`') }]);
        expect(found[0].message).toContain('`Silver`');
    });

    test('across two tiers, and from another file', async () => {
        const text = 'customer Gold { value high  clv 100 EUR }';
        expect(await diag(text, 'clv-tier-mismatch', { 'others.copis': 'customer Bronze { value low  clv 200 EUR }' }))
            .toMatchObject([{ ...pos(text, '100 EUR'), severity: 'warning', message: expect.stringContaining('`Bronze`') }]);
    });

    test('not on the lower-tier customer', async () => {
        const text = 'customer Bronze { value low  clv 200 EUR }';
        expect(await diag(text, 'clv-tier-mismatch', { 'others.copis': 'customer Gold { value high  clv 100 EUR }' })).toEqual([]);
    });

    test('not across different currencies', async () => {
        const text = 'customer Silver { value medium  clv 500 USD }\ncustomer Gold { value high  clv 100 EUR }';
        expect(await diag(text, 'clv-tier-mismatch')).toEqual([]);
    });

    test('of lower-tier customers with the same CLV in several files, the one first in workspace order (files by URI, localeCompare), however the files were loaded', async () => {
        // localeCompare puts `a.copis` before `B.copis`; code-unit order and two of the load orders put it after.
        const files = [
            { uri: 'file:///ws/B.copis', text: 'customer Beta { value low  clv 500 EUR }' },
            { uri: 'file:///ws/a.copis', text: 'customer Alpha { value low  clv 500 EUR }' },
            { uri: 'file:///ws/c.copis', text: 'customer Gold { value high  clv 100 EUR }' },
            { uri: 'file:///ws/D.copis', text: 'customer Delta { value medium  clv 500 EUR }' }
        ];
        expect('file:///ws/a.copis'.localeCompare('file:///ws/B.copis')).toBeLessThan(0);
        for (const order of [[0, 1, 2, 3], [1, 0, 2, 3], [2, 3, 0, 1], [3, 2, 1, 0]]) {
            for (const batch of [true, false]) {
                const { documents } = await loadWorkspace(order.map(i => files[i]), { batch });
                const byUri = new Map(documents.map(d => [d.uri.toString(), (d.diagnostics ?? []).filter(x => x.code === 'clv-tier-mismatch').map(x => x.message)]));
                const what = `${order.join(',')} batch ${batch}`;
                expect(byUri.get('file:///ws/c.copis'), what).toEqual([expect.stringContaining('less than `Alpha` (low tier, 500 EUR)')]);
                expect(byUri.get('file:///ws/D.copis'), what).toEqual([]);
            }
        }
    });

    test('not for CLVs in tier order, equal CLVs, the same tier, or a customer without tier or CLV', async () => {
        for (const text of [
            'customer Silver { value medium  clv 500 EUR }\ncustomer Gold { value high  clv 900 EUR }',
            'customer Silver { value medium  clv 500 EUR }\ncustomer Gold { value high  clv 500 EUR }',
            'customer A { value high  clv 500 EUR }\ncustomer B { value high  clv 100 EUR }',
            'customer Silver { clv 500 EUR }\ncustomer Gold { value high  clv 100 EUR }',
            'customer Silver { value medium  clv 500 EUR }\ncustomer Gold { value high }'
        ]) {
            expect(await diag(text, 'clv-tier-mismatch'), text).toEqual([]);
        }
    });
});

describe('high-value-uncovered', () => {
    test('a `value high` customer that nothing names: on its name', async () => {
        const text = 'customer Vip { value high }';
        expect(await diag(text, 'high-value-uncovered')).toMatchObject([
            { ...pos(text, 'Vip'), severity: 'warning', message: expect.stringContaining('`Vip`') }
        ]);
        // One root cause: not also unused-declaration.
        expect(await diag(text, 'unused-declaration')).toEqual([]);
    });

    test('not when a journey, an objective or a moment names it (in any file)', async () => {
        const text = 'customer Vip { value high }';
        for (const other of [
            'journey J { customers Vip }',
            'objective O { for Vip  kpi K { metric nps  target >= 1 } }',
            'journey J { objective O { for Vip } }',
            'journey J { stage S { touchpoint T }  moment M { at T  customers Vip } }'
        ]) {
            expect(await diag(text, 'high-value-uncovered', { 'other.copis': other }), other).toEqual([]);
        }
    });

    test('not for medium or low customers', async () => {
        expect(await diag('customer A { value medium }\ncustomer B { value low }\ncustomer D', 'high-value-uncovered')).toEqual([]);
    });
});

describe('unused-declaration', () => {
    test('a customer, system, information, process or objective that nothing refers to: on its name', async () => {
        const text = `
customer Cust
system Sys
information Info
process Proc { owner "x" }
objective Obj { kpi K { metric nps  target >= 1 } }
journey J {
  process LocalProc { owner "x" }
  objective LocalObj { kpi L { metric nps  target >= 1 } }
}`;
        const found = await diag(text, 'unused-declaration');
        const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
        expect(found.map(d => ({ line: d.line, column: d.column, severity: d.severity })).sort(byLine)).toEqual(
            ['Cust', 'Sys', 'Info', 'Proc {', 'Obj {', 'LocalProc', 'LocalObj'].map(n => ({ ...pos(text, n), severity: 'information' })));
        expect(found[0].message).toContain('`Cust`');
    });

    test('journeys, KPIs, stages, touchpoints, moments, pains and opportunities are not reported', async () => {
        const text = `journey J {
  objective O { kpi K { metric nps  target >= 1 } }
  process P { owner "x"  supports O }
  stage S { touchpoint T { processes P } }
  moment M { at T }
  pain X { at T }
  opportunity Y { addresses X }
}`;
        expect(await diag(text, 'unused-declaration')).toEqual([]);
    });

    test('not when something refers to it, from any file', async () => {
        const text = `
customer Cust
system Sys
information Info
process Proc { owner "x" }
objective Obj { kpi K { metric nps  target >= 1 } }`;
        const other = `
journey J {
  customers Cust
  stage S { touchpoint T { processes Proc  information Info } }
}
process Other { owner "y"  systems Sys  supports Obj }`;
        expect(await diag(text, 'unused-declaration', { 'other.copis': other })).toEqual([]);
    });

    test('an objective is used when one of its KPIs is measured', async () => {
        const text = `
objective Top { kpi TopNps { metric nps  target >= 1 } }
journey J {
  objective Local { kpi Fast { metric nps  target >= 1 } }
  stage S { touchpoint T }
  moment M { at T  kpis Fast, TopNps }
}`;
        expect(await diag(text, 'unused-declaration')).toEqual([]);
    });

    test('a misspelt reference leaves only its likely target silent', async () => {
        const text = `
system Shop
system Warehouse
customer Shopper
process P { owner "x"  systems Shopp, Zzz }
journey J { customers Shopper  stage S { touchpoint T { processes P } } }`;
        // `Shopp` may mean `Shop`; nothing suggests `Warehouse`. `Shopper` is a customer: a system reference cannot mean it.
        expect((await diag(text, 'unused-declaration')).map(d => d.message)).toEqual(['System `Warehouse` is not used anywhere; refer to it, or remove it.']);
        const other = 'system Shop\njourney J { customers Shopp }';
        expect(await diag(other, 'unused-declaration')).toMatchObject([{ ...pos(other, 'Shop'), severity: 'information' }]);
    });

    test('an information\'s `source` uses the system; a process `reads`/`writes` use the information', async () => {
        const text = `
system Sys
information Info { source Sys }
information Written
journey J { customers C  stage S { touchpoint T { processes P } }  process P { owner "x"  reads Info  writes Written } }
customer C`;
        expect(await diag(text, 'unused-declaration')).toEqual([]);
    });
});
