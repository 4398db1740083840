import { describe, expect, test } from 'vitest';
import { diagnose } from '../../helpers.js';
import { diag, pos, problems } from '../util.js';

/** A small journey with nothing wrong in it; tests change one thing at a time. */
const clean = `
customer Shopper { value medium  clv 100 EUR }
system Shop { type web  owner "IT" }
journey J {
  customers Shopper
  objective Goal { kpi Conv { metric conversion  current 5%  target >= 4% } }
  process Sell { owner "Sales"  systems Shop  supports Goal  sla 2h }
  stage Buy { category purchase
    touchpoint Checkout { channel web  processes Sell  emotion 1 }
  }
  stage Use { category usage
    touchpoint App { channel mobile  processes Sell  emotion 1 }
  }
  moment Paid { at Checkout  kind first  polarity positive  impact medium  kpis Conv }
}
`;

test('the base model of these tests has no diagnostic at all', async () => {
    expect(await diagnose(clean)).toEqual([]);
});

describe('duplicate-property', () => {
    test('a single-valued property given twice is reported on the second one', async () => {
        const text = `
process P {
  owner "A"
  lane frontstage
  owner "B"
}
journey J { process Q { owner "x" } }`;
        expect(await diag(text, 'duplicate-property')).toMatchObject([
            { ...pos(text, 'owner "B"'), severity: 'error', message: expect.stringContaining('`owner`') }
        ]);
    });

    test('in every kind of declaration', async () => {
        const text = `
customer C { value high  value low  clv 1 EUR  clv 2 EUR  segment "a"  segment "b" }
system S { type web  type app  approved public  approved internal }
information I { classification public  classification internal  source S  source S }
objective O { kpi K { metric nps  metric csat  current 1  current 2  target >= 1  target >= 2  due 2027-01-01  due 2027-01-02  unit "u"  unit "v" } }
process P { lane backstage  lane support  sla 1h  sla 2h }
journey J {
  stage St { category usage  category support
    touchpoint T { channel web  channel chat  emotion 1  emotion 2 }
  }
  moment M { at T  at T  kind second  kind third  polarity positive  polarity mixed  impact low  impact high  recovery P  recovery P  owner "a"  owner "b" }
  pain Pn { at T  at St  severity low  severity high }
  opportunity Op { addresses Pn  owner "a"  owner "b" }
}`;
        const found = (await diag(text, 'duplicate-property')).map(d => `${d.line}:${d.column}`);
        const expected = [
            pos(text, 'value low'), pos(text, 'clv 2'), pos(text, 'segment "b"'),
            pos(text, 'type app'), pos(text, 'approved internal'),
            pos(text, 'classification internal'), pos(text, 'source S', 2),
            pos(text, 'metric csat'), pos(text, 'current 2'), pos(text, 'target >= 2'), pos(text, 'due 2027-01-02'), pos(text, 'unit "v"'),
            pos(text, 'lane support'), pos(text, 'sla 2h'),
            pos(text, 'category support'),
            pos(text, 'channel chat'), pos(text, 'emotion 2'),
            pos(text, 'at T', 2), pos(text, 'kind third'), pos(text, 'polarity mixed'), pos(text, 'impact high'), pos(text, 'recovery P', 2), pos(text, 'owner "b"'),
            pos(text, 'at St'), pos(text, 'severity high'),
            pos(text, 'owner "b"', 2)
        ].map(p => `${p.line}:${p.column}`);
        expect(found.sort()).toEqual(expected.sort());
    });

    test('list properties given twice add to the list: no duplicate-property', async () => {
        const text = `
customer C { needs "a"  needs "b" }
customer D
system S
information I { source S }
objective O { for C  for D  kpi K { metric nps  target >= 1 } }
process P { owner "o"  systems S  systems S  reads I  reads I  writes I  writes I  supports O  supports O  steps "a"  steps "b" }
journey J {
  customers C  customers D
  stage St { touchpoint T { channel web  customers C  customers D  processes P  processes P  systems S  systems S  information I  information I } }
  moment M { at T  customers C  customers D  kpis K  kpis K }
  pain Pn { at T }
  opportunity Op { addresses Pn  addresses M  improves K  improves K }
}`;
        const diagnostics = await diagnose(text);
        expect(diagnostics.filter(d => d.code === 'syntax')).toEqual([]);
        expect(await diag(text, 'duplicate-property')).toEqual([]);
    });
});

