import { describe, expect, test } from 'vitest';
import { AsOfDate, isAsOfDate, localDate } from '../../../language-server/validation/as-of.js';

describe('the as-of date of validation', () => {
    test('a date that was set is the one used', () => {
        expect(new AsOfDate('2026-10-31').get()).toBe('2026-10-31');
        const asOf = new AsOfDate();
        asOf.set('2027-01-15');
        expect(asOf.get()).toBe('2027-01-15');
    });

    test('without one, today in the machine\'s time zone, read at each call (a server left running stays current)', () => {
        const asOf = new AsOfDate('2026-10-31');
        asOf.set(undefined);
        const before = localDate(new Date());
        const got = asOf.get();
        const after = localDate(new Date());
        // Either side of a midnight that falls in between.
        expect([before, after]).toContain(got);
    });

    test('localDate writes the calendar date of the local time, zero-padded', () => {
        expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
        expect(localDate(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
    });

    test('only a real YYYY-MM-DD date is accepted', () => {
        for (const bad of ['2026-02-30', '2026-13-01', '26-10-31', '2026-1-5', 'today', '']) {
            expect(isAsOfDate(bad), bad).toBe(false);
            expect(() => new AsOfDate(bad), bad).toThrow(/YYYY-MM-DD/);
        }
        expect(isAsOfDate('2028-02-29')).toBe(true);
    });
});
