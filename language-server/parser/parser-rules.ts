import { GrammarAST, GrammarUtils, type AstNode, type BaseParser } from 'langium';
import type { TokenType, TokenTypeDictionary } from 'chevrotain';
import { reachableRules } from './grammar-walk.js';

type Method = () => void;
type RuleResult = ReturnType<BaseParser['rule']>;

/**
 * What the rules call instead of `subrule`: for a datatype rule (`Name`, `QName`, `Channel`, …) `CopisParser.datatypeSubrule`;
 * for the rule a union rule (`TopLevel: Customer | System | …`, `SystemProp`, `Quantity`) calls, `CopisParser.unionSubrule`.
 */
export interface DatatypeRuleCalls {
    datatypeSubrule(idx: number, rule: RuleResult, feature: GrammarAST.AbstractElement): void;
    unionSubrule(idx: number, rule: RuleResult, feature: GrammarAST.RuleCall): void;
}

/**
 * The rule of an element Langium's parser builder builds from, that this one does not: a grammar that
 * needs it fails loudly when the parser is made (every test), not with a wrong tree.
 */
export class UnsupportedGrammarError extends Error {}

/**
 * Adds the grammar's parser rules to `parser`, as Langium's `createParser` does, with the same chevrotain
 * occurrence indices in the same order (so the same lookahead and error recovery), but allocating nothing
 * while a text is parsed. Langium's builder makes, on every entry of an alternative, a list of fresh
 * alternatives and one closure per alternative (a property value of 18 choices: 36 objects), and on every
 * `?` and `*` a fresh options object with a closure, and a fresh argument object on every rule call: half
 * of the garbage of a parse. These do not change between calls when the grammar has no rule parameters
 * and no guards, which copis's grammar does not; this builder refuses a grammar that has them. A call of a
 * datatype rule goes to the parser's `datatypeSubrule` (no CST node of its own around one token).
 */
export function buildParserRules(grammar: GrammarAST.Grammar, parser: BaseParser & DatatypeRuleCalls, tokens: TokenTypeDictionary): void {
    const reachable = reachableRules(grammar);
    const datatypeRules = new Map<GrammarAST.AbstractRule, boolean>();
    for (const rule of grammar.rules) {
        if (!reachable.has(rule)) continue;
        if (GrammarAST.isInfixRule(rule)) throw new UnsupportedGrammarError(`infix rule ${rule.name}`);
        if (!GrammarAST.isParserRule(rule)) continue;
        if (rule.parameters.length > 0) throw new UnsupportedGrammarError(`rule ${rule.name} has parameters`);
        const ctx: Context = { parser, tokens, datatypeRules, consume: 1, optional: 1, subrule: 1, many: 1, or: 1 };
        parser.rule(rule, buildElement(ctx, rule.definition));
    }
}

interface Context {
    parser: BaseParser & DatatypeRuleCalls;
    tokens: TokenTypeDictionary;
    /** `isDatatypeRule`'s answers so far. */
    datatypeRules: Map<GrammarAST.AbstractRule, boolean>;
    consume: number;
    optional: number;
    subrule: number;
    many: number;
    or: number;
}

/** What every rule call passes as the called rule's arguments (Langium passes a new `{}` each time): no rule has parameters. */
const NO_ARGUMENTS = Object.freeze({});

function buildElement(ctx: Context, element: GrammarAST.AbstractElement): Method {
    let method: Method;
    if (GrammarAST.isKeyword(element)) method = buildKeyword(ctx, element);
    else if (GrammarAST.isAssignment(element)) method = buildElement(ctx, element.terminal);
    else if (GrammarAST.isCrossReference(element)) method = buildCrossReference(ctx, element, element.terminal);
    else if (GrammarAST.isRuleCall(element)) method = buildRuleCall(ctx, element);
    else if (GrammarAST.isAlternatives(element)) method = buildAlternatives(ctx, element);
    else if (GrammarAST.isGroup(element) && !GrammarAST.isUnorderedGroup(element)) method = buildGroup(ctx, element);
    else throw new UnsupportedGrammarError(`${element.$type} in the grammar`);
    return wrap(ctx, method, element.cardinality);
}