describe('value-out-of-range outside KPIs', () => {
    test('emotion outside -2..2', async () => {
        const text = clean.replace('emotion 1 }\n  }\n  stage Use', 'emotion 3 }\n  }\n  stage Use').replace('channel mobile  processes Sell  emotion 1', 'channel mobile  processes Sell  emotion -3');
        expect(await diag(text, 'value-out-of-range')).toMatchObject([
            { ...pos(text, '3 }'), severity: 'error', message: expect.stringContaining('`3`') },
            { ...pos(text, '-3'), severity: 'error', message: expect.stringContaining('`-3`') }
        ]);
    });

    test('emotion -2 and 2 are in range', async () => {
        const text = clean.replace('emotion 1 }\n  }\n  stage Use', 'emotion 2 }\n  }\n  stage Use').replace('channel mobile  processes Sell  emotion 1', 'channel mobile  processes Sell  emotion -2');
        const diagnostics = await diagnose(text);
        expect(diagnostics.filter(d => d.code === 'value-out-of-range')).toEqual([]);
    });

    test('negative money and negative duration', async () => {
        const text = clean.replace('clv 100 EUR', 'clv -100 EUR').replace('sla 2h', 'sla -2h');
        expect(await diag(text, 'value-out-of-range')).toMatchObject([
            { ...pos(text, '-100 EUR'), severity: 'error' },
            { ...pos(text, '-2h'), severity: 'error' }
        ]);
    });

    test('zero money and a zero sla are not out of range', async () => {
        const text = clean.replace('clv 100 EUR', 'clv 0 EUR').replace('sla 2h', 'sla 0m');
        expect(await diag(text, 'value-out-of-range')).toEqual([]);
    });
});

describe('unit-mismatch outside KPIs', () => {
    test('`clv` takes money, `sla` a duration, `emotion` a plain number', async () => {
        const text = clean.replace('clv 100 EUR', 'clv 100').replace('sla 2h', 'sla 48').replace('emotion 1 }\n  }\n  stage Use', 'emotion 1% }\n  }\n  stage Use');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([
            { ...pos(text, '100 }'), severity: 'error', message: expect.stringContaining('money') },
            { ...pos(text, '48'), severity: 'error', message: expect.stringContaining('duration') },
            { ...pos(text, '1%'), severity: 'error', message: expect.stringContaining('plain number') }
        ]);
    });

    test('a currency that is not an ISO 4217 code', async () => {
        const text = clean.replace('clv 100 EUR', 'clv 100 Euro');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([{ ...pos(text, '100 Euro'), severity: 'error', message: expect.stringContaining('ISO 4217') }]);
    });
});

describe('the value-at-stake properties (language §7): count, reach, effort, confidence, status', () => {
    const valued = clean
        .replace('clv 100 EUR }', 'clv 100 EUR  count 12000 }')
        .replace('touchpoint App { channel mobile  processes Sell  emotion 1 }', 'touchpoint App { channel mobile  processes Sell  emotion 1  reach 40% }')
        .replace('\n}\n', '\n  opportunity Faster { addresses Paid  effort medium  confidence 70%  status planned }\n}\n');

    test('written well, they give no diagnostic', async () => {
        expect(valued).toContain('status planned');
        expect(await diagnose(valued)).toEqual([]);
    });

    test('`count` is a whole number, 0 or more; `reach` and `confidence` a percent from 0% to 100%', async () => {
        const text = valued.replace('count 12000', 'count -5').replace('reach 40%', 'reach 140%').replace('confidence 70%', 'confidence 101%');
        expect(await diag(text, 'value-out-of-range')).toMatchObject([
            { ...pos(text, '-5'), severity: 'error', message: expect.stringContaining('a whole number, 0 or more') },
            { ...pos(text, '140%'), severity: 'error', message: expect.stringContaining('0% to 100%') },
            { ...pos(text, '101%'), severity: 'error', message: expect.stringContaining('`confidence`') }
        ]);
        const fraction = valued.replace('count 12000', 'count 12.5');
        expect(await diag(fraction, 'value-out-of-range')).toMatchObject([{ ...pos(fraction, '12.5'), message: expect.stringContaining('`count`') }]);
        const bounds = valued.replace('count 12000', 'count 0').replace('reach 40%', 'reach 100%').replace('confidence 70%', 'confidence 0%');
        expect(await diag(bounds, 'value-out-of-range')).toEqual([]);
    });

    test('a value of the wrong form is a unit-mismatch', async () => {
        const text = valued.replace('count 12000', 'count 12000 EUR').replace('reach 40%', 'reach 40').replace('confidence 70%', 'confidence 2d');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([
            { ...pos(text, '12000 EUR'), severity: 'error', message: expect.stringContaining('plain number') },
            { ...pos(text, /reach (40)/), severity: 'error', message: expect.stringContaining('percent') },
            { ...pos(text, '2d'), severity: 'error', message: expect.stringContaining('percent') }
        ]);
        expect(await diag(text, 'value-out-of-range')).toEqual([]);
    });

    test('a reach or confidence that looks like a fraction is flagged, as for KPIs', async () => {
        const text = valued.replace('reach 40%', 'reach 0.4%');
        expect(await diag(text, 'percent-looks-like-fraction')).toMatchObject([{ ...pos(text, '0.4%'), severity: 'warning', message: expect.stringContaining('`40%`') }]);
    });

    test('each is single-valued: given twice, the second is a duplicate-property', async () => {
        const text = valued.replace('status planned', 'status planned  status done  effort low');
        expect((await diag(text, 'duplicate-property')).map(d => `${d.line}:${d.column}`)).toEqual([pos(text, 'status done'), pos(text, 'effort low')].map(p => `${p.line}:${p.column}`));
    });

    test('the enum words of effort and status stay usable as names', async () => {
        const text = `${valued}\nsystem done { type web }\nsystem idea { type app }\n`;
        expect((await diagnose(text)).filter(d => d.code === 'syntax')).toEqual([]);
    });
});

