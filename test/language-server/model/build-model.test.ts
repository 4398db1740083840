import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel, idOf } from '../../../language-server/model/build-model.js';
import type { JourneyModel, KpiModel } from '../../../language-server/model/journey-model.js';
import { journeyOf, parse, pos } from '../util.js';
import { exampleWorkspaces, fuzzParameters, testTimeout } from '../fuzz/corpus.js';
import { generatedModel } from '../fuzz/generated-models.js';

const referenceExample = readFileSync(new URL('../fixtures/reference-example.copis', import.meta.url), 'utf8');

async function build(text: string, others: Record<string, string> = {}, journeyName?: string) {
    const { model } = await parse(text, others);
    const journey = journeyOf(model, journeyName);
    return { journey, ...buildJourneyModel(journey) };
}

function kpi(model: JourneyModel, name: string): KpiModel {
    const found = model.objectives.flatMap(o => o.kpis).find(k => k.name === name);
    if (!found) throw new Error(`no KPI ${name}`);
    return found;
}

describe('the model of the reference example', () => {
    test('stages in declaration order, with their categories and touchpoints', async () => {
        const { model } = await build(referenceExample);
        expect(model.id).toBe('BuyAndReturn');
        expect(model.title).toBe('Buy and return apparel');
        expect(model.stages.map(s => [s.id, s.index, s.category, s.touchpoints])).toEqual([
            ['BuyAndReturn.Discover', 0, 'awareness', ['BuyAndReturn.InstaAd']],
            ['BuyAndReturn.Consider', 1, 'consideration', ['BuyAndReturn.ProductPage']],
            ['BuyAndReturn.Buy', 2, 'purchase', ['BuyAndReturn.Checkout']],
            ['BuyAndReturn.Receive', 3, 'delivery', ['BuyAndReturn.Delivery']],
            ['BuyAndReturn.Support', 4, 'support', ['BuyAndReturn.ReturnRequest']]
        ]);
    });

    test('touchpoints indexed across stages, with stage, channel, emotion, references and moments', async () => {
        const { model } = await build(referenceExample);
        expect(model.touchpoints.map(t => [t.name, t.index, t.stage, t.channel, t.emotion])).toEqual([
            ['InstaAd', 0, 'BuyAndReturn.Discover', 'social', 1],
            ['ProductPage', 1, 'BuyAndReturn.Consider', 'web', 1],
            ['Checkout', 2, 'BuyAndReturn.Buy', 'web', -1],
            ['Delivery', 3, 'BuyAndReturn.Receive', 'mail', 2],
            ['ReturnRequest', 4, 'BuyAndReturn.Support', 'chat', -2]
        ]);
        const checkout = model.touchpoints[2];
        expect(checkout).toMatchObject({ processes: ['BuyAndReturn.TakePayment'], information: ['OrderRecord'], systems: [], moments: [] });
        expect(model.touchpoints[1].systems).toEqual(['Storefront']);
        expect(model.touchpoints[3].moments).toEqual(['BuyAndReturn.Delivered']);
        expect(model.touchpoints[4].moments).toEqual(['BuyAndReturn.ReturnHassle']);
    });

    test('customers default to the journey\'s; an explicit list replaces them', async () => {
        const { model } = await build(referenceExample);
        expect(model.customers).toEqual(['Shopper', 'Gifter']);
        expect(model.touchpoints.map(t => t.customers)).toEqual([
            ['Shopper', 'Gifter'], ['Shopper', 'Gifter'], ['Shopper', 'Gifter'], ['Shopper', 'Gifter'], ['Shopper']
        ]);
        // a moment's customers default to its touchpoint's
        expect(model.moments.map(m => [m.name, m.customers])).toEqual([
            ['Delivered', ['Shopper', 'Gifter']],
            ['ReturnHassle', ['Shopper']]
        ]);
        expect(model.customerDetails.map(c => [c.id, c.tier, c.clv?.text])).toEqual([
            ['Shopper', 'high', '1450 EUR'], ['Gifter', 'medium', '300 EUR']
        ]);
    });

    test('moments with their touchpoint, stage and properties', async () => {
        const { model } = await build(referenceExample);
        expect(model.moments[0]).toMatchObject({
            id: 'BuyAndReturn.Delivered', kind: 'moment', at: 'BuyAndReturn.Delivery', stage: 'BuyAndReturn.Receive',
            momentKind: 'second', polarity: 'positive', impact: 'high', kpis: ['BuyAndReturn.OnTime'], owner: 'Logistics'
        });
        expect(model.moments[1]).toMatchObject({
            id: 'BuyAndReturn.ReturnHassle', at: 'BuyAndReturn.ReturnRequest', stage: 'BuyAndReturn.Support',
            impact: 'critical', kpis: ['BuyAndReturn.Nps'], recovery: 'BuyAndReturn.AnswerTicket'
        });
        expect(model.moments[0].recovery).toBeUndefined();
    });

    test('pains, opportunities, processes, objectives, systems and information', async () => {
        const { model } = await build(referenceExample);
        expect(model.pains).toEqual([expect.objectContaining({ id: 'BuyAndReturn.SlowRefund', at: 'BuyAndReturn.ReturnRequest', severity: 'high' })]);
        expect(model.opportunities).toEqual([expect.objectContaining({
            id: 'BuyAndReturn.InstantRefund', addresses: ['BuyAndReturn.SlowRefund', 'BuyAndReturn.ReturnHassle'], improves: ['BuyAndReturn.Nps'], owner: 'Finance'
        })]);
        expect(model.processes.map(p => p.id)).toEqual(['BuyAndReturn.TakePayment', 'BuyAndReturn.Fulfil', 'BuyAndReturn.AnswerTicket']);
        expect(model.processes[1]).toMatchObject({
            owner: 'Warehouse', lane: 'backstage', systems: ['Oms'], reads: ['OrderRecord'], writes: [], supports: ['BuyAndReturn.FastDelivery'],
            steps: ['Pick', 'Pack', 'Hand to carrier'], sla: { form: 'duration', seconds: 48 * 3600 }
        });
        expect(model.processes[0]).toMatchObject({ writes: ['OrderRecord'], sla: { text: '2m', seconds: 120 } });
        expect(model.objectives.map(o => [o.id, o.for, o.kpis.map(k => k.id)])).toEqual([
            ['BuyAndReturn.FastDelivery', ['Shopper'], ['BuyAndReturn.OnTime', 'BuyAndReturn.Nps']]
        ]);
        expect(model.systems.map(s => s.id).sort()).toEqual(['Helpdesk', 'Oms', 'Storefront']);
        expect(model.systems.find(s => s.id === 'Storefront')).toMatchObject({ type: 'web', owner: 'E-commerce', approved: 'personal' });
        expect(model.information).toEqual([expect.objectContaining({ id: 'OrderRecord', source: 'Oms', owner: 'Fulfilment', classification: 'personal' })]);
    });

    test('KPIs: values, comparators, direction, due date and met', async () => {
        const { model } = await build(referenceExample);
        expect(kpi(model, 'OnTime')).toMatchObject({
            id: 'BuyAndReturn.OnTime', objective: 'BuyAndReturn.FastDelivery', metric: 'percent', direction: 'higher',
            current: { form: 'percent', value: 91 }, target: { op: '>=', value: { form: 'percent', value: 97 } }, met: false
        });
        expect(kpi(model, 'Nps')).toMatchObject({ metric: 'nps', current: { value: 32 }, target: { op: '>=', value: { value: 45 } }, due: '2027-06-30', met: false });
    });

    test('doc comments and source locations are in the model', async () => {
        const { model } = await build(referenceExample);
        expect(model.customerDetails[0].doc).toBe('Shoppers who buy clothes on the web shop and sometimes send them back.');
        expect(model.location?.uri).toBe('file:///test/main.copis');
        const checkout = model.touchpoints[2];
        const at = pos(referenceExample, 'Checkout "Checkout"');
        expect(checkout.location?.nameRange).toEqual({ start: { line: at.line - 1, character: at.column - 1 }, end: { line: at.line - 1, character: at.column - 1 + 'Checkout'.length } });
    });

    test('is plain data: JSON.stringify round-trips it', async () => {
        const { model } = await build(referenceExample);
        const json = JSON.stringify(model);
        expect(JSON.parse(json)).toEqual(model);
        expect(json).not.toContain('$container');
    });

    test("lists each element's fields in one order, the JSON exports' (element, kind, then the kind's own)", async () => {
        const { model } = await build(referenceExample);
        const element = ['id', 'name', 'title', 'location', 'kind'];
        expect(Object.keys(model)).toEqual([...element, 'customers', 'stages', 'touchpoints', 'moments', 'pains', 'opportunities', 'objectives', 'processes', 'customerDetails', 'systems', 'information']);
        expect(Object.keys(model.customerDetails[0])).toEqual(['id', 'name', 'title', 'doc', 'location', 'kind', 'segment', 'tier', 'clv', 'needs']);
        expect(Object.keys(model.systems[0])).toEqual([...element, 'type', 'owner', 'approved']);
        expect(Object.keys(model.information[0])).toEqual([...element, 'source', 'owner', 'classification']);
        expect(Object.keys(model.objectives[0])).toEqual([...element, 'for', 'kpis']);
        expect(Object.keys(kpi(model, 'Nps'))).toEqual([...element, 'objective', 'metric', 'direction', 'current', 'target', 'due', 'met']);
        expect(Object.keys(model.processes[1])).toEqual([...element, 'owner', 'lane', 'systems', 'reads', 'writes', 'supports', 'steps', 'sla']);
        expect(Object.keys(model.stages[0])).toEqual([...element, 'index', 'category', 'touchpoints']);
        expect(Object.keys(model.touchpoints[2])).toEqual([...element, 'stage', 'index', 'channel', 'customers', 'processes', 'systems', 'information', 'emotion', 'moments']);
        expect(Object.keys(model.moments[0])).toEqual([...element, 'at', 'stage', 'momentKind', 'polarity', 'impact', 'customers', 'kpis', 'owner']);
        expect(Object.keys(model.pains[0])).toEqual([...element, 'at', 'severity', 'exposure']);
        expect(Object.keys(model.opportunities[0])).toEqual([...element, 'addresses', 'improves', 'owner', 'value']);
    });

    test('without details, there are no doc comments or locations', async () => {
        const { model: parsed } = await parse(referenceExample);
        const { model } = buildJourneyModel(journeyOf(parsed), { details: false });
        expect(JSON.stringify(model)).not.toMatch(/"doc"|"location"/);
        expect(model.touchpoints).toHaveLength(5);
    });

    test('nodeOf maps every element back to its declaration', async () => {
        const { model, nodeOf, journey } = await build(referenceExample);
        expect(nodeOf<ast.Journey>(model)).toBe(journey);
        for (const element of [...model.stages, ...model.touchpoints, ...model.moments, ...model.pains, ...model.opportunities,
            ...model.processes, ...model.objectives, ...model.objectives.flatMap(o => o.kpis), ...model.customerDetails, ...model.systems, ...model.information]) {
            const node = nodeOf(element);
            expect(node?.name, element.id).toBe(element.name);
            expect(idOf(node), element.id).toBe(element.id);
        }
    });
});

