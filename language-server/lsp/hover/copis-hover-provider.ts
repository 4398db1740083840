import { WorkspaceCache, type AstNode, type LangiumDocument, type LangiumDocuments, type MaybePromise } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import {
    buildJourneyModel, customerModel, docOf, idOf, informationModel, objectiveModel, processModel, systemModel, type ActualsOf
} from '../../model/build-model.js';
import type { JourneyModel } from '../../model/journey-model.js';
import { customerAtRisk } from '../../model/value-at-stake.js';
import { enclosingJourney } from '../../references/declarations.js';
import type { CopisAddedServices } from '../../copis-module.js';
import type { AsOfDate } from '../../validation/as-of.js';
import { nameAt } from '../symbols/name-at.js';
import { describeDeclaration } from './describe-declaration.js';

/**
 * Hover on a declaration's name or on a reference to it: kind, title, doc comment, the facts
 * that matter (read from the resolved journey model) and how many references point at it.
 */
export class CopisHoverProvider extends AstNodeHoverProvider {
    private readonly asOf?: AsOfDate;
    private readonly actualsOf?: ActualsOf;
    private readonly documents: LangiumDocuments;
    /** Every journey of the workspace, resolved once per build: what a customer's value at risk is summed over. */
    private readonly journeys: WorkspaceCache<'journeys', JourneyModel[]>;

    constructor(services: LangiumServices & Partial<CopisAddedServices>) {
        super(services);
        this.asOf = services.validation.AsOf;
        this.actualsOf = services.validation.Actuals?.lookup;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.journeys = new WorkspaceCache(services.shared);
    }

    private allJourneys(): JourneyModel[] {
        return this.journeys.get('journeys', () => this.documents.all
            .flatMap(d => ((d.parseResult.value as ast.Model).elements ?? []).filter(ast.isJourney).filter(j => j.name))
            .map(j => buildJourneyModel(j, { details: false, actualsOf: this.actualsOf }).model)
            .toArray());
    }

    /**
     * On the qualifier of `Journey.Name` the journey is described, on the rest of the
     * reference its target (see nameAt); elsewhere Langium's default (keyword docs, or nothing).
     */
    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const offset = document.textDocument.offsetAt(params.position);
        const found = nameAt(document, offset, this.grammarConfig.nameRegexp);
        if (found && found.leaf.end > offset) {
            const value = await this.getAstNodeHoverContent(found.target);
            if (value) return { contents: { kind: 'markdown', value }, range: found.range };
        }
        return super.getHoverContent(document, params);
    }

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (!ast.isDeclaration(node) || !node.name) return undefined;
        const journey = ast.isJourney(node) ? node : enclosingJourney(node.$container);
        const model: JourneyModel | undefined = journey ? buildJourneyModel(journey, { actualsOf: this.actualsOf }).model : undefined;
        const references = this.references.findReferences(node, { includeDeclaration: false }).count();
        return describeDeclaration(node, {
            id: idOf(node),
            doc: docOf(node),
            journey: model,
            references,
            asOf: this.asOf?.get(),
            customerAtRisk: ast.isCustomer(node) ? customerAtRisk(idOf(node), this.allJourneys()) : undefined,
            standalone: {
                customer: ast.isCustomer(node) ? customerModel(node, false) : undefined,
                system: ast.isSystem(node) ? systemModel(node, false) : undefined,
                information: ast.isInformation(node) ? informationModel(node, false) : undefined,
                process: ast.isProcess(node) && !journey ? processModel(node, false) : undefined,
                objective: journey ? undefined : ast.isObjective(node) ? objectiveModel(node, false, undefined, this.actualsOf)
                    : ast.isKpi(node) ? objectiveModel(node.$container, false, undefined, this.actualsOf) : undefined
            }
        });
    }
}