describe('touchpoint-without-channel', () => {
    test('a touchpoint with no channel, on its name', async () => {
        const text = clean.replace('touchpoint App { channel mobile  ', 'touchpoint App { ');
        expect(await diag(text, 'touchpoint-without-channel')).toMatchObject([
            { ...pos(text, 'App'), severity: 'warning', message: expect.stringContaining('`App`') }
        ]);
    });

    test('not when it has one', async () => {
        expect(await diag(clean, 'touchpoint-without-channel')).toEqual([]);
    });

    test('also for a touchpoint without braces', async () => {
        const text = clean.replace('stage Use { category usage', 'stage Use { category usage\n    touchpoint Bare');
        expect(await diag(text, 'touchpoint-without-channel')).toMatchObject([{ ...pos(text, 'Bare'), severity: 'warning' }]);
    });
});

describe('touchpoint-without-process', () => {
    test('a touchpoint that names no process, on its name', async () => {
        const text = clean.replace('touchpoint App { channel mobile  processes Sell ', 'touchpoint App { channel mobile  systems Shop ');
        expect(await diag(text, 'touchpoint-without-process')).toMatchObject([
            { ...pos(text, 'App'), severity: 'information', message: expect.stringContaining('`App`') }
        ]);
    });

    test('its systems and information do not count', async () => {
        const text = `
system S
information I { source S }
journey J { stage St { touchpoint T { channel web  systems S  information I } } }`;
        expect(await diag(text, 'touchpoint-without-process')).toMatchObject([{ ...pos(text, 'T {'), severity: 'information' }]);
    });

    test('not when it names a process', async () => {
        expect(await diag(clean, 'touchpoint-without-process')).toEqual([]);
    });
});

describe('process-without-owner', () => {
    test('a process with no owner, top level or in a journey', async () => {
        const text = `
process Top { lane backstage }
journey J { process Local { lane frontstage } }`;
        expect(await diag(text, 'process-without-owner')).toMatchObject([
            { ...pos(text, 'Top'), severity: 'warning', message: expect.stringContaining('`Top`') },
            { ...pos(text, 'Local'), severity: 'warning', message: expect.stringContaining('`Local`') }
        ]);
    });

    test('not when it has one', async () => {
        expect(await diag('process P { owner "Team" }', 'process-without-owner')).toEqual([]);
    });
});

describe('objective-without-kpi', () => {
    test('an objective with no KPI, top level or in a journey', async () => {
        const text = `
customer C
objective Top { for C }
journey J { objective Local }`;
        expect(await diag(text, 'objective-without-kpi')).toMatchObject([
            { ...pos(text, 'Top'), severity: 'warning', message: expect.stringContaining('`Top`') },
            { ...pos(text, 'Local'), severity: 'warning' }
        ]);
    });

    test('not when it has one', async () => {
        expect(await diag(clean, 'objective-without-kpi')).toEqual([]);
    });
});

