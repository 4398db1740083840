import { AstUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import * as ast from '../../../language-server/generated/ast.js';
import { idOf } from '../../../language-server/model/build-model.js';
import { enclosingJourney } from '../../../language-server/references/declarations.js';
import { diagnose, loadWorkspace } from '../../helpers.js';
import { diag, parse, pos, summary, targetOf } from '../util.js';

/** Every reference of main.copis, in document order, as `text -> kind id in file` (or `text -> unresolved`). */
async function resolve(text: string, others: Record<string, string> = {}): Promise<string[]> {
    const { document } = await parse(text, others);
    return document.references.map(r => {
        const target = targetOf(r) as ast.Declaration | undefined;
        const file = target ? AstUtils.getDocument(target).uri.path.split('/').pop() : '';
        return `${r.$refText} -> ${target ? `${target.$type} ${idOf(target)} in ${file}` : 'unresolved'}`;
    });
}

async function errors(text: string, others: Record<string, string> = {}) {
    return summary((await diagnose(text, others)).filter(d => d.severity === 1));
}

describe('top-level declarations are visible in every file of the workspace', () => {
    test('references to customers, systems, information, objectives and processes of another file', async () => {
        const shared = `
customer Shopper
system Oms
information Order { source Oms }
objective Growth { kpi Nps { metric nps  target >= 40 } }
process Ship { owner "x" }`;
        const text = `
information Invoice { source Oms }
process Bill { owner "y"  systems Oms  reads Order  supports Growth }
journey J {
  customers Shopper
  stage S { touchpoint T { customers Shopper  processes Ship, Bill  systems Oms  information Order } }
  moment M { at T  kpis Nps  recovery Ship }
}`;
        expect(await resolve(text, { 'shared.copis': shared })).toEqual([
            'Oms -> System Oms in shared.copis',
            'Oms -> System Oms in shared.copis',
            'Order -> Information Order in shared.copis',
            'Growth -> Objective Growth in shared.copis',
            'Shopper -> Customer Shopper in shared.copis',
            'Shopper -> Customer Shopper in shared.copis',
            'Ship -> Process Ship in shared.copis',
            'Bill -> Process Bill in main.copis',
            'Oms -> System Oms in shared.copis',
            'Order -> Information Order in shared.copis',
            'T -> Touchpoint J.T in main.copis',
            'Nps -> Kpi Growth.Nps in shared.copis',
            'Ship -> Process Ship in shared.copis'
        ]);
        expect(await errors(text, { 'shared.copis': shared })).toEqual([]);
    });

    test('a name declared in no file is unresolved', async () => {
        const text = 'journey J { customers Ghost }';
        expect(await diag(text, 'unresolved-reference', { 'other.copis': 'customer Real' })).toMatchObject([{ ...pos(text, 'Ghost'), severity: 'error' }]);
    });
});

describe('journey-local names', () => {
    test('are visible by simple name anywhere in their journey, before or after the declaration', async () => {
        const text = `
journey J {
  moment Early { at Late  kpis Fast  recovery Fix }
  opportunity Idea { addresses Early, Hurts  improves Fast }
  stage S { touchpoint Late { processes Fix } }
  pain Hurts { at S }
  process Fix { owner "x"  supports Goal }
  objective Goal { kpi Fast { metric nps  target >= 1 } }
}`;
        expect(await resolve(text)).toEqual([
            'Late -> Touchpoint J.Late in main.copis',
            'Fast -> Kpi J.Fast in main.copis',
            'Fix -> Process J.Fix in main.copis',
            'Early -> Moment J.Early in main.copis',
            'Hurts -> Pain J.Hurts in main.copis',
            'Fast -> Kpi J.Fast in main.copis',
            'Fix -> Process J.Fix in main.copis',
            'S -> Stage J.S in main.copis',
            'Goal -> Objective J.Goal in main.copis'
        ]);
    });

    test('are not visible by simple name outside their journey', async () => {
        const text = `
journey A { process Pay { owner "x" } }
journey B { stage S { touchpoint T { processes Pay } } }
process Top { owner "y"  supports Goal }
journey C { objective Goal { kpi K { metric nps  target >= 1 } } }`;
        const found = await diag(text, 'unresolved-reference');
        expect(found).toMatchObject([{ ...pos(text, 'Pay', 2), severity: 'error' }, { ...pos(text, 'Goal'), severity: 'error' }]);
    });

    test('are visible as `Journey.Name` from another journey, the top level and another file', async () => {
        const main = `
journey BuyAndReturn {
  objective FastDelivery { kpi OnTime { metric percent  target >= 97% } }
  process Fulfil { owner "Warehouse" }
}
process Audit { owner "QA"  supports BuyAndReturn.FastDelivery }
journey Loyalty {
  stage S { touchpoint T { processes BuyAndReturn.Fulfil } }
  moment M { at T  kpis BuyAndReturn.OnTime }
}`;
        const other = `
journey Elsewhere {
  opportunity O { improves BuyAndReturn.OnTime }
  stage S { touchpoint T { processes BuyAndReturn.Fulfil } }
}`;
        expect(await resolve(main)).toEqual([
            'BuyAndReturn.FastDelivery -> Objective BuyAndReturn.FastDelivery in main.copis',
            'BuyAndReturn.Fulfil -> Process BuyAndReturn.Fulfil in main.copis',
            'T -> Touchpoint Loyalty.T in main.copis',
            'BuyAndReturn.OnTime -> Kpi BuyAndReturn.OnTime in main.copis'
        ]);
        expect(await resolve(other, { 'buy.copis': main })).toEqual([
            'BuyAndReturn.OnTime -> Kpi BuyAndReturn.OnTime in buy.copis',
            'BuyAndReturn.Fulfil -> Process BuyAndReturn.Fulfil in buy.copis'
        ]);
        expect(await errors(other, { 'buy.copis': main })).toEqual([]);
    });

    test('`Journey.Name` of a name the journey does not declare is unresolved', async () => {
        const text = 'journey A { process Pay { owner "x" } }\njourney B { stage S { touchpoint T { processes A.Refund } } }';
        expect(await diag(text, 'unresolved-reference')).toMatchObject([{ ...pos(text, 'A.Refund'), severity: 'error' }]);
    });
});

describe('KPIs of a top-level objective', () => {
    test('are visible as `Objective.Kpi` and by simple name, from any file', async () => {
        const objectives = 'objective Growth { kpi Nps { metric nps  target >= 40 } }';
        const text = `
journey J {
  stage S { touchpoint T }
  moment M { at T  kpis Growth.Nps, Nps }
  opportunity O { addresses M  improves Growth.Nps }
}`;
        expect(await resolve(text, { 'objectives.copis': objectives })).toEqual([
            'T -> Touchpoint J.T in main.copis',
            'Growth.Nps -> Kpi Growth.Nps in objectives.copis',
            'Nps -> Kpi Growth.Nps in objectives.copis',
            'M -> Moment J.M in main.copis',
            'Growth.Nps -> Kpi Growth.Nps in objectives.copis'
        ]);
        expect(await errors(text, { 'objectives.copis': objectives })).toEqual([]);
    });
});

describe('local names shadow global ones only for references of the same kind', () => {
    const text = `
process Fulfil { owner "Central" }
customer Shopper
journey J {
  customers Shopper
  process Fulfil { owner "Local" }
  stage Shopper { touchpoint T { processes Fulfil  customers Shopper } }
  pain P { at Shopper }
}
process Other { owner "x" }
journey K { stage S { touchpoint U { processes Fulfil, J.Fulfil } } }`;

    test('a journey-local process hides the top-level one of that name inside its journey', async () => {
        const { document } = await parse(text);
        const local = targetOf(document.references.find(r => r.$refText === 'Fulfil')!) as ast.Process;
        expect(enclosingJourney(local)?.name).toBe('J');
        expect((await resolve(text))[1]).toBe('Fulfil -> Process J.Fulfil in main.copis');
    });

    test('a journey-local stage does not hide a top-level customer from `customers`, but answers `at`; outside the journey the simple name is the top-level one', async () => {
        expect(await resolve(text)).toEqual([
            'Shopper -> Customer Shopper in main.copis',
            'Fulfil -> Process J.Fulfil in main.copis',
            'Shopper -> Customer Shopper in main.copis',
            'Shopper -> Stage J.Shopper in main.copis',
            'Fulfil -> Process Fulfil in main.copis',
            'J.Fulfil -> Process J.Fulfil in main.copis'
        ]);
        expect(await errors(text)).toEqual([]);
    });
});

describe('a reference to an element of another kind', () => {
    test('says both kinds', async () => {
        const text = `
system Oms
journey J { stage S { touchpoint T }  moment M { at Oms } }`;
        expect((await diag(text, 'wrong-kind')).map(d => d.message)).toEqual(['`Oms` is a system; `at` expects a touchpoint.']);
    });

    test('for a top-level declaration in another file', async () => {
        const text = 'process P { owner "x"  systems Shopper }';
        expect(await diag(text, 'wrong-kind', { 'customers.copis': 'customer Shopper' })).toMatchObject([
            { ...pos(text, 'Shopper'), severity: 'error', message: '`Shopper` is a customer; `systems` expects a system.' }
        ]);
    });

    test('for a qualified journey member', async () => {
        const text = 'journey A { stage S { touchpoint T } }\nprocess P { owner "x"  supports A.T }';
        expect(await diag(text, 'wrong-kind')).toMatchObject([
            { ...pos(text, 'A.T'), severity: 'error', message: '`A.T` is a touchpoint; `supports` expects an objective.' }
        ]);
    });
});

describe('did-you-mean suggests only names of the right kind', () => {
    test('the closest visible name of the expected kind', async () => {
        const text = `
customer Shopper
system Shop
journey J { customers Shoper }`;
        expect((await diag(text, 'unresolved-reference')).map(d => d.message)).toEqual(['`Shoper` is not declared; did you mean `Shopper`?']);
    });

    test('a closer name of another kind is passed over for a farther one of the right kind', async () => {
        const text = `
system Checkout
journey J { stage S { touchpoint Checkouts }  moment M { at Chekout } }`;
        expect((await diag(text, 'unresolved-reference')).map(d => d.message)).toEqual(['`Chekout` is not declared; did you mean `Checkouts`?']);
    });

    test('a close name of another kind only is not suggested', async () => {
        const text = `
system Storefront
journey J { stage S { touchpoint T }  moment M { at Storefrnt } }`;
        const found = await diag(text, 'unresolved-reference');
        expect(found).toHaveLength(1);
        expect(found[0].message).not.toContain('Storefront');
        expect(found[0].message).toContain('`at` expects a touchpoint');
    });

    test('a misspelt qualified name is matched against qualified names', async () => {
        const text = `
journey A { process Refund { owner "x" } }
journey B { stage S { touchpoint T { processes A.Refnd } } }`;
        expect((await diag(text, 'unresolved-reference')).map(d => d.message)).toEqual(['`A.Refnd` is not declared; did you mean `A.Refund`?']);
    });

    test('names from another file are suggested', async () => {
        const text = 'journey J { customers Gifterr }';
        expect((await diag(text, 'unresolved-reference', { 'c.copis': 'customer Gifter' })).map(d => d.message))
            .toEqual(['`Gifterr` is not declared; did you mean `Gifter`?']);
    });
});

describe('duplicate names across files', () => {
    test('two files declaring one top-level name: reported in the later file', async () => {
        const text = '\n\ncustomer Shopper';
        const found = await diag(text, 'duplicate-name', { 'a.copis': 'customer Shopper' });
        expect(found).toMatchObject([{ ...pos(text, 'Shopper'), severity: 'error', message: expect.stringContaining('a.copis:1') }]);
    });

    test('every declaration after the first (in workspace order) is reported, in its own file', async () => {
        const { documents } = await loadWorkspace([
            { uri: 'file:///test/a.copis', text: 'system Oms' },
            { uri: 'file:///test/b.copis', text: 'customer Oms' },
            { uri: 'file:///test/c.copis', text: 'process Oms { owner "x" }' }
        ]);
        const byFile = documents.map(d => (d.diagnostics ?? []).filter(x => x.code === 'duplicate-name').length);
        expect(byFile).toEqual([0, 1, 1]);
    });

    test('journey members with the same name in different files do not collide', async () => {
        const text = 'journey A { stage S { touchpoint T } }';
        expect(await diag(text, 'duplicate-name', { 'b.copis': 'journey B { stage S { touchpoint T } }' })).toEqual([]);
    });
});

test('every reference kind of the grammar resolves through the same scopes', async () => {
    const { document } = await parse(`
customer C
system S
information I { source S }
objective O { for C  kpi K { metric nps  target >= 1 } }
process P { owner "x"  systems S  reads I  writes I  supports O }
journey J {
  customers C
  stage St { touchpoint T { customers C  processes P  systems S  information I } }
  moment M { at T  customers C  kpis K  recovery P }
  pain X { at St }
  opportunity Y { addresses X, M  improves O.K }
}`);
    const types = document.references.map(r => `${r.$refText}:${(targetOf(r) as ast.Declaration | undefined)?.$type ?? 'unresolved'}`);
    expect(types).toEqual([
        'S:System', 'C:Customer', 'S:System', 'I:Information', 'I:Information', 'O:Objective',
        'C:Customer', 'C:Customer', 'P:Process', 'S:System', 'I:Information',
        'T:Touchpoint', 'C:Customer', 'K:Kpi', 'P:Process', 'St:Stage', 'X:Pain', 'M:Moment', 'O.K:Kpi'
    ]);
});

describe('did-you-mean across journeys', () => {
    test('a simple name close to a member of another journey suggests its qualified name', async () => {
        const text = `
journey A { process Pay { owner "x" } }
journey B { stage S { touchpoint T { processes Pai } } }`;
        const found = (await diagnose(text)).filter(d => d.code === 'unresolved-reference');
        expect(found.map(d => d.message)).toEqual(['`Pai` is not declared; did you mean `A.Pay`?']);
    });

    test('inside the journey, the local name is suggested, not its qualified twin', async () => {
        const text = `journey A { process Pay { owner "x" }  stage S { touchpoint T { processes Pai } } }`;
        const found = (await diagnose(text)).filter(d => d.code === 'unresolved-reference');
        expect(found.map(d => d.message)).toEqual(['`Pai` is not declared; did you mean `Pay`?']);
    });
});
