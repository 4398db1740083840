import { GrammarAST } from 'langium';

/**
 * The words of the language as its grammar defines them: which keywords start a declaration (at
 * the top level, anywhere), which are property keys, and what may be written inside each kind of
 * block. Read from the grammar, so that messages and the lexer's repairs follow it when it grows.
 */
export interface GrammarVocabulary {
    /** `customer`, `journey`, ...: the declarations a file holds. */
    topLevel: string[];
    /** Every declaration keyword (`stage`, `touchpoint`, `kpi`, ... and the top-level ones). */
    declarations: string[];
    /** Property keys (`channel`, `owner`, ...). */
    properties: string[];
    /** Per rule with a `{ ... }` block (`Touchpoint`, `Journey`, ...): the keywords that may start what is inside. */
    blockContents: Map<string, string[]>;
    /** The keyword a declaration rule starts with (`Touchpoint` → `touchpoint`). */
    ruleKeyword: Map<string, string>;
    /** Per property key: the rules of that key (`at` is a moment's and a pain's). */
    propertyRules: Map<string, string[]>;
}

const cache = new WeakMap<GrammarAST.Grammar, GrammarVocabulary>();

export function grammarVocabulary(grammar: GrammarAST.Grammar): GrammarVocabulary {
    let vocabulary = cache.get(grammar);
    if (!vocabulary) cache.set(grammar, vocabulary = read(grammar));
    return vocabulary;
}

function read(grammar: GrammarAST.Grammar): GrammarVocabulary {
    const rules = grammar.rules.filter(GrammarAST.isParserRule);
    const declarations: string[] = [];
    const properties: string[] = [];
    const blockContents = new Map<string, string[]>();
    const ruleKeyword = new Map<string, string>();
    const propertyRules = new Map<string, string[]>();
    for (const rule of rules) {
        const elements = GrammarAST.isGroup(rule.definition) ? rule.definition.elements : [rule.definition];
        const [first, second] = elements;
        if (GrammarAST.isKeyword(first) && GrammarAST.isAssignment(second) && second.feature === 'name') {
            declarations.push(first.value);
            ruleKeyword.set(rule.name, first.value);
        }
        if (GrammarAST.isAssignment(first) && first.feature === 'key' && GrammarAST.isKeyword(first.terminal)) {
            const key = first.terminal.value;
            if (!properties.includes(key)) properties.push(key);
            propertyRules.set(key, [...(propertyRules.get(key) ?? []), rule.name]);
        }
        const block = findBlock(rule.definition);
        if (block) blockContents.set(rule.name, unique(firstKeywords(block, new Set())));
    }
    const entry = rules.find(r => r.entry);
    const topLevel = entry ? unique(firstKeywords(entry.definition, new Set())) : [];
    return { topLevel, declarations, properties, blockContents, ruleKeyword, propertyRules };
}

/** The repeated part between `{` and `}` of a rule, if it has one. */
function findBlock(element: GrammarAST.AbstractElement): GrammarAST.AbstractElement | undefined {
    if (GrammarAST.isGroup(element)) {
        const elements = element.elements;
        for (let i = 0; i + 2 < elements.length; i++) {
            const open = elements[i];
            const close = elements[i + 2];
            if (GrammarAST.isKeyword(open) && open.value === '{' && GrammarAST.isKeyword(close) && close.value === '}') return elements[i + 1];
        }
        for (const child of elements) {
            const found = findBlock(child);
            if (found) return found;
        }
    }
    if (GrammarAST.isAlternatives(element)) {
        for (const child of element.elements) {
            const found = findBlock(child);
            if (found) return found;
        }
    }
    return undefined;
}

/** The keywords that can start `element`. */
function firstKeywords(element: GrammarAST.AbstractElement, visiting: Set<GrammarAST.AbstractRule>): string[] {
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isAssignment(element)) return firstKeywords(element.terminal, visiting);
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!rule || !GrammarAST.isParserRule(rule) || visiting.has(rule)) return [];
        visiting.add(rule);
        try {
            return firstKeywords(rule.definition, visiting);
        } finally {
            visiting.delete(rule);
        }
    }
    if (GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) return element.elements.flatMap(e => firstKeywords(e, visiting));
    if (GrammarAST.isGroup(element)) {
        const result: string[] = [];
        for (const child of element.elements) {
            result.push(...firstKeywords(child, visiting));
            if (child.cardinality !== '?' && child.cardinality !== '*') break;
        }
        return result;
    }
    return [];
}

function unique(values: string[]): string[] {
    return [...new Set(values)];
}
