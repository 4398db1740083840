/** A customer's page: who they are, the journeys they travel, the objectives set for them and the moments of truth on their path. */
import { html } from '../html.js';
import { CUSTOMER_FRAGMENT } from '../../../site-page/data.js';
import { INDEX_PAGE, relativeHref } from '../paths.js';
import type { SiteCustomer, SiteModel } from '../site-model.js';
import { kpiColumns, momentColumns } from './columns.js';
import type { PageContent } from './layout.js';
import { countsOf, countsText, plural } from './parts.js';
import { table } from './tables.js';

export function customerPage(site: SiteModel, customer: SiteCustomer): PageContent {
    const path = customer.page;
    const c = customer.model;
    const facts: Array<[string, string]> = [];
    if (c.segment) facts.push(['Segment', c.segment]);
    if (c.tier) facts.push(['Value tier', c.tier]);
    if (c.clv) facts.push(['CLV', c.clv.text]);
    if (c.needs.length > 0) facts.push(['Needs', c.needs.join(', ')]);
    const kpiRows = customer.objectives.flatMap(objective => objective.kpis.map(kpi => ({ kpi, objective, journeys: site.kpis.find(k => k.kpi.id === kpi.id)?.journeys ?? [] })));
    const counts = countsOf(customer.declaration.diagnostics);
    const body = html`<section class="intro">
<p class="crumbs"><a href="${relativeHref(path, INDEX_PAGE)}">Portfolio</a> › <a href="${relativeHref(path, `${INDEX_PAGE}#customers`)}">customers</a></p>
<h1>${customer.declaration.label}</h1>
<p class="meta">customer <code>${c.name}</code>${customer.declaration.where ? html` · declared in <code>${customer.declaration.where}</code>` : ''}${customer.declaration.diagnostics.length > 0 ? html` · ${countsText(counts)}` : ''}</p>
${customer.declaration.doc ? html`<p class="doc">${customer.declaration.doc}</p>` : ''}
${facts.length > 0 ? html`<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>` : ''}
</section>
<section id="journeys">
<h2>Journeys</h2>
${customer.journeys.length === 0 ? html`<p class="muted">No journey names this customer.</p>` : html`<ul class="journey-list">${customer.journeys.map(j => {
        const path2 = j.model.touchpoints.filter(t => t.customers.includes(c.id));
        return html`<li><a href="${relativeHref(path, j.page)}#${CUSTOMER_FRAGMENT}${c.id}">${j.declaration.label}</a> <span class="muted">${plural(path2.length, 'touchpoint')} of ${j.model.touchpoints.length} on their path</span></li>`;
    })}</ul>`}
</section>
<section id="moments">
<h2>Moments of truth on their path</h2>
${customer.moments.length === 0 ? html`<p class="muted">None.</p>` : table(customer.moments, momentColumns(site, path), { className: 'moments' })}
</section>
<section id="objectives">
<h2>Objectives for them</h2>
${kpiRows.length === 0 ? html`<p class="muted">No objective is set for this customer.</p>` : table(kpiRows, kpiColumns(site, path, { journeys: true }), { className: 'kpis' })}
</section>`;
    return { path, title: customer.declaration.label, section: 'customer', body, kind: 'customer' };
}
