import { describe, expect, it } from 'vitest';
import { BUY, SHARED, changeList, diffOf, edit, journey } from '../models.js';

const base = { 'shared.copis': SHARED, 'buy.copis': BUY };
const withBuy = (buy: string) => ({ 'shared.copis': SHARED, 'buy.copis': buy });
const withShared = (shared: string) => ({ 'shared.copis': shared, 'buy.copis': BUY });

describe('compareWorkspaces: nothing changed', () => {
    it('finds nothing between a workspace and itself', async () => {
        const diff = await diffOf(base, base);
        expect(diff.journeys).toEqual([]);
        expect(diff.elements).toEqual([]);
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(diff.notCompared).toEqual([]);
    });

    it('finds nothing when only layout, comments and the form of equal values changed', async () => {
        const head = withBuy(edit(BUY,
            ['sla 48h', 'sla 2d'],
            ['current 98%', 'current 98.0%'],
            ['  stage Browse', '  // browsing first\n\n\n  stage Browse'],
            ['{ channel web  systems Shop  emotion 1 }', '{\n      emotion 1\n      systems Shop\n      channel web\n    }'],
            ['customers Shopper, Gifter', 'customers Gifter, Shopper']));
        const diff = await diffOf(base, head);
        expect(diff.journeys).toEqual([]);
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
    });

    it('finds nothing when declarations move between the files of the workspace', async () => {
        const [customers, rest] = [SHARED.split('\n').slice(0, 2).join('\n'), SHARED.split('\n').slice(2).join('\n')];
        const head = { 'people.copis': customers, 'journeys/buy.copis': rest + '\n' + BUY };
        const diff = await diffOf(base, head);
        expect(diff.journeys).toEqual([]);
        expect(diff.elements).toEqual([]);
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
    });
});

