import { describe, expect, test } from 'vitest';
import { unclosedBrace, type Brace } from '../../../language-server/parser/unclosed-brace.js';

/** The braces of a text, as the CST gives them. */
function braces(text: string): Brace[] {
    const out: Brace[] = [];
    text.split('\n').forEach((line, i) => [...line].forEach((c, j) => { if (c === '{' || c === '}') out.push({ open: c === '{', line: i, character: j }); }));
    return out;
}

/** The line (1-based) and text before the `{` the function names. */
function named(text: string): string | undefined {
    const all = braces(text);
    const i = unclosedBrace(text, all);
    if (i === undefined) return undefined;
    return `${all[i].line + 1}: ${text.split('\n')[all[i].line].slice(0, all[i].character).trim()}`;
}

describe('the `{` never closed', () => {
    test('a `}` as indented as the block outside closes that one: the block it skips is never closed', () => {
        expect(named('journey J "J" {\n  stage S "S" { category usage\n    touchpoint T "T" { channel chat }\n}\n')).toBe('2: stage S "S"');
        expect(named('journey J {\n  stage A {\n    touchpoint T {\n      channel chat\n  }\n}\n')).toBe('3: touchpoint T');
    });

    test('with every `}` where the indentation puts it, the innermost block open at the end', () => {
        expect(named('journey J {\n  stage S {\n    touchpoint T { channel chat }\n  }\n')).toBe('1: journey J');
        expect(named('journey J {\n  stage S {\n    touchpoint T { channel chat }\n')).toBe('2: stage S');
        // No indentation to go by.
        expect(named('journey J {\nstage S {\ntouchpoint T { channel chat }\n}\n')).toBe('1: journey J');
    });

    test('a `}` less indented than its block, with no block further out to close, closes its own', () => {
        expect(named('  journey J {\n    stage S { category usage }\n}\ncustomer C {\n')).toBe('4: customer C');
    });

    test('every `{` closed: none', () => {
        expect(named('journey J {\n  stage S {\n  }\n}\n')).toBeUndefined();
    });
});
