/** Every KPI of the model: objective, journeys, metric, current value, target, due date, owner and status. */
import { kpiSummary } from '../../export/formats/model-text.js';
import { html } from '../html.js';
import { KPIS_PAGE, elementFragment } from '../paths.js';
import type { SiteModel } from '../site-model.js';
import { kpiColumns, type KpiRow } from './columns.js';
import type { PageContent } from './layout.js';
import { table } from './tables.js';

export function kpisPage(site: SiteModel): PageContent {
    const kpis = site.kpis;
    const journeysOf = new Map(kpis.map(k => [k.kpi.id, k.journeys]));
    // A row per KPI, and one for an objective without any: each objective's first row is its anchor.
    const rows: KpiRow[] = site.objectives.flatMap(({ objective, journeys }): KpiRow[] => objective.kpis.length === 0
        ? [{ objective, journeys, anchorObjective: true }]
        : objective.kpis.map((kpi, i) => ({ kpi, objective, journeys: journeysOf.get(kpi.id) ?? [], anchorObjective: i === 0 })));
    const body = html`<section class="intro">
<h1>KPIs</h1>
<p class="meta">${kpis.length === 0 ? 'No KPIs.' : `${kpiSummary(kpis.map(k => k.kpi))}.`}${site.asOf ? html` Due dates judged as of ${site.asOf}.` : ''}</p>
</section>
<section>
${rows.length === 0 ? '' : table(rows, kpiColumns(site, KPIS_PAGE, { journeys: true }), {
        className: 'kpis',
        rowId: r => r.kpi && elementFragment(r.kpi.id),
        rowClass: r => `kpi-${r.kpi?.met === true ? 'met' : r.kpi?.met === false ? 'missed' : 'unknown'}`
    })}
</section>`;
    return { path: KPIS_PAGE, title: 'KPIs', section: 'kpis', body, kind: 'kpis' };
}
