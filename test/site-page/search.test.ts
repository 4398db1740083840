// The site's search (src/site-page/search.ts), without a browser: what it finds and in which order.
import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '../../src/site-page/data.js';
import { search } from '../../src/site-page/search.js';

const entries: SearchEntry[] = [
    ['touchpoint', 'Checkout', 'Buy.Checkout', 'Checkout', 'Buy online', 'journeys/Buy.html#el-Buy.Checkout'],
    ['moment of truth', 'PayOrAbandon', 'Buy.PayOrAbandon', 'Pay or abandon the basket', 'Buy online', 'journeys/Buy.html#el-Buy.PayOrAbandon'],
    ['process', 'TakePayment', 'TakePayment', 'Take payment', '', 'journeys/Buy.html#el-TakePayment'],
    ['customer', 'Cafe', 'Cafe', 'Café owners', '', 'customers/Cafe.html'],
    ['system', 'Unused', 'Unused', 'Old payment gateway', '', ''],
    ['stage', 'Pay', 'Buy.Pay', 'Payment and checkout', 'Buy online', 'journeys/Buy.html#el-Buy.Pay']
];

describe('search', () => {
    it('finds by title or name, case and accents aside, every word anywhere', () => {
        expect(search(entries, 'CAFÉ').map(e => e[2])).toEqual(['Cafe']);
        expect(search(entries, 'cafe owners').map(e => e[2])).toEqual(['Cafe']);
        expect(search(entries, 'basket pay').map(e => e[2])).toEqual(['Buy.PayOrAbandon']);
        expect(search(entries, 'takepayment').map(e => e[2])).toEqual(['TakePayment']);
        expect(search(entries, 'nothing like it')).toEqual([]);
        expect(search(entries, '   ')).toEqual([]);
    });

    it('ranks an exact name or title first, then a start, then a word of the title, then anything else', () => {
        // `Pay` is the name; `PayOrAbandon` starts with it; "Old payment gateway" and "Take payment" have a word that does (by title).
        expect(search(entries, 'pay').map(e => e[2])).toEqual(['Buy.Pay', 'Buy.PayOrAbandon', 'Unused', 'TakePayment']);
        expect(search(entries, 'checkout').map(e => e[2])).toEqual(['Buy.Checkout', 'Buy.Pay']);
    });
});
