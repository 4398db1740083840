import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareDocumentUris } from '../../../language-server/references/declarations.js';

describe('compareDocumentUris', () => {
    test('orders files as localeCompare does: case, punctuation, digits, accents, other scripts', () => {
        const uris = ['file:///w/B.copis', 'file:///w/a.copis', 'file:///w/a-b.copis', 'file:///w/ab.copis', 'file:///w/a_b.copis', 'file:///w/a10.copis',
            'file:///w/a9.copis', 'file:///w/é.copis', 'file:///w/e.copis', 'file:///w/Ω.copis', 'file:///w/%20x.copis', 'file:///w/sub/a.copis', 'untitled:stdin'];
        const sign = (n: number) => Math.sign(n);
        for (const a of uris) for (const b of uris) expect(sign(compareDocumentUris(a, b)), `${a} ${b}`).toBe(sign(a.localeCompare(b)));
        fc.assert(fc.property(fc.string(), fc.string(), (a, b) => sign(compareDocumentUris(a, b)) === sign(a.localeCompare(b))), { numRuns: 2000, seed: 20261201 });
    });
});
