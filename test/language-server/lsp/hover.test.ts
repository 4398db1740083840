import { describe, expect, test } from 'vitest';
import { lspWorkspace } from './lsp-workspace.js';

/** Hover Markdown in file `name` at `shift` characters into the `n`th occurrence of `needle`. */
async function hover(files: Record<string, string>, name: string, needle: string, shift = 1, n = 0): Promise<string | undefined> {
    const { Copis, doc: docOf } = await lspWorkspace(files);
    const doc = docOf(name);
    let offset = -1;
    for (let i = 0; i <= n; i++) offset = files[name].indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`no \`${needle}\``);
    const result = await Copis.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset + shift) });
    const contents = result?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

const A = `/** The order system of record. */
system Oms "Order management" { type erp  owner "IT"  approved personal }
/** Everything about one order. */
information OrderRecord "Order record" { source Oms  owner "Fulfilment"  classification personal }
customer Shopper "Style-conscious shopper" { segment "Urban, 25-40"  value high  clv 1450 EUR  needs "Fast delivery", "Free returns" }
process AnswerTicket "Answer a ticket" { owner "Customer care"  lane frontstage  sla 4h }
journey Shop "Shop online" {
  customers Shopper
  objective Fast "Deliver fast" {
    kpi OnTime "On-time rate" { metric percent  current 91%  target >= 97% }
    kpi Churn { metric churn  current 3%  target <= 5% }
  }
  process Fulfil "Pick and ship" { owner "Warehouse"  lane backstage  systems Oms  reads OrderRecord  sla 48h }
  stage Receive "Delivery" { category delivery
    touchpoint Parcel "Parcel delivery" { channel mail  processes Fulfil  information OrderRecord  emotion 2 }
    touchpoint Tracking { channel web  emotion 1 }
  }
  moment Delivered "Arrives as promised" { at Parcel  kind second  polarity positive  impact high  kpis OnTime  recovery AnswerTicket }
}
`;

const B = `journey Other {
  customers Shopper
  stage S { touchpoint T { processes Shop.Fulfil  systems Oms } }
  moment M { at T  kpis Shop.OnTime }
}
`;

const files = { 'a.copis': A, 'b.copis': B };

