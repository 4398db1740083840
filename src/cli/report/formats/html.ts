/**
 * `copis report --to html`: the model root's report as one standalone page (html/standalone-page.ts:
 * inline CSS, no script, nothing remote, the same Content-Security-Policy as the journey export).
 * Every string from a model goes through escapeXml, and the page through htmlSafeChars.
 */
import { escapeXml } from '../../../../language-server/diagram/escape.js';
import { formatMoney, formatNumber } from '../../../../language-server/model/money.js';
import { termText } from '../../../../language-server/model/value-text.js';
import { messageHtml } from '../../export/formats/html.js';
import { CODE_STYLE, PAGE_STYLE, TABLE_STYLE, standalonePage } from '../../html/standalone-page.js';
import { currentText, kpiStatus, label, plural, statusText, targetText } from '../../export/formats/model-text.js';
import { kpiStaleness, kpiTrend, type ReportInput } from './report-text.js';

const STYLE = [PAGE_STYLE, `
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
.meta { color: #59636e; margin: 0 0 8px; }
`.trim(), TABLE_STYLE, `
td.num { text-align: right; white-space: nowrap; }
.met { color: #2e7d32; font-weight: bold; }
.missed { color: #c62828; font-weight: bold; }
.unknown, .stale { color: #59636e; }
.stale { font-style: italic; }
`.trim(), CODE_STYLE].join('\n');

const cell = (text: string, cls?: string) => `<td${cls ? ` class="${cls}"` : ''}>${escapeXml(text)}</td>`;
const codeCell = (id: string) => `<td><code>${escapeXml(id)}</code></td>`;