describe('defaults and edge cases', () => {
    test('a moment with explicit customers keeps them; a touchpoint with none gets the journey\'s', async () => {
        const { model } = await build(`
customer A
customer B
customer Cc
journey J {
  customers A, B
  stage S { touchpoint T1  touchpoint T2 { customers Cc } }
  moment M1 { at T1 }
  moment M2 { at T2 }
  moment M3 { at T1  customers B }
  moment M4 { customers Cc }
}`);
        expect(model.touchpoints.map(t => t.customers)).toEqual([['A', 'B'], ['Cc']]);
        expect(model.moments.map(m => m.customers)).toEqual([['A', 'B'], ['Cc'], ['B'], ['Cc']]);
        // without `at`, a moment has no touchpoint and no stage
        expect(model.moments[3].at).toBeUndefined();
        expect(model.moments[3].stage).toBeUndefined();
    });

    test('a moment without explicit customers or resolved touchpoint gets the journey\'s', async () => {
        const { model } = await build('customer A\njourney J { customers A  moment M { at Nowhere } }');
        expect(model.moments[0]).toMatchObject({ customers: ['A'] });
        expect(model.moments[0].at).toBeUndefined();
    });

    test('touchpoint indices run on across stages, and a stage without touchpoints keeps its index', async () => {
        const { model } = await build(`journey J {
  stage A { touchpoint A1  touchpoint A2 }
  stage Empty
  stage B { touchpoint B1 }
  stage Cc { category retention  touchpoint C1  touchpoint C2 }
}`);
        expect(model.stages.map(s => [s.name, s.index, s.touchpoints.length])).toEqual([['A', 0, 2], ['Empty', 1, 0], ['B', 2, 1], ['Cc', 3, 2]]);
        expect(model.touchpoints.map(t => `${t.name}:${t.index}:${t.stage}`)).toEqual(['A1:0:J.A', 'A2:1:J.A', 'B1:2:J.B', 'C1:3:J.Cc', 'C2:4:J.Cc']);
        expect(model.stages[0].category).toBeUndefined();
        expect(model.stages[3].category).toBe('retention');
    });

    test('an out-of-range or wrong-form emotion is left out of the curve', async () => {
        const { model } = await build('journey J { stage S { touchpoint A { emotion 5 }  touchpoint B { emotion 1% }  touchpoint C { emotion -2 } } }');
        expect(model.touchpoints.map(t => t.emotion)).toEqual([undefined, undefined, -2]);
    });

    test('unresolved references are left out', async () => {
        const { model } = await build('journey J { stage S { touchpoint T { processes Ghost  systems Nothing } }  opportunity O { addresses Nope } }');
        expect(model.touchpoints[0]).toMatchObject({ processes: [], systems: [] });
        expect(model.opportunities[0].addresses).toEqual([]);
    });

    test('a pain at a stage', async () => {
        const { model } = await build('journey J { stage S { touchpoint T }  pain P { at S  severity low } }');
        expect(model.pains[0]).toMatchObject({ id: 'J.P', at: 'J.S', severity: 'low' });
    });

    test('top-level processes and objectives the journey uses join the model, with their ids', async () => {
        const { model } = await build(`
objective Growth { kpi Nps { metric nps  current 50  target >= 40 } }
process Central { owner "x"  supports Growth }
journey J {
  process Local { owner "y" }
  stage S { touchpoint T { processes Local, Central } }
  moment M { at T  kpis Growth.Nps }
}`);
        expect(model.processes.map(p => p.id)).toEqual(['J.Local', 'Central']);
        expect(model.objectives.map(o => o.id)).toEqual(['Growth']);
        expect(kpi(model, 'Nps')).toMatchObject({ id: 'Growth.Nps', objective: 'Growth', met: true });
        expect(model.moments[0].kpis).toEqual(['Growth.Nps']);
    });

    test('a KPI\'s owner; an in-person touchpoint', async () => {
        const { model } = await build('journey J { objective O { kpi K { metric nps  owner "Care team" } }  stage S { touchpoint T { channel in-person } } }');
        expect(kpi(model, 'K').owner).toBe('Care team');
        expect(model.touchpoints[0].channel).toBe('in-person');
    });

    test('a member of another journey keeps its `Journey.Name` id', async () => {
        const { model } = await build(`
journey A { process Pay { owner "x" } }
journey B { stage S { touchpoint T { processes A.Pay } } }`, {}, 'B');
        expect(model.touchpoints[0].processes).toEqual(['A.Pay']);
    });
});

