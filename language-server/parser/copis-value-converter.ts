import { DefaultValueConverter, GrammarAST, GrammarUtils, ValueConverter, type CstNode, type ValueType } from 'langium';

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
    /** The rule each grammar element's values are converted by (null: none, the text as it is), as Langium's `convert` finds it. */
    private readonly rules = new Map<GrammarAST.AbstractElement | undefined, GrammarAST.AbstractRule | null>();
    /** How each rule's values are converted, as Langium's `runConverter` decides by its name and type. */
    private readonly kinds = new Map<GrammarAST.AbstractRule, Kind>();

    /**
     * Langium's `convert`, which finds the rule by the node's grammar element and the conversion by the rule's name
     * and type (two case conversions of the name) for every value; here once per element and rule.
     */
    override convert(input: string, cstNode: CstNode): ValueType {
        const feature = cstNode.grammarSource;
        let rule = this.rules.get(feature);
        if (rule === undefined) {
            rule = ruleOf(feature);
            this.rules.set(feature, rule);
        }
        return rule ? this.runConverter(rule, input, cstNode) : input;
    }

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        let kind = this.kinds.get(rule);
        if (kind === undefined) {
            kind = kindOf(rule);
            this.kinds.set(rule, kind);
        }
        switch (kind) {
            case 'string': return convertString(closed(input) ? input : input + input[0]);
            case 'id': return ValueConverter.convertID(input);
            case 'int': return ValueConverter.convertInt(input);
            case 'number': return ValueConverter.convertNumber(input);
            case 'boolean': return ValueConverter.convertBoolean(input);
            case 'bigint': return ValueConverter.convertBigint(input);
            case 'date': return ValueConverter.convertDate(input);
            case 'other': return super.runConverter(rule, input, cstNode);
            default: return input;
        }
    }
}

type Kind = 'string' | 'id' | 'int' | 'number' | 'boolean' | 'bigint' | 'date' | 'text' | 'other';

/** Langium's `convert`'s rule for `feature`: a cross-reference's terminal's, a rule call's. Throws as Langium's does for an unresolved call. */
function ruleOf(feature: GrammarAST.AbstractElement | undefined): GrammarAST.AbstractRule | null {
    const element = GrammarAST.isCrossReference(feature) ? GrammarUtils.getCrossReferenceTerminal(feature) : feature;
    if (!GrammarAST.isRuleCall(element)) return null;
    const rule = element.rule.ref;
    if (!rule) throw new Error('This cst node was not parsed by a rule.');
    return rule;
}

/** Langium's `runConverter`'s choice: by the rule's name (INT, STRING, ID), else by its type. */
function kindOf(rule: GrammarAST.AbstractRule): Kind {
    switch (rule.name.toUpperCase()) {
        case 'INT': return 'int';
        case 'STRING': return rule.name === 'STRING' ? 'string' : 'other';
        case 'ID': return 'id';
    }
    switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
        case 'number': return 'number';
        case 'boolean': return 'boolean';
        case 'bigint': return 'bigint';
        case 'date': return 'date';
        default: return 'text';
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
