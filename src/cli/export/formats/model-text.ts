/**
 * The facts of the journey model that several exports show the same way, from model/ (labels,
 * KPI status and target, who is who); the sentence the reports open their KPIs with. No escaping
 * here: each format escapes for itself.
 */
import { kpiCounts } from '../../../../language-server/model/kpi-status.js';
import { plural } from '../../../../language-server/model/labels.js';
import type { KpiModel } from '../../../../language-server/model/journey-model.js';

export { elementsById, label, labelOf, plural } from '../../../../language-server/model/labels.js';
export { currentText, kpiStatus, statusText, targetText, type KpiStatus } from '../../../../language-server/model/kpi-status.js';

/** `3 of 7 KPIs met, 2 missed` */
export function kpiSummary(kpis: readonly KpiModel[]): string {
    const { total, met, missed } = kpiCounts(kpis);
    return `${met} of ${plural(total, 'KPI')} met, ${missed} missed`;
}
