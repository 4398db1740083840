import { LangiumParser, isAstNode, type AstNode, type LangiumCoreServices, type Mutable, type ParseResult } from 'langium';
import { buildParserRules } from './parser-rules.js';

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

/** What `parse` uses of LangiumParser that TypeScript calls private. */
interface ParserInternals {
    nodeBuilder: { buildRootNode(input: string): unknown; addHiddenNodes(tokens: unknown[]): void };
    lexerResult?: unknown;
    doParse(rule: unknown): AstNode;
}

export class CopisParser extends LangiumParser {
    /** Langium 4.4's `LangiumParser.parse`, but for the container pass (`linkContainers`). */
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
        linkContainers(result);
        return { value: result as T, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: this.wrapper.errors };
    }
}

/**
 * What Langium's `linkContentToContainer(node, { deep: true })` does: every node below `node` gets its
 * container, the property it is in and its index there, in the same order. Langium makes a list of the
 * entries of every node and a closure for every list; `for … in` walks the same keys in the same order.
 */
export function linkContainers(node: AstNode): void {
    const properties = node as unknown as Record<string, unknown>;
    for (const name in properties) {
        if (name.charCodeAt(0) === 36 /* $ */) continue;
        const value = properties[name];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (isAstNode(item)) {
                    const child = item as Mutable<AstNode>;
                    child.$container = node;
                    child.$containerProperty = name;
                    child.$containerIndex = index;
                    linkContainers(child);
                }
            }
        } else if (isAstNode(value)) {
            const child = value as Mutable<AstNode>;
            child.$container = node;
            child.$containerProperty = name;
            linkContainers(child);
        }
    }
}
