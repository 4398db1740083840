import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstNonAscii, nonAsciiMessage } from '../../scripts/ascii-bundle.mjs';

describe('the bundles Node runs are ASCII (scripts/ascii-bundle.mjs)', () => {
    it('finds nothing in ASCII text, escapes included', () => {
        expect(firstNonAscii('const a = /^[\\u00a3$]/;\nhtml`a \\u00b7 b`;\x7f')).toBeUndefined();
        expect(nonAsciiMessage('dist/cli-main.cjs', 'let x = 1;\n')).toBeUndefined();
    });

    it('names the file, the offset, the line and column and the character, and says what to write instead', () => {
        const message = nonAsciiMessage('dist/cli-main.cjs', 'let a = 1;\nconst b = html`x · y`;');
        expect(message).toContain('dist/cli-main.cjs must be ASCII');
        expect(message).toContain("'·' (U+00B7) at offset 28 (line 2, column 18)");
        expect(message).toContain('\\u00B7');
        expect(message).toContain('html`x · y`');
    });

    it('gives the whole character and a \\u{…} escape for one outside the BMP', () => {
        const found = firstNonAscii('ab😀');
        expect(found).toEqual({ offset: 2, line: 1, column: 3, char: '😀', codePoint: 0x1f600 });
        expect(nonAsciiMessage('f', 'ab😀')).toContain('\\u{1F600}');
    });

    it('dist/cli-main.cjs, dist/cli.cjs and dist/server.cjs as built are ASCII', () => {
        for (const file of ['dist/cli-main.cjs', 'dist/cli.cjs', 'dist/server.cjs']) {
            expect(nonAsciiMessage(file, readFileSync(file, 'utf8'))).toBeUndefined();
        }
    });
});
