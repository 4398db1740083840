/** A KPI's values as the journey view writes them (status and comparator from model/kpi-status.ts). */
import type { KpiModel } from '../../model/journey-model.js';
import { COMPARATOR_SYMBOL as OPERATOR } from '../../model/kpi-status.js';
import { labelOf } from '../kit.js';

export { kpiStatus } from '../../model/kpi-status.js';

export function kpiValues(kpi: KpiModel): string {
    const unit = kpi.unit ? ` ${kpi.unit}` : '';
    const current = kpi.current ? `now ${kpi.current.text}${unit}` : 'now \u2014';
    const target = kpi.target ? `target ${OPERATOR[kpi.target.op] ?? kpi.target.op} ${kpi.target.value.text}${unit}` : 'no target';
    return `${current} · ${target}`;
}

/** A KPI on one line, for a moment's card: `NPS: 46, target ≥ 40`. */
export function kpiShort(kpi: KpiModel): string {
    const unit = kpi.unit ? ` ${kpi.unit}` : '';
    const current = kpi.current ? `${kpi.current.text}${unit}` : 'no value';
    const target = kpi.target ? `, target ${OPERATOR[kpi.target.op] ?? kpi.target.op} ${kpi.target.value.text}${unit}` : ', no target';
    return `${labelOf(kpi)}: ${current}${target}`;
}
