import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
    type PartialLangiumServices
} from 'langium/lsp';
import { CopisModule, type CopisAddedServices } from '../copis-module.js';
import { CopisGeneratedModule, CopisGeneratedSharedModule } from '../generated/module.js';
import { registerValidationChecks } from '../validation/register.js';

export type CopisLspServices = LangiumServices & CopisAddedServices;

/** The editor features; each lives in its own module of this folder. */
export const CopisLspModule: Module<CopisLspServices, PartialLangiumServices> = {};

/** The full language server: core services plus the LSP features. */
export function createCopisLspServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Copis: CopisLspServices } {
    const shared = inject(createDefaultSharedModule(context), CopisGeneratedSharedModule);
    const Copis = inject(
        createDefaultModule({ shared }),
        CopisGeneratedModule,
        CopisModule as Module<CopisLspServices, CopisAddedServices>,
        CopisLspModule
    );
    shared.ServiceRegistry.register(Copis);
    registerValidationChecks(Copis);
    return { shared, Copis };
}