function buildKeyword(ctx: Context, keyword: GrammarAST.Keyword): Method {
    const idx = ctx.consume++;
    const token = ctx.tokens[keyword.value];
    if (!token) throw new Error(`Could not find token for keyword: ${keyword.value}`);
    return () => ctx.parser.consume(idx, token, keyword);
}

function buildRuleCall(ctx: Context, ruleCall: GrammarAST.RuleCall): Method {
    const rule = ruleCall.rule.ref;
    if (GrammarAST.isParserRule(rule)) {
        if (ruleCall.arguments.length > 0) throw new UnsupportedGrammarError(`arguments in a call of ${rule.name}`);
        const idx = ctx.subrule++;
        const fragment = rule.fragment;
        let subrule: RuleResult | undefined;
        // (a fragment without assignments is a datatype rule to Langium's test, but builds no node of its own)
        if (!fragment && isDatatypeRule(rule, ctx.datatypeRules)) {
            return () => {
                subrule ??= getRule(ctx, rule);
                ctx.parser.datatypeSubrule(idx, subrule, ruleCall);
            };
        }
        if (isUnionAlternative(ruleCall, ctx.datatypeRules)) {
            return () => {
                subrule ??= getRule(ctx, rule);
                ctx.parser.unionSubrule(idx, subrule, ruleCall);
            };
        }
        return () => {
            subrule ??= getRule(ctx, rule);
            ctx.parser.subrule(idx, subrule, fragment, ruleCall, NO_ARGUMENTS);
        };
    }
    if (GrammarAST.isTerminalRule(rule)) {
        const idx = ctx.consume++;
        const token = getToken(ctx, rule.name);
        return () => ctx.parser.consume(idx, token, ruleCall);
    }
    throw new UnsupportedGrammarError(`a call of ${ruleCall.rule.$refText}`);
}

function buildCrossReference(ctx: Context, crossRef: GrammarAST.CrossReference, terminal: GrammarAST.AbstractElement | undefined): Method {
    if (!terminal) {
        const type = crossRef.type.ref;
        if (!type) throw new Error(`Could not resolve reference to type: ${crossRef.type.$refText}`);
        const assignment = GrammarUtils.findNameAssignment(type);
        if (!assignment?.terminal) throw new Error(`Could not find name assignment for type: ${GrammarUtils.getTypeName(type)}`);
        return buildCrossReference(ctx, crossRef, assignment.terminal);
    }
    if (GrammarAST.isRuleCall(terminal) && GrammarAST.isParserRule(terminal.rule.ref)) {
        const rule = terminal.rule.ref;
        const idx = ctx.subrule++;
        let subrule: RuleResult | undefined;
        if (!rule.fragment && isDatatypeRule(rule, ctx.datatypeRules)) {
            return () => {
                subrule ??= getRule(ctx, rule);
                ctx.parser.datatypeSubrule(idx, subrule, crossRef);
            };
        }
        return () => {
            subrule ??= getRule(ctx, rule);
            ctx.parser.subrule(idx, subrule, false, crossRef, NO_ARGUMENTS);
        };
    }
    if (GrammarAST.isRuleCall(terminal) && GrammarAST.isTerminalRule(terminal.rule.ref)) {
        const idx = ctx.consume++;
        const token = getToken(ctx, terminal.rule.ref.name);
        return () => ctx.parser.consume(idx, token, crossRef);
    }
    if (GrammarAST.isKeyword(terminal)) {
        const idx = ctx.consume++;
        const token = getToken(ctx, terminal.value);
        return () => ctx.parser.consume(idx, token, crossRef);
    }
    throw new Error('Could not build cross reference parser');
}

function buildAlternatives(ctx: Context, alternatives: GrammarAST.Alternatives): Method {
    if (alternatives.elements.length === 1) return buildElement(ctx, alternatives.elements[0]);
    const choices = alternatives.elements.map(element => {
        if (GrammarAST.isGroup(element) && element.guardCondition) throw new UnsupportedGrammarError('a guard condition');
        return { ALT: buildElement(ctx, element) };
    });
    const idx = ctx.or++;
    return () => ctx.parser.alternatives(idx, choices);
}

function buildGroup(ctx: Context, group: GrammarAST.Group): Method {
    if (group.guardCondition) throw new UnsupportedGrammarError('a guard condition');
    const methods = group.elements.map(element => buildElement(ctx, element));
    return () => {
        for (const method of methods) method();
    };
}

