import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mapOffset, reverse, textChange, touchesChange } from '../../../language-server/lsp/text-mapping.js';

describe('offsets of a text in an edited copy of it', () => {
    test('before the change they stay, after it they move by its length, inside it they have none', () => {
        const from = 'system Crm "CRM"\njourney J {}\n';
        const to = from.replace('"CRM"', '"CRM"\n\n');
        const change = textChange(from, to);
        expect(mapOffset(change, from.indexOf('Crm'))).toBe(to.indexOf('Crm'));
        expect(mapOffset(change, from.indexOf('journey'))).toBe(to.indexOf('journey'));
        const replaced = textChange('a Crm b', 'a Crx b');
        expect(mapOffset(replaced, 4)).toBeUndefined();
        expect(mapOffset(replaced, 6)).toBe(6);
        expect(mapOffset(reverse(change), to.indexOf('journey'))).toBe(from.indexOf('journey'));
    });

    test('a name typed on touches the change; one a line away does not', () => {
        const from = 'touchpoint T { systems Crm }\ntouchpoint U { systems Crm }';
        const to = from.replace('Crm }', 'Crmx }');
        const change = textChange(from, to);
        const first = from.indexOf('Crm');
        expect(touchesChange(change, first, first + 3)).toBe(true);
        const second = from.lastIndexOf('Crm');
        expect(touchesChange(change, second, second + 3)).toBe(false);
        expect(touchesChange(textChange(from, from), first, first + 3)).toBe(false);
    });

    test('random edits: every mapped offset points at the same character', () => {
        fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 8 }), (from, at, length, inserted) => {
            const i = at % (from.length + 1);
            const to = from.slice(0, i) + inserted + from.slice(i + length);
            const change = textChange(from, to);
            for (let offset = 0; offset < from.length; offset++) {
                const mapped = mapOffset(change, offset);
                if (mapped !== undefined) expect(to[mapped]).toBe(from[offset]);
                // everything outside the edit has its counterpart
                if (offset < i || offset >= i + length) {
                    if (mapped === undefined) expect(touchesChange(change, offset, offset)).toBe(true);
                }
            }
        }));
    });
});
