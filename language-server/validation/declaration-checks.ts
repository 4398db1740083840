import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { kindOf } from '../references/declarations.js';
import { findProp, hasProp, propsOf, type AnyProp } from '../model/props.js';
import { parseQuantity, type Value } from '../model/values.js';
import { report } from './codes.js';
import { PROPERTY_EXPECTATIONS, looksLikeFraction, quantityIssue, type Expectation } from '../model/value-rules.js';

/** Properties that hold lists: giving them twice adds to the list. */
const LIST_KEYS = new Set(['needs', 'steps', 'for', 'systems', 'reads', 'writes', 'supports', 'customers', 'processes', 'information', 'kpis', 'addresses', 'improves']);

function label(node: ast.Declaration): string {
    return `${capitalise(kindOf(node))} \`${node.name}\``;
}

function capitalise(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `duplicate-property` for every declaration kind. */
export function checkDuplicateProperties(node: ast.Declaration, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const prop of propsOf(node)) {
        if (LIST_KEYS.has(prop.key)) continue;
        if (seen.has(prop.key)) {
            report(accept, 'duplicate-property', `${label(node)} gives \`${prop.key}\` more than once; keep one (the first one counts).`, { node: prop });
        }
        seen.add(prop.key);
    }
}

/** Form and range of the scalar properties outside KPIs (`clv`, `sla`, `emotion`, `due` is in KPIs). */
export function checkScalarValues(node: ast.Declaration, accept: ValidationAcceptor): void {
    for (const prop of propsOf(node)) {
        const expected = PROPERTY_EXPECTATIONS[prop.key];
        if (!expected || prop.key === 'due') continue;
        checkValue(prop, expected, `\`${prop.key}\``, accept);
    }
}

/** Reports what is wrong with a property's value; returns the value when it is valid. */
export function checkValue(prop: AnyProp, expected: Expectation, what: string, accept: ValidationAcceptor): Value | undefined {
    const value = typeof prop.value === 'object' ? parseQuantity(prop.value) : undefined;
    if (!value) return undefined;
    const issue = quantityIssue(value, expected, what);
    if (issue) {
        report(accept, issue.code, issue.message, { node: prop, property: 'value' });
        return undefined;
    }
    if (looksLikeFraction(value) && value.form === 'percent') {
        const replacement = `${Math.round(value.value * 10000) / 100}%`;
        report(accept, 'percent-looks-like-fraction', `${what} is \`${value.text}\`: did you mean \`${replacement}\`?`, { node: prop, property: 'value' }, { replacement });
    }
    return value;
}

export function checkTouchpoint(node: ast.Touchpoint, accept: ValidationAcceptor): void {
    if (!node.name) return;
    if (!hasProp(node, 'channel')) {
        report(accept, 'touchpoint-without-channel', `Touchpoint \`${node.name}\` has no channel; add one, e.g. \`channel web\`.`, { node, property: 'name' });
    }
    if (!hasProp(node, 'processes')) {
        report(accept, 'touchpoint-without-process', `Touchpoint \`${node.name}\` names no process behind it; add \`processes\` to show who delivers it.`, { node, property: 'name' });
    }
}

export function checkProcess(node: ast.Process, accept: ValidationAcceptor): void {
    if (node.name && !hasProp(node, 'owner')) {
        report(accept, 'process-without-owner', `Process \`${node.name}\` has no owner; add \`owner "Team"\` so someone answers for it.`, { node, property: 'name' });
    }
}

export function checkObjective(node: ast.Objective, accept: ValidationAcceptor): void {
    if (node.name && node.kpis.length === 0) {
        report(accept, 'objective-without-kpi', `Objective \`${node.name}\` has no KPI; add a \`kpi\` to measure it.`, { node, property: 'name' });
    }
}

export function checkMoment(node: ast.Moment, accept: ValidationAcceptor): void {
    if (!node.name) return;
    if (!hasProp(node, 'at')) {
        report(accept, 'moment-without-touchpoint', `Moment of truth \`${node.name}\` has no \`at\`; name the touchpoint where it happens.`, { node, property: 'name' });
    }
    const impact = findProp(node, 'impact')?.value;
    // `hasProp`, not a count of references: a `kpis` left without a name is a syntax error already.
    if ((impact === 'high' || impact === 'critical') && !hasProp(node, 'kpis')) {
        report(accept, 'critical-moment-unmeasured', `Moment of truth \`${node.name}\` has ${impact} impact but no KPI; add \`kpis\` to measure it.`, { node, property: 'name' });
    }
}

export function checkOpportunity(node: ast.Opportunity, accept: ValidationAcceptor): void {
    if (node.name && !hasProp(node, 'addresses')) {
        report(accept, 'opportunity-addresses-nothing', `Opportunity \`${node.name}\` addresses nothing; add \`addresses\` with the pains or moments it improves.`, { node, property: 'name' });
    }
}

export function checkStage(node: ast.Stage, accept: ValidationAcceptor): void {
    if (node.name && node.touchpoints.length === 0) {
        report(accept, 'stage-without-touchpoints', `Stage \`${node.name}\` has no touchpoint; add one, or remove the stage.`, { node, property: 'name' });
    }
}

export function checkJourneyShape(node: ast.Journey, accept: ValidationAcceptor): void {
    if (!node.name) return;
    if (!hasProp(node, 'customers')) {
        report(accept, 'journey-without-customers', `Journey \`${node.name}\` names no customers; add \`customers\` with who travels it.`, { node, property: 'name' });
    }
    if (node.stages.length === 0) {
        report(accept, 'journey-without-stages', `Journey \`${node.name}\` has no stage; add stages such as \`stage Discover { category awareness }\`.`, { node, property: 'name' });
    }
}
