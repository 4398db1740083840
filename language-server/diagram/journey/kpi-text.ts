/** A KPI's status and values as the journey view writes them. */
import type { KpiModel } from '../../model/journey-model.js';
import { labelOf } from '../kit.js';

/** Met, missed or unknown (no current value or target, or values that do not compare). */
export function kpiStatus(kpi: KpiModel): 'met' | 'missed' | 'unknown' {
    return kpi.met === true ? 'met' : kpi.met === false ? 'missed' : 'unknown';
}

const OPERATOR: Record<string, string> = { '>=': '\u2265', '<=': '\u2264', '=': '=' };

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