describe('compareWorkspaces: journey members', () => {
    it('reports a touchpoint property from what to what', async () => {
        const diff = await diffOf(base, withBuy(edit(BUY, ['channel web  processes Pay  information Order  emotion -1', 'channel mobile  processes Pay  information Order  emotion 1'])));
        const buy = journey(diff, 'Buy');
        expect(buy.change).toBe('changed');
        expect(buy.elements).toEqual([expect.objectContaining({
            change: 'changed', kind: 'touchpoint', id: 'Buy.Checkout', name: 'Checkout', title: 'Checkout', parent: 'Buy.Purchase',
            properties: [{ property: 'channel', from: 'web', to: 'mobile' }, { property: 'emotion', from: '-1', to: '1' }],
            file: 'buy.copis'
        })]);
    });

    it('reports touchpoints added and removed, with their stage', async () => {
        const head = edit(BUY,
            ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n', ''],
            ['touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }', 'touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }\n    touchpoint Survey "Delivery survey" { channel email  emotion 0 }']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(changeList(buy.elements)).toEqual(['removed touchpoint Buy.Confirm', 'added touchpoint Buy.Survey']);
        expect(buy.elements[0]).toMatchObject({ parent: 'Buy.Purchase', properties: [] });
        expect(buy.elements[1]).toMatchObject({ parent: 'Buy.Receive', title: 'Delivery survey' });
    });

    it('reports a touchpoint moved to another stage, with what else changed', async () => {
        const head = edit(BUY,
            ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n', ''],
            ['touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }', 'touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 0 }\n    touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({
            change: 'moved', id: 'Buy.Confirm', moved: { from: 'Buy.Purchase', to: 'Buy.Receive' },
            properties: [{ property: 'emotion', from: '1', to: '0' }]
        })]);
    });

    it('reports moments, pains and opportunities property by property, references as ids', async () => {
        const head = edit(BUY,
            ['moment Arrives "Parcel arrives" { at Parcel  kind actual  polarity positive  impact high  kpis OnTime  owner "Logistics" }',
                'moment Arrives "Parcel arrives" { at Checkout  kind first  polarity mixed  impact critical  kpis OnTime, Nps }'],
            ['severity high', 'severity critical'],
            ['addresses SlowPay  improves Nps', 'addresses SlowPay, Arrives  improves Nps']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(changeList(buy.elements)).toEqual(['changed moment Buy.Arrives', 'changed pain Buy.SlowPay', 'changed opportunity Buy.OneClick']);
        expect(buy.elements[0].properties).toEqual([
            { property: 'at', from: ['Buy.Parcel'], to: ['Buy.Checkout'] },
            { property: 'kind', from: 'actual', to: 'first' },
            { property: 'polarity', from: 'positive', to: 'mixed' },
            { property: 'impact', from: 'high', to: 'critical' },
            { property: 'kpis', from: ['Buy.OnTime'], to: ['Buy.Nps', 'Buy.OnTime'] },
            { property: 'owner', from: 'Logistics' }
        ]);
        expect(buy.elements[1].properties).toEqual([{ property: 'severity', from: 'high', to: 'critical' }]);
        expect(buy.elements[2].properties).toEqual([{ property: 'addresses', from: ['Buy.SlowPay'], to: ['Buy.Arrives', 'Buy.SlowPay'] }]);
    });

    it('reports a KPI that went from met to missed, and one from missed to met', async () => {
        const head = edit(BUY, ['current 98%  target >= 97%', 'current 95%  target >= 97%'], ['current 30  target >= 45', 'current 30  target >= 25']);
        const diff = await diffOf(base, withBuy(head));
        const buy = journey(diff, 'Buy');
        expect(buy.elements).toEqual([
            expect.objectContaining({ id: 'Buy.OnTime', kind: 'kpi', parent: 'Buy.Deliver', status: { from: 'met', to: 'missed' }, kpi: 'missed', properties: [{ property: 'current', from: '98%', to: '95%' }] }),
            expect.objectContaining({ id: 'Buy.Nps', status: { from: 'missed', to: 'met' }, kpi: 'met', properties: [{ property: 'target', from: '≥ 45', to: '≥ 25' }] })
        ]);
        expect(diff.summary.kpis).toEqual({ nowMissed: 1, nowMet: 1, actualChanged: 0 });
    });

    it('reports a KPI moved to another objective of its journey', async () => {
        const head = edit(BUY,
            ['    kpi Nps "Delivery NPS" { metric nps  current 30  target >= 45 }\n', ''],
            ['kpi Conversion "Conversion" { metric conversion  current 3.4%  target >= 3.2% }', 'kpi Conversion "Conversion" { metric conversion  current 3.4%  target >= 3.2% }\n    kpi Nps "Delivery NPS" { metric nps  current 30  target >= 45 }']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({ change: 'moved', id: 'Buy.Nps', moved: { from: 'Buy.Deliver', to: 'Buy.Convert' }, properties: [] })]);
    });

    it("reports a KPI's direction as `better` when its metric turns it", async () => {
        const head = edit(BUY, ['kpi Nps "Delivery NPS" { metric nps  current 30  target >= 45 }', 'kpi Nps "Delivery NPS" { metric churn  current 30%  target <= 45% }']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({
            id: 'Buy.Nps', status: { from: 'missed', to: 'met' },
            properties: [{ property: 'metric', from: 'nps', to: 'churn' }, { property: 'better', from: 'higher', to: 'lower' }, { property: 'current', from: '30', to: '30%' }, { property: 'target', from: '≥ 45', to: '≤ 45%' }]
        })]);
    });

    it('reports objectives and journey processes property by property', async () => {
        const head = edit(BUY, ['for Shopper', 'for Shopper, Gifter'], ['lane backstage  systems Oms  reads Order', 'lane support  systems Oms, Shop  reads Order']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([
            expect.objectContaining({ change: 'changed', kind: 'objective', id: 'Buy.Deliver', properties: [{ property: 'for', from: ['Shopper'], to: ['Gifter', 'Shopper'] }] }),
            expect.objectContaining({ change: 'changed', kind: 'process', id: 'Buy.Ship', properties: [{ property: 'lane', from: 'backstage', to: 'support' }, { property: 'systems', from: ['Oms'], to: ['Oms', 'Shop'] }] })
        ]);
    });

    it('reports the order of stages, and of touchpoints within a stage, as the names in order', async () => {
        const browse = '  stage Browse "Browse" { category consideration\n    touchpoint Page "Product page" { channel web  systems Shop  emotion 1 }\n  }\n';
        const head = edit(BUY, [browse, ''], ['  stage Receive', browse + '  stage Receive'],
            ['    touchpoint Checkout "Checkout" { channel web  processes Pay  information Order  emotion -1 }\n    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }',
                '    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n    touchpoint Checkout "Checkout" { channel web  processes Pay  information Order  emotion -1 }']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.properties).toEqual([{ property: 'stage order', from: 'Browse, Purchase, Receive', to: 'Purchase, Browse, Receive' }]);
        expect(buy.elements).toEqual([expect.objectContaining({ change: 'changed', kind: 'stage', id: 'Buy.Purchase', properties: [{ property: 'touchpoint order', from: 'Checkout, Confirm', to: 'Confirm, Checkout' }] })]);
    });

    it('does not call an insertion a change of order', async () => {
        const head = edit(BUY, ['  stage Browse', '  stage Discover "Discover" { category awareness\n    touchpoint Ad "Ad" { channel social  emotion 0 }\n  }\n  stage Browse']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.properties).toEqual([]);
        expect(changeList(buy.elements)).toEqual(['added stage Buy.Discover', 'added touchpoint Buy.Ad']);
    });

    it("reports the journey's customers once, not on every touchpoint that inherits them", async () => {
        const diff = await diffOf(base, withBuy(edit(BUY, ['customers Shopper, Gifter', 'customers Shopper'])));
        const buy = journey(diff, 'Buy');
        expect(buy.properties).toEqual([{ property: 'customers', from: ['Gifter', 'Shopper'], to: ['Shopper'] }]);
        expect(buy.elements).toEqual([]);
    });

    it('reports customers a touchpoint names itself', async () => {
        const head = edit(BUY, ['channel mail  processes Ship  emotion 2', 'channel mail  customers Shopper  processes Ship  emotion 2']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({ id: 'Buy.Parcel', properties: [{ property: 'customers', from: ['Gifter', 'Shopper'], to: ['Shopper'] }] })]);
    });

    it('reports titles and doc comments', async () => {
        const head = edit(BUY, ['stage Receive "Delivery"', '/** Where the parcel arrives. */\n  stage Receive "Receive the parcel"']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({ id: 'Buy.Receive', properties: [{ property: 'title', from: 'Delivery', to: 'Receive the parcel' }, { property: 'doc comment', to: 'Where the parcel arrives.' }] })]);
    });

    it('lists a journey added or removed with the number of its members, not each member', async () => {
        const other = edit(BUY, ['journey Buy "Buy online"', 'journey Again "Buy again"']);
        const added = await diffOf(base, { ...base, 'again.copis': other });
        expect(added.journeys).toEqual([expect.objectContaining({ id: 'Again', change: 'added', elements: [], members: { objective: 2, kpi: 3, process: 2, stage: 3, touchpoint: 4, moment: 1, pain: 1, opportunity: 1 } })]);
        expect(added.summary.journeys).toEqual({ added: 1, removed: 0, renamed: 0, changed: 0 });
        expect(added.summary.elements).toEqual({ added: 0, removed: 0, renamed: 0, moved: 0, changed: 0 });
        const removed = await diffOf({ ...base, 'again.copis': other }, base);
        expect(removed.journeys).toEqual([expect.objectContaining({ id: 'Again', change: 'removed', members: expect.objectContaining({ touchpoint: 4 }) })]);
    });
});

