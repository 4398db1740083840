import { inject, setInterruptionPeriod, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
    type PartialLangiumServices
} from 'langium/lsp';
import { CopisModule, CopisSharedModule, type CopisAddedServices, type CopisSharedAddedServices } from '../copis-module.js';
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
import { CopisDocumentUpdateHandler } from './watched-files.js';
import { CopisLanguageServer, followWorkspaceFolders } from './copis-language-server.js';
import { publishConfigDiagnostics } from './config-diagnostics.js';
import { CopisConfigurationProvider } from './configuration-provider.js';
import { CopisExecuteCommandHandler } from './lens-command.js';
import { publishDiagnosticsWithVersions } from './versioned-diagnostics.js';
import { ActualsSync } from './actuals-sync.js';
import type { Actuals } from '../actuals/actuals-service.js';
import { ActualsFilesNotification, ActualsTextNotification } from '../protocol.js';
import type { CopisWorkspaceManager } from '../workspace/copis-workspace-manager.js';

export type CopisSharedLspServices = LangiumSharedServices & CopisSharedAddedServices;
export type CopisLspServices = LangiumServices & CopisAddedServices & { shared: CopisSharedLspServices };

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
    workspace: {
        ConfigurationProvider: (shared) => new CopisConfigurationProvider(shared)
    },
    lsp: {
        WorkspaceSymbolProvider: (shared) => new CopisWorkspaceSymbolProvider(shared),
        ExecuteCommandHandler: (shared) => new CopisExecuteCommandHandler(shared),
        DocumentUpdateHandler: (shared) => new CopisDocumentUpdateHandler(shared),
        LanguageServer: (shared) => new CopisLanguageServer(shared)
    }
};

/** The full language server: core services plus the LSP features. */
export function createCopisLspServices(context: DefaultSharedModuleContext): { shared: CopisSharedLspServices; Copis: CopisLspServices } {
    // Long builds (loading a workspace, re-validating the files that refer to an edited one) let the
    // next keystroke in every 3 ms instead of Langium's 10: each yield lets the connection read and
    // dispatch one message, so a keystroke waited up to ~40 ms behind other files' validation.
    setInterruptionPeriod(3);
    const shared: CopisSharedLspServices = inject(createDefaultSharedModule(context), CopisGeneratedSharedModule, CopisSharedModule as Module<CopisSharedLspServices, CopisSharedAddedServices>, CopisSharedLspModule);
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
    followWorkspaceFolders(shared);
    publishConfigDiagnostics(shared);
    publishDiagnosticsWithVersions(shared);
    return { shared, Copis };
}

/**
 * The editor's side of the KPI actuals (see actuals-sync.ts): the files the config files name,
 * read after every walk of the workspace and before the build it causes (a KPI is never judged
 * without them), followed through the file watcher, their problems published on the connection.
 */
function followActuals(shared: CopisSharedLspServices, actuals: Actuals): ActualsSync {
    const sync = new ActualsSync(shared, actuals, shared.workspace.FileSystemProvider,
        (uri, diagnostics) => void shared.lsp.Connection?.sendDiagnostics({ uri, diagnostics }),
        // Which CSV files are actuals: the client forwards their unsaved text, and no other CSV file's.
        uris => void shared.lsp.Connection?.sendNotification(ActualsFilesNotification.type, { uris }));
    const failed = (error: unknown) => console.error('copis: reading the KPI actuals failed', error);
    // Startup, a config file that came, went or changed, workspace folders added or removed. (Not
    // onScanned: at startup that fires as the first build starts, which then raced the reading.)
    (shared.workspace.WorkspaceManager as CopisWorkspaceManager).beforeBuildingScanned(() => sync.beforeBuild().catch(failed));
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange?.(params => void sync.watched(params).catch(failed));
    // The text of CSV files open in the editor, unsaved edits included (src/extension/actuals/forward-csv.ts).
    shared.lsp.Connection?.onNotification(ActualsTextNotification.type, params => void sync.edited(params.uri, params.text).catch(failed));
    return sync;
}
