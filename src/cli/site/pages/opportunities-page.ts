/** Every opportunity of the model, in rank order (rankOpportunities), with what it addresses and improves. */
import { plural } from '../../../../language-server/model/labels.js';
import { html } from '../html.js';
import { OPPORTUNITIES_PAGE } from '../paths.js';
import type { SiteModel } from '../site-model.js';
import { opportunityColumns, rankOpportunities } from './columns.js';
import type { PageContent } from './layout.js';

import { table } from './tables.js';

export function opportunitiesPage(site: SiteModel): PageContent {
    const rows = rankOpportunities(site.opportunities);
    const unaddressed = site.journeys.flatMap(j => j.model.pains.filter(p => !j.model.opportunities.some(o => o.addresses.includes(p.id))));
    const body = html`<section class="intro">
<h1>Opportunities</h1>
<p class="meta">${plural(rows.length, 'opportunity', 'opportunities')} in ${plural(new Set(rows.map(r => r.journey)).size, 'journey')} \u00b7 ${plural(unaddressed.length, 'pain')} that no opportunity addresses</p>
</section>
<section>
${rows.length === 0 ? html`<p class="muted">No opportunities.</p>` : table(rows, opportunityColumns(site, OPPORTUNITIES_PAGE, { journey: true }), { className: 'opportunities' })}
</section>`;
    return { path: OPPORTUNITIES_PAGE, title: 'Opportunities', section: 'opportunities', body, kind: 'opportunities' };
}
