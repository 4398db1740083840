import { delayNextTick, DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * An open document's diagnostics leave as soon as it is validated. Langium validates the open
 * documents of a build first, but the connection writes a message only when the server next
 * yields, which can be after the rest of the build's documents: after the workspace loads, or
 * after an edit to a file many others refer to, the editor waited for all of them (up to ~70 ms
 * per keystroke in the 10,000-declaration benchmark). Register after `startLanguageServer`,
 * so that this runs after Langium's own listener has queued the diagnostics.
 */
export function sendOpenDocumentDiagnosticsPromptly(shared: LangiumSharedServices): void {
    const open = shared.workspace.TextDocuments;
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, async document => {
        if (open.get(document.uri)) await delayNextTick();
    });
}