export function renderReportHtml(input: ReportInput): string {
    const { report } = input;
    const met = report.kpis.filter(k => k.kpi.met === true).length;
    const missed = report.kpis.filter(k => k.kpi.met === false).length;
    const out = [
        '<header>', '<h1>Model report</h1>',
        `<p class="meta">${escapeXml(`${plural(report.journeys.length, 'journey')} · ${plural(report.kpis.length, 'KPI')}: ${met} met, ${missed} missed · as of ${input.asOf} · ${plural(input.files.length, 'file')} · ${input.actuals.length > 0 ? `actuals: ${input.actuals.join(', ')}` : 'no actuals'}`)}</p>`,
        '</header>'
    ];
    if (report.journeys.length > 0) {
        out.push('<table class="journeys">', '<thead><tr><th>Journey</th><th>Value at risk</th></tr></thead>', '<tbody>');
        for (const j of report.journeys) out.push(`<tr data-id="${escapeXml(j.id)}">${cell(label(j))}${cell(j.valueAtRisk.length > 0 ? formatMoney(j.valueAtRisk) : 'none known', 'num')}</tr>`);
        out.push('</tbody>', '</table>');
    }

    out.push('<section id="kpis">', '<h2>KPIs</h2>');
    if (report.kpis.length === 0) out.push('<p>No KPIs.</p>');
    else {
        out.push('<table class="kpis">', '<thead><tr><th>KPI</th><th>Objective</th><th>Journeys</th><th>Value</th><th>Target</th><th>Status</th><th>Trend</th><th>Staleness</th></tr></thead>', '<tbody>');
        for (const { kpi, objective, journeys } of report.kpis) {
            const status = kpiStatus(kpi);
            out.push(`<tr data-id="${escapeXml(kpi.id)}" class="kpi-${status}">${cell(label(kpi))}${cell(label(objective))}${cell(journeys.join(', '))}`
                + `${cell(currentText(kpi), 'num')}${cell(targetText(kpi) ?? '', 'num')}${cell(statusText(kpi), status)}${cell(kpiTrend(kpi))}`
                + `${cell(kpiStaleness(kpi), kpi.actual?.stale ? 'stale' : undefined)}</tr>`);
        }
        out.push('</tbody>', '</table>');
    }
    out.push('</section>');

    out.push('<section id="moments">', '<h2>Moments of truth by value at risk</h2>');
    if (report.momentsByValueAtRisk.length === 0 && report.momentsUnknown.length === 0) out.push('<p>No negative or mixed moment of truth.</p>');
    for (const { currency, moments } of report.momentsByValueAtRisk) {
        out.push(`<h3>In ${escapeXml(currency)}</h3>`, '<table class="moments">', '<thead><tr><th>#</th><th>Moment of truth</th><th>Journey</th><th>Polarity</th><th>Impact</th><th>Value at risk</th><th>Inputs</th></tr></thead>', '<tbody>');
        moments.forEach((m, i) => {
            const inputs = m.valueAtRisk.terms.filter(t => t.amount.currency === currency).map(termText).join('; ');
            out.push(`<tr data-id="${escapeXml(m.moment.id)}">${cell(String(i + 1), 'num')}${cell(label(m.moment))}${codeCell(m.journey)}${cell(m.moment.polarity ?? '')}${cell(m.moment.impact ?? '')}`
                + `${cell(`${formatNumber(m.amount)} ${currency}`, 'num')}${cell(inputs)}</tr>`);
        });
        out.push('</tbody>', '</table>');
    }
    if (report.momentsUnknown.length > 0) {
        out.push('<p>Value at risk not known (see below why):</p>', '<ul>', ...report.momentsUnknown.map(m => `<li>${escapeXml(label(m.moment))} (<code>${escapeXml(m.journey)}</code>)</li>`), '</ul>');
    }
    out.push('</section>');

    out.push('<section id="opportunities">', '<h2>Opportunities by priority</h2>');
    if (report.opportunitiesByPriority.length === 0 && report.opportunitiesUnranked.length === 0 && report.opportunitiesDone.length === 0) out.push('<p>No opportunities.</p>');
    for (const { currency, opportunities } of report.opportunitiesByPriority) {
        out.push(`<h3>In ${escapeXml(currency)}</h3>`, '<table class="opportunities">', '<thead><tr><th>#</th><th>Opportunity</th><th>Journey</th><th>Priority</th><th>Value</th><th>Confidence</th><th>Effort</th><th>Status</th><th>At risk where it works</th></tr></thead>', '<tbody>');
        for (const o of opportunities) {
            const v = o.opportunity.value!;
            out.push(`<tr data-id="${escapeXml(o.opportunity.id)}">${cell(`${o.rank} of ${o.of}`, 'num')}${cell(label(o.opportunity))}${codeCell(o.journey)}${cell(`${formatNumber(o.priority)} ${currency}`, 'num')}`
                + `${cell(formatMoney(v.value), 'num')}${cell(`${formatNumber(v.confidence)}%`, 'num')}${cell(o.opportunity.effort ?? '')}${cell(o.opportunity.status ?? '')}${cell(formatMoney(v.atRisk), 'num')}</tr>`);
        }
        out.push('</tbody>', '</table>');
    }
    if (report.opportunitiesUnranked.length > 0) {
        out.push('<p>Not ranked (no priority):</p>', '<ul>');
        for (const o of report.opportunitiesUnranked) {
            const v = o.opportunity.value!;
            out.push(`<li>${escapeXml(label(o.opportunity))} (<code>${escapeXml(o.journey)}</code>): ${messageHtml(v.priority ? 'nothing known at risk where it works' : 'no `effort`')}; value ${escapeXml(v.value.length > 0 ? formatMoney(v.value) : 'unknown')}</li>`);
        }
        out.push('</ul>');
    }
    if (report.opportunitiesDone.length > 0) {
        out.push('<p>Done:</p>', '<ul>', ...report.opportunitiesDone.map(o => `<li>${escapeXml(label(o.opportunity))} (<code>${escapeXml(o.journey)}</code>)</li>`), '</ul>');
    }
    out.push('</section>');

    out.push('<section id="unknown">', '<h2>What is not known, and why</h2>');
    if (report.unknown.length === 0) out.push('<p>Nothing: every figure has all its inputs.</p>');
    else out.push('<ul>', ...report.unknown.map(u => `<li>${messageHtml(u.reason)}${u.journey ? ` (<code>${escapeXml(u.journey)}</code>)` : ''}</li>`), '</ul>');
    if (input.actualsProblems > 0) out.push(`<p>${escapeXml(`The actuals files have ${plural(input.actualsProblems, 'problem')}: their rows are not used.`)} ${messageHtml('`copis validate --actuals …` lists them.')}</p>`);
    out.push('</section>');
    return standalonePage({ title: 'Model report', style: STYLE, body: out });
}
