/**
 * Plain-text facts of the journey model that several exports show the same way: an element's
 * label, a KPI's target and status, who is who. No escaping here: each format escapes for itself.
 */
import type { Element, JourneyModel, KpiModel } from '../../../../language-server/model/journey-model.js';

/** What a reader sees for an element: its title, or its name when it has none. */
export function label(element: Element): string {
    const title = element.title?.trim();
    return title ? title : element.name;
}

/** Every element of the model by id, for the labels of what others refer to. */
export function elementsById(model: JourneyModel): Map<string, Element> {
    const index = new Map<string, Element>();
    const add = (elements: readonly Element[]) => elements.forEach(e => index.has(e.id) || index.set(e.id, e));
    add([model]);
    add(model.stages);
    add(model.touchpoints);
    add(model.moments);
    add(model.pains);
    add(model.opportunities);
    add(model.objectives);
    add(model.objectives.flatMap(o => o.kpis));
    add(model.processes);
    add(model.customerDetails);
    add(model.systems);
    add(model.information);
    return index;
}

/** The label of the element with `id`, or the id itself when the model does not hold it. */
export function labelOf(index: Map<string, Element>, id: string): string {
    const element = index.get(id);
    return element ? label(element) : id;
}

/** A KPI's value as shown: `95.1% (actual of 2026-11-30)`, marked stale when it is; `current` as written without actuals. */
export function currentText(kpi: KpiModel): string {
    if (!kpi.current) return '';
    if (!kpi.actual) return kpi.current.text;
    return `${kpi.current.text} (actual of ${kpi.actual.date}${kpi.actual.stale ? `, stale: ${kpi.actual.ageDays} days old` : ''})`;
}

const COMPARATOR_SYMBOL = { '>=': '≥', '<=': '≤', '=': '=' } as const;

/** `≥ 3.2%`, or undefined when the KPI has no (valid) target. */
export function targetText(kpi: KpiModel): string | undefined {
    return kpi.target && `${COMPARATOR_SYMBOL[kpi.target.op]} ${kpi.target.value.text}`;
}

export type KpiStatus = 'met' | 'missed' | 'unknown';

export function kpiStatus(kpi: KpiModel): KpiStatus {
    return kpi.met === true ? 'met' : kpi.met === false ? 'missed' : 'unknown';
}

/** The status as a reader reads it: `met`, `missed`, or why it cannot be told. */
export function statusText(kpi: KpiModel): string {
    if (kpi.met === true) return 'met';
    if (kpi.met === false) return 'missed';
    if (!kpi.target) return 'no target';
    if (!kpi.current) return 'no current value';
    return 'not comparable';
}

/** `3 of 7 KPIs met, 2 missed` */
export function kpiSummary(kpis: readonly KpiModel[]): string {
    const met = kpis.filter(k => k.met === true).length;
    const missed = kpis.filter(k => k.met === false).length;
    return `${met} of ${kpis.length} ${kpis.length === 1 ? 'KPI' : 'KPIs'} met, ${missed} missed`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}
