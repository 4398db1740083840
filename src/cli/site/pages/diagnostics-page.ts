/** What the validator found in the model's files, as copis validate reports it, each with the element it is in. */
import { plural } from '../../../../language-server/model/labels.js';
import { html } from '../html.js';
import { DIAGNOSTICS_PAGE } from '../paths.js';
import type { SiteModel } from '../site-model.js';
import { diagnosticColumns } from './columns.js';
import type { PageContent } from './layout.js';
import { countsText } from './parts.js';
import { table } from './tables.js';

export function diagnosticsPage(site: SiteModel): PageContent {
    const body = html`<section class="intro">
<h1>Diagnostics</h1>
<p class="meta">${plural(site.summary.files, 'file')}: ${countsText(site.summary)}${site.asOf ? html` (as of ${site.asOf})` : ''}</p>
</section>
<section>
${site.diagnostics.length === 0 ? html`<p>No problems.</p>` : table(site.diagnostics, diagnosticColumns(DIAGNOSTICS_PAGE, { element: true }), { className: 'diagnostics', rowClass: d => `diagnostic-${d.severity}` })}
</section>`;
    return { path: DIAGNOSTICS_PAGE, title: 'Diagnostics', section: 'diagnostics', body, kind: 'diagnostics' };
}