describe('moment-without-touchpoint', () => {
    test('a moment with no `at`, on its name', async () => {
        const text = clean.replace('moment Paid { at Checkout  ', 'moment Paid { ');
        expect(await diag(text, 'moment-without-touchpoint')).toMatchObject([
            { ...pos(text, 'Paid'), severity: 'error', message: expect.stringContaining('`Paid`') }
        ]);
    });

    test('also without braces', async () => {
        const text = clean.replace('moment Paid', 'moment Bare\n  moment Paid');
        expect(await diag(text, 'moment-without-touchpoint')).toMatchObject([{ ...pos(text, 'Bare'), severity: 'error' }]);
    });

    test('not when it has one', async () => {
        expect(await diag(clean, 'moment-without-touchpoint')).toEqual([]);
    });
});

describe('critical-moment-unmeasured', () => {
    for (const impact of ['high', 'critical']) {
        test(`a ${impact} moment that names no KPI`, async () => {
            const text = clean.replace('impact medium  kpis Conv', `impact ${impact}`);
            expect(await diag(text, 'critical-moment-unmeasured')).toMatchObject([
                { ...pos(text, 'Paid'), severity: 'warning', message: expect.stringContaining('`Paid`') }
            ]);
        });
    }

    test('not for a high moment with a KPI', async () => {
        expect(await diag(clean.replace('impact medium', 'impact critical'), 'critical-moment-unmeasured')).toEqual([]);
    });

    test('not for a medium or low moment without KPI, nor one without impact', async () => {
        expect(await diag(clean.replace('impact medium  kpis Conv', 'impact medium'), 'critical-moment-unmeasured')).toEqual([]);
        expect(await diag(clean.replace('impact medium  kpis Conv', 'impact low'), 'critical-moment-unmeasured')).toEqual([]);
        expect(await diag(clean.replace('impact medium  kpis Conv', ''), 'critical-moment-unmeasured')).toEqual([]);
    });
});

describe('opportunity-addresses-nothing', () => {
    test('an opportunity with no `addresses`, on its name', async () => {
        const text = clean.replace('moment Paid', 'opportunity Idea { improves Conv  owner "x" }\n  moment Paid');
        expect(await diag(text, 'opportunity-addresses-nothing')).toMatchObject([
            { ...pos(text, 'Idea'), severity: 'warning', message: expect.stringContaining('`Idea`') }
        ]);
    });

    test('not when it addresses a moment or a pain', async () => {
        const text = clean.replace('moment Paid', 'opportunity Idea { addresses Paid }\n  moment Paid');
        expect(await diag(text, 'opportunity-addresses-nothing')).toEqual([]);
    });
});

describe('stage-without-touchpoints', () => {
    test('a stage with no touchpoint, with or without braces', async () => {
        const text = clean.replace('stage Use', 'stage Empty { category delivery }\n  stage Bare\n  stage Use');
        expect(await diag(text, 'stage-without-touchpoints')).toMatchObject([
            { ...pos(text, 'Empty'), severity: 'warning', message: expect.stringContaining('Stage `Empty` has no touchpoint') },
            { ...pos(text, 'Bare'), severity: 'warning' }
        ]);
    });

    test('not when it has one', async () => {
        expect(await diag(clean, 'stage-without-touchpoints')).toEqual([]);
    });
});

describe('journey-without-customers', () => {
    test('a journey that names no customers, on its name', async () => {
        const text = clean.replace('customers Shopper\n', '');
        expect(await diag(text, 'journey-without-customers')).toMatchObject([
            { ...pos(text, 'J {'), severity: 'warning', message: expect.stringContaining('`J`') }
        ]);
    });

    test('not when it names some', async () => {
        expect(await diag(clean, 'journey-without-customers')).toEqual([]);
    });
});

describe('journey-without-stages', () => {
    test('a journey with no stage, on its name', async () => {
        const text = 'customer C\njourney Empty { customers C }\njourney Bare';
        expect(await diag(text, 'journey-without-stages')).toMatchObject([
            { ...pos(text, 'Empty'), severity: 'warning', message: expect.stringContaining('`Empty`') },
            { ...pos(text, 'Bare'), severity: 'warning' }
        ]);
    });

    test('not when it has one', async () => {
        expect(await diag(clean, 'journey-without-stages')).toEqual([]);
    });
});

test('the base model stays free of errors and warnings with every optional property added', async () => {
    const text = clean
        .replace('customer Shopper { value medium  clv 100 EUR }', 'customer Shopper { segment "s"  value medium  clv 100 EUR  needs "a", "b" }')
        .replace('process Sell { owner "Sales"', 'process Sell { owner "Sales"  lane frontstage  steps "a"');
    expect(problems(await diagnose(text))).toEqual([]);
});
