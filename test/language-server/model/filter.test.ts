import { beforeAll, describe, expect, test } from 'vitest';
import { layoutDiagram, renderDiagram } from '../../../language-server/diagram/index.js';
import { filterByCustomer } from '../../../language-server/model/filter.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { REFERENCING, SHOP } from '../diagram/fixtures.js';
import { journeyModels, modelOf, overlaps, parseXml } from '../diagram/helpers.js';

let model: JourneyModel;

beforeAll(async () => {
    model = await modelOf(SHOP);
});

const ids = (d: ReturnType<typeof layoutDiagram>, kind: string) => d.boxes.filter(b => b.kind === kind).map(b => b.id);

describe('the customer filter', () => {
    test('a touchpoint for another customer disappears, and its moment too', () => {
        const d = layoutDiagram(model, { view: 'journey', customer: 'Shopper' });
        expect(ids(d, 'touchpoint')).toEqual(['Shop.Ad', 'Shop.Checkout', 'Shop.Confirm', 'Shop.Door']);
        expect(ids(d, 'moment')).toEqual(['Shop.PayMoment', 'Shop.Arrives']);
        expect(ids(d, 'emotion')).not.toContain('Shop.GiftNote');
        // the other customer's path keeps it
        const gift = layoutDiagram(model, { view: 'journey', customer: 'Gifter' });
        expect(ids(gift, 'touchpoint')).toContain('Shop.GiftNote');
        expect(ids(gift, 'moment')).toContain('Shop.GiftMoment');
        expect(overlaps(d.boxes)).toEqual([]);
    });

    test('stages stay in order; one left without touchpoints is dimmed', () => {
        const d = layoutDiagram(model, { view: 'journey', customer: 'Shopper' });
        const stages = d.boxes.filter(b => b.kind === 'stage');
        expect(stages.map(s => s.id)).toEqual(model.stages.map(s => s.id));
        expect(stages.filter(s => s.dimmed).map(s => s.id)).toEqual(['Shop.Later']);
        const { svg } = renderDiagram(model, { view: 'journey', customer: 'Shopper' });
        expect(svg).toMatch(/data-id="Shop.Later" data-kind="stage" data-dimmed="true" opacity="0.45"/);
    });

    test('pains and opportunities only at what remains; processes, systems, information only those used', async () => {
        const { model: shopper } = filterByCustomer(model, 'Shopper');
        expect(shopper.pains.map(p => p.id)).toEqual(['Shop.Fees', 'Shop.Slow']);
        expect(shopper.processes.map(p => p.id)).toEqual(['Shop.Pay', 'Shop.Ship', 'Shop.Notify']);
        expect(shopper.objectives.map(o => o.id)).toEqual(['Shop.Fast']);
        expect(shopper.customerDetails.map(c => c.id)).toEqual(['Shopper']);

        // A customer who has only the gift note: no pain there, so none; the processes go too.
        const m = await modelOf(SHOP.replace('customers Shopper, Gifter', 'customers Shopper'));
        const { model: g, dimmedStages } = filterByCustomer(m, 'Gifter');
        expect(g.touchpoints.map(t => t.id)).toEqual(['Shop.GiftNote']);
        expect(g.moments.map(x => x.id)).toEqual(['Shop.GiftMoment']);
        // the stage pain is at Receive, which keeps the gift note
        expect(g.pains.map(p => p.id)).toEqual(['Shop.Slow']);
        expect(g.opportunities).toEqual([]);
        expect(g.processes).toEqual([]);
        expect(g.systems).toEqual([]);
        expect(g.information).toEqual([]);
        expect([...dimmedStages]).toEqual(['Shop.Discover', 'Shop.Buy', 'Shop.Later']);
    });

    test('an opportunity keeps only the things it addresses that remain', async () => {
        const m = await modelOf(`customer A  customer B
            journey J { customers A, B
              stage S { touchpoint Ta { customers A } touchpoint Tb { customers B } }
              pain Pa { at Ta }  pain Pb { at Tb }
              opportunity O { addresses Pa, Pb }
            }`);
        expect(filterByCustomer(m, 'A').model.opportunities.map(o => o.addresses)).toEqual([['J.Pa']]);
        const d = layoutDiagram(m, { view: 'journey', customer: 'A' });
        expect(d.lines.filter(l => l.kind === 'addresses').map(l => l.to)).toEqual(['J.Pa']);
    });

    test('the COPIS view filters the same way', () => {
        const d = layoutDiagram(model, { view: 'copis', customer: 'Shopper' });
        expect(ids(d, 'customer')).toEqual(['Shopper']);
        expect(ids(d, 'objective')).toEqual(['Shop.Fast']);
        expect(d.lines.filter(l => l.kind === 'for').map(l => [l.from, l.to])).toEqual([['Shop.Fast', 'Shopper']]);
        parseXml(renderDiagram(model, { view: 'copis', customer: 'Shopper' }).svg);
    });

    test('an unknown customer gives an empty path, drawn without error', () => {
        const d = layoutDiagram(model, { view: 'journey', customer: 'Nobody' });
        expect(ids(d, 'touchpoint')).toEqual([]);
        expect(d.boxes.filter(b => b.kind === 'stage').every(s => s.dimmed)).toBe(true);
        parseXml(renderDiagram(model, { view: 'journey', customer: 'Nobody' }).svg);
    });
});

describe('the customer filter and objectives the journey only refers to', () => {
    test('one stays while a kept moment or opportunity names a KPI of it, whoever it is for', async () => {
        const models = await journeyModels([{ uri: 'file:///test/main.copis', text: REFERENCING }]);
        const j = models.find(m => m.id === 'J')!;
        // M (at T, for A) names Other.Nps: kept. O improves Shared.Repeat but addresses nothing, so the path drops it, and Shared with it.
        const { model: path } = filterByCustomer(j, 'A');
        expect(path.objectives.map(o => o.id)).toEqual(['J.Own', 'Other.Theirs']);
        expect(filterByCustomer(j, 'B').model.objectives.map(o => o.id)).toEqual([]);
    });
});
