/**
 * A journey's page: both views of the diagram, drawn in the page by its script with the same renderer
 * as the preview (from the model in the page: a drawing per view and customer would make a site of
 * 10,000 declarations some 100 MB), the toolbar of the preview (view, customer, zoom), a details panel
 * for the element clicked, and as text, for any reader: the KPIs, the stages with their touchpoints,
 * moments and pains, the opportunities and the journey's diagnostics.
 */
import { plural } from '../../../../language-server/model/labels.js';
import * as diagram from '../../../../language-server/diagram/index.js';
import type { JourneyModel } from '../../../../language-server/model/journey-model.js';
import type { PlacedProblems } from '../../../../language-server/diagram/problems.js';
import { JOURNEY_DATA_ID, type JourneyPageData } from '../../../site-page/data.js';
import { journeyDetails } from '../element-details.js';
import { html, jsonBlock, raw, type Html } from '../html.js';
import { polarityCounts } from '../measures.js';
import { INDEX_PAGE, elementFragment, relativeHref } from '../paths.js';
import type { SiteJourney, SiteModel } from '../site-model.js';
import { diagnosticColumns, kpiColumns, opportunityColumns, rankOpportunities } from './columns.js';
import type { PageContent } from './layout.js';
import { countsOf, countsText, elementLink, idLinks, momentMark } from './parts.js';
import { table } from './tables.js';

/** The renderer draws a compact journey view (language-server/diagram gives it `COMPACT_SIZES` when it does). */
export function rendererHasCompact(): boolean {
    return 'COMPACT_SIZES' in diagram;
}

export function journeyPage(site: SiteModel, journey: SiteJourney): PageContent {
    const path = journey.page;
    const model = journey.model;
    const problems = placedErrors(journey);
    const data: JourneyPageData = {
        journey: model.id, model: withoutLocations(model), elements: journeyDetails(site, model), compact: rendererHasCompact(),
        ...(problems.count > 0 ? { problems } : {})
    };
    const counts = countsOf(journey.diagnostics);
    const meta = [
        html`journey <code>${model.name}</code>`,
        model.customers.length > 0 ? html`for ${idLinks(site, path, model.customers)}` : html`no customers`,
        html`${plural(model.stages.length, 'stage')}, ${plural(model.touchpoints.length, 'touchpoint')}, ${plural(model.moments.length, 'moment of truth', 'moments of truth')}`,
        html`<a href="#problems">${countsText(counts)}</a>`
    ];
    const kpiRows = model.objectives.flatMap(objective => objective.kpis.map(kpi => ({ kpi, objective })));
    const opportunities = rankOpportunities(model.opportunities.map(opportunity => ({ opportunity, journey })));
    const body = html`<section class="intro">
<p class="crumbs"><a href="${relativeHref(path, INDEX_PAGE)}">Portfolio</a> \u203a journey</p>
<h1>${journey.declaration.label}</h1>
<p class="meta">${meta.map((m, i) => html`${i > 0 ? ' · ' : ''}${m}`)}</p>
${journey.declaration.doc ? html`<p class="doc">${journey.declaration.doc}</p>` : ''}
</section>
<section class="diagram-section" aria-label="Diagram">
${toolbar(data.compact)}
<div id="banner" class="banner" role="status" hidden></div>
<div class="diagram-area">
<div id="viewport" class="viewport" tabindex="0" aria-label="Diagram: click an element for its details, drag to pan, Ctrl and the wheel to zoom">
<div id="canvas" class="canvas"><p class="noscript">The page's script (assets/site.js) draws the diagram here; the <a href="#stages">stages</a> below list the journey as text.</p></div>
<p id="empty" class="empty" hidden></p>
</div>
<aside id="details" class="details" aria-label="Details" hidden></aside>
</div>
</section>
<section id="kpis">
<h2>Objectives and KPIs</h2>
${kpiRows.length === 0 ? html`<p class="muted">No KPIs.</p>` : table(kpiRows, kpiColumns(site, path, { journeys: false }), { className: 'kpis', rowClass: r => r.objective.referenced ? 'referenced' : undefined })}
</section>
<section id="stages">
<h2>Stages</h2>
${model.stages.length === 0 ? html`<p class="muted">No stages.</p>` : model.stages.map(s => stageSection(site, path, model, s.id))}
</section>
<section id="opportunities">
<h2>Pains and opportunities</h2>
${painsList(site, path, model)}
${opportunities.length === 0 ? html`<p class="muted">No opportunities.</p>` : table(opportunities, opportunityColumns(site, path, { journey: false }), { className: 'opportunities' })}
</section>
<section id="problems">
<h2>Diagnostics</h2>
${journey.diagnostics.length === 0 ? html`<p class="muted">No problems in this journey.</p>` : table(journey.diagnostics, diagnosticColumns(path, { element: true }), { className: 'diagnostics', rowClass: d => `diagnostic-${d.severity}` })}
</section>
${jsonBlock(JOURNEY_DATA_ID, data)}`;
    return { path, title: journey.declaration.label, section: 'journey', body, kind: 'journey' };
}

/**
 * The journey's errors in its .copis files, by the declaration each is in: what `copis export` marks in the picture
 * (an actuals row's problem is the CSV file's, not the picture's).
 */
