import { URI } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import type { CopisServices } from '../copis-module.js';
import { lensesOf, SHOW_LENS_DETAILS, type LensDetailsArguments } from './code-lens.js';

/**
 * The commands the server runs for `workspace/executeCommand`: the code lenses' one, which shows
 * what a lens counted (the stages of a journey, the touchpoints of a stage, each KPI of an
 * objective with its current value and target) as a message, and returns the same text. Any LSP
 * client can run it: VS Code's client registers the server's commands by itself.
 */
export class CopisExecuteCommandHandler extends AbstractExecuteCommandHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super();
    }

    registerCommands(accept: ExecuteCommandAcceptor): void {
        accept(SHOW_LENS_DETAILS, (args, cancelToken) => this.showLensDetails(args[0] as LensDetailsArguments | undefined, cancelToken));
    }

    private async showLensDetails(args: LensDetailsArguments | undefined, cancelToken: CancellationToken): Promise<string | undefined> {
        if (!args?.uri || !args.position) return undefined;
        const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(args.uri));
        if (!document) return undefined;
        const services = this.shared.ServiceRegistry.getServices(document.uri) as Partial<CopisServices>;
        const lens = (await lensesOf(document, services.validation?.Actuals.lookup, cancelToken))
            .find(l => l.range.start.line === args.position.line && l.range.start.character === args.position.character);
        if (!lens) return undefined;
        // A notification (`window/showMessage`): nothing for the editor to answer.
        void this.shared.lsp.Connection?.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: lens.details });
        return lens.details;
    }
}
