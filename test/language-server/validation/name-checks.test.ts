import { describe, expect, test } from 'vitest';
import { diag, pos } from '../util.js';

describe('duplicate-name', () => {
    test('two top-level declarations with one name in one file: on the second, naming the first', async () => {
        const text = `
customer Shopper
system Shopper`;
        const found = await diag(text, 'duplicate-name');
        expect(found).toMatchObject([{ ...pos(text, 'Shopper', 2), severity: 'error', message: expect.stringContaining('`Shopper`') }]);
        expect(found[0].message).toContain('customer');
        expect(found[0].message).toContain('line 2');
    });

    test('every declaration after the first', async () => {
        const text = 'process P { owner "a" }\nprocess P { owner "b" }\nprocess P { owner "c" }';
        const found = await diag(text, 'duplicate-name');
        expect(found.map(d => d.line)).toEqual([2, 3]);
    });

    test('across files of the workspace: on the later one, naming the file of the first', async () => {
        const text = 'system Oms { type erp }';
        const found = await diag(text, 'duplicate-name', { 'a-first.copis': '\nsystem Oms { type crm }' });
        expect(found).toMatchObject([{ ...pos(text, 'Oms'), severity: 'error' }]);
        expect(found[0].message).toContain('a-first.copis:2');
    });

    test('a top-level objective\'s KPI shares the top-level scope', async () => {
        const text = 'objective O { kpi Nps { metric nps  target >= 1 } }\ncustomer Nps';
        expect(await diag(text, 'duplicate-name')).toMatchObject([{ ...pos(text, 'Nps', 2), severity: 'error' }]);
    });

    test('two declarations with one name in one journey, at any depth and of any kinds', async () => {
        const text = `
journey J {
  objective Goal { kpi Fast { metric nps  target >= 1 } }
  stage Buy { touchpoint Fast }
  moment Buy { at Fast }
}`;
        const found = await diag(text, 'duplicate-name');
        expect(found).toMatchObject([
            { ...pos(text, 'Fast', 2), severity: 'error', message: expect.stringContaining('journey `J`') },
            { ...pos(text, 'Buy', 2), severity: 'error' }
        ]);
    });

    test('not for the same name in two journeys', async () => {
        const text = `
journey A { stage Buy { touchpoint Pay } }
journey B { stage Buy { touchpoint Pay } }`;
        expect(await diag(text, 'duplicate-name')).toEqual([]);
    });

    test('not for a journey-local name equal to a top-level one (that is shadowed-name)', async () => {
        const text = 'process Pay { owner "x" }\njourney J { process Pay { owner "y" } }';
        expect(await diag(text, 'duplicate-name')).toEqual([]);
    });
});

describe('shadowed-name', () => {
    test('a journey-local name that hides a top-level declaration: on the journey-local one', async () => {
        const text = `
process Fulfil { owner "Central" }
journey J {
  process Fulfil { owner "Local" }
}`;
        const found = await diag(text, 'shadowed-name');
        expect(found).toMatchObject([{
            ...pos(text, 'Fulfil', 2), severity: 'warning',
            message: 'Process `Fulfil` hides the top-level process `Fulfil` inside journey `J`; rename it to keep both reachable.'
        }]);
    });

    test('also when the top-level declaration is in another file', async () => {
        const text = 'journey J { objective Growth { kpi K { metric nps  target >= 1 } } }';
        expect(await diag(text, 'shadowed-name', { 'objectives.copis': 'objective Growth { kpi G { metric nps  target >= 1 } }' }))
            .toMatchObject([{ ...pos(text, 'Growth'), severity: 'warning' }]);
    });

    test('not when no top-level declaration has the name', async () => {
        const text = 'process Central { owner "x" }\njourney J { process Fulfil { owner "y" } }';
        expect(await diag(text, 'shadowed-name')).toEqual([]);
    });

    test('not on the top-level declaration itself', async () => {
        const text = 'process Fulfil { owner "x" }';
        expect(await diag(text, 'shadowed-name', { 'journey.copis': 'journey J { process Fulfil { owner "y" } }' })).toEqual([]);
    });
});
