import {
    inject, type DeepPartial, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type DefaultSharedCoreModuleContext,
    createDefaultCoreModule, createDefaultSharedCoreModule
} from 'langium';
import { CopisGeneratedModule, CopisGeneratedSharedModule } from './generated/module.js';
import { CopisAstReflection, reflection as generatedReflection } from './generated/ast.js';
import { answerSubtypesFromSets } from './references/accepted-types.js';
import { CopisServiceRegistry } from './workspace/copis-service-registry.js';
import { CopisDocumentFactory } from './parser/copis-document-factory.js';
import { CopisLexer, CopisTokenBuilder } from './parser/copis-lexer.js';
import { CopisValueConverter } from './parser/copis-value-converter.js';
import { createCopisParser } from './parser/copis-parser.js';
import { CopisIndexManager } from './workspace/copis-index-manager.js';
import { CopisDocumentBuilder } from './workspace/copis-document-builder.js';
import { CopisScopeComputation } from './references/copis-scope-computation.js';
import { CopisScopeProvider } from './references/copis-scope-provider.js';
import { CopisLinker } from './references/copis-linker.js';
import { CopisReferenceDescriptionProvider } from './references/copis-reference-descriptions.js';
import { BatchAstNodeDescriptionProvider } from './references/batch-descriptions.js';
import { CopisDocumentValidator } from './validation/copis-document-validator.js';
import { CopisValidationRegistry } from './validation/copis-validation-registry.js';
import { CopisParserErrorMessageProvider } from './validation/syntax-messages.js';
import { withBraceAwareRecovery } from './parser/brace-aware-recovery.js';
import { registerValidationChecks } from './validation/register.js';
import { WorkspaceFacts } from './validation/workspace-facts.js';
import { AsOfDate } from './validation/as-of.js';
import { ModelRoots } from './workspace/model-roots.js';
import { CopisWorkspaceManager } from './workspace/copis-workspace-manager.js';
import { Actuals, type ActualsSource } from './actuals/actuals-service.js';

export interface CopisAddedServices {
    validation: {
        WorkspaceFacts: WorkspaceFacts;
        /** The date `kpi-overdue` judges by (default: today), and KPI actuals are read as of. */
        AsOf: AsOfDate;
        /** The KPI actuals from CSV files (language §7). */
        Actuals: Actuals;
    };
}

export interface CopisSharedAddedServices {
    workspace: {
        /** Which model root each document belongs to (model-roots.ts). */
        ModelRoots: ModelRoots;
    };
}

export type CopisSharedCoreServices = LangiumSharedCoreServices & CopisSharedAddedServices;

export type CopisServices = LangiumCoreServices & CopisAddedServices & { shared: CopisSharedCoreServices };

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
        ValidationRegistry: (services) => new CopisValidationRegistry(services),
        WorkspaceFacts: (services) => new WorkspaceFacts(services),
        AsOf: () => new AsOfDate(),
        Actuals: (services) => new Actuals(services)
    },
    parser: {
        ParserErrorMessageProvider: (services) => new CopisParserErrorMessageProvider(services.Grammar),
        TokenBuilder: () => new CopisTokenBuilder(),
        Lexer: (services) => new CopisLexer(services),
        ValueConverter: () => new CopisValueConverter(),
        LangiumParser: (services) => withBraceAwareRecovery(createCopisParser(services))
    }
};

/**
 * For one-shot runs (the CLI): nothing asks "who refers to this?" across builds, so the
 * workspace-wide reference index (a description per reference) is not worth building, and the
 * exports' descriptions work out what only editor requests read when it is read.
 */
const BatchModule: Module<CopisServices, DeepPartial<CopisServices>> = {
    workspace: {
        ReferenceDescriptionProvider: () => ({ createDescriptions: async () => [] }),
        AstNodeDescriptionProvider: (services) => new BatchAstNodeDescriptionProvider(services)
    }
};

/** Shared by the core services and the language server. */
export const CopisSharedModule: Module<CopisSharedCoreServices, DeepPartial<LangiumSharedCoreServices> & CopisSharedAddedServices> = {
    ServiceRegistry: (shared) => new CopisServiceRegistry(shared),
    // The services' reflection and the one the generated `ast.isX` guards use (made once, when ast.ts loads).
    AstReflection: () => {
        answerSubtypesFromSets(generatedReflection);
        return answerSubtypesFromSets(new CopisAstReflection());
    },
    workspace: {
        LangiumDocumentFactory: (shared) => new CopisDocumentFactory(shared),
        IndexManager: (shared) => new CopisIndexManager(shared),
        DocumentBuilder: (shared) => new CopisDocumentBuilder(shared),
        WorkspaceManager: (shared) => new CopisWorkspaceManager(shared),
        ModelRoots: () => new ModelRoots()
    }
};

export interface CoreOptions {
    /** One-shot run: no workspace-wide reference index. */
    batch?: boolean;
    /** `YYYY-MM-DD`: the date `kpi-overdue` judges by and actuals are read as of, instead of today. */
    asOf?: string;
    /** CSV files of KPI actuals (language §7), each for the model its scope names (none: every model). */
    actuals?: readonly ActualsSource[];
}

/**
 * The language services without any editor (CLI, tests, exports).
 * The language server adds its LSP module on top of these (see lsp/).
 */
export function createCopisCoreServices(context: DefaultSharedCoreModuleContext, options: CoreOptions = {}): { shared: CopisSharedCoreServices; Copis: CopisServices } {
    const shared = inject(createDefaultSharedCoreModule(context), CopisGeneratedSharedModule, CopisSharedModule);
    const Copis = options.batch
        ? inject(createDefaultCoreModule({ shared }), CopisGeneratedModule, CopisModule, BatchModule)
        : inject(createDefaultCoreModule({ shared }), CopisGeneratedModule, CopisModule);
    Copis.validation.AsOf.set(options.asOf);
    if (options.actuals) Copis.validation.Actuals.setFiles(options.actuals);
    shared.ServiceRegistry.register(Copis);
    registerValidationChecks(Copis, { batch: options.batch });
    return { shared, Copis };
}
