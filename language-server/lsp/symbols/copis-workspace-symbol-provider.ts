import { interruptAndCheck, type AstNodeDescription, type IndexManager } from 'langium';
import type { FuzzyMatcher, LangiumSharedServices, WorkspaceSymbolProvider } from 'langium/lsp';
import { CancellationToken, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import { symbolKindOf } from './symbol-kinds.js';

/**
 * Go to Symbol in Workspace: every declaration once, by its simple name, with its journey
 * (or, for a KPI of a top-level objective, its objective) as container. The index exports
 * journey members as `Journey.Name` and top-level KPIs under two names; both collapse
 * into one symbol here. The query matches the simple or the qualified name (fuzzy, as
 * VS Code filters), so `BuyAndReturn.On` finds `OnTime`.
 */
export class CopisWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    private readonly indexManager: IndexManager;
    private readonly fuzzyMatcher: FuzzyMatcher;

    constructor(services: LangiumSharedServices) {
        this.indexManager = services.workspace.IndexManager;
        this.fuzzyMatcher = services.lsp.FuzzyMatcher;
    }

    async getSymbols(params: WorkspaceSymbolParams, cancelToken = CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const query = params.query.toLowerCase();
        const byNode = new Map<string, AstNodeDescription>();
        for (const description of this.indexManager.allElements()) {
            await interruptAndCheck(cancelToken);
            if (!description.nameSegment) continue;
            const key = `${description.documentUri.toString()}#${description.path}`;
            const seen = byNode.get(key);
            // Prefer the qualified name: it says where the declaration lives.
            if (!seen || (description.name.includes('.') && !seen.name.includes('.'))) byNode.set(key, description);
        }
        const symbols: WorkspaceSymbol[] = [];
        for (const description of byNode.values()) {
            const qualified = description.name;
            const dot = qualified.lastIndexOf('.');
            const name = qualified.slice(dot + 1);
            if (query && !this.fuzzyMatcher.match(query, name) && !this.fuzzyMatcher.match(query, qualified)) continue;
            const symbol: WorkspaceSymbol = {
                name,
                kind: symbolKindOf(description.type),
                location: { uri: description.documentUri.toString(), range: description.nameSegment!.range }
            };
            if (dot > 0) symbol.containerName = qualified.slice(0, dot);
            symbols.push(symbol);
        }
        return symbols;
    }
}
