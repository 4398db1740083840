/** Pieces several pages show the same way: links to elements, KPI status, moment marks, diagnostics. */
import type { KpiModel, MomentModel } from '../../../../language-server/model/journey-model.js';
import { MOMENT_KIND_LABEL } from '../../../../language-server/model/lifecycle.js';
import { summarize } from '../../diagnostics.js';
import { messageHtml } from '../../export/formats/html.js';
import { kpiStatus, statusText, targetText } from '../../export/formats/model-text.js';
import { html, joinHtml, raw, type Html } from '../html.js';
import { IMPACT_LETTER, POLARITY_MARK } from '../measures.js';
import { relativeHref } from '../paths.js';
import type { SiteCustomer, SiteDeclaration, SiteDiagnostic, SiteModel } from '../site-model.js';
import { label, plural } from '../../../../language-server/model/labels.js';
import { formatMoney } from '../../../../language-server/model/money.js';

/** A link from the page at `from` to the element's page, or its label alone when no page shows it. */
export function elementLink(from: string, d: SiteDeclaration | undefined, fallback = ''): Html {
    if (!d) return html`${fallback}`;
    return d.href ? html`<a href="${relativeHref(from, d.href)}">${d.label}</a>` : html`<span title="not shown on any page">${d.label}</span>`;
}

/** Links to the elements with these ids (the model's labels when the site has them). */
export function idLinks(site: SiteModel, from: string, ids: readonly string[]): Html {
    return joinHtml(ids.map(id => elementLink(from, site.byId(id), id)), ', ');
}

/** `met ✓`, `missed ✗`, or why it cannot be told; `overdue` when the validator says so. */
export function kpiStatusBadge(kpi: KpiModel, declaration?: SiteDeclaration): Html {
    const status = kpiStatus(kpi);
    const glyph = status === 'met' ? ' ✓' : status === 'missed' ? ' ✗' : '';
    const overdue = declaration?.diagnostics.some(d => d.code === 'kpi-overdue');
    return html`<span class="status status-${status}">${statusText(kpi)}${glyph}</span>${overdue ? raw(' <span class="status status-overdue">overdue</span>') : ''}`;
}

export function kpiTarget(kpi: KpiModel): string {
    return targetText(kpi) ?? '';
}

/** A KPI with its status, for lists: `Delivery NPS (missed ✗)`. */
export function kpiWithStatus(site: SiteModel, from: string, kpi: KpiModel): Html {
    const status = kpiStatus(kpi);
    const mark = status === 'met' ? '✓' : status === 'missed' ? '✗' : '?';
    return html`${elementLink(from, site.byId(kpi.id), kpi.name)} <span class="status status-${status}" title="${statusText(kpi)}">${mark}</span>`;
}

/** A moment of truth's mark: shape and colour for its polarity, a letter for its impact, its title as the tooltip. */
export function momentMark(moment: MomentModel, text = ''): Html {
    const polarity = moment.polarity && POLARITY_MARK[moment.polarity] ? moment.polarity : 'none';
    const mark = POLARITY_MARK[polarity];
    const impact = moment.impact && IMPACT_LETTER[moment.impact] ? moment.impact : undefined;
    const reading = `${label(moment)}: ${mark.label}${impact ? `, ${impact} impact` : ''}${moment.momentKind ? `, ${MOMENT_KIND_LABEL[moment.momentKind] ?? moment.momentKind}` : ''}`;
    return html`<span class="mark mark-${polarity}${impact ? ` impact-${impact}` : ''}" title="${reading}"><span aria-hidden="true">${mark.glyph}${impact ? IMPACT_LETTER[impact] : ''}</span><span class="sr-only">${reading}</span>${text}</span>`;
}

/** Polarity and impact in words, for tables. */
export function momentReading(moment: MomentModel): Html {
    return html`${momentMark(moment)} ${[moment.polarity ?? 'no polarity', moment.impact ? `${moment.impact} impact` : ''].filter(Boolean).join(', ')}`;
}

export function severityBadge(severity: string): Html {
    return html`<span class="severity severity-${severity}">${severity}</span>`;
}

/** A diagnostic's message, its `code spans` as code. */
export function diagnosticMessage(d: SiteDiagnostic): Html {
    return raw(messageHtml(d.message));
}

/** Why a figure leaves something out (model/value-at-stake.ts), its `code spans` as code. */
export function reasonHtml(reason: string): Html {
    return raw(messageHtml(reason));
}

/** `2 errors, 1 warning, 3 information` (the zero counts left out; `no problems`). */
export function countsText(counts: { errors: number; warnings: number; information: number }): string {
    const parts = [
        counts.errors > 0 ? plural(counts.errors, 'error') : '',
        counts.warnings > 0 ? plural(counts.warnings, 'warning') : '',
        counts.information > 0 ? `${counts.information} information` : ''
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(', ') : 'no problems';
}

export function countsOf(diagnostics: readonly SiteDiagnostic[]): { errors: number; warnings: number; information: number } {
    const { errors, warnings, information } = summarize(0, diagnostics);
    return { errors, warnings, information };
}

/**
 * A customer's share of the value at risk on their path, in a few words: the amount per currency
 * (`+?` when some of it is not known), `unknown`, or `none` when no negative or mixed moment is on it.
 */
export function customerAtRiskText(customer: SiteCustomer): { text: string; tone: 'bad' | 'muted' } {
    const v = customer.atRisk;
    if (v.total.length > 0) return { text: `${formatMoney(v.total)}${v.unknown.length > 0 ? ' +?' : ''}`, tone: 'bad' };
    return { text: v.unknown.length > 0 ? 'unknown' : 'none', tone: 'muted' };
}
