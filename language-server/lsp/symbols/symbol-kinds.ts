import { SymbolKind } from 'vscode-languageserver-types';

/**
 * The LSP symbol kind (Outline, breadcrumbs, Go to Symbol) of each declaration type.
 * They follow the semantic token types (see ../semantic-tokens.ts) where LSP has a match.
 */
const SYMBOL_KINDS: Record<string, SymbolKind> = {
    Journey: SymbolKind.Namespace,
    Customer: SymbolKind.Class,
    System: SymbolKind.Interface,
    Information: SymbolKind.Struct,
    Objective: SymbolKind.Object,
    Kpi: SymbolKind.Number,
    Process: SymbolKind.Function,
    Stage: SymbolKind.Package,
    Touchpoint: SymbolKind.Method,
    Moment: SymbolKind.Event,
    Pain: SymbolKind.Field,
    Opportunity: SymbolKind.Constant
};

export function symbolKindOf(type: string): SymbolKind {
    return SYMBOL_KINDS[type] ?? SymbolKind.Field;
}