describe('objectives of KPIs the journey names but does not own (referenced, v1.1)', () => {
    const text = `
customer A
customer B
objective Loyalty "Loyalty" { for B  kpi Repeat { metric percent  current 30%  target >= 40%  owner "CRM" }  kpi Other { metric nps } }
objective Supported { kpi Sup { metric nps  current 1  target >= 0 } }
process Central { owner "x"  supports Supported }
journey Onboarding { objective Value { kpi Ttv { metric cycle-time  current 9d  target <= 1w }  kpi Kick { metric custom } } }
journey J {
  customers A
  objective Own { kpi Csat { metric csat  current 90%  target >= 85% } }
  stage S { touchpoint T { processes Central } }
  moment M { at T  kpis Csat, Onboarding.Ttv, Sup }
  opportunity O { improves Repeat, Onboarding.Ttv, Csat }
}`;

    test('are held after the journey\'s own, in the order first named, marked referenced, with just the KPIs named', async () => {
        const { model } = await build(text, {}, 'J');
        expect(model.objectives.map(o => [o.id, o.referenced ?? false, o.kpis.map(k => k.id)])).toEqual([
            ['J.Own', false, ['J.Csat']],
            ['Supported', false, ['Supported.Sup']],
            ['Onboarding.Value', true, ['Onboarding.Ttv']],
            ['Loyalty', true, ['Loyalty.Repeat']]
        ]);
        expect(kpi(model, 'Ttv')).toMatchObject({ objective: 'Onboarding.Value', met: false });
        expect(kpi(model, 'Repeat')).toMatchObject({ objective: 'Loyalty', met: false, owner: 'CRM' });
        // Their `for` customers are in the model too, so that no export shows a bare id.
        expect(model.customerDetails.map(c => c.id).sort()).toEqual(['A', 'B']);
    });

    test('nodeOf maps their KPIs to their declarations; JSON round-trips', async () => {
        const { model, nodeOf } = await build(text, {}, 'J');
        const repeat = kpi(model, 'Repeat');
        expect(nodeOf<ast.Kpi>(repeat).name).toBe('Repeat');
        expect(idOf(nodeOf<ast.Kpi>(kpi(model, 'Ttv')))).toBe('Onboarding.Ttv');
        expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    });

    test('a journey that names none has none', async () => {
        const { model } = await build(text, {}, 'Onboarding');
        expect(model.objectives.map(o => o.id)).toEqual(['Onboarding.Value']);
        expect(model.objectives[0].referenced).toBeUndefined();
    });
});