describe('compareWorkspaces: top-level declarations', () => {
    it('reports customers, systems, information and processes changed, added and removed', async () => {
        const head = edit(SHARED,
            ['clv 1450 EUR', 'clv 1600 EUR'],
            ['owner "IT"', 'owner "Platform"'],
            ['classification personal', 'classification sensitive'],
            ['lane support  systems Shop', 'lane support  systems Shop, Oms'],
            ['customer Gifter "Gift buyer" { value medium  clv 300 EUR }\n', ''])
            + 'system Crm "CRM" { type crm  owner "Sales" }\n';
        const diff = await diffOf(withShared(SHARED), { 'shared.copis': head, 'buy.copis': edit(BUY, ['customers Shopper, Gifter', 'customers Shopper'], ['for Gifter', 'for Shopper']) });
        expect(changeList(diff.elements)).toEqual(['changed customer Shopper', 'removed customer Gifter', 'changed system Oms', 'added system Crm', 'changed information Order', 'changed process Notify']);
        expect(diff.elements[0].properties).toEqual([{ property: 'clv', from: '1450 EUR', to: '1600 EUR' }]);
        expect(diff.elements[2].properties).toEqual([{ property: 'owner', from: 'IT', to: 'Platform' }]);
        expect(diff.elements[4].properties).toEqual([{ property: 'classification', from: 'personal', to: 'sensitive' }]);
        expect(diff.elements[5].properties).toEqual([{ property: 'systems', from: ['Shop'], to: ['Oms', 'Shop'] }]);
    });

    it('reports top-level objectives and their KPIs, met to missed included', async () => {
        const objective = 'objective Loyalty "Keep customers" { for Shopper  kpi Repeat "Repeat purchases" { metric repeat-purchase  current 40%  target >= 35% } }\n';
        const diff = await diffOf(withShared(SHARED + objective), withShared(SHARED + edit(objective, ['current 40%', 'current 30%'])));
        expect(diff.journeys).toEqual([]);
        expect(diff.elements).toEqual([expect.objectContaining({ kind: 'kpi', id: 'Loyalty.Repeat', parent: 'Loyalty', status: { from: 'met', to: 'missed' }, properties: [{ property: 'current', from: '40%', to: '30%' }] })]);
    });
});