function wrap(ctx: Context, method: Method, cardinality: GrammarAST.AbstractElement['cardinality']): Method {
    if (!cardinality) return method;
    if (cardinality === '*') {
        const idx = ctx.many++;
        const options = { DEF: method, GATE: undefined };
        return () => ctx.parser.many(idx, options);
    }
    if (cardinality === '+') {
        const idx = ctx.many++;
        const options = { DEF: method };
        return () => ctx.parser.atLeastOne(idx, options);
    }
    const idx = ctx.optional++;
    const options = { DEF: method, GATE: undefined };
    return () => ctx.parser.optional(idx, options);
}

/**
 * A call that is one of a union rule's alternatives (`TopLevel: Customer | System | …`): the union rule's body is
 * alternatives (or one) of plain calls, without assignments or cardinalities, of rules that make a node, so its CST
 * node holds nothing but the called rule's one node, which `unionSubrule` does without.
 */
export function isUnionAlternative(ruleCall: GrammarAST.RuleCall, known: Map<GrammarAST.AbstractRule, boolean> = new Map()): boolean {
    // (by `$type`: the grammar's node types have no subtypes, and asking the reflection here, for types it is not
    // otherwise asked about, cost 20 million instructions at every start)
    const container = ruleCall.$container as AstNode;
    const union = container.$type === 'Alternatives' && !(container as GrammarAST.Alternatives).cardinality ? container.$container : container;
    if (union?.$type !== 'ParserRule') return false;
    const rule = union as GrammarAST.ParserRule;
    if (rule.fragment || rule.definition !== (union === container ? ruleCall : container)) return false;
    const calls = rule.definition.$type === 'Alternatives' ? (rule.definition as GrammarAST.Alternatives).elements : [rule.definition];
    return calls.every(call => {
        if (call.$type !== 'RuleCall' || call.cardinality || (call as GrammarAST.RuleCall).arguments.length > 0) return false;
        const called = (call as GrammarAST.RuleCall).rule.ref;
        return called?.$type === 'ParserRule' && !(called as GrammarAST.ParserRule).fragment && !isDatatypeRule(called as GrammarAST.ParserRule, known);
    });
}

/**
 * Langium's `GrammarUtils.isDataTypeRule` (no assignment and no action, and every rule it calls a terminal or a
 * datatype rule; a rule met again on the way counts as one), by a plain walk, each rule's answer kept: Langium's,
 * asked at every call of `Name` or `QName`, walked the rules they call with its streams each time (22 million
 * instructions of every start).
 */
export function isDatatypeRule(rule: GrammarAST.ParserRule, known: Map<GrammarAST.AbstractRule, boolean> = new Map()): boolean {
    let answer = known.get(rule);
    if (answer === undefined) {
        answer = datatypeRule(rule, new Set());
        known.set(rule, answer);
    }
    return answer;
}

function datatypeRule(rule: GrammarAST.ParserRule, visited: Set<GrammarAST.AbstractRule>): boolean {
    if (visited.has(rule)) return true;
    visited.add(rule);
    return rule.definition !== undefined && datatypeElement(rule.definition, visited);
}

function datatypeElement(element: GrammarAST.AbstractElement, visited: Set<GrammarAST.AbstractRule>): boolean {
    if (GrammarAST.isAssignment(element) || GrammarAST.isAction(element)) return false;
    if (GrammarAST.isRuleCall(element)) {
        const called = element.rule.ref;
        if (!called || GrammarAST.isInfixRule(called)) return false;
        if (GrammarAST.isParserRule(called) && !datatypeRule(called, visited)) return false;
    }
    if (GrammarAST.isAlternatives(element) || GrammarAST.isGroup(element) || GrammarAST.isUnorderedGroup(element)) {
        return element.elements.every(child => datatypeElement(child, visited));
    }
    return true;
}

function getRule(ctx: Context, rule: GrammarAST.ParserRule): RuleResult {
    const found = ctx.parser.getRule(rule.name);
    if (!found) throw new Error(`Rule "${rule.name}" not found."`);
    return found;
}

function getToken(ctx: Context, name: string): TokenType {
    const token = ctx.tokens[name];
    if (!token) throw new Error(`Token "${name}" not found."`);
    return token;
}
