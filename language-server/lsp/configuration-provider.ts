import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';
import type { InitializeParams } from 'vscode-languageserver';

/**
 * Langium's settings provider, which registers `workspace/didChangeConfiguration` only when the
 * client accepts dynamic registration of it. Langium registered it whenever the client could be
 * asked for settings, and a client that refuses dynamic registration (eglot) warned about the
 * refused registration on every connect. Settings are still fetched at start.
 */
export class CopisConfigurationProvider extends DefaultConfigurationProvider {
    private canRegister = false;

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.canRegister = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    }

    override initialized(params: ConfigurationInitializedParams): Promise<void> {
        return super.initialized(this.canRegister ? params : { ...params, register: undefined });
    }
}
