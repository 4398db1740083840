import { describe, expect, it } from 'vitest';
import { URI } from 'langium';
import { escapeRawBytes, fileUri, fromFs, hasRawBytes, nameOf, toFs } from '../../../src/cli/files/byte-names.js';

const bytes = (...values: number[]) => Buffer.from(values);

describe('names as bytes', () => {
    it('reads valid UTF-8 as its text, and gives the same bytes back', () => {
        for (const name of ['plain.copis', 'café.copis', '😀🚚.copis', 'a\nb.copis', '\uFEFFbom.copis']) {
            const raw = Buffer.from(name, 'utf8');
            expect(nameOf(raw)).toBe(name);
            expect(hasRawBytes(nameOf(raw))).toBe(false);
            expect(toFs(nameOf(raw))).toBe(name);
        }
    });

    it('keeps every byte that is not UTF-8, and gives exactly those bytes back', () => {
        const cases = [
            bytes(0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x63), // bad\xff\xfe.c
            bytes(0xc3), // a sequence cut short
            bytes(0xc0, 0xaf), // an overlong /
            bytes(0xed, 0xa0, 0x80), // an encoded surrogate
            bytes(0xf4, 0x90, 0x80, 0x80), // past U+10FFFF
            bytes(0xe9, 0x74, 0xc3, 0xa9), // Latin-1 é, then a real é
            bytes(0x80, 0xbf)
        ];
        for (const raw of cases) {
            const name = nameOf(raw);
            expect(hasRawBytes(name), raw.toString('hex')).toBe(true);
            expect(Buffer.compare(toFs(name) as Buffer, raw), raw.toString('hex')).toBe(0);
            expect(fromFs(raw)).toBe(name);
        }
        expect(escapeRawBytes(nameOf(bytes(0xe9, 0x74, 0xc3, 0xa9)))).toBe('\\xE9té');
    });

    it('gives such a file a valid, unique document URI that shows its name', () => {
        const a = nameOf(Buffer.from('/m/bad\xff.copis', 'latin1'));
        const b = nameOf(Buffer.from('/m/bad\xfe.copis', 'latin1'));
        const uriA = fileUri(a);
        expect(uriA).not.toBe(fileUri(b));
        expect(uriA).not.toBe(fileUri('/m/bad\\xFF.copis'));
        expect(URI.parse(uriA).path.split('/').pop()).toBe('bad\\xFF.copis');
        expect(URI.parse(uriA).toString()).toBe(uriA);
        expect(fileUri('/m/plain.copis')).toBe('file:///m/plain.copis');
    });
});
