import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as ast from '../../language-server/generated/ast.js';
import { docOf } from '../../language-server/model/build-model.js';
import { findProp, listProp, propsOf, textProp } from '../../language-server/model/props.js';
import { parseQuantity } from '../../language-server/model/values.js';
import { diagnose } from '../helpers.js';
import { journeyOf, parse, problems, targetOf } from './util.js';

const referenceExample = readFileSync(new URL('./fixtures/reference-example.copis', import.meta.url), 'utf8');

/** Parses `text` and fails with the errors when there are any. */
async function parsesCleanly(text: string) {
    const result = await parse(text);
    expect(result.lexerErrors.map(e => e.message)).toEqual([]);
    expect(result.parserErrors.map(e => e.message)).toEqual([]);
    return result;
}

function named<T extends ast.Declaration>(items: readonly ast.Declaration[], name: string): T {
    const found = items.find(i => i.name === name);
    if (!found) throw new Error(`no declaration ${name}`);
    return found as T;
}

function quantity(node: ast.Declaration, key: string) {
    return parseQuantity(findProp(node, key)?.value as ast.Quantity | undefined);
}

describe('the complete example of §1', () => {
    test('parses with no lexer or parser error', async () => {
        await parsesCleanly(referenceExample);
    });

    test('has no error and no warning', async () => {
        expect(problems(await diagnose(referenceExample))).toEqual([]);
    });

    test('gives the AST the example describes', async () => {
        const { model } = await parsesCleanly(referenceExample);
        expect(model.elements.map(e => `${e.$type} ${e.name}`)).toEqual([
            'Customer Shopper', 'Customer Gifter', 'System Storefront', 'System Oms', 'System Helpdesk',
            'Information OrderRecord', 'Journey BuyAndReturn'
        ]);
        const shopper = named<ast.Customer>(model.elements, 'Shopper');
        expect(shopper.title).toBe('Style-conscious shopper');
        expect(textProp(shopper, 'segment')).toBe('Urban, 25-40');
        expect(textProp(shopper, 'value')).toBe('high');
        expect(quantity(shopper, 'clv')).toEqual({ form: 'money', value: 1450, currency: 'EUR', text: '1450 EUR' });
        expect(listProp(shopper, 'needs')).toEqual(['Fast delivery', 'Free returns']);
        expect(docOf(shopper)).toBe('Shoppers who buy clothes on the web shop and sometimes send them back.');

        const journey = journeyOf(model);
        expect(journey.stages.map(s => s.name)).toEqual(['Discover', 'Consider', 'Buy', 'Receive', 'Support']);
        expect(journey.stages.map(s => textProp(s, 'category'))).toEqual(['awareness', 'consideration', 'purchase', 'delivery', 'support']);
        expect(journey.moments.map(m => m.name)).toEqual(['Delivered', 'ReturnHassle']);
        expect(journey.pains.map(p => p.name)).toEqual(['SlowRefund']);
        expect(journey.opportunities.map(o => o.name)).toEqual(['InstantRefund']);

        const [onTime, nps] = journey.objectives[0].kpis;
        const target = findProp(onTime, 'target') as ast.TargetProp;
        expect(target.op).toBe('>=');
        expect(parseQuantity(target.value)).toEqual({ form: 'percent', value: 97, text: '97%' });
        expect(quantity(onTime, 'current')).toEqual({ form: 'percent', value: 91, text: '91%' });
        expect(quantity(nps, 'due')).toMatchObject({ form: 'date', value: '2027-06-30', valid: true });

        const checkout = journey.stages[2].touchpoints[0];
        expect(quantity(checkout, 'emotion')).toEqual({ form: 'number', value: -1, text: '-1' });
        const fulfil = named<ast.Process>(journey.processes, 'Fulfil');
        expect(quantity(fulfil, 'sla')).toMatchObject({ form: 'duration', value: 48, unit: 'h', seconds: 48 * 3600 });
        expect(listProp(fulfil, 'steps')).toEqual(['Pick', 'Pack', 'Hand to carrier']);
        const answer = named<ast.Process>(journey.processes, 'AnswerTicket');
        expect(propsOf(answer).map(p => p.key)).toEqual(['owner', 'lane', 'systems', 'reads', 'sla']);
    });

    test('links every reference of the example', async () => {
        const { document } = await parsesCleanly(referenceExample);
        const unresolved = document.references.filter(r => !targetOf(r)).map(r => r.$refText);
        expect(unresolved).toEqual([]);
        expect(document.references.length).toBeGreaterThan(20);
    });
});

