import { inject, setInterruptionPeriod, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
    type PartialLangiumServices
} from 'langium/lsp';
import { CopisModule, CopisSharedModule, type CopisAddedServices } from '../copis-module.js';
import { CopisGeneratedModule, CopisGeneratedSharedModule } from '../generated/module.js';
import { registerValidationChecks } from '../validation/register.js';
import { keepWorkspaceDiagnosticsFresh } from './workspace-revalidation.js';
import { CopisCodeActionProvider } from './code-actions/copis-code-action-provider.js';
import { CopisCompletionProvider } from './completion/copis-completion-provider.js';
import { CopisFormatter } from './formatting/copis-formatter.js';
import { CopisHoverProvider } from './hover/copis-hover-provider.js';
import { CopisCodeLensProvider } from './code-lens.js';
import { CopisRenameProvider } from './rename.js';
import { CopisSemanticTokenProvider } from './semantic-tokens.js';
import { CopisDocumentSymbolProvider } from './symbols/copis-document-symbol-provider.js';
import { CopisWorkspaceSymbolProvider } from './symbols/copis-workspace-symbol-provider.js';
import { registerDiagramRequest } from './diagram-request.js';
import { CoalescingDocumentUpdateHandler } from './coalescing-update-handler.js';
import { ActualsSync } from './actuals-sync.js';
import type { Actuals } from '../actuals/actuals-service.js';
import { ActualsTextNotification } from '../protocol.js';

export type CopisLspServices = LangiumServices & CopisAddedServices;

/** The editor features; each lives in its own folder here. */
export const CopisLspModule: Module<CopisLspServices, PartialLangiumServices> = {
    lsp: {
        CompletionProvider: (services) => new CopisCompletionProvider(services),
        HoverProvider: (services) => new CopisHoverProvider(services),
        RenameProvider: (services) => new CopisRenameProvider(services),
        DocumentSymbolProvider: () => new CopisDocumentSymbolProvider(),
        SemanticTokenProvider: (services) => new CopisSemanticTokenProvider(services),
        CodeLensProvider: (services) => new CopisCodeLensProvider(services),
        Formatter: () => new CopisFormatter(),
        CodeActionProvider: (services) => new CopisCodeActionProvider(services)
    }
};

/** Editor features shared by every language of the server (here: only .copis). */
export const CopisSharedLspModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    lsp: {
        WorkspaceSymbolProvider: (shared) => new CopisWorkspaceSymbolProvider(shared),
        DocumentUpdateHandler: (shared) => new CoalescingDocumentUpdateHandler(shared)
    }
};

/** The full language server: core services plus the LSP features. */
export function createCopisLspServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Copis: CopisLspServices } {
    // Long builds (loading a workspace, re-validating the files that refer to an edited one) let the
    // next keystroke in every 3 ms instead of Langium's 10: each yield lets the connection read and
    // dispatch one message, so a keystroke waited up to ~40 ms behind other files' validation.
    setInterruptionPeriod(3);
    const shared = inject(createDefaultSharedModule(context), CopisGeneratedSharedModule, CopisSharedModule, CopisSharedLspModule);
    const Copis = inject(
        createDefaultModule({ shared }),
        CopisGeneratedModule,
        CopisModule as Module<CopisLspServices, CopisAddedServices>,
        CopisLspModule
    );
    shared.ServiceRegistry.register(Copis);
    registerValidationChecks(Copis);
    keepWorkspaceDiagnosticsFresh(shared, Copis.validation.WorkspaceFacts);
    followActuals(shared, Copis.validation.Actuals);
    registerDiagramRequest(shared); // the preview: copis/diagram, copis/modelChanged
    return { shared, Copis };
}

/**
 * The editor's side of the KPI actuals (see actuals-sync.ts): found once the workspace is loaded,
 * followed through the file watcher, their problems published on the connection.
 */
function followActuals(shared: LangiumSharedServices, actuals: Actuals): ActualsSync {
    const sync = new ActualsSync(shared, actuals, shared.workspace.FileSystemProvider,
        (uri, diagnostics) => void shared.lsp.Connection?.sendDiagnostics({ uri, diagnostics }));
    const manager = shared.workspace.WorkspaceManager;
    void manager.ready.then(() => sync.discover((manager.workspaceFolders ?? []).map(f => f.uri))).catch(error => console.error('copis: reading the KPI actuals failed', error));
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange?.(params => {
        sync.watched(params).catch(error => console.error('copis: reading the KPI actuals failed', error));
    });
    // The text of CSV files open in the editor, unsaved edits included (src/extension/actuals/forward-csv.ts).
    shared.lsp.Connection?.onNotification(ActualsTextNotification.type, params => {
        sync.edited(params.uri, params.text).catch(error => console.error('copis: reading the KPI actuals failed', error));
    });
    return sync;
}