describe('compareWorkspaces: renames', () => {
    it('reports a renamed touchpoint as renamed, and what refers to it as unchanged', async () => {
        const head = edit(BUY, ['touchpoint Parcel "Parcel', 'touchpoint Doorstep "Parcel'], ['at Parcel', 'at Doorstep']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({ change: 'renamed', id: 'Buy.Doorstep', previous: { id: 'Buy.Parcel', name: 'Parcel', title: 'Parcel at the door' }, properties: [] })]);
    });

    it('reports a rename with a small change as renamed with that change', async () => {
        // 5 properties set: title, channel, processes, information, emotion; one changed: 80 % equal.
        const head = edit(BUY, ['touchpoint Checkout "Checkout" { channel web  processes Pay  information Order  emotion -1 }', 'touchpoint Pay "Checkout" { channel web  processes Pay  information Order  emotion 0 }'],
            ['at Checkout', 'at Pay']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({ change: 'renamed', id: 'Buy.Pay', previous: expect.objectContaining({ id: 'Buy.Checkout' }), properties: [{ property: 'emotion', from: '-1', to: '0' }] })]);
    });

    it('does not call a near-rename a rename: a touchpoint replaced by a different one of the same stage', async () => {
        // Same stage, same processes and emotion, but another title and channel: 2 of 4 properties equal (50 %).
        const head = edit(BUY, ['touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }', 'touchpoint ConfirmSms "Confirmation text" { channel sms  processes Notify  emotion 1 }']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(changeList(buy.elements)).toEqual(['removed touchpoint Buy.Confirm', 'added touchpoint Buy.ConfirmSms']);
    });

    it('does not rename across stages, nor when two candidates are alike', async () => {
        const moved = edit(BUY, ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n', ''],
            ['touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }', 'touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }\n    touchpoint Mail "Confirmation e-mail" { channel email  processes Notify  emotion 1 }']);
        expect(changeList(journey(await diffOf(base, withBuy(moved)), 'Buy').elements)).toEqual(['removed touchpoint Buy.Confirm', 'added touchpoint Buy.Mail']);
        const twins = edit(BUY, ['touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }',
            'touchpoint Mail1 "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n    touchpoint Mail2 "Confirmation e-mail" { channel email  processes Notify  emotion 1 }']);
        expect(changeList(journey(await diffOf(base, withBuy(twins)), 'Buy').elements)).toEqual(['removed touchpoint Buy.Confirm', 'added touchpoint Buy.Mail1', 'added touchpoint Buy.Mail2']);
    });

    it('reports a renamed stage, its touchpoints neither moved nor changed', async () => {
        const head = edit(BUY, ['stage Receive "Delivery"', 'stage Deliver "Delivery"']);
        const buy = journey(await diffOf(base, withBuy(head)), 'Buy');
        expect(buy.elements).toEqual([expect.objectContaining({ change: 'renamed', kind: 'stage', id: 'Buy.Deliver', previous: expect.objectContaining({ id: 'Buy.Receive' }) })]);
    });

    it('reports a renamed journey, its members unchanged', async () => {
        const head = edit(BUY, ['journey Buy "Buy online"', 'journey BuyOnline "Buy online"']);
        const diff = await diffOf(base, withBuy(head));
        expect(diff.journeys).toEqual([expect.objectContaining({ change: 'renamed', id: 'BuyOnline', previous: { id: 'Buy', name: 'Buy', title: 'Buy online' }, properties: [], elements: [] })]);
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
    });

    it('reports a renamed top-level system, the processes that name it unchanged', async () => {
        const shared = edit(SHARED, ['system Shop "Web shop"', 'system WebShop "Web shop"'], ['systems Shop }', 'systems WebShop }']);
        const buy = BUY.replaceAll('systems Shop', 'systems WebShop');
        const diff = await diffOf(base, { 'shared.copis': shared, 'buy.copis': buy });
        expect(diff.journeys).toEqual([]);
        expect(diff.elements).toEqual([expect.objectContaining({ change: 'renamed', kind: 'system', id: 'WebShop', previous: expect.objectContaining({ id: 'Shop' }) })]);
    });

    it('never renames a declaration with nothing set', async () => {
        const diff = await diffOf(withShared(SHARED + 'system Bare\n'), withShared(SHARED + 'system Plain\n'));
        expect(changeList(diff.elements)).toEqual(['removed system Bare', 'added system Plain']);
    });
});

