import { describe, expect, test } from 'vitest';
import type { KpiModel } from '../../../language-server/model/journey-model.js';
import { currentText, kpiMeasurements, kpiSeriesPoints, trendText } from '../../../language-server/model/kpi-status.js';
import { parseValueText, type Value } from '../../../language-server/model/values.js';

const value = (text: string): Value => parseValueText(text)!;
const location = { uri: 'file:///test/actuals.csv', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } };

/** A KPI with a series of actuals: the last of `values` is its actual (language §7). */
function kpi(values: Array<[string, string]>, extra: Partial<KpiModel> = {}): KpiModel {
    const points = values.map(([date, text]) => ({ date, value: value(text) }));
    const last = points[points.length - 1];
    return {
        kind: 'kpi', id: 'Shop.Nps', name: 'Nps', objective: 'Shop.Fast', current: last.value, series: points.slice(0, -1),
        actual: { ...last, location, ageDays: 1, stale: false, staleAfter: '90d' }, ...extra
    };
}

describe('kpiSeriesPoints: what a sparkline plots', () => {
    test('the series then the actual, as numbers; durations in seconds; the target when it compares', () => {
        expect(kpiSeriesPoints(kpi([['2026-09-30', '40'], ['2026-10-31', '42'], ['2026-11-30', '38']], { target: { op: '>=', value: value('45') } }))).toEqual({
            points: [{ date: '2026-09-30', value: 40 }, { date: '2026-10-31', value: 42 }, { date: '2026-11-30', value: 38 }], target: 45
        });
        expect(kpiSeriesPoints(kpi([['2026-10-31', '2h'], ['2026-11-30', '1d']]))?.points.map(p => p.value)).toEqual([7200, 86400]);
    });

    test('nothing with fewer than two measurements, or without actuals', () => {
        expect(kpiSeriesPoints(kpi([['2026-11-30', '40']]))).toBeUndefined();
        const { actual: _actual, series: _series, ...written } = kpi([['2026-10-31', '40'], ['2026-11-30', '41']]);
        expect(kpiSeriesPoints(written as KpiModel)).toBeUndefined();
    });

    test('nothing when the measurements do not compare; no target when it does not', () => {
        expect(kpiSeriesPoints(kpi([['2026-10-31', '40%'], ['2026-11-30', '41']]))).toBeUndefined();
        expect(kpiSeriesPoints(kpi([['2026-10-31', '10 EUR'], ['2026-11-30', '11 USD']]))).toBeUndefined();
        expect(kpiSeriesPoints(kpi([['2026-10-31', '10 EUR'], ['2026-11-30', '11 EUR']], { target: { op: '>=', value: value('12 USD') } }))).toEqual({
            points: [{ date: '2026-10-31', value: 10 }, { date: '2026-11-30', value: 11 }]
        });
    });

    test('the last `max` measurements only', () => {
        const many = Array.from({ length: 20 }, (_, i): [string, string] => [`2026-01-${String(i + 1).padStart(2, '0')}`, String(i)]);
        expect(kpiSeriesPoints(kpi(many))!.points.map(p => p.value)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
        expect(kpiSeriesPoints(kpi(many), 3)!.points.map(p => p.value)).toEqual([17, 18, 19]);
    });
});

describe('kpiMeasurements: what a view lists', () => {
    test('the series then the actual, as measured, oldest first; the last `max` of them and how many earlier ones are left out', () => {
        const three = kpi([['2026-09-30', '92%'], ['2026-10-31', '93.5%'], ['2026-11-30', '95.1%']]);
        expect(kpiMeasurements(three)).toEqual({ points: [{ date: '2026-09-30', value: value('92%') }, { date: '2026-10-31', value: value('93.5%') }, { date: '2026-11-30', value: value('95.1%') }], earlier: 0 });
        expect(kpiMeasurements(three, 2)).toEqual({ points: [{ date: '2026-10-31', value: value('93.5%') }, { date: '2026-11-30', value: value('95.1%') }], earlier: 1 });
        // One actual alone is listed (a sparkline needs two); values that do not compare are listed too.
        expect(kpiMeasurements(kpi([['2026-11-30', '40']]))?.points.map(p => p.date)).toEqual(['2026-11-30']);
        expect(kpiMeasurements(kpi([['2026-10-31', '40%'], ['2026-11-30', '41']]))?.points.map(p => p.value.text)).toEqual(['40%', '41']);
        // The same ones the sparkline plots.
        const many = kpi(Array.from({ length: 20 }, (_, i): [string, string] => [`2026-01-${String(i + 1).padStart(2, '0')}`, String(i)]));
        expect(kpiMeasurements(many)!.points.map(p => p.date)).toEqual(kpiSeriesPoints(many)!.points.map(p => p.date));
        expect(kpiMeasurements(many)!.earlier).toBe(8);
    });

    test('nothing without actuals', () => {
        expect(kpiMeasurements({ kind: 'kpi', id: 'K', name: 'K', objective: 'O', current: value('38') })).toBeUndefined();
    });
});

describe('a KPI\'s value and trend as every view writes them', () => {
    test('currentText: the actual with its date, stale when it is; `current` as written without actuals', () => {
        expect(currentText(kpi([['2026-11-30', '38']]))).toBe('38 (actual of 2026-11-30)');
        const stale = kpi([['2026-06-30', '38']]);
        stale.actual = { ...stale.actual!, stale: true, ageDays: 154 };
        expect(currentText(stale)).toBe('38 (actual of 2026-06-30, stale: 154 days old)');
        expect(currentText({ kind: 'kpi', id: 'K', name: 'K', objective: 'O', current: value('38') })).toBe('38');
    });

    test('trendText', () => {
        expect(trendText(kpi([['2026-11-30', '38']], { trend: { from: '2026-10-31', change: 'up', improving: true } }))).toBe('↑ up since 2026-10-31 (better)');
        expect(trendText(kpi([['2026-11-30', '38']]))).toBe('first measurement');
        expect(trendText({ kind: 'kpi', id: 'K', name: 'K', objective: 'O' })).toBe('');
    });
});
