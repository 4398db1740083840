import { describe, expect, test } from 'vitest';
import { TEST_AS_OF, diagnose, loadWorkspace, withCode } from '../../helpers.js';
import { diag, pos, summary } from '../util.js';

/** A top-level objective holding one KPI with `body`, used by a journey so nothing else is reported. */
function kpi(body: string): string {
    return `
customer C
objective O {
  kpi K {
    ${body}
  }
}
process P { owner "x"  supports O }
journey J { customers C  stage S { touchpoint T { channel web  processes P } }  moment M { at T } }
`;
}

describe('kpi-without-target', () => {
    test('a KPI with no target, on its name', async () => {
        const text = kpi('metric nps  current 30');
        expect(await diag(text, 'kpi-without-target')).toMatchObject([
            { ...pos(text, 'K {'), severity: 'warning', message: expect.stringContaining('`K`') }
        ]);
    });

    test('also a KPI without braces, in a journey', async () => {
        const text = 'journey J { objective O { kpi Bare } }';
        expect(await diag(text, 'kpi-without-target')).toMatchObject([{ ...pos(text, 'Bare'), severity: 'warning' }]);
    });

    test('not when it has one, with or without comparator', async () => {
        expect(await diag(kpi('metric nps  target >= 40'), 'kpi-without-target')).toEqual([]);
        expect(await diag(kpi('metric nps  target 40'), 'kpi-without-target')).toEqual([]);
    });
});

describe('target-direction', () => {
    test('`churn target >= 10%` points the wrong way: reported on the comparator, suggesting the flip', async () => {
        const text = kpi('metric churn  target >= 10%');
        expect(await diag(text, 'target-direction')).toMatchObject([
            { ...pos(text, '>='), severity: 'warning', message: expect.stringContaining('`<=`') }
        ]);
    });

    test('a higher-is-better metric with `<=`', async () => {
        const text = kpi('metric csat  target <= 80%');
        expect(await diag(text, 'target-direction')).toMatchObject([{ ...pos(text, '<='), severity: 'warning', message: expect.stringContaining('`>=`') }]);
    });

    test('a duration metric (lower is better) with `>=`', async () => {
        const text = kpi('metric response-time  target >= 2h');
        expect(await diag(text, 'target-direction')).toMatchObject([{ ...pos(text, '>='), severity: 'warning' }]);
    });

    test('not for the right direction, `=`, an omitted comparator, or a custom metric', async () => {
        for (const body of [
            'metric churn  target <= 10%', 'metric nps  target >= 40', 'metric churn  target = 10%', 'metric churn  target 10%',
            'metric custom  target >= 3', 'metric custom  target <= 3', 'metric ces  target >= 5', 'metric cycle-time  target <= 2d',
            'target >= 10%'
        ]) {
            expect(await diag(kpi(body), 'target-direction'), body).toEqual([]);
        }
    });
});

