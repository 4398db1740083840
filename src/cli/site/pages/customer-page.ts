/**
 * A customer's page: who they are, the journeys they travel, what is at risk on their path (their share
 * of each negative or mixed moment's value at risk, as model/value-at-stake.ts figures it), the moments
 * of truth on their path and the objectives set for them.
 */
import { customersText, plural } from '../../../../language-server/model/labels.js';
import { formatMoney } from '../../../../language-server/model/money.js';
import { html, type Html } from '../html.js';
import { CUSTOMER_FRAGMENT } from '../../../site-page/data.js';
import { INDEX_PAGE, relativeHref } from '../paths.js';
import type { SiteCustomer, SiteModel } from '../site-model.js';
import { kpiColumns, momentColumns } from './columns.js';
import type { PageContent } from './layout.js';
import { countsOf, countsText, customerAtRiskText, reasonHtml } from './parts.js';
import { table } from './tables.js';

export function customerPage(site: SiteModel, customer: SiteCustomer): PageContent {
    const path = customer.page;
    const c = customer.model;
    const facts: Array<[string, string]> = [];
    if (c.segment) facts.push(['Segment', c.segment]);
    if (c.tier) facts.push(['Value tier', c.tier]);
    if (c.clv) facts.push(['CLV', c.clv.text]);
    if (c.count !== undefined) facts.push(['Count', customersText(c.count)]);
    if (c.needs.length > 0) facts.push(['Needs', c.needs.join(', ')]);
    const kpiRows = customer.objectives.flatMap(objective => objective.kpis.map(kpi => ({ kpi, objective, journeys: site.kpis.find(k => k.kpi.id === kpi.id)?.journeys ?? [] })));
    const counts = countsOf(customer.declaration.diagnostics);
    const body = html`<section class="intro">
<p class="crumbs"><a href="${relativeHref(path, INDEX_PAGE)}">Portfolio</a> \u203a <a href="${relativeHref(path, `${INDEX_PAGE}#customers`)}">customers</a></p>
<h1>${customer.declaration.label}</h1>
<p class="meta">customer <code>${c.name}</code>${customer.declaration.where ? html` \u00b7 declared in <code>${customer.declaration.where}</code>` : ''}${customer.declaration.diagnostics.length > 0 ? html` \u00b7 ${countsText(counts)}` : ''}</p>
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
<section id="value-at-risk">
<h2>Value at risk</h2>
${valueAtRisk(customer)}
</section>
<section id="moments">
<h2>Moments of truth on their path</h2>
${customer.moments.length === 0 ? html`<p class="muted">None.</p>` : table(customer.moments, momentColumns(site, path, { customer }), { className: 'moments' })}
</section>
<section id="objectives">
<h2>Objectives for them</h2>
${kpiRows.length === 0 ? html`<p class="muted">No objective is set for this customer.</p>` : table(kpiRows, kpiColumns(site, path, { journeys: true }), { className: 'kpis' })}
</section>`;
    return { path, title: customer.declaration.label, section: 'customer', body, kind: 'customer' };
}

/** Their share, per currency, from how many moments; what it leaves out, and why. */
function valueAtRisk(customer: SiteCustomer): Html {
    const v = customer.atRisk;
    const { text, tone } = customerAtRiskText(customer);
    const moments = new Set(v.terms.map(t => t.moment)).size;
    const reading = v.total.length > 0
        ? html`their share of ${plural(moments, 'negative or mixed moment of truth', 'negative or mixed moments of truth')} on their path (their count \u00d7 CLV \u00d7 the reach of the moment's touchpoint)${v.total.length > 1 ? '; amounts in different currencies are not added' : ''}`
        : v.unknown.length > 0 ? html`what is at risk on their path is not known` : html`no negative or mixed moment of truth is on their path`;
    return html`<p class="at-risk"><span class="figure-big ${tone}" data-at-risk="${v.total.map(m => `${m.currency}:${m.amount}`).join(' ')}">${v.total.length > 0 ? v.total.map((m, i) => html`${i > 0 ? html`<span class="muted"> and </span>` : ''}${formatMoney([m])}`) : text}</span> <span class="muted">${reading}</span></p>
${v.unknown.length > 0 ? html`<ul class="not-counted">${v.unknown.map(u => html`<li>not counted: ${reasonHtml(u.reason)}</li>`)}</ul>` : ''}`;
}