function placedErrors(journey: SiteJourney): PlacedProblems {
    const byId: Record<string, string[]> = {};
    let count = 0;
    for (const d of journey.diagnostics) {
        if (d.severity !== 'error' || !d.element || !d.file.endsWith('.copis')) continue;
        count++;
        const list = byId[d.element.id] ??= [];
        if (!list.includes(d.message)) list.push(d.message);
    }
    return { count, byId };
}

/** The preview's toolbar (src/webview/preview.ts reads these ids), shown by the script. */
function toolbar(compact: boolean): Html {
    return html`<div class="toolbar" role="toolbar" aria-label="Diagram" hidden>
<div class="group" role="group" aria-label="View">
<button type="button" class="view-button" data-view="journey" aria-pressed="true" title="Journey view: stages, lanes and moments">Journey</button>
<button type="button" class="view-button" data-view="copis" aria-pressed="false" title="COPIS view: customers, objectives, processes, information, systems">COPIS</button>
<button type="button" id="compact" aria-pressed="false" title="Compact journey view"${compact ? '' : raw(' hidden')}>Compact</button>
</div>
<label class="group" id="journey-group" hidden><span class="label">Journey</span><select id="journey-select"></select></label>
<label class="group" id="customer-group"><span class="label">Customer</span><select id="customer-select" title="Show one customer's path"><option value="">All customers</option></select></label>
<div class="group" role="group" aria-label="Zoom">
<button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
<button type="button" id="zoom-reset" title="Actual size (0)" aria-label="Actual size">100%</button>
<button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" id="zoom-fit" title="Fit to window (F)">Fit</button>
</div>
<div class="group" hidden><button type="button" id="export-svg">SVG</button><button type="button" id="export-png">PNG</button></div>
</div>`;
}

function stageSection(site: SiteModel, path: string, model: JourneyModel, stageId: string): Html {
    const stage = model.stages.find(s => s.id === stageId)!;
    const touchpoints = model.touchpoints.filter(t => t.stage === stage.id);
    const stageMoments = model.moments.filter(m => m.stage === stage.id);
    const counts = polarityCounts(stageMoments);
    const summary = stageMoments.length === 0 ? 'no moments of truth' : [
        counts.negative > 0 ? `${counts.negative} negative` : '', counts.mixed > 0 ? `${counts.mixed} mixed` : '', counts.positive > 0 ? `${counts.positive} positive` : '',
        counts.none > 0 ? `${counts.none} without polarity` : ''
    ].filter(Boolean).join(', ');
    const items = touchpoints.map(t => {
        const moments = model.moments.filter(m => m.at === t.id);
        const pains = model.pains.filter(p => p.at === t.id);
        const facts = [t.channel, t.emotion !== undefined ? `emotion ${t.emotion > 0 ? '+' : ''}${t.emotion}` : ''].filter(Boolean).join(' · ');
        return html`<li id="${elementFragment(t.id)}"><span class="name">${elementLink(path, site.byId(t.id), t.name)}</span>${facts ? html` <span class="muted">${facts}</span>` : ''}${moments.length > 0 || pains.length > 0 ? html`<ul>${moments.map(m => html`<li id="${elementFragment(m.id)}">${momentMark(m)} ${elementLink(path, site.byId(m.id), m.name)}</li>`)}${pains.map(p => html`<li id="${elementFragment(p.id)}"><span class="pain-mark" aria-hidden="true">!</span> pain: ${elementLink(path, site.byId(p.id), p.name)}${p.severity ? html` <span class="muted">${p.severity}</span>` : ''}</li>`)}</ul>` : ''}</li>`;
    });
    return html`<article class="stage" id="${elementFragment(stage.id)}">
<h3>${elementLink(path, site.byId(stage.id), stage.name)}${stage.category ? html` <span class="category-tag">${stage.category}</span>` : ''}</h3>
<p class="muted">${plural(touchpoints.length, 'touchpoint')} \u00b7 ${summary}</p>
${touchpoints.length > 0 ? html`<ul class="touchpoints">${items}</ul>` : ''}
</article>
`;
}

function painsList(site: SiteModel, path: string, model: JourneyModel): Html {
    if (model.pains.length === 0) return html`<p class="muted">No pains.</p>`;
    const addressedBy = (id: string) => model.opportunities.filter(o => o.addresses.includes(id));
    return html`<ul class="pains">${model.pains.map(p => {
        const by = addressedBy(p.id);
        return html`<li><span class="pain-mark" aria-hidden="true">!</span> ${elementLink(path, site.byId(p.id), p.name)}${p.severity ? html` <span class="muted">${p.severity} severity</span>` : ''}${p.at ? html` at ${idLinks(site, path, [p.at])}` : ''} \u2014 ${by.length === 0 ? html`<span class="bad">no opportunity addresses it</span>` : html`addressed by ${idLinks(site, path, by.map(o => o.id))}`}</li>`;
    })}</ul>`;
}

/** The model as the page's script needs it: without source locations (absolute file URIs, and nothing the renderer reads). */
export function withoutLocations<T>(value: T): T {
    return JSON.parse(JSON.stringify(value, (key, v) => key === 'location' ? undefined : v)) as T;
}
