/**
 * A standalone HTML page: the diagram (the same SVG as `--to svg`, inline), the objectives'
 * KPIs (current, target, met or missed) and what the validator found in the loaded files.
 * One file that opens anywhere, in the CLI's standalone page (html/standalone-page.ts: inline CSS,
 * no script, nothing remote, a Content-Security-Policy that forbids everything else). Every string
 * from a model or a diagnostic goes through `escapeXml` (which also serves HTML text and attribute
 * values).
 */
import { escapeXml } from '../../../../language-server/diagram/escape.js';
import { revealStyle } from '../../../../language-server/diagram/svg.js';
import type { Panes } from '../../../../language-server/diagram/svg.js';
import type { DiagramView } from '../../../../language-server/diagram/types.js';
import type { JourneyModel } from '../../../../language-server/model/journey-model.js';
import { referencedFrom } from '../../../../language-server/model/origin.js';
import { formatMoney, formatNumber } from '../../../../language-server/model/money.js';
import { figureText, rankText, termText } from '../../../../language-server/model/value-text.js';
import type { CliDiagnostic, Summary } from '../../diagnostics.js';
import { CODE_STYLE, PAGE_STYLE, TABLE_STYLE, standalonePage } from '../../html/standalone-page.js';
import { currentText, elementsById, kpiStatus, kpiSummary, label, labelOf, plural, statusText, targetText } from './model-text.js';

export interface HtmlExportInput {
    /** The model as shown (filtered to the customer's path with --customer). */
    model: JourneyModel;
    /** The diagram, from `renderStandaloneSvg`. */
    svg: string;
    /** The journey view's lane labels and stage headers, kept in view while the diagram scrolls. */
    panes?: Panes;
    view: DiagramView;
    /** The customer's label, with --customer. */
    customer?: string;
    diagnostics: CliDiagnostic[];
    summary: Summary;
}

const STYLE = [PAGE_STYLE, `
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; }
.meta { color: #59636e; margin: 0 0 8px; }
.doc { max-width: 60em; white-space: pre-line; }
.diagram { overflow: auto; max-height: calc(100vh - 32px); border: 1px solid #d0d7de; border-radius: 6px; background: #ffffff; }
.diagram svg { display: block; }
.canvas { display: inline-grid; vertical-align: top; }
.canvas > svg, .canvas > .pane { grid-area: 1 / 1; }
.pane { position: sticky; align-self: start; justify-self: start; }
.pane-header { top: 0; z-index: 1; }
.pane-labels { left: 0; z-index: 2; }
`.trim(), TABLE_STYLE, `
td.num { text-align: right; white-space: nowrap; }
.met { color: #2e7d32; font-weight: bold; }
.missed { color: #c62828; font-weight: bold; }
.unknown { color: #59636e; }
tr.referenced td { border-style: dashed; }
.error { color: #c62828; }
.warning { color: #9a6700; }
.information { color: #1565c0; }
`.trim(), CODE_STYLE, revealStyle('resolved'), `
/* On paper (or saved as PDF) the whole diagram, scaled to the page's width: no scrolling box to cut it, and no
   panes, which only repeat the labels and headers for the screen's scrolling. */
@media print {
    .diagram { overflow: visible; max-height: none; border: none; }
    .canvas { display: block; }
    .canvas > .pane { display: none; }
    .diagram svg { width: 100%; height: auto; }
}
`.trim()].join('\n');

