import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchedLexerText } from '../../scripts/chevrotain-start.mjs';

// The file esbuild bundles (chevrotain's package.json exports no subpath to resolve it by).
const lexer = readFileSync(join('node_modules', 'chevrotain', 'lib', 'src', 'scan', 'lexer.js'), 'utf8');

/** The table `initCharCodeToOptimizedIndexMap` makes in chevrotain's lexer.js text `text`, run on its own. */
function table(text: string): unknown[] {
    const start = text.indexOf('let charCodeToOptimizedIdxMap = [];');
    const init = text.indexOf('function initCharCodeToOptimizedIndexMap()');
    const end = text.indexOf('\n}\n', init) + 3;
    expect(start).toBeGreaterThan(0);
    expect(init).toBeGreaterThan(start);
    const code = `${text.slice(start, end).replace(/export function/g, 'function')}\ninitCharCodeToOptimizedIndexMap();\nreturn charCodeToOptimizedIdxMap;`;
    return new Function('minOptimizationVal', code)(256) as unknown[];
}

describe("chevrotain's lexer table filled by ranges (scripts/chevrotain-start.mjs)", () => {
    it('makes the same table as chevrotain: every one of the 65,536 entries, none missing', () => {
        const patched = patchedLexerText(lexer);
        expect(patched).not.toBe(lexer);
        const before = table(lexer);
        const after = table(patched);
        expect(after).toHaveLength(65536);
        expect(Object.keys(after)).toHaveLength(65536);
        expect(after).toEqual(before);
        expect([after[255], after[256], after[509], after[510], after[65535]]).toEqual([255, 256, 256, 257, 512]);
    });

    it('fails the build, saying what to do, when chevrotain no longer has the loop', () => {
        expect(() => patchedLexerText(lexer.replace('i > 255 ?', 'i >= 256 ?'), 'lexer.js')).toThrow(/lexer\.js no longer has the loop it changes .*check whether the change is still needed/);
    });
});