describe('declarations', () => {
    test('every top-level declaration kind, with and without title and braces', async () => {
        const { model } = await parsesCleanly(`
customer A "Customer A" { segment "S" }
customer B
system S "System" { type web }
system T {}
information I "Info" { classification public }
information J
objective O "Objective" { for A  kpi K { metric count  target >= 1 } }
objective P
process Pr "Process" { owner "Team" }
process Q
journey Jo "Journey" { customers A }
journey Empty
`);
        expect(model.elements.map(e => `${e.$type}:${e.name}:${e.title ?? '-'}`)).toEqual([
            'Customer:A:Customer A', 'Customer:B:-', 'System:S:System', 'System:T:-', 'Information:I:Info', 'Information:J:-',
            'Objective:O:Objective', 'Objective:P:-', 'Process:Pr:Process', 'Process:Q:-', 'Journey:Jo:Journey', 'Journey:Empty:-'
        ]);
        expect((model.elements[6] as ast.Objective).kpis.map(k => k.name)).toEqual(['K']);
    });

    test('every journey member, in any order, with braces omitted where nothing is inside', async () => {
        const { model } = await parsesCleanly(`
customer C
journey J "J" {
  opportunity Opp { addresses Pn }
  moment M { at T }
  pain Pn { at S }
  stage S "Stage" { touchpoint T "Touchpoint" { channel web } touchpoint U }
  stage Bare
  process P
  objective O { kpi K  kpi L { metric nps } }
  customers C
  moment NoBraces
  pain NoBracesPain
  opportunity NoBracesOpp
  objective NoBracesObjective
}
`);
        const journey = journeyOf(model);
        expect(journey.stages.map(s => s.name)).toEqual(['S', 'Bare']);
        expect(journey.stages[0].touchpoints.map(t => t.name)).toEqual(['T', 'U']);
        expect(journey.moments.map(m => m.name)).toEqual(['M', 'NoBraces']);
        expect(journey.pains.map(p => p.name)).toEqual(['Pn', 'NoBracesPain']);
        expect(journey.opportunities.map(o => o.name)).toEqual(['Opp', 'NoBracesOpp']);
        expect(journey.processes.map(p => p.name)).toEqual(['P']);
        expect(journey.objectives.map(o => o.name)).toEqual(['O', 'NoBracesObjective']);
        expect(journey.objectives[0].kpis.map(k => k.name)).toEqual(['K', 'L']);
        expect(journey.props.map(p => p.key)).toEqual(['customers']);
    });

    test('a moment without `at` parses (the validator reports it)', async () => {
        const { model } = await parsesCleanly('journey J { moment M { kind first  polarity positive } }');
        expect(journeyOf(model).moments[0].props.map(p => p.key)).toEqual(['kind', 'polarity']);
    });

    test('names may be enum words, and contain digits and underscores', async () => {
        const { model } = await parsesCleanly(`
journey J {
  stage support { category support touchpoint email { channel email } }
  stage _Stage_2 { touchpoint web2 }
  moment high { at email }
}`);
        const journey = journeyOf(model);
        expect(journey.stages.map(s => s.name)).toEqual(['support', '_Stage_2']);
        expect(journey.stages[0].touchpoints[0].name).toBe('email');
        expect(journey.moments[0].name).toBe('high');
    });
});