export function renderHtml(input: HtmlExportInput): string {
    const { model } = input;
    const title = label(model);
    const meta = [`journey <code>${escapeXml(model.name)}</code>`, `${escapeXml(input.view === 'copis' ? 'COPIS' : 'journey')} view`];
    if (input.customer !== undefined) meta.push(`the path of ${escapeXml(input.customer)}`);
    const out = [
        '<header>',
        `<h1>${escapeXml(title)}</h1>`,
        `<p class="meta">${meta.join(' · ')}</p>`
    ];
    if (model.doc) out.push(`<p class="doc">${escapeXml(model.doc)}</p>`);
    out.push('</header>');
    // The lane labels and stage headers again, over the diagram: they stay in view while it scrolls.
    const panes = input.panes
        ? [`<div class="pane pane-header" aria-hidden="true">\n${input.panes.header.trimEnd()}\n</div>`,
            `<div class="pane pane-labels" aria-hidden="true">\n${input.panes.labels.trimEnd()}\n</div>`]
        : [];
    out.push('<section id="diagram">', `<div class="diagram"><div class="canvas">\n${[input.svg.trimEnd(), ...panes].join('\n')}\n</div></div>`, '</section>');
    out.push(...kpiSection(model));
    out.push(...valueSection(model));
    out.push(...diagnosticsSection(input.diagnostics, input.summary));
    return standalonePage({
        title,
        // Where the stage headers are in the diagram, from where they stick to the top (a number: nothing from the model).
        style: `${STYLE}${input.panes ? `\n.pane-header { margin-top: ${px(input.panes.headerTop)}px; }\n.pane-labels { margin-top: ${px(input.panes.labelsTop)}px; }` : ''}`,
        body: out
    });
}

function px(n: number): number {
    return Math.round(n * 100) / 100;
}

function kpiSection(model: JourneyModel): string[] {
    const out = ['<section id="kpis">', '<h2>Objectives and KPIs</h2>'];
    const owned = model.objectives.filter(o => !o.referenced);
    const referenced = model.objectives.filter(o => o.referenced);
    if (model.objectives.length === 0) {
        out.push('<p>No objectives.</p>', '</section>');
        return out;
    }
    out.push(`<p>${owned.length === 0 ? 'No objectives of its own' : escapeXml(kpiSummary(owned.flatMap(o => o.kpis)))}.`
        + (referenced.length > 0 ? ` Referenced, not owned: ${escapeXml(kpiSummary(referenced.flatMap(o => o.kpis)))}.` : '') + '</p>');
    out.push('<table class="kpis">', '<thead><tr><th>Objective</th><th>KPI</th><th>Metric</th><th>Current</th><th>Target</th><th>Due</th><th>Owner</th><th>Status</th></tr></thead>', '<tbody>');
    const index = elementsById(model);
    for (const objective of [...owned, ...referenced]) {
        const notes = [
            objective.referenced ? `referenced, not owned · ${referencedFrom(objective)}` : undefined,
            objective.for.length > 0 ? `for ${objective.for.map(c => labelOf(index, c)).join(', ')}` : undefined
        ].filter(n => n !== undefined).map(n => `<br><span class="meta">${escapeXml(n)}</span>`).join('');
        const objectiveCell = `<td>${escapeXml(label(objective))}${notes}</td>`;
        const referencedClass = objective.referenced ? ' referenced' : '';
        if (objective.kpis.length === 0) {
            out.push(`<tr data-id="${escapeXml(objective.id)}"${referencedClass ? ` class="${referencedClass.trim()}"` : ''}>${objectiveCell}<td colspan="7" class="unknown">no KPI</td></tr>`);
            continue;
        }
        for (const kpi of objective.kpis) {
            const status = kpiStatus(kpi);
            out.push(`<tr data-id="${escapeXml(kpi.id)}" class="kpi-${status}${referencedClass}">${objectiveCell}`
                + `<td>${escapeXml(label(kpi))}</td>`
                + `<td>${escapeXml(kpi.metric ?? '')}</td>`
                + `<td class="num">${escapeXml(currentText(kpi))}</td>`
                + `<td class="num">${escapeXml(targetText(kpi) ?? '')}</td>`
                + `<td class="num">${escapeXml(kpi.due ?? '')}</td>`
                + `<td>${escapeXml(kpi.owner ?? '')}</td>`
                + `<td class="${status}">${escapeXml(statusText(kpi))}</td></tr>`);
        }
    }
    out.push('</tbody>', '</table>', '</section>');
    return out;
}