describe('hover on the value-at-stake properties', () => {
    const V = `customer Buyer "Buyer" { value medium  clv 300 EUR  count 12000 }
journey Buy {
  customers Buyer
  stage S { touchpoint Pay { channel web  emotion -1  reach 40% } }
  moment Stuck { at Pay  kind first  polarity negative  impact high }
  opportunity Quick { addresses Stuck  effort medium  confidence 70%  status planned }
  opportunity Guess { addresses Stuck }
}
`;
    const files = { 'v.copis': V };

    test('a customer shows its count', async () => {
        expect(await hover(files, 'v.copis', 'customer Buyer', 10)).toContain('CLV: 300 EUR  \nCount: 12,000 customers');
        // One of them is one customer, as the diagram's persona card says it.
        const one = { 'one.copis': 'customer Solo { count 1 }\n' };
        expect(await hover(one, 'one.copis', 'customer Solo', 10)).toMatch(/Count: 1 customer(\s|$)/);
    });

    test('a touchpoint shows its reach when it is written', async () => {
        expect(await hover(files, 'v.copis', 'touchpoint Pay', 12)).toContain('Reach: 40% of its customers');
    });

    test('a negative moment shows its value at risk with the inputs of the sum', async () => {
        // 12000 × 300 EUR × 40% = 1,440,000 EUR
        expect(await hover(files, 'v.copis', 'moment Stuck', 8)).toContain('Value at risk: 1,440,000 EUR  \n- Buyer: 12,000 × 300 EUR × 40% = 1,440,000 EUR');
    });

    test('a customer shows its share of the value at risk, moment by moment', async () => {
        expect(await hover(files, 'v.copis', 'customer Buyer', 10)).toContain('Value at risk: 1,440,000 EUR (1 moment of truth)  \n- `Buy.Stuck`: 12,000 × 300 EUR × 40% = 1,440,000 EUR');
    });

    test('an opportunity shows its value and priority with their inputs, and what is missing', async () => {
        const quick = await hover(files, 'v.copis', 'opportunity Quick', 13);
        // value 1,440,000 × 0.75 (high impact) = 1,080,000; priority 1,080,000 × 70% ÷ 2 = 378,000
        expect(quick).toContain('Value: 1,080,000 EUR  \n- Buy.Stuck (moment): 1,440,000 EUR at risk × 0.75 (impact high) = 1,080,000 EUR');
        expect(quick).toContain('Priority: 378,000 EUR = value × 70% confidence ÷ 2 (effort) · rank 1 of 1');
        expect(await hover(files, 'v.copis', 'opportunity Guess', 13)).toContain('Priority: unknown (no effort given)');
    });

    test('a pain shows its exposure; a customer without count says so', async () => {
        const text = V.replace('customer Buyer "Buyer" { value medium  clv 300 EUR  count 12000 }', 'customer Buyer "Buyer" { value medium  clv 300 EUR }')
            .replace('  opportunity Guess', '  pain Slow { at Pay  severity high }\n  opportunity Guess');
        const pain = await hover({ 'v.copis': text }, 'v.copis', 'pain Slow', 6);
        expect(pain).toContain('Exposure: unknown  \n- not counted: customer `Buyer` has no `count`, so its share is left out');
        expect(await hover({ 'v.copis': text }, 'v.copis', 'customer Buyer', 10)).toContain('Value at risk: unknown (no `count`)');
    });

    test('a customer\'s share leaves out a moment at no touchpoint, and says so', async () => {
        const text = V.replace('  opportunity Guess', '  moment Lost { customers Buyer  polarity negative  impact high }\n  opportunity Guess');
        const buyer = await hover({ 'v.copis': text }, 'v.copis', 'customer Buyer', 10);
        expect(buyer).toContain('Value at risk: 1,440,000 EUR (1 moment of truth)');
        expect(buyer).toContain('- not counted: `Lost` has no touchpoint (`at`)');
    });

    test('a customer that no negative moment concerns has none at risk, count or not', async () => {
        const text = 'customer Alone "Alone" { value medium }\n';
        expect(await hover({ 'v.copis': text }, 'v.copis', 'customer Alone', 10)).toContain('Value at risk: none');
    });

    test('an opportunity shows status, effort and confidence, and says which are defaults or missing', async () => {
        expect(await hover(files, 'v.copis', 'opportunity Quick', 13)).toContain('Status: planned · effort medium · confidence 70%');
        expect(await hover(files, 'v.copis', 'opportunity Guess', 13)).toContain('no effort given · confidence 50% (default)');
    });
});