describe('compareWorkspaces: diagnostics', () => {
    it('reports a diagnostic introduced and one fixed, by code and declaration', async () => {
        const head = edit(BUY, ['touchpoint Page "Product page" { channel web  systems Shop  emotion 1 }', 'touchpoint Page "Product page" { systems Shop  emotion 1 }'],
            ['current 30  target >= 45', 'current 50  target >= 45']);
        const diff = await diffOf(base, withBuy(head));
        expect(diff.diagnostics.introduced).toEqual([expect.objectContaining({ code: 'touchpoint-without-channel', severity: 'warning', element: 'Buy.Page', file: 'buy.copis' })]);
        expect(diff.diagnostics.fixed).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'kpi-off-target', element: 'Buy.Nps' })]));
        expect(diff.summary.diagnostics.introduced).toEqual({ errors: 0, warnings: 1, information: 0 });
    });

    it('does not report a diagnostic whose declaration moved down the file, nor one whose message changed', async () => {
        const head = '// a new first line\n\n' + edit(BUY, ['current 30  target >= 45', 'current 20  target >= 45']);
        const diff = await diffOf(base, withBuy(head));
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(journey(diff, 'Buy').elements).toEqual([expect.objectContaining({ id: 'Buy.Nps', properties: [{ property: 'current', from: '30', to: '20' }] })]);
    });

    it('counts: a second diagnostic of one code on one declaration is introduced', async () => {
        const head = edit(BUY, ['information Order  emotion -1', 'information Order, Nope  emotion -1'], ['processes Pay  information', 'processes Pay, Nada  information']);
        const diff = await diffOf(base, withBuy(head));
        expect(diff.diagnostics.introduced.map(d => `${d.code} ${d.element}`)).toEqual(['unresolved-reference Buy.Checkout', 'unresolved-reference Buy.Checkout']);
        const more = edit(head, ['information Order, Nope', 'information Order, Nope, Zip']);
        const again = await diffOf(withBuy(head), withBuy(more));
        expect(again.diagnostics.introduced.map(d => d.message)).toEqual([expect.stringContaining('`Zip`')]);
        expect(again.summary.diagnostics.introduced.errors).toBe(1);
    });

    it('sees diagnostics of a renamed declaration through the rename', async () => {
        const noChannel = edit(BUY, ['touchpoint Page "Product page" { channel web  systems Shop  emotion 1 }', 'touchpoint Page "Product page" { systems Shop  emotion 1 }']);
        const renamed = edit(noChannel, ['touchpoint Page "Product page"', 'touchpoint ProductPage "Product page"']);
        const diff = await diffOf(withBuy(noChannel), withBuy(renamed));
        expect(changeList(journey(diff, 'Buy').elements)).toEqual(['renamed touchpoint Buy.ProductPage']);
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
    });
});

