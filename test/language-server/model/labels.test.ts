import { describe, expect, test } from 'vitest';
import { COMPARATOR_SYMBOL, kpiCounts, kpiStatus, statusText, targetText } from '../../../language-server/model/kpi-status.js';
import { elementsById, label, labelOf, plural } from '../../../language-server/model/labels.js';
import { SHOP } from '../diagram/fixtures.js';
import { modelOf } from '../diagram/helpers.js';

describe('labels: one rule for every view', () => {
    test('the trimmed title, else the name (a blank title too)', () => {
        expect(label({ name: 'Pay', title: '  Take payment ' })).toBe('Take payment');
        expect(label({ name: 'Pay', title: '   ' })).toBe('Pay');
        expect(label({ name: 'Pay', title: '' })).toBe('Pay');
        expect(label({ name: 'Pay' })).toBe('Pay');
    });

    test('every element by id, with its kind; the label of an id, or the id when the journey does not hold it', async () => {
        const model = await modelOf(SHOP);
        const index = elementsById(model);
        expect(index.get('Shop.Checkout')).toMatchObject({ kind: 'touchpoint', name: 'Checkout' });
        expect(index.get('Gifter')).toMatchObject({ kind: 'customer' });
        expect(index.get('Shop.OnTime')).toMatchObject({ kind: 'kpi' });
        expect(labelOf(index, 'Gifter')).toBe('Gift buyer');
        expect(labelOf(index, 'Other.Kpi')).toBe('Other.Kpi');
    });

    test('counted nouns', () => {
        expect([plural(0, 'stage'), plural(1, 'stage'), plural(2, 'moment of truth', 'moments of truth')]).toEqual(['0 stages', '1 stage', '2 moments of truth']);
    });
});

describe('KPI status', () => {
    test('met, missed, unknown, with the reason; the target with its comparator; the counts', async () => {
        const model = await modelOf(SHOP);
        const kpis = model.objectives.flatMap(o => o.kpis);
        expect(kpis.map(kpiStatus)).toEqual(['missed', 'met', 'unknown', 'met']);
        expect(kpis.map(statusText)).toEqual(['missed', 'met', 'no target', 'met']);
        expect(kpis.map(targetText)).toEqual(['\u2265 97%', '\u2265 45', undefined, '\u2265 30%']);
        expect(COMPARATOR_SYMBOL).toEqual({ '>=': '\u2265', '<=': '\u2264', '=': '=' });
        expect(kpiCounts(kpis)).toEqual({ total: 4, met: 2, missed: 1, unknown: 1 });
    });
});
