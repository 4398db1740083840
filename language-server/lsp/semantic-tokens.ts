import { GrammarUtils, type AstNode, type CstNode, type Reference } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { AnyProp } from '../model/props.js';
import { nameParts, qualifierOf } from './symbols/name-at.js';

/**
 * The semantic token type of each declaration kind, on its name and on every reference to
 * it, so that e.g. a customer and a system look different. Standard LSP types only (every
 * theme knows them). This table is the reference for the user documentation; the symbol
 * kinds of the Outline follow it where LSP has a match (symbols/symbol-kinds.ts).
 */
export const DECLARATION_TOKEN_TYPES: Record<string, string> = {
    Journey: SemanticTokenTypes.namespace,
    Customer: SemanticTokenTypes.class,
    System: SemanticTokenTypes.interface,
    Information: SemanticTokenTypes.struct,
    Objective: SemanticTokenTypes.type,
    Kpi: SemanticTokenTypes.variable,
    Process: SemanticTokenTypes.function,
    Stage: SemanticTokenTypes.enum,
    Touchpoint: SemanticTokenTypes.method,
    Moment: SemanticTokenTypes.event,
    Pain: SemanticTokenTypes.parameter,
    Opportunity: SemanticTokenTypes.decorator
};

/**
 * Names: the kind's type (above), with the `declaration` modifier where declared. In a
 * qualified reference `Journey.Name`, the qualifier is highlighted as the journey (or the
 * objective) it names. Property keys: `property`. Enum values (`channel web`, `kind second`):
 * `enumMember`. Numbers, percentages, durations, money (amount and currency) and dates:
 * `number`. Strings (titles, string values, lists): `string`. Target comparators: `operator`.
 * Declaration keywords and comments are left to the TextMate grammar.
 */
export class CopisSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' {
        if (ast.isDeclaration(node)) {
            const type = DECLARATION_TOKEN_TYPES[node.$type];
            const name = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
            if (type && name && node.name) acceptor({ cst: name, type, modifier: SemanticTokenModifiers.declaration });
            const title = GrammarUtils.findNodeForProperty(node.$cstNode, 'title');
            if (title) acceptor({ cst: title, type: SemanticTokenTypes.string });
            return;
        }
        if (ast.isQuantity(node)) {
            for (const cst of [...GrammarUtils.findNodesForProperty(node.$cstNode, 'value'), ...GrammarUtils.findNodesForProperty(node.$cstNode, 'currency')]) {
                acceptor({ cst, type: SemanticTokenTypes.number });
            }
            return 'prune';
        }
        const prop = node as AnyProp;
        if (typeof prop.key !== 'string') return;
        const key = GrammarUtils.findNodeForProperty(node.$cstNode, 'key');
        if (key) acceptor({ cst: key, type: SemanticTokenTypes.property });
        const op = GrammarUtils.findNodeForProperty(node.$cstNode, 'op');
        if (op) acceptor({ cst: op, type: SemanticTokenTypes.operator });
        if (typeof prop.value === 'string') {
            const value = GrammarUtils.findNodeForProperty(node.$cstNode, 'value');
            if (value) acceptor({ cst: value, type: value.text.startsWith('"') ? SemanticTokenTypes.string : SemanticTokenTypes.enumMember });
        }
        for (const value of GrammarUtils.findNodesForProperty(node.$cstNode, 'values')) acceptor({ cst: value, type: SemanticTokenTypes.string });
        for (const reference of [...(prop.ref ? [prop.ref] : []), ...(prop.refs ?? [])]) this.highlightReference(reference, acceptor);
        // Quantities (the only children of a property) are visited next.
    }

    private highlightReference(reference: Reference, acceptor: SemanticTokenAcceptor): void {
        const target = reference.ref;
        const refNode = reference.$refNode;
        if (!refNode || !ast.isDeclaration(target)) return;
        const parts: CstNode[] = nameParts(refNode);
        const last = parts[parts.length - 1];
        const type = DECLARATION_TOKEN_TYPES[target.$type];
        if (last && type) acceptor({ cst: last, type });
        const qualifier = qualifierOf(target);
        if (parts.length === 2 && qualifier && qualifier.name === parts[0].text) {
            acceptor({ cst: parts[0], type: DECLARATION_TOKEN_TYPES[qualifier.$type] });
        }
    }
}
