import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Langium's conversion of strings, built from slices between escapes instead of one character at
 * a time. Appending characters one by one makes a string of as many pieces until V8 flattens it:
 * a 30-million-character title cost about a gigabyte while the file loaded.
 *
 * A string the lexer closed at the end of its line (lexical-repair.ts: `"Engineer visit` has no
 * closing quote) has for its value all that follows the opening quote, not that minus its last
 * character.
 */
export class CopisValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') return convertString(closed(input) ? input : input + input[0]);
        return super.runConverter(rule, input, cstNode);
    }
}

/** What Langium's `ValueConverter.convertString` gives for a quoted string token (a test compares them). */
export function convertString(input: string): string {
    const end = input.length - 1;
    let backslash = input.indexOf('\\', 1);
    if (backslash < 0 || backslash >= end) return input.slice(1, end);
    const parts: string[] = [];
    let from = 1;
    while (backslash >= 0 && backslash < end) {
        parts.push(input.slice(from, backslash), unescape(input.charAt(backslash + 1)));
        from = backslash + 2;
        backslash = input.indexOf('\\', from);
    }
    if (from < end) parts.push(input.slice(from, end));
    return parts.join('');
}

function unescape(char: string): string {
    switch (char) {
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        case '0': return '\0';
        default: return char;
    }
}

/** Whether a string token ends with its opening quote, not escaped. */
function closed(input: string): boolean {
    if (input.length < 2 || input[input.length - 1] !== input[0]) return false;
    let backslashes = 0;
    for (let i = input.length - 2; i > 0 && input[i] === '\\'; i--) backslashes++;
    return backslashes % 2 === 0;
}
