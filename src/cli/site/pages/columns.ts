/**
 * The columns of the site's tables, one list per kind of row: a figure that model/ adds (a KPI's trend
 * or staleness, an opportunity's value and priority, a moment's value at risk) is one more entry here,
 * and every page that shows the table shows it.
 */
import { plural } from '../../../../language-server/model/labels.js';
import type { KpiModel, MomentModel, ObjectiveModel, OpportunityModel } from '../../../../language-server/model/journey-model.js';
import { MOMENT_KIND_LABEL } from '../../../../language-server/model/lifecycle.js';
import { currentText, kpiMeasurements, trendText } from '../../../../language-server/model/kpi-status.js';
import { renderKpiSparkline } from '../../../../language-server/diagram/index.js';
import { formatMoney, formatNumber } from '../../../../language-server/model/money.js';
import { referencedFrom } from '../../../../language-server/model/origin.js';
import { DEFAULT_CONFIDENCE, rankOpportunities as rankByPriority } from '../../../../language-server/model/value-at-stake.js';
import { figureText, termText } from '../../../../language-server/model/value-text.js';
import { html, raw, type Html } from '../html.js';
import { elementFragment, relativeHref } from '../paths.js';
import type { SiteCustomer, SiteDiagnostic, SiteJourney, SiteModel } from '../site-model.js';
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
            cell: r => html`${r.anchorObjective ? html`<span id="${elementFragment(r.objective.id)}"></span>` : ''}${elementLink(from, site.byId(r.objective.id), r.objective.name)}${r.objective.referenced ? html`<span class="note">referenced, not owned \u00b7 ${referencedFrom(r.objective)}</span>` : ''}`
        },
        options.journeys && { header: 'Journeys', cell: r => (r.journeys ?? []).map((j, i) => html`${i > 0 ? ', ' : ''}${elementLink(from, j.declaration)}`) },
        { header: 'Metric', cell: r => r.kpi?.metric ?? '' },
        { header: 'Current', className: 'num', cell: r => r.kpi ? currentText(r.kpi) : '' },
        { header: 'Target', className: 'num', cell: r => r.kpi ? kpiTarget(r.kpi) : '' },
        { header: 'Due', className: 'num', cell: r => r.kpi?.due ?? '' },
        { header: 'Owner', cell: r => r.kpi?.owner ?? '' },
        { header: 'Status', cell: r => r.kpi ? kpiStatusBadge(r.kpi, site.byId(r.kpi.id)) : '' },
        // KPI actuals (language §7): how the actual compares with the row before it.
        { header: 'Trend', cell: r => r.kpi ? trendText(r.kpi) : '' },
        { header: 'Measurements', cell: r => r.kpi ? measurements(r.kpi) : '' }
    ];
    return columns.filter((c): c is Column<KpiRow> => c !== false);
}

/**
 * A KPI's measurements from its actuals: the sparkline the diagram draws (its renderer, its SVG: the
 * model's text in it is escaped by the renderer), then each value with its date; none without actuals.
 */
function measurements(kpi: KpiModel): Html | string {
    const measured = kpiMeasurements(kpi);
    if (!measured) return '';
    const drawn = renderKpiSparkline(kpi);
    const values = measured.points.map((p, i) => html`${i > 0 ? ' → ' : ''}<span class="nowrap" title="${p.date}">${p.value.text}</span>`);
    const first = measured.points[0].date;
    const when = `${plural(measured.points.length, 'measurement')} ${measured.points.length === 1 ? 'on' : 'since'} ${first}${measured.earlier > 0 ? ` (${measured.earlier} earlier not shown)` : ''}${kpi.actual?.stale ? ' · stale' : ''}`;
    return html`<div class="series">${drawn ? raw(drawn.svg) : ''}<span class="series-values">${values}</span><span class="note">${when}</span></div>`;
}

export interface OpportunityRow {
    opportunity: OpportunityModel;
    journey: SiteJourney;
    /** Its rank by priority among the table's rows, per currency (language §7); none when it has no priority or is done. */
    rank?: Array<{ currency: string; rank: number; of: number }>;
}

/**
 * The opportunities ranked by priority among `rows` (model/value-at-stake.ts's ranking: per currency,
 * as `copis report` ranks them): the ranked ones first, by their rank in the first currency they have,
 * then those without a priority, then the done ones, each group as declared.
 */
export function rankOpportunities<T extends OpportunityRow>(rows: readonly T[]): T[] {
    const ranks = rankByPriority(rows.flatMap((r, key) => r.opportunity.value ? [{ key, value: r.opportunity.value, done: r.opportunity.status === 'done' }] : []));
    const ranked = rows.map((r, key) => ({ ...r, ...(ranks.has(key) ? { rank: ranks.get(key)! } : {}) }));
    const group = (r: T) => r.rank ? 0 : r.opportunity.status === 'done' ? 2 : 1;
    const first = (r: T) => r.rank?.[0];
    return ranked.sort((a, b) => group(a) - group(b)
        || (first(a) && first(b) ? (first(a)!.currency < first(b)!.currency ? -1 : first(a)!.currency > first(b)!.currency ? 1 : first(a)!.rank - first(b)!.rank) : 0));
}

