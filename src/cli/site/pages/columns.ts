/**
 * The columns of the site's tables, one list per kind of row: a figure that model/ adds (a KPI's trend
 * or staleness, an opportunity's value and priority, a moment's value at risk) is one more entry here,
 * and every page that shows the table shows it.
 */
import type { KpiModel, MomentModel, ObjectiveModel, OpportunityModel } from '../../../../language-server/model/journey-model.js';
import { MOMENT_KIND_LABEL } from '../../../../language-server/model/lifecycle.js';
import { referencedFrom } from '../../../../language-server/model/origin.js';
import { html } from '../html.js';
import { elementFragment, relativeHref } from '../paths.js';
import type { SiteDiagnostic, SiteJourney, SiteModel } from '../site-model.js';
import { diagnosticMessage, elementLink, idLinks, kpiStatusBadge, kpiTarget, kpiWithStatus, momentReading, severityBadge } from './parts.js';
import type { Column } from './tables.js';

export interface KpiRow {
    /** None: an objective without KPIs (the KPIs page lists it all the same). */
    kpi?: KpiModel;
    objective: ObjectiveModel;
    /** The journeys that own or name it (the KPIs page), or none (a journey's own page). */
    journeys?: SiteJourney[];
    /** The objective's first row on the page: its cell is the objective's anchor (`#el-Objective`). */
    anchorObjective?: boolean;
}

/** The KPI columns, for the page at `from`. */
export function kpiColumns(site: SiteModel, from: string, options: { journeys: boolean }): Column<KpiRow>[] {
    const columns: Array<Column<KpiRow> | false> = [
        { header: 'KPI', cell: r => r.kpi ? elementLink(from, site.byId(r.kpi.id), r.kpi.name) : html`<span class="muted">no KPI</span>` },
        {
            header: 'Objective',
            cell: r => html`${r.anchorObjective ? html`<span id="${elementFragment(r.objective.id)}"></span>` : ''}${elementLink(from, site.byId(r.objective.id), r.objective.name)}${r.objective.referenced ? html`<span class="note">referenced, not owned · ${referencedFrom(r.objective)}</span>` : ''}`
        },
        options.journeys && { header: 'Journeys', cell: r => (r.journeys ?? []).map((j, i) => html`${i > 0 ? ', ' : ''}${elementLink(from, j.declaration)}`) },
        { header: 'Metric', cell: r => r.kpi?.metric ?? '' },
        { header: 'Current', className: 'num', cell: r => r.kpi?.current?.text ?? '' },
        { header: 'Target', className: 'num', cell: r => r.kpi ? kpiTarget(r.kpi) : '' },
        { header: 'Due', className: 'num', cell: r => r.kpi?.due ?? '' },
        { header: 'Owner', cell: r => r.kpi?.owner ?? '' },
        { header: 'Status', cell: r => r.kpi ? kpiStatusBadge(r.kpi, site.byId(r.kpi.id)) : '' }
    ];
    return columns.filter((c): c is Column<KpiRow> => c !== false);
}

export interface OpportunityRow {
    opportunity: OpportunityModel;
    journey: SiteJourney;
}

/** The opportunities in the order they are ranked: as declared, journey by journey, until model/ gives them a priority. */
export function rankOpportunities<T extends OpportunityRow>(rows: readonly T[]): T[] {
    return [...rows];
}

export function opportunityColumns(site: SiteModel, from: string, options: { journey: boolean }): Column<OpportunityRow>[] {
    const columns: Array<Column<OpportunityRow> | false> = [
        { header: 'Opportunity', cell: r => elementLink(from, site.byId(r.opportunity.id), r.opportunity.name) },
        options.journey && { header: 'Journey', cell: r => elementLink(from, r.journey.declaration) },
        { header: 'Addresses', cell: r => r.opportunity.addresses.length === 0 ? html`<span class="muted">nothing</span>` : r.opportunity.addresses.map((id, i) => html`${i > 0 ? html`<br>` : ''}${addressed(site, from, r.journey, id)}`) },
        { header: 'Improves', cell: r => r.opportunity.improves.map((id, i) => { const kpi = kpiOf(r.journey, id); return html`${i > 0 ? ', ' : ''}${kpi ? kpiWithStatus(site, from, kpi) : idLinks(site, from, [id])}`; }) },
        { header: 'Owner', cell: r => r.opportunity.owner ?? '' }
    ];
    return columns.filter((c): c is Column<OpportunityRow> => c !== false);
}

function kpiOf(journey: SiteJourney, id: string): KpiModel | undefined {
    return journey.model.objectives.flatMap(o => o.kpis).find(k => k.id === id);
}

/** A pain or moment an opportunity addresses, with how bad it is. */
function addressed(site: SiteModel, from: string, journey: SiteJourney, id: string) {
    const moment = journey.model.moments.find(m => m.id === id);
    if (moment) return html`${elementLink(from, site.byId(id), moment.name)} <span class="note-inline">${momentReading(moment)}</span>`;
    const pain = journey.model.pains.find(p => p.id === id);
    if (pain) return html`${elementLink(from, site.byId(id), pain.name)} <span class="note-inline">pain${pain.severity ? `, ${pain.severity} severity` : ''}</span>`;
    return idLinks(site, from, [id]);
}

export interface MomentRow {
    moment: MomentModel;
    journey: SiteJourney;
}

export function momentColumns(site: SiteModel, from: string): Column<MomentRow>[] {
    return [
        { header: 'Moment of truth', cell: r => elementLink(from, site.byId(r.moment.id), r.moment.name) },
        { header: 'Journey', cell: r => elementLink(from, r.journey.declaration) },
        { header: 'Stage', cell: r => r.moment.stage ? idLinks(site, from, [r.moment.stage]) : '' },
        { header: 'At', cell: r => r.moment.at ? idLinks(site, from, [r.moment.at]) : '' },
        { header: 'Kind', cell: r => r.moment.momentKind ? `${r.moment.momentKind} (${MOMENT_KIND_LABEL[r.moment.momentKind] ?? ''})` : '' },
        { header: 'Polarity, impact', cell: r => momentReading(r.moment) },
        { header: 'KPIs', cell: r => r.moment.kpis.map((id, i) => { const kpi = kpiOf(r.journey, id); return html`${i > 0 ? ', ' : ''}${kpi ? kpiWithStatus(site, from, kpi) : idLinks(site, from, [id])}`; }) }
    ];
}

export function diagnosticColumns(from: string, options: { element: boolean }): Column<SiteDiagnostic>[] {
    const columns: Array<Column<SiteDiagnostic> | false> = [
        { header: 'Where', cell: d => html`<code>${d.file}:${d.line}:${d.column}</code>` },
        { header: 'Severity', cell: d => severityBadge(d.severity) },
        { header: 'Message', cell: d => diagnosticMessage(d) },
        { header: 'Code', className: 'nowrap', cell: d => html`<code>${d.code}</code>` },
        options.element && { header: 'In', cell: d => d.element ? html`${d.element.kind} ${d.element.href ? html`<a href="${relativeHref(from, d.element.href)}">${d.element.label}</a>` : d.element.label}` : '' }
    ];
    return columns.filter((c): c is Column<SiteDiagnostic> => c !== false);
}
