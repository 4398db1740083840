import { DefaultValueConverter, ValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Langium's value converter, except for a string the lexer closed at the end of its line
 * (lexical-repair.ts: `"Engineer visit` has no closing quote): its value is all that follows the
 * opening quote, not that minus its last character.
 */
export class CopisValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING' && !closed(input)) return ValueConverter.convertString(input + input[0]);
        return super.runConverter(rule, input, cstNode);
    }
}

/** Whether a string token ends with its opening quote, not escaped. */
function closed(input: string): boolean {
    if (input.length < 2 || input[input.length - 1] !== input[0]) return false;
    let backslashes = 0;
    for (let i = input.length - 2; i > 0 && input[i] === '\\'; i--) backslashes++;
    return backslashes % 2 === 0;
}
