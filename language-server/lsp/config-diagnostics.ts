import type { LangiumSharedServices } from 'langium/lsp';
import { configDiagnostics } from '../config/config-diagnostics.js';
import type { CopisSharedAddedServices } from '../copis-module.js';
import type { CopisWorkspaceManager } from '../workspace/copis-workspace-manager.js';

/**
 * What is wrong with each config file is published on that file, after every walk of the
 * workspace (so a fix clears it). Editors show diagnostics on a file the server does not own.
 */
export function publishConfigDiagnostics(shared: LangiumSharedServices & CopisSharedAddedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const manager = shared.workspace.WorkspaceManager as CopisWorkspaceManager;
    const published = new Map<string, string>();
    manager.onScanned(() => {
        const now = new Map<string, string>();
        for (const root of shared.workspace.ModelRoots.all()) {
            if (root.configUri) now.set(root.configUri, JSON.stringify(configDiagnostics(root.problems)));
        }
        for (const [uri, diagnostics] of now) {
            if (published.get(uri) === diagnostics || (!published.has(uri) && diagnostics === '[]')) continue;
            void connection.sendDiagnostics({ uri, diagnostics: JSON.parse(diagnostics) });
        }
        for (const uri of published.keys()) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
        published.clear();
        for (const [uri, diagnostics] of now) published.set(uri, diagnostics);
    });
}
