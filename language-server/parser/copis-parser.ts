import {
    CompositeCstNodeImpl, DatatypeSymbol, AstUtils, GrammarAST as Ast, LangiumParser, isAstNode, type AstNode, type AstReflection, type CompositeCstNode, type CstNode, type GrammarAST,
    GrammarUtils, type LangiumCoreServices, type Mutable, type ParseResult, type ValueConverter
} from 'langium';
import type { IToken, TokenType } from 'chevrotain';
import { buildParserRules, isDatatypeRule, type DatatypeRuleCalls } from './parser-rules.js';
import { CopisCstNodeBuilder } from './cst-leaves.js';

/**
 * Langium's parser, made by `buildParserRules` (no allocation per rule entry), and with Langium's last
 * pass over the tree (each node's container) done without a list of entries and a closure per node. On
 * the 10,000-declaration workspace of bench/validate.mjs the two together take 13 % of the instructions of
 * a whole `copis validate` (docs/performance.md); the trees are the same (a test compares them, errors too).
 */
export function createCopisParser(services: LangiumCoreServices): LangiumParser {
    const parser = new CopisParser(services);
    buildParserRules(services.Grammar, parser, services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** What `parse` and `datatypeSubrule` use of LangiumParser that TypeScript calls private. */
interface ParserInternals {
    nodeBuilder: { buildRootNode(input: string): unknown; addHiddenNodes(tokens: unknown[]): void; buildLeafNode(token: IToken, feature: GrammarAST.AbstractElement): CstNode; readonly current: CompositeCstNode; construct(node: object): void };
    lexerResult?: { hidden: IToken[] };
    extractHiddenTokens(token: IToken): IToken[];
    stack: { $type: unknown; value?: string }[];
    converter: ValueConverter;
    doParse(rule: unknown): AstNode;
    construct(): unknown;
    performSubruleAssignment(result: unknown, feature: GrammarAST.AbstractElement, cstNode: CstNode): void;
    assignWithoutOverride(target: Record<string, unknown>, source: Record<string, unknown>): unknown;
    getAssignment(feature: GrammarAST.AbstractElement): Consumed;
    isValidToken(token: IToken): boolean;
    assign(operator: string, feature: string, value: unknown, cstNode: CstNode, crossRef: Consumed['crossRef']): void;
    startImplementation($type: string | symbol | undefined, infixName: string | undefined, implementation: (args: unknown) => void): (args: unknown) => unknown;
    computeRuleType(rule: GrammarAST.AbstractRule): string | symbol | undefined;
}

/** Langium's `getAssignment` of a grammar element (its assignment, whether that is a reference), and whether it is a keyword. */
interface Consumed {
    assignment: GrammarAST.Assignment | undefined;
    crossRef: 'single' | 'multi' | undefined;
    keyword: boolean;
}

type RuleResult = Parameters<DatatypeRuleCalls['datatypeSubrule']>[1];

/** A datatype rule's value while it is parsed: Langium's, left unconverted for `datatypeSubrule`. */
interface DatatypeValue {
    $type: typeof DatatypeSymbol;
    value: string;
}

export class CopisParser extends LangiumParser implements DatatypeRuleCalls {
    constructor(services: LangiumCoreServices) {
        super(services);
        const internals = this as unknown as ParserInternals;
        internals.nodeBuilder = new CopisCstNodeBuilder();
        const construct = internals.construct.bind(this);
        const defaults = new Defaults(services.shared.AstReflection);
        // Langium asks, before every token it consumes, for the comments before it, and adds them to the tree: a fresh
        // empty list and a search up the tree for each of 128,000 tokens of which a few hundred have a comment before.
        const extract = internals.extractHiddenTokens.bind(this);
        internals.extractHiddenTokens = token => {
            const hidden = internals.lexerResult!.hidden;
            return hidden.length > 0 && hidden[0].startOffset <= token.startOffset ? extract(token) : NO_TOKENS;
        };
        const addHidden = internals.nodeBuilder.addHiddenNodes.bind(internals.nodeBuilder);
        internals.nodeBuilder.addHiddenNodes = tokens => {
            if (tokens.length > 0) addHidden(tokens);
        };
        // Langium's `rule` asks, of each of the grammar's rules, `GrammarUtils.isDataTypeRule` by its streams, twice for a
        // rule that is not one (computeRuleType, then getTypeName): 2.6 ms of every start. The same answers by
        // parser-rules.ts's walk, each rule's kept; what is not a parser rule (or is a fragment) is left to Langium.
        const computeRuleType = internals.computeRuleType.bind(this);
        const datatypeRules = new Map<GrammarAST.AbstractRule, boolean>();
        internals.computeRuleType = rule => {
            if (!Ast.isParserRule(rule) || rule.fragment) return computeRuleType(rule);
            return isDatatypeRule(rule, datatypeRules) ? DatatypeSymbol : GrammarUtils.getExplicitRuleType(rule) ?? rule.name;
        };
        internals.assignWithoutOverride = assignWithoutOverride;
        const start = internals.startImplementation.bind(this);
        const reflection = services.shared.AstReflection;
        internals.startImplementation = ($type, infixName, implementation) => {
            if (typeof $type !== 'string' || infixName !== undefined) return start($type, infixName, implementation);
            // (made at the rule's first node: a start makes the parser for every rule, and a run parses few of them)
            let Node: (new () => { $type: string }) | undefined;
            let typeDefaults: TypeDefaults | undefined;
            return (args: unknown) => {
                if (this.isRecording()) {
                    implementation(args);
                    return undefined;
                }
                Node ??= nodeClass($type, Object.keys(reflection.getTypeMetaData($type).properties).length + NODE_FIELDS);
                const stack = internals.stack;
                stack.push(new Node());
                implementation(args);
                // `construct`, without its tests: the node on top is this rule's (or the one an unassigned call of a rule
                // gave it, see `assignWithoutOverride`), neither a datatype rule's nor an infix rule's
                const node = stack.pop()!;
                internals.nodeBuilder.construct(node);
                finish(node as unknown as Record<string, unknown>, typeDefaults ??= defaults.of($type));
                return node;
            };
        };
        internals.getAssignment = feature => this.consumed(feature);
        // Langium's, and a node assigned to its container's property gets its container there and then (Langium's
        // `linkContentToContainer` walked every property of every node once the file was parsed: see `finish`)
        internals.performSubruleAssignment = (result, feature, cstNode) => {
            const { assignment, crossRef } = this.consumed(feature);
            const stack = internals.stack;
            const current = stack[stack.length - 1] as unknown as Record<string, unknown>;
            if (assignment) {
                internals.assign(assignment.operator, assignment.feature, result, cstNode, crossRef);
                if (assignment.operator !== '?=' && isAstNode(result)) {
                    const child = result as Mutable<AstNode>;
                    child.$container = current as unknown as AstNode;
                    child.$containerProperty = assignment.feature;
                    if (assignment.operator === '+=') child.$containerIndex = (current[assignment.feature] as unknown[]).length - 1;
                }
            } else if (current.$type === DatatypeSymbol) {
                current.value += (result as object).toString();
            } else if (typeof result === 'object' && result) {
                const node = assignWithoutOverride(result as Record<string, unknown>, current);
                stack.pop();
                stack.push(node as { $type: unknown });
            }
        };
        internals.construct = () => {
            const stack = internals.stack;
            const node = stack[stack.length - 1];
            if (this.isRecording() || !node || '$infixName' in node) return construct();
            if (node.$type === DatatypeSymbol) {
                // A datatype rule called by `datatypeSubrule` leaves its value to it: Langium's `construct` would close a CST
                // node that was never opened. (One at the bottom of the stack is the rule `parse` was asked for: Langium's.)
                return stack.length > 1 ? stack.pop() : construct();
            }
            // Langium's, with the defaults of each type listed once (Langium's lists them for every node: 80,000 lists)
            stack.pop();
            internals.nodeBuilder.construct(node);
            finish(node as unknown as Record<string, unknown>, defaults.of(node.$type as string));
            return node;
        };
    }

    private readonly features = new Map<GrammarAST.AbstractElement, Consumed>();

    /** What Langium's `getAssignment` finds for `feature`, with one lookup (Langium's makes two, for every token and node). */
    private consumed(feature: GrammarAST.AbstractElement): Consumed {
        let consumed = this.features.get(feature);
        if (consumed === undefined) {
            const assignment = AstUtils.getContainerOfType(feature, Ast.isAssignment);
            const crossRef = assignment && Ast.isCrossReference(assignment.terminal) ? (assignment.terminal.isMulti ? 'multi' : 'single') : undefined;
            consumed = { assignment, crossRef, keyword: Ast.isKeyword(feature) };
            this.features.set(feature, consumed);
        }
        return consumed;
    }

    /**
     * Langium 4.4's `consume`, with what it asks of the grammar element (its assignment, whether it is a keyword: two
     * map lookups and a walk of the reflection's type table) looked up once per element, for each of 128,000 tokens.
     */
    override consume(idx: number, tokenType: TokenType, feature: GrammarAST.AbstractElement): void {
        if (this.isRecording()) {
            this.wrapper.wrapConsume(idx, tokenType);
            return;
        }
        const token = (this.wrapper as unknown as Recognizer).consumeInternal(tokenType, idx, undefined);
        const internals = this as unknown as ParserInternals;
        if (!internals.isValidToken(token)) return;
        internals.nodeBuilder.addHiddenNodes(internals.extractHiddenTokens(token));
        const leafNode = internals.nodeBuilder.buildLeafNode(token, feature);
        const consumed = this.consumed(feature);
        const stack = internals.stack;
        const current = stack[stack.length - 1];
        if (consumed.assignment) {
            const value = consumed.keyword ? token.image : internals.converter.convert(token.image, leafNode);
            internals.assign(consumed.assignment.operator, consumed.assignment.feature, value, leafNode, consumed.crossRef);
        } else if (current.$type === DatatypeSymbol) {
            current.value += consumed.keyword ? token.image : internals.converter.convert(token.image, leafNode).toString();
        }
    }

    /** Langium 4.4's `LangiumParser.parse`, without its container pass (each node gets its container when it is assigned). */
    override parse<T extends AstNode = AstNode>(input: string, options: { rule?: string } = {}): ParseResult<T> {
        const internals = this as unknown as ParserInternals;
        internals.nodeBuilder.buildRootNode(input);
        const lexerResult = this.lexer.tokenize(input);
        internals.lexerResult = lexerResult;
        this.wrapper.input = lexerResult.tokens;
        const ruleMethod = options.rule ? this.allRules.get(options.rule) : this.mainRule;
        if (!ruleMethod) throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        const result = internals.doParse(ruleMethod);
        internals.nodeBuilder.addHiddenNodes(lexerResult.hidden);
        this.unorderedGroups.clear();
        internals.lexerResult = undefined;
        return { value: result as T, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: this.wrapper.errors };
    }

    /**
     * Langium's `subrule` for a call of a datatype rule (`name=Name`, `[System:QName]`, `value=Channel`), without the
     * composite CST node Langium puts around the rule's tokens: a name, a reference or an enumerated value of one token
     * is that token's leaf, with the call for its grammar element (the assignment's, so `findNodeForProperty`, the
     * references and the value converter find it as they found the composite); one of several tokens (`Journey.Name`)
     * gets its composite once it is parsed. A quarter of the CST's nodes were those wrappers. The chevrotain calls are
     * Langium's, so lookahead, recovery and errors are too; the test compares the trees with Langium's, its wrappers
     * of one leaf taken away.
     */
    datatypeSubrule(idx: number, rule: RuleResult, feature: GrammarAST.AbstractElement): void {
        if (this.isRecording()) {
            this.wrapper.wrapSubrule(idx, rule, NO_ARGUMENTS);
            return;
        }
        const internals = this as unknown as ParserInternals;
        const parent = internals.nodeBuilder.current;
        const start = parent.content.length;
        let result: DatatypeValue | undefined;
        try {
            result = (this.wrapper as unknown as Recognizer).subruleInternal(rule, idx, undefined) as DatatypeValue | undefined;
        } finally {
            // (a recognition error in the rule: its value is still on the stack, as in Langium's `subrule`)
            if (result === undefined) result = internals.construct() as DatatypeValue | undefined;
            const cstNode = datatypeNode(parent, start, feature);
            if (result !== undefined && cstNode && cstNode.length > 0) {
                internals.performSubruleAssignment(internals.converter.convert(result.value, cstNode), feature, cstNode);
            }
        }
    }

    /**
     * Langium's `subrule` for a union rule's alternative (`TopLevel: Customer | System | …`, `props+=SystemProp` whose
     * `SystemTypeProp` gives the node, `value=Quantity`), without the composite CST node Langium makes for the call: the
     * union rule's own node held that one node and nothing else (comments before it go where they went, see
     * `addHiddenNodes`), so the called rule's tokens and nodes go straight into the union's, which becomes the AST
     * node's, as it did. A fifth of the composite nodes of the bench's 10,000 declarations. The chevrotain calls are
     * Langium's; the test compares the trees with Langium's, its nodes of these calls taken away.
     */
    unionSubrule(idx: number, rule: RuleResult, feature: GrammarAST.RuleCall): void {
        if (this.isRecording()) {
            this.wrapper.wrapSubrule(idx, rule, NO_ARGUMENTS);
            return;
        }
        const internals = this as unknown as ParserInternals;
        const builder = internals.nodeBuilder as unknown as CopisCstNodeBuilder;
        // (the called rule's `construct` closes the union's node once more: that close only gives its AST node the node)
        const cstNode = builder.reopen();
        let result: unknown;
        try {
            result = (this.wrapper as unknown as Recognizer).subruleInternal(rule, idx, undefined);
        } finally {
            // (a recognition error in the rule: its node is still on the stack, as in Langium's `subrule`)
            if (result === undefined) result = internals.construct();
            if (result !== undefined && hasText(cstNode)) internals.performSubruleAssignment(result, feature, cstNode);
        }
    }

    /** Langium 4.4's `subrule`, calling chevrotain's rule call directly (see `Recognizer`). */
    override subrule(idx: number, rule: RuleResult, fragment: boolean, feature: GrammarAST.AbstractElement, args: Parameters<LangiumParser['subrule']>[4]): void {
        if (this.isRecording()) {
            this.wrapper.wrapSubrule(idx, rule, args);
            return;
        }
        const internals = this as unknown as ParserInternals;
        const cstNode = fragment ? undefined : (internals.nodeBuilder as unknown as CopisCstNodeBuilder).buildCompositeNode(feature);
        let result: unknown;
        try {
            result = (this.wrapper as unknown as Recognizer).subruleInternal(rule, idx, undefined);
        } finally {
            if (result === undefined && !fragment) result = internals.construct();
            if (result !== undefined && cstNode && hasText(cstNode)) internals.performSubruleAssignment(result, feature, cstNode);
        }
    }

    override alternatives(idx: number, choices: Parameters<LangiumParser['alternatives']>[1]): void {
        const wrapper = this.wrapper as unknown as Recognizer;
        if (wrapper.RECORDING_PHASE) this.wrapper.wrapOr(idx, choices);
        else wrapper.orInternal(choices, idx);
    }

    override optional(idx: number, callback: Parameters<LangiumParser['optional']>[1]): void {
        const wrapper = this.wrapper as unknown as Recognizer;
        if (wrapper.RECORDING_PHASE) this.wrapper.wrapOption(idx, callback);
        else wrapper.optionInternal(callback, idx);
    }

    override many(idx: number, callback: Parameters<LangiumParser['many']>[1]): void {
        const wrapper = this.wrapper as unknown as Recognizer;
        if (wrapper.RECORDING_PHASE) this.wrapper.wrapMany(idx, callback);
        else wrapper.manyInternal(idx, callback);
    }

    override atLeastOne(idx: number, callback: Parameters<LangiumParser['atLeastOne']>[1]): void {
        const wrapper = this.wrapper as unknown as Recognizer;
        if (wrapper.RECORDING_PHASE) this.wrapper.wrapAtLeastOne(idx, callback);
        else wrapper.atLeastOneInternal(idx, callback);
    }
}

/**
 * Chevrotain 13's own calls behind its DSL (`subrule`, `consume`, `or`, …), which Langium's wrapper reaches through two
 * more calls each, a rule call with a fresh `{ ARGS: [args] }` (no rule of copis has parameters). Outside the
 * recording phase (`performSelfAnalysis`, when chevrotain replaces the DSL methods of the instance by recording ones)
 * the DSL methods only pass their arguments on to these; CopisParser calls them directly. (Langium's parsing profiler,
 * which copis does not turn on, would not see the rule calls.)
 */
interface Recognizer {
    RECORDING_PHASE: boolean;
    consumeInternal(tokenType: TokenType, idx: number, options: undefined): IToken;
    subruleInternal(rule: RuleResult, idx: number, options: undefined): unknown;
    orInternal(choices: Parameters<LangiumParser['alternatives']>[1], idx: number): unknown;
    optionInternal(callback: Parameters<LangiumParser['optional']>[1], idx: number): unknown;
    manyInternal(idx: number, callback: Parameters<LangiumParser['many']>[1]): void;
    atLeastOneInternal(idx: number, callback: Parameters<LangiumParser['atLeastOne']>[1]): void;
}

/**
 * What Langium's `assignMandatoryProperties` gives a node that lacks them: each property's default (an empty list,
 * false), copied, in the order of the type's properties; per type, the properties that have one.
 */
class Defaults {
    private readonly byType = new Map<string, TypeDefaults>();

    constructor(private readonly reflection: AstReflection) {}

    of(type: string): TypeDefaults {
        let defaults = this.byType.get(type);
        if (!defaults) {
            const properties = Object.values(this.reflection.getTypeMetaData(type).properties);
            defaults = {
                values: properties.filter(property => property.defaultValue !== undefined).map(property => [property.name, property.defaultValue]),
                lists: properties.filter(property => Array.isArray(property.defaultValue)).map(property => property.name)
            };
            this.byType.set(type, defaults);
        }
        return defaults;
    }
}

/** A type's properties that have a default, with it, and its lists (`Defaults`). */
interface TypeDefaults {
    values: Array<[string, unknown]>;
    lists: string[];
}

/**
 * What a node gets once it is parsed: the defaults it lacks, and each list the parser filled replaced by a copy of its
 * length (the parser pushes into an empty list, which V8 then gives room for 17 items: 152 bytes for the one reference
 * of most `refs`; 3.4 MB of the 10,000-declaration workspace's lists).
 */
function finish(node: Record<string, unknown>, defaults: TypeDefaults): void {
    const values = defaults.values;
    for (let i = 0; i < values.length; i++) {
        const name = values[i][0];
        if (node[name] === undefined) node[name] = copyDefault(values[i][1]);
    }
    const lists = defaults.lists;
    for (let i = 0; i < lists.length; i++) {
        const list = node[lists[i]] as unknown[];
        if (list.length > 0) node[lists[i]] = list.slice();
    }
}

/**
 * Langium's `assignWithoutOverride`, for a rule called without an assignment (`props+=SystemProp`, whose one
 * alternative `SystemTypeProp` gives the node): `for … in` walks the keys `Object.entries` lists, in its order,
 * without a list of pairs for each of the 50,000 such calls of the bench's 10,000 declarations.
 */
function assignWithoutOverride(target: Record<string, unknown>, source: Record<string, unknown>): unknown {
    for (const name in source) {
        const existingValue = source[name];
        const newValue = target[name];
        if (newValue === undefined) {
            target[name] = existingValue;
            if (name.charCodeAt(0) !== 36 /* $ */) moveChildren(target, name);
        } else if (Array.isArray(newValue) && Array.isArray(existingValue)) {
            existingValue.push(...newValue);
            target[name] = existingValue;
            if (name.charCodeAt(0) !== 36 /* $ */) moveChildren(target, name);
        }
    }
    // (Langium's: the node's CST node is the caller's, which `construct` gives it)
    target.$cstNode = undefined;
    return target;
}

/** What every AST node has besides its type's properties: `$type`, `$cstNode`, `$container`, `$containerProperty`, `$containerIndex`. */
const NODE_FIELDS = 5;

/** The first instance of each node class, given `fields` properties (see `nodeClass`); kept, so that V8 sees them when it sizes the class's objects. */
const sizers: object[] = [];

/**
 * A class of AST nodes of `type`, made `{ $type }` as Langium's, each with room in the object for the `fields`
 * properties it gets later. V8 gives an object literal room for the properties it is written with (`$type`), and
 * the others go to a second object (a property array: 56,000 of them, 3.6 MB, for the bench's 10,000 declarations);
 * a class's objects get room for more, until a few have been made, and then for as many as the most any of its
 * objects had by then, which would not count the container's fields (`$container`, ...: set once the whole file is
 * parsed). So the class's first object is given `fields` properties at once.
 */
function nodeClass(type: string, fields: number): new () => { $type: string } {
    const Node = class {
        $type: string;
        constructor() {
            this.$type = type;
        }
    };
    const sizer = new Node() as unknown as Record<string, unknown>;
    for (let i = 1; i < fields; i++) sizer[`$${i}`] = undefined;
    sizers.push(sizer);
    return Node;
}

/** Langium's `copyDefaultValue`: lists copied, deep. */
function copyDefault(value: unknown): unknown {
    return Array.isArray(value) ? value.map(copyDefault) : value;
}

/**
 * Langium's `cstNode.length > 0` for a rule call's composite node, without its walks to the first and the last token
 * that is not a comment: every token has text (a leaf's length is its image's, never empty), and a composite that got
 * no node is taken out of the tree when it is closed, so a composite has text when it holds a node.
 */
function hasText(node: CompositeCstNode): boolean {
    return node.content.length > 0;
}

/** No comments before a token (never added to: Langium only reads what `extractHiddenTokens` gives). */
const NO_TOKENS: IToken[] = [];

/** What every rule call passes as the called rule's arguments: no rule has parameters. */
const NO_ARGUMENTS = Object.freeze({});

/**
 * The CST node of a datatype rule's tokens, the nodes `parent` got from `start` on: its one leaf, or a composite
 * around them; Langium's place for each node (comments before the first token stay outside, as with Langium's
 * composite). Undefined when the rule read no token.
 */
function datatypeNode(parent: CompositeCstNode, start: number, feature: GrammarAST.AbstractElement): CstNode | undefined {
    const content = parent.content as CstNode[];
    let first = start;
    while (first < content.length && content[first].hidden) first++;
    if (first === content.length) return undefined;
    if (first === content.length - 1) {
        const only = content[first] as Mutable<CstNode>;
        only.grammarSource = feature;
        return only;
    }
    const node = new CompositeCstNodeImpl();
    node.grammarSource = feature;
    node.content = content.splice(first);
    for (const child of node.content) (child as Mutable<CstNode>).container = node;
    node.container = parent;
    content.push(node);
    return node;
}

/**
 * The nodes `target`'s property `name` holds get it for their container (and their index in a list), as Langium's
 * `linkContentToContainer` would once the file is parsed: for a property `assignWithoutOverride` moved there.
 */
function moveChildren(target: Record<string, unknown>, name: string): void {
    const value = target[name];
    if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
            const item: unknown = value[index];
            if (isAstNode(item)) {
                const child = item as Mutable<AstNode>;
                child.$container = target as unknown as AstNode;
                child.$containerProperty = name;
                child.$containerIndex = index;
            }
        }
    } else if (isAstNode(value)) {
        const child = value as Mutable<AstNode>;
        child.$container = target as unknown as AstNode;
        child.$containerProperty = name;
    }
}