describe('every property of §3', () => {
    const everything = `
customer Cu "Customer" {
  segment "Urban"
  value high
  clv 1450 EUR
  needs "Fast", "Cheap"
}
system Sy "System" { type crm  owner "IT"  approved sensitive }
information In "Info" { source Sy  owner "Data team"  classification personal }
objective Ob "Objective" {
  for Cu
  kpi Ku "Custom" { metric custom  current 12  target = 12  due 2027-01-31  unit "tickets per agent" }
}
process Pr "Process" {
  owner "Team"
  lane support
  systems Sy
  reads In
  writes In
  supports Ob
  steps "One", "Two"
  sla 30m
}
journey Jo {
  customers Cu
  stage St {
    category onboarding
    touchpoint Tp {
      channel phone
      customers Cu
      processes Pr
      systems Sy
      information In
      emotion 0
    }
  }
  moment Mo {
    at Tp
    kind second
    polarity mixed
    impact low
    customers Cu
    kpis Ku
    recovery Pr
    owner "Owner"
  }
  pain AtStage { at St  severity medium }
  pain AtTouchpoint { at Tp  severity low }
  opportunity Op { addresses AtStage, Mo  improves Ku, Ob.Ku  owner "Someone" }
}
`;

    test('parses, and every reference resolves', async () => {
        const { document } = await parsesCleanly(everything);
        expect(document.references.filter(r => !targetOf(r)).map(r => r.$refText)).toEqual([]);
    });

    test('has no error and no warning', async () => {
        expect(problems(await diagnose(everything))).toEqual([]);
    });

    test('gives each declaration its properties', async () => {
        const { model } = await parsesCleanly(everything);
        const keys = (node: ast.Declaration) => propsOf(node).map(p => p.key);
        expect(keys(named(model.elements, 'Cu'))).toEqual(['segment', 'value', 'clv', 'needs']);
        expect(keys(named(model.elements, 'Sy'))).toEqual(['type', 'owner', 'approved']);
        expect(keys(named(model.elements, 'In'))).toEqual(['source', 'owner', 'classification']);
        const objective = named<ast.Objective>(model.elements, 'Ob');
        expect(keys(objective)).toEqual(['for']);
        expect(keys(objective.kpis[0])).toEqual(['metric', 'current', 'target', 'due', 'unit']);
        expect(textProp(objective.kpis[0], 'unit')).toBe('tickets per agent');
        expect(keys(named(model.elements, 'Pr'))).toEqual(['owner', 'lane', 'systems', 'reads', 'writes', 'supports', 'steps', 'sla']);
        const journey = journeyOf(model);
        expect(keys(journey)).toEqual(['customers']);
        expect(keys(journey.stages[0])).toEqual(['category']);
        expect(keys(journey.stages[0].touchpoints[0])).toEqual(['channel', 'customers', 'processes', 'systems', 'information', 'emotion']);
        expect(keys(journey.moments[0])).toEqual(['at', 'kind', 'polarity', 'impact', 'customers', 'kpis', 'recovery', 'owner']);
        expect(keys(journey.pains[0])).toEqual(['at', 'severity']);
        expect(keys(journey.opportunities[0])).toEqual(['addresses', 'improves', 'owner']);
        // pain `at` a stage and at a touchpoint
        expect((journey.pains[0].props[0] as ast.PainAtProp).ref.ref?.$type).toBe('Stage');
        expect((journey.pains[1].props[0] as ast.PainAtProp).ref.ref?.$type).toBe('Touchpoint');
        // moment `customers`
        expect((journey.moments[0].props[4] as ast.CustomersProp).refs.map(r => r.ref?.name)).toEqual(['Cu']);
    });

    test('properties in any order, on one line or many', async () => {
        const { model } = await parsesCleanly(`
objective O { kpi K { due 2027-01-01 target >= 5% current 4% metric conversion } for C }
customer C { needs "x" clv 5 EUR value low segment "s" }
process P { sla 1d steps "a" supports O writes I reads I systems S lane backstage owner "o" }
system S { approved internal owner "o" type data }
information I { classification internal owner "o" source S }
journey J {
  stage St { touchpoint T { emotion 1 information I systems S processes P customers C channel web } category usage }
  moment M { owner "o" recovery P kpis K customers C impact high polarity positive kind third at T }
  pain X { severity high at T }
  opportunity Y { owner "o" improves K addresses X }
  customers C
}`);
        const journey = journeyOf(model);
        expect(textProp(journey.stages[0], 'category')).toBe('usage');
        expect(propsOf(journey.moments[0]).map(p => p.key)).toEqual(['owner', 'recovery', 'kpis', 'customers', 'impact', 'polarity', 'kind', 'at']);
    });

    test('list properties take one or many comma-separated items, also across lines', async () => {
        const { model } = await parsesCleanly(`
customer A
customer B
customer C { needs "one" }
journey J {
  customers A,
    B, C
}`);
        const prop = journeyOf(model).props[0] as ast.CustomersProp;
        expect(prop.refs.map(r => r.$refText)).toEqual(['A', 'B', 'C']);
        expect(listProp(named(model.elements, 'C'), 'needs')).toEqual(['one']);
    });
});