describe('target-direction and `better` (v1.1)', () => {
    test('`count` and `custom` have no direction of their own: "missed appointments <= 100" is fine', async () => {
        for (const body of ['metric count  current 120  target <= 100', 'metric count  target >= 100', 'metric custom  unit "x"  target <= 3']) {
            expect(await diag(kpi(body), 'target-direction'), body).toEqual([]);
        }
    });

    test('`better` gives them one: reported against it, suggesting both fixes', async () => {
        const text = kpi('metric count  better lower  current 120  target >= 100');
        const found = await diag(text, 'target-direction');
        expect(found).toMatchObject([{ ...pos(text, '>='), severity: 'warning' }]);
        expect(found[0].message).toBe('KPI `K` says `better lower`, but its target says `>=`; did you mean `<=`? If higher is better for this KPI, say `better higher`.');
        expect(await diag(kpi('metric custom  unit "x"  better higher  target <= 3'), 'target-direction')).toHaveLength(1);
    });

    test('`better` overrides the metric: a count of complaints, churn that should grow', async () => {
        for (const body of ['metric nps  better lower  target <= 10', 'metric churn  better higher  target >= 5%', 'metric response-time  better higher  target >= 1h']) {
            expect(await diag(kpi(body), 'target-direction'), body).toEqual([]);
        }
        const text = kpi('metric churn  better higher  target <= 5%');
        expect((await diag(text, 'target-direction'))[0].message).toContain('says `better higher`');
    });

    test('the metric\'s own direction, when `better` is not written, and the fix to say `better`', async () => {
        const found = await diag(kpi('metric nps  target <= 10'), 'target-direction');
        expect(found[0].message).toBe('`nps` is better when higher, but its target says `<=`; did you mean `>=`? If lower is better for this KPI, say `better lower`.');
    });

    test('a target without comparator follows `better`; without any direction it means exactly', async () => {
        expect(await diag(kpi('metric count  better lower  current 90  target 100'), 'kpi-off-target')).toEqual([]);
        expect(await diag(kpi('metric count  better higher  current 90  target 100'), 'kpi-off-target')).toHaveLength(1);
        expect((await diag(kpi('metric count  current 90  target 100'), 'kpi-off-target'))[0].message).toContain('target = 100');
    });

    test('`better` takes higher or lower, once', async () => {
        expect(await diag(kpi('metric count  better up  target 1'), 'syntax')).toHaveLength(1);
        expect(await diag(kpi('metric count  better lower  better higher  target 1'), 'duplicate-property')).toMatchObject([{ ...pos(kpi('metric count  better lower  better higher  target 1'), 'better higher') }]);
    });
});

describe('kpi-overdue', () => {
    const off = (due: string) => kpi(`metric nps  current -4  target >= 10  due ${due}`);

    test('the due date has passed and the KPI is still off target: on the due date, with the as-of date', async () => {
        const text = off('2026-10-31');
        const found = withCode(await diagnose(text, {}, { asOf: '2026-11-01' }), 'kpi-overdue');
        expect(found).toMatchObject([{ ...pos(text, '2026-10-31'), severity: 'warning' }]);
        expect(found[0].message).toBe('KPI `K` was due on 2026-10-31 and is still off target (current -4, target >= 10) as of 2026-11-01; update `current`, or agree a new `due` date.');
    });

    test('not on the due date itself, nor before it', async () => {
        for (const asOf of ['2026-10-31', '2026-01-01']) {
            expect(withCode(await diagnose(off('2026-10-31'), {}, { asOf }), 'kpi-overdue'), asOf).toEqual([]);
        }
    });

    test('not when the KPI is met, or cannot be judged (no current, an invalid one), or has no (real) due date', async () => {
        for (const body of ['metric nps  current 20  target >= 10  due 2020-01-01', 'metric nps  target >= 10  due 2020-01-01',
            'metric nps  current 30%  target >= 10  due 2020-01-01', 'metric nps  current -4  target >= 10', 'metric nps  current -4  target >= 10  due 2020-02-30']) {
            expect(withCode(await diagnose(kpi(body), {}, { asOf: '2026-11-01' }), 'kpi-overdue'), body).toEqual([]);
        }
    });

    test('the tests\' as-of date is fixed; another one is a setting of the validation services', async () => {
        // Due on TEST_AS_OF: not yet overdue by default, overdue a day later.
        const text = off(TEST_AS_OF);
        expect(await diag(text, 'kpi-overdue')).toEqual([]);
        const { documents } = await loadWorkspace([{ uri: 'file:///test/main.copis', text }], { asOf: '2026-12-02' });
        expect(withCode(documents[0].diagnostics ?? [], 'kpi-overdue')).toHaveLength(1);
    });
});