describe('compareWorkspaces: files that cannot be compared', () => {
    it('leaves out the declarations of a file that does not parse at BASE, and compares the rest', async () => {
        const broken = 'system Crm "CRM" { type crm  owner }\n';
        const baseFiles = { ...base, 'crm.copis': broken };
        const headFiles = { 'shared.copis': edit(SHARED, ['owner "IT"', 'owner "Platform"']), 'buy.copis': BUY, 'crm.copis': 'system Crm "CRM" { type crm  owner "Sales" }\n' };
        const diff = await diffOf(baseFiles, headFiles);
        expect(diff.notCompared).toEqual([expect.objectContaining({ revision: 'base', file: 'crm.copis', reason: 'syntax', line: 1, declarations: ['Crm'] })]);
        expect(changeList(diff.elements)).toEqual(['changed system Oms']);
        // It parses at HEAD: its syntax errors are fixed.
        expect(diff.diagnostics.fixed).toEqual([expect.objectContaining({ code: 'syntax', file: 'crm.copis' })]);
        expect(diff.diagnostics.fixed[0].element).toBeUndefined();
        expect(diff.diagnostics.introduced).toEqual([]);
    });

    it('counts the syntax errors of a file that stops parsing as introduced errors', async () => {
        const diff = await diffOf(base, withBuy(edit(BUY, ['emotion 2 }', 'emotion 2 ']))); 
        expect(diff.notCompared).toEqual([expect.objectContaining({ revision: 'head', file: 'buy.copis', reason: 'syntax', declarations: ['Buy'] })]);
        expect(diff.journeys).toEqual([]);
        expect(diff.diagnostics.introduced.map(d => d.code)).toEqual(expect.arrayContaining(['syntax']));
        expect(diff.diagnostics.introduced.every(d => d.code === 'syntax')).toBe(true);
        expect(diff.summary.diagnostics.introduced.errors).toBeGreaterThan(0);
    });
});

