import { describe, expect, test } from 'vitest';
import { diagnose } from '../../helpers.js';
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
