import { GrammarAST } from 'langium';

/**
 * Walks of the grammar that Langium makes with its streams when the parser is made, by plain loops over the
 * elements of the rules: the same answers in the same order. Langium's `getAllReachableRules` (asked by its token
 * builder and by the parser's rules, parser-rules.ts) cost 37 million instructions each time, 6 % of a
 * one-declaration `copis validate`. A walk of every property of every node (as `streamAllContents` does) costs
 * less, but is hot enough for V8 to optimise it, which cost more than it saved.
 */

/**
 * The rule calls and keywords of `rule`'s definition in `streamAllContents`' order (depth first, an element before
 * what it holds). Only they matter to the walks below: the other nodes of a parser rule (its parameters, types,
 * actions, guards and arguments) hold neither, and a terminal rule holds no rule call.
 */
export function forEachCallOrKeyword(rule: GrammarAST.AbstractRule, visit: (node: GrammarAST.RuleCall | GrammarAST.Keyword) => void): void {
    if (GrammarAST.isParserRule(rule) && rule.definition) walkElement(rule.definition, visit);
    if (GrammarAST.isInfixRule(rule)) {
        // (copis's grammar has none, and parser-rules.ts refuses them; its rule call comes before its operators)
        visit(rule.call);
        for (const list of rule.operators.precedences) for (const operator of list.operators) visit(operator);
    }
}

/**
 * The elements' types told by their `$type`, not by the grammar reflection's `isKeyword`, `isRuleCall`, …: none of these
 * seven types has a subtype in Langium's grammar (a test checks it), and asking the reflection for each of the
 * grammar's elements cost 21 million instructions of every start (3.5 % of a one-declaration `copis validate`).
 */
export const WALKED_TYPES = ['Keyword', 'RuleCall', 'Assignment', 'CrossReference', 'Alternatives', 'Group', 'UnorderedGroup'] as const;

function walkElement(element: GrammarAST.AbstractElement, visit: (node: GrammarAST.RuleCall | GrammarAST.Keyword) => void): void {
    const type = element.$type;
    if (type === 'Keyword' || type === 'RuleCall') {
        visit(element as GrammarAST.Keyword | GrammarAST.RuleCall);
    } else if (type === 'Assignment' || type === 'CrossReference') {
        const terminal = (element as GrammarAST.Assignment | GrammarAST.CrossReference).terminal;
        if (terminal) walkElement(terminal, visit);
    } else if (type === 'Alternatives' || type === 'Group' || type === 'UnorderedGroup') {
        for (const child of (element as GrammarAST.Alternatives | GrammarAST.Group | GrammarAST.UnorderedGroup).elements) walkElement(child, visit);
    }
}

const reachable = new WeakMap<GrammarAST.Grammar, Set<GrammarAST.AbstractRule>>();

/**
 * `GrammarUtils.getAllReachableRules(grammar, false)`: the rules that the entry rule and the hidden terminals lead to
 * by rule calls, in the grammar's order (every rule when there is no entry rule); made once per grammar. Do not change the set.
 */
export function reachableRules(grammar: GrammarAST.Grammar): Set<GrammarAST.AbstractRule> {
    let rules = reachable.get(grammar);
    if (rules === undefined) {
        rules = findReachableRules(grammar);
        reachable.set(grammar, rules);
    }
    return rules;
}

function findReachableRules(grammar: GrammarAST.Grammar): Set<GrammarAST.AbstractRule> {
    const entry = grammar.rules.find(rule => GrammarAST.isParserRule(rule) && rule.entry);
    if (!entry) return new Set(grammar.rules);
    const names = new Set<string>();
    const visitRule = (rule: GrammarAST.AbstractRule): void => {
        names.add(rule.name);
        forEachCallOrKeyword(rule, node => {
            if (!GrammarAST.isRuleCall(node)) return;
            const called = node.rule.ref;
            if (called && !names.has(called.name)) visitRule(called);
        });
    };
    for (const rule of [entry, ...grammar.rules.filter(r => GrammarAST.isTerminalRule(r) && r.hidden)]) visitRule(rule);
    return new Set(grammar.rules.filter(rule => names.has(rule.name) || (GrammarAST.isTerminalRule(rule) && rule.hidden)));
}

/** The keywords of `rules`' parser rules, the first of each value, in the order Langium's token builder finds them. */
export function distinctKeywords(rules: Iterable<GrammarAST.AbstractRule>): GrammarAST.Keyword[] {
    const seen = new Set<string>();
    const keywords: GrammarAST.Keyword[] = [];
    for (const rule of rules) {
        if (!GrammarAST.isAbstractParserRule(rule)) continue;
        forEachCallOrKeyword(rule, node => {
            if (GrammarAST.isKeyword(node) && !seen.has(node.value)) {
                seen.add(node.value);
                keywords.push(node);
            }
        });
    }
    return keywords;
}
