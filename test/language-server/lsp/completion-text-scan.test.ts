import { describe, expect, test } from 'vitest';
import { insideStringOrComment, qualifiedNameAt } from '../../../language-server/lsp/completion/text-scan.js';

/** `insideStringOrComment` at the `|` of `marked`. */
function inside(marked: string): boolean {
    const offset = marked.indexOf('|');
    return insideStringOrComment(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}

describe('insideStringOrComment', () => {
    test('strings: inside, not at the opening quote or after the closing one', () => {
        expect(inside('a |"text" b')).toBe(false);
        expect(inside('a "|text" b')).toBe(true);
        expect(inside('a "te|xt" b')).toBe(true);
        expect(inside('a "text|" b')).toBe(true);
        expect(inside('a "text"| b')).toBe(false);
        expect(inside('a "text" |b')).toBe(false);
    });

    test('escapes, and strings that end at the end of their line', () => {
        expect(inside('"a \\" b|" c')).toBe(true);
        expect(inside('"a \\" b" c|')).toBe(false);
        expect(inside('"a \\\\" b|')).toBe(false);
        expect(inside('"open|\nnext')).toBe(true);
        expect(inside('"open\nne|xt')).toBe(false);
        expect(inside('"open\\\nne|xt')).toBe(false);
    });

    test('line comments run to the end of the line', () => {
        expect(inside('a |// note')).toBe(false);
        expect(inside('a // no|te')).toBe(true);
        expect(inside('a // note|')).toBe(true);
        expect(inside('a // note\n|b')).toBe(false);
        expect(inside('"// not a comment" |')).toBe(false);
    });

    test('block comments may span lines; unterminated ones run to the end', () => {
        expect(inside('a |/* x */')).toBe(false);
        expect(inside('a /* x| */')).toBe(true);
        expect(inside('a /* x\n y|\n */ b')).toBe(true);
        expect(inside('a /* x */| b')).toBe(false);
        expect(inside('a /* x */ b|')).toBe(false);
        expect(inside('a /* open\n more|')).toBe(true);
        expect(inside('"/* not a comment" |')).toBe(false);
        expect(inside('/* "not a string */ |')).toBe(false);
    });

    test('at the end of the text', () => {
        expect(insideStringOrComment('a', 1)).toBe(false);
        expect(insideStringOrComment('"a', 2)).toBe(true);
        expect(insideStringOrComment('', 0)).toBe(false);
    });
});

describe('qualifiedNameAt', () => {
    const at = (marked: string) => {
        const offset = marked.indexOf('|');
        return qualifiedNameAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
    };

    test('a qualified name being typed: from its start, to the end of the name', () => {
        expect(at('processes Shop.|')).toEqual({ start: 10, end: 15 });
        expect(at('processes Shop.Pa|')).toEqual({ start: 10, end: 17 });
        expect(at('processes Shop.Pa|y }')).toEqual({ start: 10, end: 18 });
        expect(at('kpis A, Shop.|')).toEqual({ start: 8, end: 13 });
    });

    test('no dot, or not a name: nothing', () => {
        expect(at('processes Pay|')).toBeUndefined();
        expect(at('processes |')).toBeUndefined();
        expect(at('current 3.|')).toBeUndefined();
        expect(at('sla 1.5|h')).toBeUndefined();
        expect(at('.|')).toBeUndefined();
    });
});