describe('kpi-miss-unaddressed', () => {
    test('a KPI off target that no opportunity improves: information on its name', async () => {
        const text = kpi('metric nps  current 10  target >= 20');
        const found = await diag(text, 'kpi-miss-unaddressed');
        expect(found).toMatchObject([{ ...pos(text, 'K {'), severity: 'information' }]);
        expect(found[0].message).toBe('KPI `K` is off target and no opportunity improves it; add an `opportunity` with `improves K`, or add it to an existing one\'s `improves`.');
    });

    test('a moment measuring it does not count; an opportunity improving it does, from any journey and file', async () => {
        const missed = `objective O { kpi K { metric nps  current 10  target >= 20 } }`;
        const journeyOf = (name: string, extra: string) => `customer C${name}
process P${name} { owner "x" }
journey ${name} { customers C${name}  stage S { touchpoint T { channel web  processes P${name} } }  moment M { at T  kpis K }  ${extra} }`;
        expect(await diag(`${missed}\n${journeyOf('J', '')}`, 'kpi-miss-unaddressed')).toHaveLength(1);
        expect(await diag(`${missed}\n${journeyOf('J', 'opportunity Fix { addresses M  improves K }')}`, 'kpi-miss-unaddressed')).toEqual([]);
        expect(await diag(missed, 'kpi-miss-unaddressed', { 'other.copis': journeyOf('J', 'opportunity Fix { addresses M  improves O.K }') })).toEqual([]);
    });

    test('a journey\'s KPI improved from another journey, by its qualified name', async () => {
        const own = `customer C
process P { owner "x" }
journey A { customers C  objective O { kpi K { metric nps  current 10  target >= 20 } }  stage S { touchpoint T { channel web  processes P } }  moment M { at T  kpis K } }`;
        const other = 'journey B { customers C  stage S { touchpoint T { channel web  processes P } }  moment M { at T }  opportunity Fix { addresses M  improves A.K } }';
        expect(await diag(own, 'kpi-miss-unaddressed')).toHaveLength(1);
        expect(await diag(own, 'kpi-miss-unaddressed', { 'b.copis': other })).toEqual([]);
    });

    test('not for a met KPI, nor one that cannot be judged', async () => {
        for (const body of ['metric nps  current 30  target >= 20', 'metric nps  target >= 20', 'metric nps  current 30']) {
            expect(await diag(kpi(body), 'kpi-miss-unaddressed'), body).toEqual([]);
        }
    });

    test('silent while an `improves` that does not resolve may mean it (and only then)', async () => {
        const text = (improves: string) => `objective O { kpi Nps { metric nps  current 10  target >= 20 } }
customer C
process P { owner "x"  supports O }
journey J { customers C  stage S { touchpoint T { channel web  processes P } }  moment M { at T  kpis Nps }  opportunity Fix { addresses M  improves ${improves} } }`;
        expect((await diagnose(text('Npss'))).map(d => d.code).sort()).toEqual(['kpi-off-target', 'unresolved-reference']);
        expect((await diagnose(text('Churn'))).map(d => d.code).sort()).toEqual(['kpi-miss-unaddressed', 'kpi-off-target', 'unresolved-reference']);
        // A misspelt moment `kpis` is no `improves`.
        expect(withCode(await diagnose(text('Nps').replace('kpis Nps', 'kpis Npss')), 'kpi-miss-unaddressed')).toEqual([]);
    });
});

describe('kpi-off-target', () => {
    test('a KPI that misses its target, on its name, giving both values', async () => {
        const text = kpi('metric conversion  current 3%  target >= 4%');
        const found = await diag(text, 'kpi-off-target');
        expect(found).toMatchObject([{ ...pos(text, 'K {'), severity: 'information' }]);
        expect(found[0].message).toContain('3%');
        expect(found[0].message).toContain('4%');
    });

    test('lower-is-better metric, comparator omitted: the metric says which way', async () => {
        const text = kpi('metric churn  current 7%  target 5%');
        const found = await diag(text, 'kpi-off-target');
        expect(found).toMatchObject([{ ...pos(text, 'K {'), severity: 'information' }]);
        expect(found[0].message).toContain('<= 5%');
    });

    test('durations compare in seconds', async () => {
        expect(await diag(kpi('metric response-time  current 3h  target <= 90m'), 'kpi-off-target')).toHaveLength(1);
        expect(await diag(kpi('metric response-time  current 90m  target <= 2h'), 'kpi-off-target')).toEqual([]);
    });

    test('`=` is met only by the same value', async () => {
        expect(await diag(kpi('metric custom  unit "x"  current 4  target = 5'), 'kpi-off-target')).toHaveLength(1);
        expect(await diag(kpi('metric custom  unit "x"  current 5  target = 5'), 'kpi-off-target')).toEqual([]);
    });

    test('not for a met KPI, nor without current', async () => {
        for (const body of [
            'metric conversion  current 4%  target >= 4%', 'metric churn  current 3%  target 5%', 'metric churn  current 3%  target <= 5%',
            'metric nps  current -10  target >= -20', 'metric clv  current 500 EUR  target >= 400 EUR', 'metric conversion  target >= 4%',
            'metric count  current 3  target >= 3'
        ]) {
            expect(await diag(kpi(body), 'kpi-off-target'), body).toEqual([]);
        }
    });
});