/** The value at stake (language §7): each negative or mixed moment's value at risk with its inputs, each opportunity's value and priority. */
function valueSection(model: JourneyModel): string[] {
    const moments = model.moments.filter(m => m.valueAtRisk);
    if (moments.length === 0 && model.opportunities.length === 0) return [];
    const out = ['<section id="value">', '<h2>Value at stake</h2>'];
    if (moments.length > 0) {
        out.push('<table class="value-at-risk">', '<thead><tr><th>Moment of truth</th><th>Polarity</th><th>Impact</th><th>Value at risk</th><th>Inputs</th></tr></thead>', '<tbody>');
        for (const m of moments) {
            const v = m.valueAtRisk!;
            const inputs = [...v.terms.map(termText), ...v.unknown.map(u => `not counted: ${u.reason}`)];
            out.push(`<tr data-id="${escapeXml(m.id)}"><td>${escapeXml(label(m))}</td><td>${escapeXml(m.polarity ?? '')}</td><td>${escapeXml(m.impact ?? '')}</td>`
                + `<td class="num">${escapeXml(figureText(v))}</td><td>${inputs.map(messageHtml).join('<br>')}</td></tr>`);
        }
        out.push('</tbody>', '</table>');
    }
    if (model.opportunities.length > 0) {
        out.push('<table class="opportunities">', '<thead><tr><th>Opportunity</th><th>Status</th><th>Value</th><th>Confidence</th><th>Effort</th><th>Priority</th></tr></thead>', '<tbody>');
        for (const o of model.opportunities) {
            const v = o.value;
            const rank = v && rankText(v);
            const priority = v?.priority ? `${formatMoney(v.priority)}${rank ? ` (rank ${rank})` : ''}` : 'unknown: no effort';
            out.push(`<tr data-id="${escapeXml(o.id)}"><td>${escapeXml(label(o))}</td><td>${escapeXml(o.status ?? '')}</td>`
                + `<td class="num">${escapeXml(v && v.value.length > 0 ? formatMoney(v.value) : 'unknown')}</td><td class="num">${escapeXml(v ? `${formatNumber(v.confidence)}%` : '')}</td>`
                + `<td>${escapeXml(o.effort ?? '')}</td><td class="num">${escapeXml(priority)}</td></tr>`);
        }
        out.push('</tbody>', '</table>');
    }
    out.push('</section>');
    return out;
}

function diagnosticsSection(diagnostics: CliDiagnostic[], summary: Summary): string[] {
    const out = ['<section id="diagnostics">', '<h2>Validation</h2>'];
    const files = plural(summary.files, 'file');
    if (diagnostics.length === 0) {
        out.push(`<p>${files}: no problems.</p>`, '</section>');
        return out;
    }
    out.push(`<p>${files}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.information} information.</p>`);
    out.push('<table class="diagnostics">', '<thead><tr><th>Where</th><th>Severity</th><th>Message</th><th>Code</th></tr></thead>', '<tbody>');
    for (const d of diagnostics) {
        out.push(`<tr><td><code>${escapeXml(`${d.file}:${d.line}:${d.column}`)}</code></td><td class="${d.severity}">${d.severity}</td>`
            + `<td>${messageHtml(d.message)}</td><td><code>${escapeXml(d.code)}</code></td></tr>`);
    }
    out.push('</tbody>', '</table>', '</section>');
    return out;
}

/** A diagnostic message, escaped, its `code spans` as <code>. */
export function messageHtml(message: string): string {
    const parts = message.split('`');
    if (parts.length % 2 === 0) return escapeXml(message);
    return parts.map((part, i) => i % 2 === 1 && part !== '' ? `<code>${escapeXml(part)}</code>` : escapeXml(part)).join('');
}