/** `1 of 6 · 30,000 EUR`, per currency; why there is none otherwise. */
function priorityCell(r: OpportunityRow): string {
    const o = r.opportunity;
    if (o.status === 'done') return 'done';
    if (!r.rank || !o.value?.priority) return o.value && !o.value.priority ? 'unknown: no effort given' : 'unknown: nothing known at risk';
    return r.rank.map(k => `${k.rank} of ${k.of} · ${formatMoney(o.value!.priority!.filter(p => p.currency === k.currency))}`).join('; ');
}

export function opportunityColumns(site: SiteModel, from: string, options: { journey: boolean }): Column<OpportunityRow>[] {
    const columns: Array<Column<OpportunityRow> | false> = [
        { header: 'Opportunity', cell: r => elementLink(from, site.byId(r.opportunity.id), r.opportunity.name) },
        options.journey && { header: 'Journey', cell: r => elementLink(from, r.journey.declaration) },
        { header: 'Addresses', cell: r => r.opportunity.addresses.length === 0 ? html`<span class="muted">nothing</span>` : r.opportunity.addresses.map((id, i) => html`${i > 0 ? html`<br>` : ''}${addressed(site, from, r.journey, id)}`) },
        { header: 'Improves', cell: r => r.opportunity.improves.map((id, i) => { const kpi = kpiOf(r.journey, id); return html`${i > 0 ? ', ' : ''}${kpi ? kpiWithStatus(site, from, kpi) : idLinks(site, from, [id])}`; }) },
        { header: 'Owner', cell: r => r.opportunity.owner ?? '' },
        // Value at stake (language §7), as model/ figures it.
        { header: 'Priority', className: 'num', cell: r => priorityCell(r) },
        { header: 'Value', className: 'num', cell: r => r.opportunity.value && r.opportunity.value.value.length > 0 ? formatMoney(r.opportunity.value.value) : 'unknown' },
        { header: 'Effort, confidence', cell: r => `${r.opportunity.effort ?? 'no effort'} · ${formatNumber(r.opportunity.value?.confidence ?? DEFAULT_CONFIDENCE)}%` },
        { header: 'Status', cell: r => r.opportunity.status ?? '' }
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

/** `customer`: the moments on a customer's path, with their share of each one's value at risk. */
export function momentColumns(site: SiteModel, from: string, options: { customer?: SiteCustomer } = {}): Column<MomentRow>[] {
    const customer = options.customer;
    const shares = new Map(customer?.atRisk.terms.map(t => [t.moment, t.term]) ?? []);
    const columns: Array<Column<MomentRow> | false> = [
        { header: 'Moment of truth', cell: r => elementLink(from, site.byId(r.moment.id), r.moment.name) },
        { header: 'Journey', cell: r => elementLink(from, r.journey.declaration) },
        { header: 'Stage', cell: r => r.moment.stage ? idLinks(site, from, [r.moment.stage]) : '' },
        { header: 'At', cell: r => r.moment.at ? idLinks(site, from, [r.moment.at]) : '' },
        { header: 'Kind', cell: r => r.moment.momentKind ? `${r.moment.momentKind} (${MOMENT_KIND_LABEL[r.moment.momentKind] ?? ''})` : '' },
        { header: 'Polarity, impact', cell: r => momentReading(r.moment) },
        { header: 'KPIs', cell: r => r.moment.kpis.map((id, i) => { const kpi = kpiOf(r.journey, id); return html`${i > 0 ? ', ' : ''}${kpi ? kpiWithStatus(site, from, kpi) : idLinks(site, from, [id])}`; }) },
        { header: 'Value at risk', className: 'num', cell: r => r.moment.valueAtRisk ? figureText(r.moment.valueAtRisk) : '' },
        customer !== undefined && {
            header: 'Their share', className: 'num', cell: r => {
                if (!r.moment.valueAtRisk) return '';
                const term = shares.get(r.moment.id);
                return term ? html`<span title="${termText(term)}">${formatMoney([term.amount])}</span>` : html`<span class="muted">unknown</span>`;
            }
        }
    ];
    return columns.filter((c): c is Column<MomentRow> => c !== false);
}

export function diagnosticColumns(from: string, options: { element: boolean }): Column<SiteDiagnostic>[] {
    const columns: Array<Column<SiteDiagnostic> | false> = [
        { header: 'Where', cell: d => html`<code>${d.file}:${d.line}:${d.column}</code>` },
        { header: 'Severity', cell: d => severityBadge(d.severity) },
        { header: 'Message', cell: d => diagnosticMessage(d) },
        { header: 'Code', className: 'nowrap', cell: d => html`<code>${d.code}</code>` },
        options.element && { header: 'In', cell: d => inCell(from, d) }
    ];
    return columns.filter((c): c is Column<SiteDiagnostic> => c !== false);
}

/** The element a diagnostic is in, linked; for an actuals row that names no KPI, the name it gives. */
function inCell(from: string, d: SiteDiagnostic): Html | string {
    if (d.element) return html`${d.element.kind} ${d.element.href ? html`<a href="${relativeHref(from, d.element.href)}">${d.element.label}</a>` : d.element.label}`;
    if (d.kpi !== undefined) return html`kpi <code>${d.kpi}</code> <span class="muted">(none declared)</span>`;
    return '';
}