describe('value-out-of-range in KPIs (§4 ranges)', () => {
    const cases: Array<[string, string]> = [
        ['metric nps  current 150  target >= 40', '150'],
        ['metric nps  current -101  target >= 40', '-101'],
        ['metric csat  current 120%  target >= 90%', '120%'],
        ['metric ces  current 0  target >= 5', '0'],
        ['metric ces  current 8  target >= 5', '8'],
        ['metric churn  current -5%  target <= 5%', '-5%'],
        ['metric conversion  current 5%  target >= 101%', '101%'],
        ['metric response-time  current 0m  target <= 2h', '0m'],
        ['metric resolution-time  current 3h  target <= -2h', '-2h'],
        ['metric clv  current -10 EUR  target >= 100 EUR', '-10 EUR'],
        ['metric count  current -1  target >= 3', '-1']
    ];
    for (const [body, value] of cases) {
        test(`\`${body}\`: \`${value}\``, async () => {
            const text = kpi(body);
            const found = await diag(text, 'value-out-of-range');
            // the value itself, standing alone (so `0` is not found inside `40`)
            const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            expect(found).toMatchObject([{ ...pos(text, new RegExp(` (${escaped})\\s`)), severity: 'error', message: expect.stringContaining(`\`${value}\``) }]);
        });
    }

    test('an impossible `due` date', async () => {
        for (const date of ['2027-02-30', '2027-13-01', '2027-04-31', '2027-00-10', '2026-02-29']) {
            const text = kpi(`metric nps  target >= 40  due ${date}`);
            expect(await diag(text, 'value-out-of-range'), date).toMatchObject([{ ...pos(text, date), severity: 'error', message: expect.stringContaining(date) }]);
        }
    });

    test('not at the bounds, nor for metrics without bounds', async () => {
        for (const body of [
            'metric nps  current -100  target >= 100', 'metric csat  current 0%  target >= 100%', 'metric ces  current 1  target >= 7',
            'metric clv-growth  current -20%  target >= 150%', 'metric custom  unit "x"  current -5  target >= 1000', 'metric clv  current 0 EUR  target >= 1 EUR',
            'metric count  current 0  target >= 0', 'metric cycle-time  current 1s  target <= 1w', 'metric nps  target >= 40  due 2028-02-29'
        ]) {
            expect(await diag(kpi(body), 'value-out-of-range'), body).toEqual([]);
        }
    });
});

