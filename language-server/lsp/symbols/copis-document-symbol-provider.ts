import type { LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import * as ast from '../../generated/ast.js';
import { nameNodeOf } from './name-at.js';
import { symbolKindOf } from './symbol-kinds.js';

/**
 * The Outline as a tree, in source order: journey > objectives > KPIs, processes,
 * stages > touchpoints, moments, pains, opportunities; top-level declarations likewise.
 * `detail` is the declaration's title. Declarations without a name (broken text) are left out.
 */
export class CopisDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const model = document.parseResult?.value as ast.Model | undefined;
        return symbolsOf(model?.elements ?? []);
    }
}

function symbolsOf(nodes: ast.Declaration[]): DocumentSymbol[] {
    return [...nodes]
        .sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0))
        .map(symbolOf)
        .filter((s): s is DocumentSymbol => s !== undefined);
}

function symbolOf(node: ast.Declaration): DocumentSymbol | undefined {
    const cst = node.$cstNode;
    const nameNode = nameNodeOf(node);
    if (!node.name || !cst || !nameNode) return undefined;
    const symbol: DocumentSymbol = {
        name: node.name,
        kind: symbolKindOf(node.$type),
        range: cst.range,
        selectionRange: nameNode.range
    };
    if (node.title) symbol.detail = node.title;
    const children = symbolsOf(childrenOf(node));
    if (children.length > 0) symbol.children = children;
    return symbol;
}

function childrenOf(node: ast.Declaration): ast.Declaration[] {
    if (ast.isJourney(node)) return [...node.objectives, ...node.processes, ...node.stages, ...node.moments, ...node.pains, ...node.opportunities];
    if (ast.isObjective(node)) return node.kpis;
    if (ast.isStage(node)) return node.touchpoints;
    return [];
}