describe('hover', () => {
    test('a KPI: metric, current vs target, missed; met', async () => {
        const missed = await hover(files, 'a.copis', 'kpi OnTime', 5);
        expect(missed).toBe('**kpi** `Shop.OnTime` — On-time rate\n\nmetric percent · current 91% · target ≥ 97% · **missed** ✗\n\n_2 references_');
        expect(await hover(files, 'a.copis', 'kpi Churn', 5)).toContain('metric churn · current 3% · target ≤ 5% · **met** ✓');
    });

    test('a system, with its doc comment, and references counted across files', async () => {
        expect(await hover(files, 'a.copis', 'system Oms', 8)).toBe(
            '**system** `Oms` — Order management\n\nThe order system of record.\n\nType: erp  \nOwner: IT  \nApproved for: personal data\n\n_3 references_');
    });

    test('information: classification and system of record', async () => {
        const text = await hover(files, 'a.copis', 'reads OrderRecord', 7);
        expect(text).toContain('**information** `OrderRecord` — Order record');
        expect(text).toContain('Everything about one order.');
        expect(text).toContain('Classification: personal  \nSystem of record: `Oms`  \nOwner: Fulfilment');
        expect(text).toContain('_2 references_');
    });

    test('a customer: segment, tier, CLV, needs', async () => {
        // (Its moments are positive or without polarity: nothing at risk, whatever its count.)
        expect(await hover(files, 'b.copis', 'customers Shopper', 11)).toBe(
            '**customer** `Shopper` — Style-conscious shopper\n\nSegment: Urban, 25-40  \nValue tier: high  \nCLV: 1450 EUR  \nNeeds: Fast delivery, Free returns  \nValue at risk: none (no negative or mixed moment of truth concerns it)\n\n_2 references_');
    });

    test('a process: owner, lane, SLA (in a journey and at top level)', async () => {
        const fulfil = await hover(files, 'a.copis', 'processes Fulfil', 11);
        expect(fulfil).toContain('**process** `Shop.Fulfil` — Pick and ship');
        expect(fulfil).toContain('Owner: Warehouse  \nLane: backstage  \nSLA: 48h  \nSystems: `Oms`');
        const answer = await hover(files, 'a.copis', 'recovery AnswerTicket', 10);
        expect(answer).toContain('Owner: Customer care  \nLane: frontstage  \nSLA: 4h');
        expect(answer).toContain('_1 reference_');
    });

    test('a touchpoint: stage title and category, channel, emotion, moments of truth', async () => {
        expect(await hover(files, 'a.copis', 'at Parcel', 4)).toBe(
            '**touchpoint** `Shop.Parcel` — Parcel delivery\n\nStage: Delivery (delivery)  \nChannel: mail  \nEmotion: +2  \nMoments of truth: `Delivered` (SMOT)\n\n_1 reference_');
    });

    test('a moment: kind, polarity, impact, touchpoint', async () => {
        expect(await hover(files, 'a.copis', 'moment Delivered', 8)).toBe(
            '**moment of truth** `Shop.Delivered` — Arrives as promised\n\nKind: second (SMOT)  \npositive · high impact  \nAt: `Parcel` — Parcel delivery  \nMeasured by: `Shop.OnTime` (missed)  \nRecovery: `AnswerTicket`\n\n_0 references_');
    });

    test('a stage: category, touchpoints and moments of truth', async () => {
        expect(await hover(files, 'a.copis', 'stage Receive', 7)).toContain('Category: delivery  \n2 touchpoints · 1 moment of truth');
    });

    test('an objective: how many KPIs are on target', async () => {
        expect(await hover(files, 'a.copis', 'objective Fast', 11)).toContain('1 of 2 KPIs on target');
    });

    test('a qualified reference: the member part describes the member, the qualifier the journey', async () => {
        expect(await hover(files, 'b.copis', 'Shop.OnTime', 7)).toContain('**kpi** `Shop.OnTime`');
        const journey = await hover(files, 'b.copis', 'Shop.OnTime', 1);
        expect(journey).toBe('**journey** `Shop` — Shop online\n\n1 stage · 2 touchpoints · 1 moment of truth  \nCustomers: `Shopper`');
    });

    test('nothing on keywords, values, strings and white space', async () => {
        for (const [needle, shift] of [['system Oms', 2], ['channel mail', 9], ['"Order management"', 3], ['current 91%', 9], ['  customers', 0]] as const) {
            expect(await hover(files, 'a.copis', needle, shift)).toBeUndefined();
        }
    });

    test('broken text at every offset never throws', async () => {
        const broken = 'journey J { objective O { kpi K { target >= } } stage S { touchpoint T { channel } } moment M { at T kpis J.K, X. } pain';
        for (let i = 0; i <= broken.length; i++) await hover({ 'a.copis': broken }, 'a.copis', broken.slice(0, 1), i);
    });
});

describe('hover on KPIs (v1.1): owner, better, overdue, referenced', () => {
    // TEST_AS_OF is 2026-12-01 (lspWorkspace sets it).
    const kpis = `journey Plan {
  objective Service {
    kpi Missed "Missed engineer appointments" { metric count  better lower  current 120  target <= 100  due 2026-10-31  owner "Field service" }
    kpi Later { metric nps  current -4  target >= 10  due 2027-03-31 }
    kpi Plain { metric percent  better higher  current 90%  target >= 80% }
  }
}
journey Uses {
  stage S { touchpoint T { channel in-person } }
  moment M { at T  kpis Plan.Missed }
  opportunity O { improves Plan.Later }
}
`;
    const files = { 'k.copis': kpis };

    test('a KPI shows `better` where it says more than its metric, its owner, and overdue once past due and missed', async () => {
        const missed = await hover(files, 'k.copis', 'kpi Missed', 5);
        expect(missed).toContain('metric count · better lower · current 120 · target ≤ 100 · due 2026-10-31 · **missed** ✗ · **overdue**');
        expect(missed).toContain('Owner: Field service');
        expect(await hover(files, 'k.copis', 'kpi Later', 5)).not.toContain('overdue');
        // `better higher` on a percent says nothing the metric does not.
        expect(await hover(files, 'k.copis', 'kpi Plain', 5)).toContain('metric percent · current 90%');
    });

    test('a moment or opportunity of another journey shows the status of the KPIs it names', async () => {
        expect(await hover(files, 'k.copis', 'moment M', 7)).toContain('Measured by: `Plan.Missed` (missed)');
        expect(await hover(files, 'k.copis', 'opportunity O', 12)).toContain('Improves: `Plan.Later` (missed)');
    });
});