describe('KPIs met or missed', () => {
    async function kpiOf(body: string): Promise<KpiModel> {
        const { model } = await build(`journey J { objective O { kpi K { ${body} } } }`);
        return kpi(model, 'K');
    }

    const cases: Array<[string, boolean | undefined, string?]> = [
        ['metric conversion  current 5%  target >= 4%', true, '>='],
        ['metric conversion  current 3%  target >= 4%', false, '>='],
        ['metric conversion  current 4%  target >= 4%', true, '>='],
        ['metric conversion  current 3%  target 4%', false, '>='],
        ['metric churn  current 3%  target 5%', true, '<='],
        ['metric churn  current 7%  target 5%', false, '<='],
        ['metric cart-abandonment  current 60%  target <= 70%', true, '<='],
        ['metric return-rate  current 25%  target 20%', false, '<='],
        ['metric response-time  current 90m  target 2h', true, '<='],
        ['metric response-time  current 3h  target 2h', false, '<='],
        ['metric resolution-time  current 1w  target <= 8d', true, '<='],
        ['metric nps  current -10  target >= -20', true, '>='],
        ['metric clv  current 400 EUR  target >= 500 EUR', false, '>='],
        ['metric custom  unit "x"  current 5  target 5', true, '='],
        ['metric custom  unit "x"  current 6  target 5', false, '='],
        ['metric custom  unit "x"  current 4  target <= 5', true, '<='],
        // `count` and `custom` take their direction from `better` only; `better` overrides any metric's
        ['metric count  current 7  target 5', false, '='],
        ['metric count  better lower  current 4  target 5', true, '<='],
        ['metric count  better higher  current 4  target 5', false, '>='],
        ['metric custom  unit "x"  better lower  current 6  target 5', false, '<='],
        ['metric conversion  better lower  current 3%  target 4%', true, '<='],
        ['metric churn  better higher  current 7%  target 5%', true, '>='],
        ['metric conversion  target >= 4%', undefined, '>='],
        ['metric conversion  current 4%', undefined, undefined],
        ['metric nps  current 40%  target >= 30', undefined, '>='],
        ['metric clv  current 400 EUR  target >= 300 USD', undefined, '>=']
    ];
    for (const [body, met, op] of cases) {
        test(`${body}: ${met === undefined ? 'unknown' : met ? 'met' : 'missed'}`, async () => {
            const k = await kpiOf(body);
            expect(k.met).toBe(met);
            expect(k.target?.op).toBe(op);
        });
    }

    test('direction of each kind of metric', async () => {
        expect((await kpiOf('metric churn')).direction).toBe('lower');
        expect((await kpiOf('metric cycle-time')).direction).toBe('lower');
        expect((await kpiOf('metric ces')).direction).toBe('higher');
        expect((await kpiOf('metric nps')).direction).toBe('higher');
        // no direction of their own: only `better` gives one
        expect((await kpiOf('metric custom')).direction).toBeUndefined();
        expect((await kpiOf('metric count')).direction).toBeUndefined();
        expect((await kpiOf('metric count  better lower')).direction).toBe('lower');
        expect((await kpiOf('metric churn  better higher')).direction).toBe('higher');
        expect((await kpiOf('better lower')).direction).toBe('lower');
        expect((await kpiOf('metric custom  unit "calls"')).unit).toBe('calls');
    });
});

