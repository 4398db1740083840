import {
    inject, type DeepPartial, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type DefaultSharedCoreModuleContext,
    createDefaultCoreModule, createDefaultSharedCoreModule
} from 'langium';
import { CopisGeneratedModule, CopisGeneratedSharedModule } from './generated/module.js';
import { CopisServiceRegistry } from './workspace/copis-service-registry.js';
import { CopisDocumentFactory } from './parser/copis-document-factory.js';
import { CopisIndexManager } from './workspace/copis-index-manager.js';
import { CopisDocumentBuilder } from './workspace/copis-document-builder.js';
import { CopisScopeComputation } from './references/copis-scope-computation.js';
import { CopisScopeProvider } from './references/copis-scope-provider.js';
import { CopisLinker } from './references/copis-linker.js';
import { CopisReferenceDescriptionProvider } from './references/copis-reference-descriptions.js';
import { CopisDocumentValidator } from './validation/copis-document-validator.js';
import { CopisParserErrorMessageProvider } from './validation/syntax-messages.js';
import { CopisLexer } from './parser/copis-lexer.js';
import { createBraceAwareParser } from './parser/brace-aware-recovery.js';
import { CopisValueConverter } from './parser/copis-value-converter.js';
import { registerValidationChecks } from './validation/register.js';
import { WorkspaceFacts } from './validation/workspace-facts.js';

export interface CopisAddedServices {
    validation: {
        WorkspaceFacts: WorkspaceFacts;
    };
}

export type CopisServices = LangiumCoreServices & CopisAddedServices;

export const CopisModule: Module<CopisServices, DeepPartial<CopisServices> & CopisAddedServices> = {
    references: {
        ScopeComputation: (services) => new CopisScopeComputation(services),
        ScopeProvider: (services) => new CopisScopeProvider(services),
        Linker: (services) => new CopisLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: (services) => new CopisReferenceDescriptionProvider(services)
    },
    validation: {
        DocumentValidator: (services) => new CopisDocumentValidator(services),
        WorkspaceFacts: (services) => new WorkspaceFacts(services)
    },
    parser: {
        ParserErrorMessageProvider: (services) => new CopisParserErrorMessageProvider(services.Grammar),
        Lexer: (services) => new CopisLexer(services),
        LangiumParser: (services) => createBraceAwareParser(services),
        ValueConverter: () => new CopisValueConverter()
    }
};

/**
 * For one-shot runs (the CLI): nothing asks "who refers to this?" across builds, so the
 * workspace-wide reference index (a description per reference) is not worth building.
 */
const BatchModule: Module<CopisServices, DeepPartial<CopisServices>> = {
    workspace: {
        ReferenceDescriptionProvider: () => ({ createDescriptions: async () => [] })
    }
};

/** Shared by the core services and the language server. */
export const CopisSharedModule: Module<LangiumSharedCoreServices, DeepPartial<LangiumSharedCoreServices>> = {
    ServiceRegistry: (shared) => new CopisServiceRegistry(shared),
    workspace: {
        LangiumDocumentFactory: (shared) => new CopisDocumentFactory(shared),
        IndexManager: (shared) => new CopisIndexManager(shared),
        DocumentBuilder: (shared) => new CopisDocumentBuilder(shared)
    }
};

/**
 * The language services without any editor (CLI, tests, exports).
 * The language server adds its LSP module on top of these (see lsp/).
 */
export function createCopisCoreServices(context: DefaultSharedCoreModuleContext, options: { batch?: boolean } = {}): { shared: LangiumSharedCoreServices; Copis: CopisServices } {
    const shared = inject(createDefaultSharedCoreModule(context), CopisGeneratedSharedModule, CopisSharedModule);
    const Copis = options.batch
        ? inject(createDefaultCoreModule({ shared }), CopisGeneratedModule, CopisModule, BatchModule)
        : inject(createDefaultCoreModule({ shared }), CopisGeneratedModule, CopisModule);
    shared.ServiceRegistry.register(Copis);
    registerValidationChecks(Copis);
    return { shared, Copis };
}
