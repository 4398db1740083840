import { CstUtils, GrammarUtils, isReference, type CstNode, type LangiumDocument, type Reference } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import * as ast from '../../generated/ast.js';
import { enclosingJourney } from '../../references/declarations.js';

/**
 * What a name in the text denotes. A qualified reference `Journey.Name` has two parts: the
 * member part denotes the member, the qualifier part denotes the journey (or the top-level
 * objective of a KPI) — so hover, rename and friends treat `BuyAndReturn` in
 * `BuyAndReturn.OnTime` as the journey, and `OnTime` as the KPI.
 */
export interface NameAt {
    target: ast.Declaration;
    /** The text of the name that was pointed at (one part of a qualified name). */
    range: Range;
    leaf: CstNode;
    part: 'declaration' | 'reference' | 'qualifier';
}

/** The declaration named at `offset` of `document`, or undefined on anything else (keywords, values, broken text). */
export function nameAt(document: LangiumDocument, offset: number, nameRegexp?: RegExp): NameAt | undefined {
    const root = document.parseResult?.value?.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, nameRegexp);
    if (!leaf || leaf.hidden) return undefined;
    const node = leaf.astNode;
    if (ast.isDeclaration(node)) {
        const nameNode = nameNodeOf(node);
        if (node.name && nameNode && (nameNode === leaf || CstUtils.isChildNode(leaf, nameNode))) {
            return { target: node, range: nameNode.range, leaf: nameNode, part: 'declaration' };
        }
        return undefined;
    }
    const reference = referenceAt(leaf);
    const target = reference?.ref;
    if (!reference || !ast.isDeclaration(target) || !reference.$refNode) return undefined;
    const parts = nameParts(reference.$refNode);
    const index = parts.findIndex(p => p === leaf || CstUtils.isChildNode(leaf, p));
    if (index < 0) return undefined;
    if (index === parts.length - 1) return { target, range: parts[index].range, leaf: parts[index], part: 'reference' };
    const qualifier = qualifierOf(target);
    if (parts.length === 2 && qualifier && qualifier.name === parts[0].text) {
        return { target: qualifier, range: parts[0].range, leaf: parts[0], part: 'qualifier' };
    }
    return undefined;
}

export function nameNodeOf(node: ast.Declaration): CstNode | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
}

/** The reference whose text contains `leaf`, if `leaf` is part of one. */
export function referenceAt(leaf: CstNode): Reference | undefined {
    const assignment = GrammarUtils.findAssignment(leaf);
    const holder = leaf.astNode as unknown as Record<string, unknown>;
    if (!assignment || !holder) return undefined;
    const value = holder[assignment.feature];
    const candidates = Array.isArray(value) ? value : [value];
    for (const candidate of candidates) {
        if (isReference(candidate) && candidate.$refNode && (candidate.$refNode === leaf || CstUtils.isChildNode(leaf, candidate.$refNode))) {
            return candidate;
        }
    }
    return undefined;
}

/** The name tokens of a (possibly qualified) reference's text, without dots and comments. */
export function nameParts(refNode: CstNode): CstNode[] {
    return CstUtils.flattenCst(refNode).filter(l => !l.hidden && l.text !== '.').toArray();
}

/** What qualifies a declaration's name elsewhere: its journey, or the top-level objective of a KPI. */
export function qualifierOf(node: ast.Declaration): ast.Journey | ast.Objective | undefined {
    const journey = enclosingJourney(node.$container);
    if (journey) return journey;
    if (ast.isKpi(node) && ast.isObjective(node.$container)) return node.$container;
    return undefined;
}