describe('compareWorkspaces: value at risk (language §7)', () => {
    // Abandon at Checkout (reach 50%): Shopper 100 × 1,450 EUR × 50% = 72,500 EUR, Gifter 10 × 300 EUR × 50% = 1,500 EUR: 74,000 EUR.
    const shared = edit(SHARED, ['clv 1450 EUR }', 'clv 1450 EUR  count 100 }'], ['clv 300 EUR }', 'clv 300 EUR  count 10 }']);
    const buy = edit(BUY,
        ['touchpoint Checkout "Checkout" { channel web ', 'touchpoint Checkout "Checkout" { reach 50%  channel web '],
        ['  pain SlowPay', '  moment Abandon { at Checkout  kind first  polarity negative  impact high }\n  pain SlowPay'],
        ['addresses SlowPay  improves', 'addresses SlowPay, Abandon  effort low  improves']);
    const atRisk = { 'shared.copis': shared, 'buy.copis': buy };

    it('reports a moment whose value at risk changed, though only a customer\'s count did; the derived figures are no properties', async () => {
        const diff = await diffOf(atRisk, { 'shared.copis': edit(shared, ['count 100', 'count 200']), 'buy.copis': buy });
        expect(diff.elements).toEqual([expect.objectContaining({ kind: 'customer', id: 'Shopper', properties: [{ property: 'count', from: '100', to: '200' }] })]);
        const members = journey(diff, 'Buy').elements;
        // The pain's exposure and the opportunity's value and priority changed too: they follow from the count, which is reported.
        expect(changeList(members)).toEqual(['changed moment Buy.Abandon']);
        expect(members[0]).toMatchObject({
            properties: [],
            valueAtRisk: { from: [{ currency: 'EUR', amount: 74_000 }], to: [{ currency: 'EUR', amount: 146_500 }], wasAtRisk: true, isAtRisk: true }
        });
        expect(diff.summary.valueAtRisk).toEqual({ changed: 1 });
    });

    it('a moment that is no longer negative puts nothing at risk; one whose inputs are unknown at both revisions has no change', async () => {
        const positive = await diffOf(atRisk, { 'shared.copis': shared, 'buy.copis': edit(buy, ['kind first  polarity negative', 'kind first  polarity positive']) });
        const [abandon] = journey(positive, 'Buy').elements;
        expect(abandon).toMatchObject({
            id: 'Buy.Abandon', properties: [{ property: 'polarity', from: 'negative', to: 'positive' }],
            valueAtRisk: { from: [{ currency: 'EUR', amount: 74_000 }], to: [], wasAtRisk: true, isAtRisk: false }
        });
        // Without counts the value at risk is unknown (none known) before and after: a change of reach says nothing more.
        const unknown = await diffOf({ 'shared.copis': SHARED, 'buy.copis': buy }, { 'shared.copis': SHARED, 'buy.copis': edit(buy, ['reach 50%', 'reach 60%']) });
        const members = journey(unknown, 'Buy').elements;
        expect(changeList(members)).toEqual(['changed touchpoint Buy.Checkout']);
        expect(members[0].properties).toEqual([{ property: 'reach', from: '50', to: '60' }]);
        expect(unknown.summary.valueAtRisk).toEqual({ changed: 0 });
    });

    it('effort, confidence and status of an opportunity are properties; its value and priority are not', async () => {
        const diff = await diffOf(atRisk, { 'shared.copis': shared, 'buy.copis': edit(buy, ['effort low', 'effort high  confidence 80%  status doing']) });
        const members = journey(diff, 'Buy').elements;
        expect(changeList(members)).toEqual(['changed opportunity Buy.OneClick']);
        expect(members[0].properties).toEqual([
            { property: 'effort', from: 'low', to: 'high' }, { property: 'confidence', to: '80' }, { property: 'status', to: 'doing' }
        ]);
    });
});