describe('values that break their rules are left out of the model', () => {
    test('an out-of-range current is neither met nor missed; an impossible due date and a negative CLV or SLA are dropped', async () => {
        const { model } = await build(`
customer C { value low  clv -5 EUR }
journey J {
  customers C
  objective O { kpi K { metric nps  current 150  target >= 40  due 2027-02-30 } kpi Ok { metric nps  current 50  target >= 40  due 2027-02-28 } }
  process P { owner "x"  sla -5m }
  stage S { category usage  touchpoint T { channel web  processes P } }
}`);
        const bad = kpi(model, 'K');
        expect(bad.current).toBeUndefined();
        expect(bad.met).toBeUndefined();
        expect(bad.due).toBeUndefined();
        expect(bad.target?.value.text).toBe('40');
        const ok = kpi(model, 'Ok');
        expect(ok.met).toBe(true);
        expect(ok.due).toBe('2027-02-28');
        expect(model.customerDetails.find(c => c.name === 'C')?.clv).toBeUndefined();
        expect(model.processes.find(p => p.name === 'P')?.sla).toBeUndefined();
    });

    test('a KPI without a metric keeps its values, since no rule can judge them', async () => {
        const { model } = await build(`journey J { objective O { kpi K { current 3  target >= 5 } } }`);
        expect(kpi(model, 'K')).toMatchObject({ current: { form: 'number', value: 3 }, met: false });
    });
});

