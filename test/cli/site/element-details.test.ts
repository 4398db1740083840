// The details panel's data (element-details.ts), as the journey page carries it: facts from the model, who refers
// to the element (this journey's elements by name, other journeys by journey), its diagnostics.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Element } from '../../../language-server/model/journey-model.js';
import { factsOf } from '../../../src/cli/site/element-details.js';
import { copis, workspace } from '../helpers.js';
import { journeyData, readSite } from './site-helpers.js';

const MODEL = `
customer Shopper "Shopper" { value high }
system Shop "Web shop" { type web  owner "E-commerce" }
information Order "Order record" { source Shop  classification internal }
journey Buy "Buy online" {
  customers Shopper
  objective Fast { for Shopper
    kpi Nps "Delivery NPS" { metric nps  current 30  target >= 40  due 2026-06-30 }
  }
  process Pay "Take payment" { owner "Payments"  lane frontstage  systems Shop  writes Order  steps "Charge", "Confirm" }
  stage S "Purchase" { category purchase
    touchpoint Checkout "Checkout" { channel web  processes Pay  systems Shop  emotion 1 }
  }
  moment M "Pay or leave" { at Checkout  kind first  polarity negative  impact high  kpis Nps }
}
journey Return "Return" { customers Shopper
  stage R { category support touchpoint Ask "Ask" { channel chat  systems Shop  processes Buy.Pay } }
}
`;

async function pages(...extra: string[]) {
    const dir = workspace({ 'model.copis': MODEL });
    const run = await copis(dir, 'site', '-o', 'site', ...extra);
    expect(run.code, run.stderr).toBe(0);
    return readSite(join(dir, 'site'));
}

describe('the details of a journey page', () => {
    it("a shared system: its facts, this journey's referrers and top-level ones by name, the other journey by count", async () => {
        const data = journeyData((await pages()).get('journeys/Buy.html')!);
        const shop = data.elements.Shop;
        expect(shop).toMatchObject({ id: 'Shop', kind: 'system', name: 'Shop', label: 'Web shop', local: true, where: 'model.copis:3', href: 'journeys/Buy.html#el-Shop' });
        expect(shop.facts).toEqual([{ label: 'Type', text: 'web' }, { label: 'Owner', text: 'E-commerce' }]);
        expect(shop.referrers).toEqual([{ id: 'Order', property: 'source' }, { id: 'Buy.Pay', property: 'systems' }, { id: 'Buy.Checkout', property: 'systems' }]);
        expect(shop.elsewhere).toEqual([{ journey: 'Return', count: 1 }]);
        // The other journey is named, with its page, and no more.
        expect(data.elements.Return).toEqual({ id: 'Return', kind: 'journey', name: 'Return', label: 'Return', where: 'model.copis:16', href: 'journeys/Return.html' });
    });

    it('facts in the model\'s order, references as ids, a KPI\'s status; a top-level process used elsewhere lists that journey too', async () => {
        const data = journeyData((await pages('--as-of', '2026-12-31')).get('journeys/Buy.html')!);
        expect(data.elements['Buy.Checkout'].facts).toEqual([
            { label: 'Stage', refs: ['Buy.S'] }, { label: 'Channel', text: 'web' }, { label: 'Customers', refs: ['Shopper'] },
            { label: 'Processes', refs: ['Buy.Pay'] }, { label: 'Systems', refs: ['Shop'] }, { label: 'Emotion', text: '+1' },
            { label: 'Moments of truth', refs: ['Buy.M'] }
        ]);
        expect(data.elements['Buy.Pay'].facts).toContainEqual({ label: 'Steps', text: 'Charge → Confirm' });
        expect(data.elements['Buy.Pay'].elsewhere).toEqual([{ journey: 'Return', count: 1 }]);
        expect(data.elements['Buy.M'].facts).toContainEqual({ label: 'Kind', text: 'first (FMOT)' });
        const nps = data.elements['Buy.Nps'];
        expect(nps.facts).toEqual([
            { label: 'Objective', refs: ['Buy.Fast'] }, { label: 'Metric', text: 'nps' }, { label: 'Better', text: 'higher' },
            { label: 'Current', text: '30' }, { label: 'Target', text: '≥ 40' }, { label: 'Due', text: '2026-06-30' },
            { label: 'Status', text: 'missed' }, { label: 'Overdue', text: 'its due date has passed and it is off target' }
        ]);
        expect(nps.diagnostics?.map(d => d.code).sort()).toEqual(['kpi-miss-unaddressed', 'kpi-off-target', 'kpi-overdue']);
        expect(nps.referrers).toEqual([{ id: 'Buy.M', property: 'kpis' }]);
        // The model the page draws from has no source locations (absolute paths of the machine that built it).
        expect(JSON.stringify(data.model)).not.toContain('location');
        expect(JSON.stringify(data)).not.toContain('file://');
    });
});

describe('factsOf', () => {
    it('shows a field the model gains later without a change: by its name, its text, or the ids it names', () => {
        const element = { id: 'J.T', name: 'T', kind: 'touchpoint', reach: 40, valueAtRisk: { text: '12,000 EUR' }, customers: ['C'], tags: ['a', 'b'], inputs: [{ x: 1 }] } as unknown as Element & { kind: string };
        expect(factsOf(element)).toEqual([
            { label: 'Reach', text: '40%' }, { label: 'Value at risk', text: '12,000 EUR' }, { label: 'Customers', refs: ['C'] }, { label: 'Tags', text: 'a, b' }
        ]);
    });
});