describe('every enum value', () => {
    const cases: Array<[string, string[], (v: string) => string]> = [
        ['value', ['high', 'medium', 'low'], v => `customer C { value ${v} }`],
        ['type', ['web', 'app', 'crm', 'erp', 'ticketing', 'payment', 'messaging', 'analytics', 'data', 'other'], v => `system S { type ${v} }`],
        ['approved', ['public', 'internal', 'confidential', 'personal', 'sensitive'], v => `system S { approved ${v} }`],
        ['classification', ['public', 'internal', 'confidential', 'personal', 'sensitive'], v => `information I { classification ${v} }`],
        ['metric', ['nps', 'csat', 'ces', 'conversion', 'retention', 'repeat-purchase', 'first-contact-resolution', 'percent', 'churn',
            'cart-abandonment', 'return-rate', 'clv-growth', 'response-time', 'resolution-time', 'cycle-time', 'clv', 'count', 'custom'],
        v => `objective O { kpi K { metric ${v} } }`],
        ['lane', ['frontstage', 'backstage', 'support'], v => `process P { lane ${v} }`],
        ['category', ['awareness', 'consideration', 'purchase', 'delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention', 'advocacy'],
            v => `journey J { stage S { category ${v} } }`],
        ['channel', ['web', 'mobile', 'email', 'phone', 'chat', 'social', 'store', 'mail', 'sms', 'video', 'partner', 'other'],
            v => `journey J { stage S { touchpoint T { channel ${v} } } }`],
        ['kind', ['zero', 'first', 'actual', 'second', 'third', 'ultimate'], v => `journey J { moment M { kind ${v} } }`],
        ['polarity', ['positive', 'negative', 'mixed'], v => `journey J { moment M { polarity ${v} } }`],
        ['impact', ['low', 'medium', 'high', 'critical'], v => `journey J { moment M { impact ${v} } }`],
        ['severity', ['low', 'medium', 'high', 'critical'], v => `journey J { pain P { severity ${v} } }`]
    ];
    for (const [key, values, make] of cases) {
        test(`\`${key}\`: ${values.join(', ')}`, async () => {
            for (const v of values) {
                const { model } = await parsesCleanly(make(v));
                const found: string[] = [];
                const visit = (node: ast.Declaration) => {
                    const value = textProp(node, key);
                    if (value !== undefined) found.push(value);
                };
                for (const e of model.elements) {
                    visit(e);
                    if (ast.isObjective(e)) e.kpis.forEach(visit);
                    if (ast.isJourney(e)) {
                        e.stages.forEach(s => { visit(s); s.touchpoints.forEach(visit); });
                        e.moments.forEach(visit);
                        e.pains.forEach(visit);
                    }
                }
                expect(found, `${key} ${v}`).toEqual([v]);
            }
        });
    }
});

