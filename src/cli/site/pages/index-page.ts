/**
 * The index: the portfolio. A heat map of the journeys (rows) by lifecycle category (columns): in each
 * cell the moments of truth of that journey's stages of that category (polarity and impact) and the
 * figures of CELL_MEASURES, linked to the stage; a total per journey and its diagnostics. Then the
 * customers.
 */
import { label, plural } from '../../../../language-server/model/labels.js';
import { formatNumber } from '../../../../language-server/model/money.js';
import { kpiSummary } from '../../export/formats/model-text.js';
import { html, type Html } from '../html.js';
import { CELL_MEASURES, IMPACT_LETTER, POLARITY_MARK, cellOf, heatOf, markedMoments, polarityCounts, totalOf, type Slice } from '../measures.js';
import { DIAGNOSTICS_PAGE, INDEX_PAGE, elementFragment, relativeHref } from '../paths.js';
import type { CategoryColumn, SiteCustomer, SiteJourney, SiteModel } from '../site-model.js';
import { countsOf, countsText, customerAtRiskText, elementLink, momentMark } from './parts.js';
import { table, type Column } from './tables.js';
import type { PageContent } from './layout.js';

const PATH = INDEX_PAGE;
/** Marks drawn in one cell; the rest are counted. */
const MAX_MARKS = 12;

export function indexPage(site: SiteModel): PageContent {
    const kpis = site.kpis.map(k => k.kpi);
    const meta = [
        plural(site.journeys.length, 'journey'),
        plural(site.customers.length, 'customer'),
        kpis.length > 0 ? kpiSummary(kpis) : 'no KPIs'
    ];
    const body = html`<section class="intro">
<h1>${site.title}</h1>
<p class="meta">${meta.join(' \u00b7 ')} \u00b7 <a href="${DIAGNOSTICS_PAGE}" class="diagnostics-count">${countsText(site.summary)}</a>${site.asOf ? html` \u00b7 as of ${site.asOf}` : ''}</p>
</section>
<section id="portfolio">
<h2>Portfolio</h2>
${site.journeys.length === 0 ? html`<p>The model has no journey.</p>` : heatMap(site)}
</section>
<section id="customers">
<h2>Customers</h2>
${site.customers.length === 0 ? html`<p>The model has no customer.</p>` : table(site.customers, customerColumns(), { className: 'customers', rowId: c => elementFragment(c.model.id) })}
</section>`;
    return { path: PATH, title: site.title, section: 'index', body, kind: 'index' };
}

function heatMap(site: SiteModel): Html {
    const head = site.columns.map(c => html`<th scope="col" class="category">${c.label}</th>`);
    const rows = site.journeys.map(j => html`<tr data-journey="${j.model.id}">
<th scope="row" class="journey"><a href="${relativeHref(PATH, j.page)}">${j.declaration.label}</a><span class="meta">${plural(j.model.stages.length, 'stage')} \u00b7 ${plural(j.model.moments.length, 'moment')}</span>${problems(j)}</th>
${site.columns.map(c => cell(j, c))}
${total(j)}
</tr>
`);
    return html`<p class="hint">Each row is a journey and each column a stage of the customer lifecycle. A cell shows the moments of truth of that journey's stages in that category and links to the stage; its colour is the highest impact among its negative and mixed moments.</p>
<div class="table-wrap"><table class="heatmap">
<thead><tr><th scope="col" class="journey">Journey</th>${head}<th scope="col" class="total">Total</th></tr></thead>
<tbody>
${rows}</tbody>
</table></div>
${legend()}`;
}

function cell(journey: SiteJourney, column: CategoryColumn): Html {
    const slice = cellOf(journey, column);
    const category = column.category ?? '';
    if (slice.stages.length === 0) {
        return html`<td class="cell empty" data-category="${category}"><span class="none" title="no stage of this category">\u2013</span></td>`;
    }
    const href = relativeHref(PATH, `${journey.page}#${elementFragment(slice.stages[0].id)}`);
    const stages = slice.stages.map(label).join(', ');
    return html`<td class="cell heat-${heatOf(slice)}" data-category="${category}"${sliceData(slice)}><a class="cell-link" href="${href}" title="${stages}"><span class="stage-names">${stages}</span>${sliceContent(slice)}</a></td>`;
}

