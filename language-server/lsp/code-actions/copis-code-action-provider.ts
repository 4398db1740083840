import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command } from 'vscode-languageserver';

/** Quick fixes for mechanical repairs (to be filled in). */
export class CopisCodeActionProvider implements CodeActionProvider {
    getCodeActions(_document: LangiumDocument, _params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        return [];
    }
}