describe('a value the lexer could not read is not read', () => {
    const objective = (target: string) => `journey J {
  objective O { kpi Rate { metric percent  current 92%  target ${target} } }
  stage S { touchpoint T { channel web  emotion 1 } }
}`;

    test('`target > 90%` is no target at all, not `>= 90%` (and the KPI is neither met nor missed)', async () => {
        const { model } = await build(objective('> 90%'));
        const rate = kpi(model, 'Rate');
        expect(rate.target).toBeUndefined();
        expect(rate.met).toBeUndefined();
        expect(rate.current).toEqual({ form: 'percent', value: 92, text: '92%' });
        // (the same KPI with `>=` is met)
        expect(kpi((await build(objective('>= 90%'))).model, 'Rate').met).toBe(true);
    });

    test('nor `=> 90%`, `!= 90%`, `< 90%`, `90%%` or `90 %`', async () => {
        for (const target of ['=> 90%', '!= 90%', '< 90%', '90%%', '90 %']) {
            expect(kpi((await build(objective(target))).model, 'Rate').target, target).toBeUndefined();
        }
    });

    test('`emotion +1` is no emotion, not 1', async () => {
        const { model } = await build(objective('>= 90%').replace('emotion 1', 'emotion +1'));
        expect(model.touchpoints[0].emotion).toBeUndefined();
    });
});