function total(journey: SiteJourney): Html {
    const slice = totalOf(journey);
    return html`<td class="cell total heat-${heatOf(slice)}" data-category="total"${sliceData(slice)}><a class="cell-link" href="${relativeHref(PATH, journey.page)}">${sliceContent(slice)}</a></td>`;
}

function problems(journey: SiteJourney): Html {
    const counts = countsOf(journey.diagnostics);
    const text = countsText(counts);
    const tone = counts.errors > 0 ? 'bad' : counts.warnings > 0 ? 'warn' : 'muted';
    return html`<span class="problems ${tone}" data-errors="${counts.errors}" data-warnings="${counts.warnings}" data-information="${counts.information}">${journey.diagnostics.length > 0 ? html`<a href="${relativeHref(PATH, `${journey.page}#problems`)}">${text}</a>` : text}</span>`;
}

/** The counts a test or script can read off a cell: moments by polarity, and every measure's data. */
function sliceData(slice: Slice): Html {
    const counts = polarityCounts(slice.moments);
    const data: Record<string, number | string> = { moments: slice.moments.length, positive: counts.positive, negative: counts.negative, mixed: counts.mixed, 'no-polarity': counts.none };
    for (const measure of CELL_MEASURES) Object.assign(data, measure.of(slice)?.data ?? {});
    return html`${Object.entries(data).map(([k, v]) => html` data-${k}="${v}"`)}`;
}

function sliceContent(slice: Slice): Html {
    const marks = markedMoments(slice);
    const shown = marks.slice(0, MAX_MARKS).map(m => momentMark(m));
    const more = marks.length > MAX_MARKS ? html`<span class="more">+${marks.length - MAX_MARKS}</span>` : '';
    const figures = CELL_MEASURES.map(measure => {
        const figure = measure.of(slice);
        return figure ? html`<span class="figure figure-${measure.id}${figure.tone ? ` ${figure.tone}` : ''}"${figure.title ? html` title="${figure.title}"` : ''}>${figure.text}</span>` : '';
    });
    return html`<span class="marks">${marks.length === 0 ? html`<span class="none">no moments</span>` : shown}${more}</span>${figures}`;
}

function legend(): Html {
    const marks = Object.entries(POLARITY_MARK).map(([key, m]) => html`<li><span class="mark mark-${key}" aria-hidden="true">${m.glyph}</span> ${m.label}</li>`);
    const impacts = Object.entries(IMPACT_LETTER).map(([impact, letter]) => html`<li><b>${letter}</b> ${impact}</li>`);
    const heat = [0, 1, 2, 3, 4].map(n => html`<li><span class="swatch heat-${n}"></span> ${['no negative moment', 'low', 'medium', 'high', 'critical'][n]}</li>`);
    return html`<div class="legend" aria-label="Legend">
<div><h3>Moments of truth</h3><ul>${marks}</ul></div>
<div><h3>Impact</h3><ul>${impacts}</ul></div>
<div><h3>Cell colour</h3><ul>${heat}</ul></div>
<div><h3>Figures</h3><ul>${CELL_MEASURES.map(m => html`<li>${m.legend}</li>`)}</ul></div>
</div>`;
}

function customerColumns(): Column<SiteCustomer>[] {
    return [
        { header: 'Customer', cell: c => elementLink(PATH, c.declaration) },
        { header: 'Segment', cell: c => c.model.segment ?? '' },
        { header: 'Value tier', cell: c => c.model.tier ?? '' },
        { header: 'Count', className: 'num', cell: c => c.model.count !== undefined ? formatNumber(c.model.count) : '' },
        { header: 'CLV', className: 'num', cell: c => c.model.clv?.text ?? '' },
        { header: 'Journeys', cell: c => c.journeys.length === 0 ? html`<span class="muted">none</span>` : c.journeys.map((j, i) => html`${i > 0 ? ', ' : ''}${elementLink(PATH, j.declaration)}`) },
        { header: 'Moments on their path', cell: c => c.moments.length === 0 ? '' : c.moments.map(m => momentMark(m.moment)) },
        { header: 'Value at risk', className: 'num', cell: c => { const v = customerAtRiskText(c); return html`<a class="${v.tone}" href="${relativeHref(PATH, `${c.page}#value-at-risk`)}">${v.text}</a>`; } }
    ];
}
