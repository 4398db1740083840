import type { ValidationChecks } from 'langium';
import type { CopisAstType } from '../generated/ast.js';
import type { CopisServices } from '../copis-module.js';
import {
    checkDuplicateProperties, checkJourneyShape, checkMoment, checkObjective, checkOpportunity, checkProcess,
    checkScalarValues, checkStage, checkTouchpoint
} from './declaration-checks.js';
import { checkJourneyModel, checkJourneyModelOnce } from './journey-checks.js';
import { checkKpi } from './kpi-checks.js';
import { checkJourneyNames, checkTopLevelNames } from './name-checks.js';
import { checkCustomer, checkInformation, checkUsed } from './workspace-checks.js';

/**
 * Wires every rule to the node type it is about (one registry, as Langium's examples do).
 * Checks go on the model and on declarations only: CopisDocumentValidator visits just those.
 * `batch`: a one-shot run, which checks every document once.
 */
export function registerValidationChecks(services: CopisServices, { batch = false }: { batch?: boolean } = {}): void {
    const facts = services.validation.WorkspaceFacts;
    const asOf = services.validation.AsOf;
    const actuals = services.validation.Actuals;
    const checks: ValidationChecks<CopisAstType> = {
        Model: (node, accept) => checkTopLevelNames(node, accept, facts),
        Declaration: [checkDuplicateProperties, checkScalarValues],
        Customer: (node, accept) => checkCustomer(node, accept, facts),
        System: (node, accept) => checkUsed(node, accept, facts),
        Information: [checkInformation, (node, accept) => checkUsed(node, accept, facts)],
        Objective: [checkObjective, (node, accept) => checkUsed(node, accept, facts)],
        Process: [checkProcess, (node, accept) => checkUsed(node, accept, facts)],
        Kpi: (node, accept) => checkKpi(node, accept, asOf, facts, actuals),
        Journey: [checkJourneyShape, batch ? checkJourneyModelOnce : checkJourneyModel, (node, accept) => checkJourneyNames(node, accept, facts)],
        Stage: checkStage,
        Touchpoint: checkTouchpoint,
        Moment: checkMoment,
        Opportunity: checkOpportunity
    };
    services.validation.ValidationRegistry.register(checks);
}