describe('the model for checks (forChecks): the whole model without what no rule reads', () => {
    /** The whole model (without details) with the parts the checks' model leaves out taken away. */
    function projected(whole: JourneyModel, named: ReadonlySet<string>) {
        const { objectives: _o, processes: _p, systems: _s, information: _i, touchpoints, moments, pains, opportunities, customerDetails, ...rest } = whole;
        return {
            ...rest,
            touchpoints: touchpoints.map(({ processes: _tp, systems: _ts, information: _ti, reach: _r, ...t }) => t),
            moments: moments.map(({ valueAtRisk: _v, impact: _i, customers: _c, kpis: _k, recovery: _r, owner: _o, ...m }) => m),
            pains: pains.map(({ exposure: _e, ...p }) => p),
            opportunities: opportunities.map(({ value: _v, improves: _i, owner: _o, effort: _e, confidence: _c, status: _s, ...o }) => o),
            customerDetails: customerDetails.filter(c => named.has(c.id)).map(({ segment: _s, tier: _t, clv: _c, needs: _n, count: _k, ...c }) => c)
        };
    }

    async function expectSameParts(texts: Record<string, string>) {
        const [first, ...others] = Object.entries(texts);
        const { documents } = await parse(first[1], Object.fromEntries(others));
        for (const document of documents) {
            for (const journey of (document.parseResult.value as ast.Model).elements.filter((e): e is ast.Journey => e.$type === 'Journey')) {
                const whole = buildJourneyModel(journey, { details: false });
                const checked = buildJourneyModel(journey, { details: false, forChecks: true });
                const named = new Set([...whole.model.customers, ...whole.model.touchpoints.flatMap(t => t.customers), ...whole.model.moments.flatMap(m => m.customers)]);
                expect(JSON.parse(JSON.stringify(checked.model))).toEqual(JSON.parse(JSON.stringify(projected(whole.model, named))));
                const elements = [...checked.model.stages, ...checked.model.touchpoints, ...checked.model.moments, ...checked.model.pains, ...checked.model.opportunities, ...checked.model.customerDetails];
                const wholeElements = [...whole.model.stages, ...whole.model.touchpoints, ...whole.model.moments, ...whole.model.pains, ...whole.model.opportunities,
                    ...whole.model.customerDetails.filter(c => named.has(c.id))];
                expect(elements.map(e => checked.nodeOf(e))).toEqual(wholeElements.map(e => whole.nodeOf(e)));
                expect(checked.nodeOf(checked.model)).toBe(journey);
            }
        }
    }

    test('the examples and fixtures, as one workspace each', async () => {
        for (const workspace of exampleWorkspaces) await expectSameParts(Object.fromEntries(workspace.map(f => [f.name, f.text])));
        await expectSameParts({ 'reference.copis': referenceExample });
    });

    test('generated models', async () => {
        await fc.assert(fc.asyncProperty(generatedModel, async text => { await expectSameParts({ 'main.copis': text }); }), fuzzParameters(0.5));
    }, testTimeout(30_000));
});
