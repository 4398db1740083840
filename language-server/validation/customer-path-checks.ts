import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { idOf } from '../model/build-model.js';
import type { CheckedJourneyModel } from '../model/journey-model.js';
import { findProp, hasProp, refsOf, targetsOf } from '../model/props.js';
import { referenceStatus } from '../references/reference-status.js';
import { report } from './codes.js';
import type { NodeOf } from './journey-checks.js';

/**
 * Who passes where: a moment for customers none of whom passes its touchpoint, and a touchpoint
 * for a customer who does not travel its journey.
 */
export function checkCustomerPaths(journey: ast.Journey, model: CheckedJourneyModel, accept: ValidationAcceptor, node: NodeOf, namingCustomers: readonly ast.Touchpoint[]): void {
    const journeyCustomers = refsOf(journey, 'customers');
    const journeyUncertain = journeyCustomers.some(r => referenceStatus(r).state === 'unresolved');
    const inJourney = new Set(model.customers);
    const names = new Map(model.customerDetails.map(c => [c.id, c.name]));
    const list = (ids: readonly string[]) => ids.map(id => `\`${names.get(id) ?? id}\``).join(', ');

    // A journey without customers has its own warning (journey-without-customers); a customer of it that does not resolve may be any.
    if (journeyCustomers.length > 0 && !journeyUncertain) {
        for (const tp of namingCustomers) {
            // The model's touchpoints only: those with a name, in a stage with a name.
            if (!tp.name || !tp.$container.name) continue;
            for (const prop of tp.props) {
                if (!ast.isCustomersProp(prop)) continue;
                prop.refs.forEach((ref, index) => {
                    const customer = ref.ref;
                    if (!ast.isCustomer(customer) || inJourney.has(idOf(customer))) return;
                    report(accept, 'touchpoint-customer-outside-journey',
                        `Touchpoint \`${tp.name}\` names \`${customer.name}\`, who is not one of the customers of journey \`${journey.name}\`; add \`${customer.name}\` to the journey's \`customers\`, or leave them out here.`,
                        { node: prop, property: 'refs', index });
                });
            }
        }
    }

    const touchpointById = new Map(model.touchpoints.map(t => [t.id, t]));
    for (const moment of model.moments) {
        const tp = moment.at ? touchpointById.get(moment.at) : undefined;
        if (!tp) continue;
        const momentNode = node<ast.Moment>(moment);
        const named = targetsOf(momentNode, 'customers', ast.isCustomer).map(idOf);
        if (named.length === 0 || named.some(c => tp.customers.includes(c))) continue;
        // Any customer that does not resolve, of the moment or of who passes the touchpoint, may be on the path.
        const tpNode = node<ast.Touchpoint>(tp);
        const uncertain = [momentNode, tpNode].some(n => refsOf(n, 'customers').some(r => referenceStatus(r).state === 'unresolved'))
            || (!hasProp(tpNode, 'customers') && journeyUncertain);
        if (uncertain) continue;
        const passing = tp.customers.length === 0 ? ' (no customer passes it)' : ` (${list(tp.customers)} pass${tp.customers.length === 1 ? 'es' : ''} it)`;
        report(accept, 'moment-customer-off-path',
            `Moment of truth \`${moment.name}\` is for ${list(named)}, but none of them passes its touchpoint \`${tp.name}\`${passing}; name customers who pass \`${tp.name}\`, or add them to its \`customers\`.`,
            { node: findProp(momentNode, 'customers')! });
    }
}
