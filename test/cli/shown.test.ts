import { describe, expect, it } from 'vitest';
import { nameOf } from '../../src/cli/files/byte-names.js';
import { shownMessage, shownPath } from '../../src/cli/shown.js';

describe('shownPath: a path that cannot start a line or read as another', () => {
    it('prints an ordinary path as it is, relative to the working folder, with / separators', () => {
        expect(shownPath('/work/models/buy and return é 😀.copis', '/work')).toBe('models/buy and return é 😀.copis');
        expect(shownPath('../up.copis')).toBe('../up.copis');
    });

    it('escapes line breaks and every control character, so that a name never starts a line of its own', () => {
        const forged = 'x\n::error file=README.md,line=1::forged\n::stop-commands::token.copis';
        expect(shownPath(forged)).toBe('x\\n::error file=README.md,line=1::forged\\n::stop-commands::token.copis');
        expect(shownPath('a\rb\tc\u001b[2Jd\u007fe\u0000.copis')).toBe('a\\rb\\tc\\x1B[2Jd\\x7Fe\\x00.copis');
        // The line breaks a terminal or runner may honour besides CR and LF: VT, FF, NEL, U+2028, U+2029.
        expect(shownPath('a\u000bb\u000cc\u0085d\u2028e\u2029f')).toBe('a\\x0Bb\\x0Cc\\u{85}d\\u{2028}e\\u{2029}f');
        for (const c of ['\n', '\r', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029']) expect(shownPath(`a${c}b`)).not.toContain(c);
    });

    it('escapes the bidirectional controls that make a name read as another', () => {
        expect(shownPath('invoice\u202Esipoc.txt')).toBe('invoice\\u{202E}sipoc.txt');
        expect(shownPath('\u2066a\u2069\u200f')).toBe('\\u{2066}a\\u{2069}\\u{200F}');
    });

    it('shows the bytes of a name that is not UTF-8 as \\xHH, and doubles a backslash so that no escape is ambiguous', () => {
        expect(shownPath(nameOf(Buffer.from('bad\xff\xfename.copis', 'latin1')))).toBe('bad\\xFF\\xFEname.copis');
        // A real backslash-x-F-F in a name is not the byte 0xFF.
        expect(shownPath('bad\\xFF.copis')).toBe('bad\\\\xFF.copis');
        // The character U+0085 is not the byte 0x85.
        expect(shownPath(nameOf(Buffer.of(0x85)))).toBe('\\x85');
        expect(shownPath('\u0085')).toBe('\\u{85}');
    });
});

describe('shownMessage: a message on one line', () => {
    it('turns each line break, with the white space around it, into one space, and escapes other controls', () => {
        expect(shownMessage('one\n  two\r\nthree\rfour\u2028five')).toBe('one two three four five');
        expect(shownMessage("unknown option '--x\n::error::forged'")).toBe("unknown option '--x ::error::forged'");
        expect(shownMessage('a\u001b[31mred\tb')).toBe('a\\x1B[31mred\tb');
        // A backslash in a message (a shown path, an escaped quote) is left as it is.
        expect(shownMessage('copis: x\\n.copis: "a\\"b"')).toBe('copis: x\\n.copis: "a\\"b"');
    });
});
