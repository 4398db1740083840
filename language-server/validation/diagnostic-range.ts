import { AstUtils, GrammarAST, GrammarUtils, type CstNode, type DiagnosticInfo, type AstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';

/** The property each grammar element assigns (the feature of the assignment around it), found once per element. */
const features = new WeakMap<object, string | null>();

function featureOf(element: GrammarAST.AbstractElement | undefined): string | undefined {
    if (!element) return undefined;
    let feature = features.get(element);
    if (feature === undefined) features.set(element, feature = AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature ?? null);
    return feature ?? undefined;
}

/**
 * `GrammarUtils.findNodeForProperty`, the same node: Langium climbs the grammar from every child's grammar
 * element to its assignment, and makes a list per composite node, for each diagnostic.
 */
export function findNodeForProperty(node: CstNode | undefined, property: string | undefined, index?: number): CstNode | undefined {
    if (!node || !property) return undefined;
    const found: CstNode[] = [];
    collect(node, property, node.astNode, true, found, index === undefined);
    if (found.length === 0) return undefined;
    return found[index === undefined ? 0 : Math.max(0, Math.min(index, found.length - 1))];
}

/** Langium's findNodesForPropertyInternal, into `found`; `once`: stop at the first. Returns whether to stop. */
function collect(node: CstNode, property: string, element: AstNode, first: boolean, found: CstNode[], once: boolean): boolean {
    if (!first && featureOf(node.grammarSource) === property) {
        found.push(node);
        return once;
    }
    const content = (node as { content?: CstNode[] }).content;
    if (Array.isArray(content) && node.astNode === element) {
        for (let i = 0; i < content.length; i++) if (collect(content[i], property, element, false, found, once)) return true;
    }
    return false;
}

/** Langium's range of a diagnostic (`getDiagnosticRange`), with the property's node found as above. */
export function diagnosticRange(info: DiagnosticInfo<AstNode, string>): Range {
    if (info.range) return info.range;
    let cstNode: CstNode | undefined;
    if (typeof info.property === 'string') cstNode = findNodeForProperty(info.node.$cstNode, info.property, info.index);
    else if (typeof info.keyword === 'string') cstNode = GrammarUtils.findNodeForKeyword(info.node.$cstNode, info.keyword, info.index);
    cstNode ??= info.node.$cstNode;
    if (!cstNode) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return cstNode.range;
}
