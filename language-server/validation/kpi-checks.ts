import type { ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import { METRICS, effectiveComparator, exampleTarget, isMet } from '../model/metrics.js';
import { findProp, propsOf } from '../model/props.js';
import type { Value } from '../model/values.js';
import { report } from './codes.js';
import { checkValue } from './declaration-checks.js';
import { PROPERTY_EXPECTATIONS, metricExpectation } from '../model/value-rules.js';

/** Everything about one KPI: value forms and ranges for its metric, target, direction, met or missed. */
export function checkKpi(kpi: ast.Kpi, accept: ValidationAcceptor): void {
    if (!kpi.name) return;
    const metric = findProp(kpi, 'metric')?.value as string | undefined;
    const expected = metric ? metricExpectation(metric) : undefined;
    let current: Value | undefined;
    let target: Value | undefined;
    let currentSeen = false;
    let targetSeen = false;
    for (const prop of propsOf(kpi)) {
        if (prop.key === 'due') {
            checkValue(prop, PROPERTY_EXPECTATIONS.due, '`due`', accept);
        } else if (prop.key === 'unit' && metric && metric !== 'custom') {
            report(accept, 'unit-mismatch', `\`unit\` is only for \`metric custom\`; \`${metric}\` has its own unit. Remove \`unit\`, or use \`metric custom\`.`, { node: prop });
        } else if ((prop.key === 'current' || prop.key === 'target') && expected) {
            const what = `\`${prop.key}\` of the ${metric} KPI \`${kpi.name}\``;
            const value = checkValue(prop, expected, what, accept);
            if (prop.key === 'current' && !currentSeen) current = value;
            if (prop.key === 'target' && !targetSeen) target = value;
        }
        if (prop.key === 'current') currentSeen = true;
        if (prop.key === 'target') targetSeen = true;
    }

    const targetProp = findProp(kpi, 'target');
    if (!targetProp) {
        report(accept, 'kpi-without-target', `KPI \`${kpi.name}\` has no target; add one, e.g. \`target ${exampleTarget(metric)}\`.`, { node: kpi, property: 'name' });
        return;
    }
    if (!metric) return;
    const direction = METRICS[metric]?.direction;
    const op = targetProp.op;
    if ((direction === 'higher' && op === '<=') || (direction === 'lower' && op === '>=')) {
        const flipped = op === '<=' ? '>=' : '<=';
        report(accept, 'target-direction',
            `\`${metric}\` is better when ${direction}, but the target of \`${kpi.name}\` says \`${op}\`; did you mean \`${flipped}\`?`,
            { node: targetProp, property: 'op' }, { replacement: flipped });
    }
    if (current && target) {
        if (current.form === 'money' && target.form === 'money' && current.currency !== target.currency) {
            report(accept, 'unit-mismatch', `The target of \`${kpi.name}\` is in ${target.currency} but its current value is in ${current.currency}; use one currency.`, { node: targetProp, property: 'value' });
            return;
        }
        const comparator = effectiveComparator(op, metric);
        if (isMet(current, comparator, target) === false) {
            report(accept, 'kpi-off-target', `KPI \`${kpi.name}\` is off target: current ${current.text}, target ${comparator} ${target.text}.`, { node: kpi, property: 'name' });
        }
    }
}
