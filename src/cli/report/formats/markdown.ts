/**
 * `copis report --to md`: the model root's report (model/root-report.ts) in GitHub-flavoured
 * Markdown. Every string from a model goes through escapeMarkdown (messages through
 * messageMarkdown, which keeps their code spans), as in the journey export.
 */
import { formatMoney, formatNumber } from '../../../../language-server/model/money.js';
import { figureText, termText } from '../../../../language-server/model/value-text.js';
import { escapeMarkdown } from '../../markdown/escape-markdown.mjs';
import { messageMarkdown } from '../../export/formats/markdown.js';
import { currentText, kpiStatus, label, plural, statusText, targetText } from '../../export/formats/model-text.js';
import { kpiStaleness, kpiTrend, type ReportInput } from './report-text.js';

function row(cells: string[]): string {
    return `| ${cells.map(c => c === '' ? ' ' : c).join(' | ')} |`;
}

function code(id: string): string {
    return `\`${id.replace(/[`|]/g, '')}\``;
}

export function renderReportMarkdown(input: ReportInput): string {
    const { report } = input;
    const out: string[] = ['# Model report', ''];
    const met = report.kpis.filter(k => k.kpi.met === true).length;
    const missed = report.kpis.filter(k => k.kpi.met === false).length;
    out.push(`${plural(report.journeys.length, 'journey')} · ${plural(report.kpis.length, 'KPI')}: ${met} met, ${missed} missed · as of ${escapeMarkdown(input.asOf)}`
        + ` · ${plural(input.files.length, 'file')}${input.actuals.length > 0 ? ` · actuals: ${input.actuals.map(escapeMarkdown).join(', ')}` : ' · no actuals'}`, '');
    if (report.journeys.length > 0) {
        out.push(row(['Journey', 'Value at risk']), row(['---', '---:']));
        for (const j of report.journeys) out.push(row([escapeMarkdown(label(j)), escapeMarkdown(j.valueAtRisk.length > 0 ? formatMoney(j.valueAtRisk) : 'none known')]));
        out.push('');
    }

    out.push('## KPIs', '');
    if (report.kpis.length === 0) out.push('No KPIs.', '');
    else {
        out.push(row(['KPI', 'Objective', 'Journeys', 'Value', 'Target', 'Status', 'Trend', 'Staleness']), row(['---', '---', '---', '---:', '---:', '---', '---', '---']));
        for (const { kpi, objective, journeys } of report.kpis) {
            const status = kpiStatus(kpi) === 'unknown' ? escapeMarkdown(statusText(kpi)) : `**${statusText(kpi)}**`;
            out.push(row([`${escapeMarkdown(label(kpi))} ${code(kpi.id)}`, escapeMarkdown(label(objective)), journeys.map(code).join(', '),
                escapeMarkdown(currentText(kpi)), escapeMarkdown(targetText(kpi) ?? ''), status, escapeMarkdown(kpiTrend(kpi)), escapeMarkdown(kpiStaleness(kpi))]));
        }
        out.push('');
    }

    out.push('## Moments of truth by value at risk', '');
    if (report.momentsByValueAtRisk.length === 0 && report.momentsUnknown.length === 0) out.push('No negative or mixed moment of truth.', '');
    for (const { currency, moments } of report.momentsByValueAtRisk) {
        out.push(`### In ${escapeMarkdown(currency)}`, '');
        out.push(row(['#', 'Moment of truth', 'Journey', 'Polarity', 'Impact', 'Value at risk', 'Inputs']), row(['---:', '---', '---', '---', '---', '---:', '---']));
        moments.forEach((m, i) => {
            const inputs = m.valueAtRisk.terms.filter(t => t.amount.currency === currency).map(termText).join('; ');
            out.push(row([String(i + 1), escapeMarkdown(label(m.moment)), code(m.journey), escapeMarkdown(m.moment.polarity ?? ''), escapeMarkdown(m.moment.impact ?? ''),
                escapeMarkdown(`${formatNumber(m.amount)} ${currency}`), escapeMarkdown(inputs)]));
        });
        out.push('');
    }
    if (report.momentsUnknown.length > 0) {
        out.push('Value at risk not known (see below why):', '', ...report.momentsUnknown.map(m => `- ${escapeMarkdown(label(m.moment))} (${code(m.journey)})`), '');
    }

    out.push('## Opportunities by priority', '');
    if (report.opportunitiesByPriority.length === 0 && report.opportunitiesUnranked.length === 0 && report.opportunitiesDone.length === 0) out.push('No opportunities.', '');
    for (const { currency, opportunities } of report.opportunitiesByPriority) {
        out.push(`### In ${escapeMarkdown(currency)}`, '');
        out.push(row(['#', 'Opportunity', 'Journey', 'Priority', 'Value', 'Confidence', 'Effort', 'Status', 'At risk where it works']), row(['---:', '---', '---', '---:', '---:', '---:', '---', '---', '---:']));
        for (const o of opportunities) {
            const v = o.opportunity.value!;
            out.push(row([`${o.rank} of ${o.of}`, escapeMarkdown(label(o.opportunity)), code(o.journey), escapeMarkdown(`${formatNumber(o.priority)} ${currency}`),
                escapeMarkdown(formatMoney(v.value)), `${formatNumber(v.confidence)}%`, escapeMarkdown(o.opportunity.effort ?? ''), escapeMarkdown(o.opportunity.status ?? ''),
                escapeMarkdown(formatMoney(v.atRisk))]));
        }
        out.push('');
    }
    if (report.opportunitiesUnranked.length > 0) {
        out.push('Not ranked (no priority):', '');
        for (const o of report.opportunitiesUnranked) {
            const v = o.opportunity.value!;
            const why = v.priority ? 'nothing known at risk where it works' : 'no `effort`';
            out.push(`- ${escapeMarkdown(label(o.opportunity))} (${code(o.journey)}): ${messageMarkdown(why)}; value ${escapeMarkdown(v.value.length > 0 ? formatMoney(v.value) : 'unknown')}`);
        }
        out.push('');
    }
    if (report.opportunitiesDone.length > 0) {
        out.push('Done:', '', ...report.opportunitiesDone.map(o => `- ${escapeMarkdown(label(o.opportunity))} (${code(o.journey)}): value ${escapeMarkdown(figureText({ total: o.opportunity.value!.value, terms: [], unknown: [] }))}`), '');
    }

    out.push('## What is not known, and why', '');
    if (report.unknown.length === 0) out.push('Nothing: every figure has all its inputs.', '');
    else out.push(...report.unknown.map(u => `- ${messageMarkdown(u.reason)}${u.journey ? ` (${code(u.journey)})` : ''}`), '');
    if (input.actualsProblems > 0) out.push(`The actuals files have ${plural(input.actualsProblems, 'problem')}: their rows are not used. \`copis validate --actuals …\` lists them.`, '');
    return out.join('\n');
}