describe('literals of §2', () => {
    async function kpiValues(body: string) {
        const { model } = await parsesCleanly(`objective O { kpi K { ${body} } }`);
        const kpi = (model.elements[0] as ast.Objective).kpis[0];
        return { current: quantity(kpi, 'current'), target: quantity(kpi, 'target'), due: quantity(kpi, 'due'), targetOp: (findProp(kpi, 'target') as ast.TargetProp | undefined)?.op };
    }

    test('numbers: whole, negative, decimal', async () => {
        expect((await kpiValues('current 42')).current).toEqual({ form: 'number', value: 42, text: '42' });
        expect((await kpiValues('current -20')).current).toEqual({ form: 'number', value: -20, text: '-20' });
        expect((await kpiValues('current 3.5')).current).toEqual({ form: 'number', value: 3.5, text: '3.5' });
        expect((await kpiValues('current -0.25')).current).toEqual({ form: 'number', value: -0.25, text: '-0.25' });
    });

    test('percent, whole and decimal', async () => {
        expect((await kpiValues('current 97%')).current).toEqual({ form: 'percent', value: 97, text: '97%' });
        expect((await kpiValues('current 12.5%')).current).toEqual({ form: 'percent', value: 12.5, text: '12.5%' });
        expect((await kpiValues('current -3%')).current).toEqual({ form: 'percent', value: -3, text: '-3%' });
    });

    test('durations in each unit, including decimals', async () => {
        const cases: Array<[string, number, string]> = [
            ['45s', 45, 's'], ['30m', 30 * 60, 'm'], ['1.5h', 1.5 * 3600, 'h'], ['48h', 48 * 3600, 'h'], ['2d', 2 * 86400, 'd'], ['1w', 604800, 'w']
        ];
        for (const [text, seconds, unit] of cases) {
            expect((await kpiValues(`current ${text}`)).current, text).toMatchObject({ form: 'duration', seconds, unit, text });
        }
        const { model } = await parsesCleanly('process P { sla 1.5h }');
        expect(quantity(model.elements[0] as ast.Process, 'sla')).toMatchObject({ form: 'duration', value: 1.5, unit: 'h', seconds: 5400 });
    });

    test('money: a number and an ISO 4217 code', async () => {
        expect((await kpiValues('current 1450 EUR')).current).toEqual({ form: 'money', value: 1450, currency: 'EUR', text: '1450 EUR' });
        expect((await kpiValues('current 19.99 USD')).current).toEqual({ form: 'money', value: 19.99, currency: 'USD', text: '19.99 USD' });
    });

    test('dates', async () => {
        expect((await kpiValues('due 2027-06-30')).due).toEqual({ form: 'date', value: '2027-06-30', valid: true, text: '2027-06-30' });
        expect((await kpiValues('due 2028-02-29')).due).toMatchObject({ valid: true });
        // An impossible date still parses; the validator reports it.
        expect((await kpiValues('due 2027-02-30')).due).toMatchObject({ form: 'date', valid: false });
    });

    test('every comparator, and none', async () => {
        expect(await kpiValues('target >= 5')).toMatchObject({ targetOp: '>=', target: { value: 5 } });
        expect(await kpiValues('target <= 5%')).toMatchObject({ targetOp: '<=', target: { value: 5, form: 'percent' } });
        expect(await kpiValues('target = 2h')).toMatchObject({ targetOp: '=', target: { form: 'duration', seconds: 7200 } });
        expect(await kpiValues('target 45')).toMatchObject({ targetOp: undefined, target: { value: 45 } });
        expect(await kpiValues('target >= -20')).toMatchObject({ targetOp: '>=', target: { value: -20 } });
    });

    test('strings with `\\"` and `\\\\` escapes', async () => {
        const { model } = await parsesCleanly(String.raw`customer C "Say \"hi\"" { segment "back\\slash" needs "a \"b\" c", "d\\e" }`);
        const c = model.elements[0] as ast.Customer;
        expect(c.title).toBe('Say "hi"');
        expect(textProp(c, 'segment')).toBe('back\\slash');
        expect(listProp(c, 'needs')).toEqual(['a "b" c', 'd\\e']);
    });

    test('a string may not span lines', async () => {
        const result = await parse('customer C { segment "one\ntwo" }');
        expect(result.lexerErrors.length + result.parserErrors.length).toBeGreaterThan(0);
    });
});

describe('comments', () => {
    test('line and block comments anywhere between tokens', async () => {
        const { model } = await parsesCleanly(`// a file comment
/* a block
   comment */
customer A // after a name
customer B { /* inside */ value /* between key and value */ low // end of line
}
journey J { customers A, /* in a list */ B
  // before a stage
  stage S { touchpoint T { emotion -1 /* after a value */ } } /* after a block */
}
// at the end, with no newline`);
        expect(model.elements.map(e => e.name)).toEqual(['A', 'B', 'J']);
        expect((journeyOf(model).props[0] as ast.CustomersProp).refs.map(r => r.$refText)).toEqual(['A', 'B']);
        expect(quantity(journeyOf(model).stages[0].touchpoints[0], 'emotion')).toMatchObject({ value: -1 });
    });

    test('a `/** doc */` comment right before a declaration is its documentation', async () => {
        const { model } = await parsesCleanly(`
/** The main customer. */
customer A
/* not a doc comment */
customer B
journey J {
  /** The first stage. */
  stage S {
    /** Where it starts. */
    touchpoint T
  }
}`);
        expect(docOf(model.elements[0])).toBe('The main customer.');
        expect(docOf(model.elements[1])).toBeUndefined();
        const journey = journeyOf(model);
        expect(docOf(journey)).toBeUndefined();
        expect(docOf(journey.stages[0])).toBe('The first stage.');
        expect(docOf(journey.stages[0].touchpoints[0])).toBe('Where it starts.');
    });
});

describe('text that does not parse', () => {
    test('an unknown property is a parser error', async () => {
        const result = await parse('customer C { colour "red" }');
        expect(result.parserErrors.length + result.lexerErrors.length).toBeGreaterThan(0);
    });

    test('keywords are lower case: a capitalised one is an error that says so (and is read as the keyword)', async () => {
        const result = await parse('Customer C');
        expect(result.lexerErrors.map(e => e.message)).toEqual(['Keywords are lower case: write `customer`, not `Customer`.']);
        expect(result.model.elements.map(e => e.$type)).toEqual(["Customer"]);
    });
});