describe('compareWorkspaces: KPI actuals (language §7)', () => {
    const csv = (...rows: string[]) => ['kpi,date,value', ...rows].join('\n') + '\n';
    const kpi = (diff: Awaited<ReturnType<typeof diffOf>>, id: string) => journey(diff, 'Buy').elements.find(e => e.id === id);

    it('judges met and missed with the actual, and compares `current` as written', async () => {
        // Nps: current 30, target >= 45 (missed as written); its actual 50 meets it at both revisions.
        const actuals = csv('Buy.Nps,2026-11-30,50');
        const diff = await diffOf({ ...base, 'kpis.csv': actuals }, { ...withBuy(edit(BUY, ['current 30  target >= 45', 'current 20  target >= 45'])), 'kpis.csv': actuals });
        expect(kpi(diff, 'Buy.Nps')).toMatchObject({ change: 'changed', kpi: 'met', properties: [{ property: 'current', from: '30', to: '20' }] });
        expect(kpi(diff, 'Buy.Nps')!.status).toBeUndefined();
        expect(kpi(diff, 'Buy.Nps')!.actual).toBeUndefined();
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
    });

    it('reports an actual that changed, and a KPI that has one only at one revision, as data that changed', async () => {
        const diff = await diffOf(
            { ...base, 'kpis.csv': csv('Buy.Nps,2026-10-31,40', 'Buy.OnTime,2026-11-30,99%') },
            { ...base, 'kpis.csv': csv('Buy.Nps,2026-10-31,40', 'Buy.Nps,2026-11-30,47', 'Buy.Conversion,2026-11-30,3.0%', 'Buy.OnTime,2026-11-30,99.0%') });
        expect(changeList(journey(diff, 'Buy').elements)).toEqual(['changed kpi Buy.Conversion', 'changed kpi Buy.Nps']);
        expect(kpi(diff, 'Buy.Nps')).toMatchObject({ properties: [], status: { from: 'missed', to: 'met' }, actual: { from: { value: '40', date: '2026-10-31' }, to: { value: '47', date: '2026-11-30' } } });
        // No actual at BASE: its `current` (3.4%) judged it there.
        expect(kpi(diff, 'Buy.Conversion')).toMatchObject({ status: { from: 'met', to: 'missed' }, actual: { to: { value: '3.0%', date: '2026-11-30' } } });
        expect(kpi(diff, 'Buy.Conversion')!.actual!.from).toBeUndefined();
        expect(diff.summary.kpis).toEqual({ nowMissed: 1, nowMet: 1, actualChanged: 2 });
        expect(diff.summary.elements).toEqual({ added: 0, removed: 0, renamed: 0, moved: 0, changed: 0 });
        // Conversion, which no opportunity improves, is off target and unaddressed now; Nps on target again.
        expect(diff.diagnostics.introduced.map(d => `${d.code} ${d.element}`).sort()).toEqual(['kpi-miss-unaddressed Buy.Conversion', 'kpi-off-target Buy.Conversion']);
        expect(diff.diagnostics.fixed.map(d => `${d.code} ${d.element}`)).toEqual(['kpi-off-target Buy.Nps']);
    });

    it('follows a renamed KPI into the actuals file: its problems there are neither fixed nor introduced', async () => {
        const renamed = edit(BUY, ['kpi Nps "Delivery NPS"', 'kpi DeliveryNps "Delivery NPS"'], ['improves Nps, OnTime', 'improves DeliveryNps, OnTime']);
        const diff = await diffOf(
            { ...base, 'kpis.csv': csv('Buy.Nps,2026-11-30,50', 'Buy.Nps,2026-11-30,51') },
            { ...withBuy(renamed), 'kpis.csv': csv('Buy.DeliveryNps,2026-11-30,50', 'Buy.DeliveryNps,2026-11-30,51') });
        expect(changeList(journey(diff, 'Buy').elements)).toEqual(['renamed kpi Buy.DeliveryNps']);
        expect(kpi(diff, 'Buy.DeliveryNps')!.actual).toBeUndefined();
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
        // The rows left with the old name: unknown now, the duplicate gone with them, and the KPI judged by its `current` (30) again.
        const stale = await diffOf(
            { ...base, 'kpis.csv': csv('Buy.Nps,2026-11-30,50', 'Buy.Nps,2026-11-30,51') },
            { ...withBuy(renamed), 'kpis.csv': csv('Buy.Nps,2026-11-30,50', 'Buy.Nps,2026-11-30,51') });
        expect(stale.diagnostics.introduced.map(d => `${d.code} ${d.element ?? d.kpi} ${d.file}:${d.line}`))
            .toEqual(['actuals-unknown-kpi Buy.Nps kpis.csv:2', 'actuals-unknown-kpi Buy.Nps kpis.csv:3', 'kpi-off-target Buy.DeliveryNps buy.copis:6']);
        expect(stale.diagnostics.fixed.map(d => `${d.code} ${d.kpi}`)).toEqual(['actuals-duplicate Buy.DeliveryNps']);
    });
});
