import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { CLASSIFICATION_RANK, TIER_RANK } from '../model/lifecycle.js';
import { findProp, hasProp, quantityProp, targetsOf, textProp } from '../model/props.js';
import { kindOf } from '../references/declarations.js';
import { report } from './codes.js';
import type { WorkspaceFacts } from './workspace-facts.js';

export function checkInformation(node: ast.Information, accept: ValidationAcceptor): void {
    if (!node.name) return;
    const classification = textProp(node, 'classification');
    if (!classification) return;
    if ((classification === 'personal' || classification === 'sensitive') && !hasProp(node, 'source')) {
        report(accept, 'personal-data-without-source',
            `Information \`${node.name}\` is ${classification} but has no system of record; add \`source\` with the system that holds it.`,
            { node, property: 'name' });
    }
    const source = targetsOf(node, 'source', ast.isSystem)[0];
    const approved = source && textProp(source, 'approved');
    if (source && approved && CLASSIFICATION_RANK[classification] > CLASSIFICATION_RANK[approved]) {
        report(accept, 'classification-breach',
            `Information \`${node.name}\` is ${classification}, but its source \`${source.name}\` is approved only up to ${approved} data; move it to an approved system or raise \`${source.name}\`'s approval.`,
            { node: findProp(node, 'classification')!, property: 'value' });
    }
}

export function checkCustomer(node: ast.Customer, accept: ValidationAcceptor, facts: WorkspaceFacts): void {
    if (!node.name) return;
    const tier = textProp(node, 'value');
    const clv = quantityProp(node, 'clv');
    const rank = tier ? TIER_RANK[tier] : undefined;
    const all = facts.get(node);
    if (rank !== undefined && clv?.value.form === 'money' && clv.value.value >= 0) {
        const richer = all.richestBelowTier.get(clv.value.currency)?.get(rank);
        if (richer && richer.clv > clv.value.value) {
            const otherTier = textProp(richer.customer, 'value');
            report(accept, 'clv-tier-mismatch',
                `Customer \`${node.name}\` is in the ${tier} tier with a CLV of ${clv.value.text}, less than \`${richer.customer.name}\` (${otherTier} tier, ${richer.clv} ${clv.value.currency}); check the tiers or the CLVs.`,
                { node: clv.prop, property: 'value' });
        }
    }
    if (tier === 'high' && !all.namedCustomers.has(node)) {
        // A misspelt reference to this customer is the one root cause: it is reported already.
        if (facts.mayBeMeant(node)) return;
        report(accept, 'high-value-uncovered',
            `High-value customer \`${node.name}\` is in no journey, objective or moment of truth; add them to a journey's \`customers\`.`,
            { node, property: 'name' });
    } else {
        checkUsed(node, accept, facts);
    }
}

/** `unused-declaration` for customers, systems, information, processes and objectives. */
export function checkUsed(node: ast.Customer | ast.System | ast.Information | ast.Process | ast.Objective, accept: ValidationAcceptor, facts: WorkspaceFacts): void {
    if (!node.name || facts.get(node).referenced.has(node) || facts.mayBeMeant(node)) return;
    report(accept, 'unused-declaration',
        `${capitalise(kindOf(node))} \`${node.name}\` is not used anywhere; refer to it, or remove it.`,
        { node, property: 'name' }, { name: node.name });
}

function capitalise(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