describe('unit-mismatch in KPIs', () => {
    test('`metric nps` with `97%`, on the value', async () => {
        const text = kpi('metric nps  current 97%  target >= 45');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([
            { ...pos(text, '97%'), severity: 'error', message: expect.stringContaining('nps') }
        ]);
    });

    test('a duration metric given a plain number', async () => {
        const text = kpi('metric response-time  current 4h  target <= 2');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([{ ...pos(text, '2\n'), severity: 'error', message: expect.stringContaining('duration') }]);
    });

    test('percent metrics take percent, clv takes money', async () => {
        const text = kpi('metric csat  current 4.5  target >= 90%');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([{ ...pos(text, '4.5'), severity: 'error', message: expect.stringContaining('percent') }]);
        const clv = kpi('metric clv  current 400  target >= 500 EUR');
        expect(await diag(clv, 'unit-mismatch')).toMatchObject([{ ...pos(clv, '400'), severity: 'error', message: expect.stringContaining('money') }]);
    });

    test('`due` takes a date', async () => {
        const text = kpi('metric nps  target >= 40  due 2027');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([{ ...pos(text, '2027'), severity: 'error' }]);
    });

    test('money in two currencies cannot be compared', async () => {
        const text = kpi('metric clv  current 400 EUR  target >= 500 USD');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([{ ...pos(text, '500 USD'), severity: 'error', message: expect.stringContaining('EUR') }]);
        expect(await diag(text, 'kpi-off-target')).toEqual([]);
    });

    test('`unit` belongs to `metric custom` only', async () => {
        const text = kpi('metric nps  unit "points"  target >= 40');
        expect(await diag(text, 'unit-mismatch')).toMatchObject([{ ...pos(text, 'unit "points"'), severity: 'error' }]);
    });

    test('not for values of the right form', async () => {
        for (const body of [
            'metric custom  unit "tickets"  current 12  target <= 10', 'metric nps  current 32  target >= 45', 'metric csat  current 91%  target >= 90%',
            'metric cycle-time  current 3d  target <= 1w', 'metric clv  current 400 EUR  target >= 500 EUR', 'metric nps  target >= 40  due 2027-06-30'
        ]) {
            expect(await diag(kpi(body), 'unit-mismatch'), body).toEqual([]);
        }
    });
});

describe('percent-looks-like-fraction', () => {
    test('a percent between 0 and 1: did you mean the percent?', async () => {
        const text = kpi('metric csat  current 0.86%  target >= 90%');
        expect(await diag(text, 'percent-looks-like-fraction')).toMatchObject([
            { ...pos(text, '0.86%'), severity: 'warning', message: expect.stringContaining('`86%`') }
        ]);
    });

    test('on a target too', async () => {
        const text = kpi('metric conversion  current 5%  target >= 0.5%');
        expect(await diag(text, 'percent-looks-like-fraction')).toMatchObject([{ ...pos(text, '0.5%'), severity: 'warning', message: expect.stringContaining('`50%`') }]);
    });

    test('not for `1%`, `86%`, `0%`, or a fraction that is not a percent', async () => {
        for (const body of [
            'metric csat  current 1%  target >= 90%', 'metric csat  current 86%  target >= 90%', 'metric csat  current 0%  target >= 1%',
            'metric ces  current 1  target >= 5', 'metric custom  unit "x"  current 0.5  target >= 0.86'
        ]) {
            expect(await diag(kpi(body), 'percent-looks-like-fraction'), body).toEqual([]);
        }
    });
});

test('a well-formed KPI of every metric gives no diagnostic', async () => {
    const bodies = [
        'metric nps  current 40  target >= 30', 'metric csat  current 91%  target >= 90%', 'metric ces  current 5.5  target >= 5',
        'metric conversion  current 3%  target >= 2%', 'metric retention  current 90%  target >= 85%', 'metric repeat-purchase  current 30%  target >= 25%',
        'metric first-contact-resolution  current 80%  target >= 75%', 'metric percent  current 99%  target >= 97%',
        'metric churn  current 2%  target <= 3%', 'metric cart-abandonment  current 60%  target <= 70%', 'metric return-rate  current 10%  target <= 20%',
        'metric clv-growth  current 12%  target >= 10%', 'metric response-time  current 30s  target <= 1m', 'metric resolution-time  current 1d  target <= 2d',
        'metric cycle-time  current 1.5h  target <= 2h', 'metric clv  current 1450 EUR  target >= 1000 EUR', 'metric count  current 12  target >= 10',
        'metric custom  unit "orders per hour"  current 12  target = 12'
    ];
    for (const body of bodies) {
        expect(summary(await diagnose(kpi(body))), body).toEqual([]);
    }
});
