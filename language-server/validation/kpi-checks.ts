import type { ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import { effectiveComparator, exampleTarget, isMet, kpiDirection } from '../model/metrics.js';
import { findProp, propsOf, textProp } from '../model/props.js';
import type { Value } from '../model/values.js';
import { report } from './codes.js';
import { checkValue } from './declaration-checks.js';
import { PROPERTY_EXPECTATIONS, metricExpectation } from '../model/value-rules.js';
import type { AsOfDate } from './as-of.js';
import type { WorkspaceFacts } from './workspace-facts.js';
import type { Actuals } from '../actuals/actuals-service.js';
import { fileName } from '../actuals/resolve-actuals.js';

/**
 * Everything about one KPI: value forms and ranges for its metric, target, direction, met or
 * missed, overdue (as of `asOf`), and whether an opportunity anywhere works on a miss (`facts`).
 * Its latest actual (language §7), when a CSV of actuals has one, takes the place of `current`;
 * an actual older than `staleAfter` is `kpi-stale`.
 */
export function checkKpi(kpi: ast.Kpi, accept: ValidationAcceptor, asOf: AsOfDate, facts: WorkspaceFacts, actuals?: Actuals): void {
    if (!kpi.name) return;
    const metric = textProp(kpi, 'metric');
    const expected = metric ? metricExpectation(metric) : undefined;
    let current: Value | undefined;
    let target: Value | undefined;
    let due: Value | undefined;
    let currentSeen = false;
    let targetSeen = false;
    let dueSeen = false;
    for (const prop of propsOf(kpi)) {
        if (prop.key === 'due') {
            const value = checkValue(prop, PROPERTY_EXPECTATIONS.due, '`due`', accept);
            if (!dueSeen) due = value;
            dueSeen = true;
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

    const actual = actuals?.latest(kpi);
    const today = asOf.get();
    if (actual) {
        current = actual.value;
        if (actual.stale) {
            report(accept, 'kpi-stale',
                `KPI \`${kpi.name}\`'s latest actual is from ${actual.date}, ${actual.ageDays} days before ${today} (older than ${actual.staleAfter.text}, the \`staleAfter\` of its model); add a newer row to ${fileName(actual.uri)}, or check that the KPI is still measured.`,
                { node: kpi, property: 'name' });
        }
    }

    const better = textProp(kpi, 'better');
    const direction = kpiDirection(metric, better);
    const targetProp = findProp(kpi, 'target');
    if (!targetProp) {
        report(accept, 'kpi-without-target', `KPI \`${kpi.name}\` has no target; add one, e.g. \`target ${exampleTarget(metric, undefined, direction)}\`.`, { node: kpi, property: 'name' });
        return;
    }
    if (!metric) return;
    const op = targetProp.op;
    if ((direction === 'higher' && op === '<=') || (direction === 'lower' && op === '>=')) {
        const flipped = op === '<=' ? '>=' : '<=';
        const otherWay = direction === 'higher' ? 'lower' : 'higher';
        const why = better ? `KPI \`${kpi.name}\` says \`better ${better}\`` : `\`${metric}\` is better when ${direction}`;
        report(accept, 'target-direction',
            `${why}, but its target says \`${op}\`; did you mean \`${flipped}\`? If ${otherWay} is better for this KPI, say \`better ${otherWay}\`.`,
            { node: targetProp, property: 'op' }, { replacement: flipped, better: otherWay });
    }
    if (!current || !target) return;
    if (current.form === 'money' && target.form === 'money' && current.currency !== target.currency) {
        const whose = actual ? `its actual of ${actual.date}` : 'its current value';
        report(accept, 'unit-mismatch', `The target of \`${kpi.name}\` is in ${target.currency} but ${whose} is in ${current.currency}; use one currency.`, { node: targetProp, property: 'value' });
        return;
    }
    const comparator = effectiveComparator(op, direction);
    if (isMet(current, comparator, target) !== false) return;
    const measured = actual ? `actual ${current.text} on ${actual.date} (${fileName(actual.uri)})` : `current ${current.text}`;
    const values = `${measured}, target ${comparator} ${target.text}`;
    report(accept, 'kpi-off-target', `KPI \`${kpi.name}\` is off target: ${values}.`, { node: kpi, property: 'name' });

    const dueProp = findProp(kpi, 'due');
    if (due?.form === 'date' && dueProp && due.value < today) {
        report(accept, 'kpi-overdue',
            `KPI \`${kpi.name}\` was due on ${due.value} and is still off target (${values}) as of ${today}; ${actual ? 'improve it' : 'update `current`'}, or agree a new \`due\` date.`,
            { node: dueProp, property: 'value' });
    }
    // A misspelt `improves` may be meant for this KPI: one mistake, one diagnostic.
    if (!facts.get(kpi).improved.has(kpi) && !facts.mayBeMeant(kpi, 'improves')) {
        report(accept, 'kpi-miss-unaddressed',
            `KPI \`${kpi.name}\` is off target and no opportunity improves it; add an \`opportunity\` with \`improves ${kpi.name}\`, or add it to an existing one's \`improves\`.`,
            { node: kpi, property: 'name' });
    }
}
