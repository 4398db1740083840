import { interruptAndCheck, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { CancellationToken, type DocumentSymbolParams } from 'vscode-languageserver';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import * as ast from '../../generated/ast.js';
import { nameNodeOf } from './name-at.js';
import { symbolKindOf } from './symbol-kinds.js';

/**
 * The Outline as a tree, in source order: journey > objectives > KPIs, processes,
 * stages > touchpoints, moments, pains, opportunities; top-level declarations likewise.
 * `detail` is the declaration's title. Declarations without a name (broken text) are left out.
 *
 * A cancelled request is answered `RequestCancelled`, also when the cancellation came before the
 * request was read (Langium's handler does not look at the token once the document is parsed),
 * and a long outline lets a cancellation in between top-level declarations.
 */
export class CopisDocumentSymbolProvider implements DocumentSymbolProvider {
    async getSymbols(document: LangiumDocument, _params?: DocumentSymbolParams, cancelToken = CancellationToken.None): Promise<DocumentSymbol[]> {
        const model = document.parseResult?.value as ast.Model | undefined;
        const symbols: DocumentSymbol[] = [];
        await interruptAndCheck(cancelToken);
        for (const element of sortedBySource(model?.elements ?? [])) {
            await interruptAndCheck(cancelToken);
            const symbol = symbolOf(element);
            if (symbol) symbols.push(symbol);
        }
        return symbols;
    }
}

function sortedBySource(nodes: ast.Declaration[]): ast.Declaration[] {
    return [...nodes].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
}

function symbolsOf(nodes: ast.Declaration[]): DocumentSymbol[] {
    return sortedBySource(nodes)
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
