/**
 * A Markdown report of one journey: objectives and KPIs (met or missed), the moments of truth
 * stage by stage, pains and opportunities, and what the validator found in the loaded files.
 * GitHub-flavoured (tables). Every string from a model is escaped (`escapeMarkdown`), and so
 * are diagnostic messages (their `code spans` kept).
 */
import type { JourneyModel, MomentModel, ObjectiveModel } from '../../../../language-server/model/journey-model.js';
import { referencedFrom } from '../../../../language-server/model/origin.js';
import { formatMoney, formatNumber } from '../../../../language-server/model/money.js';
import { figureText, rankText } from '../../../../language-server/model/value-text.js';
import type { CliDiagnostic, Summary } from '../../diagnostics.js';
import { LINE_BREAKS, escapeMarkdown } from '../../markdown/escape-markdown.mjs';
import { currentText, elementsById, kpiStatus, kpiSummary, label, labelOf, plural, statusText, targetText } from './model-text.js';

export interface MarkdownExportInput {
    /** The model as shown (filtered to the customer's path with --customer). */
    model: JourneyModel;
    /** The customer's label, with --customer. */
    customer?: string;
    diagnostics: CliDiagnostic[];
    summary: Summary;
}

/** A diagnostic message: escaped, with its `code spans` kept (their content is literal in Markdown). */
export function messageMarkdown(message: string): string {
    const parts = message.replace(LINE_BREAKS, ' ').split('`');
    if (parts.length % 2 === 0) return escapeMarkdown(message);
    return parts.map((part, i) => i % 2 === 1 && part !== '' && !part.includes('`')
        ? `\`${part.replace(/\|/g, '\\|')}\``
        : escapeMarkdown(part)).join('');
}

function code(id: string): string {
    // Ids are names (letters, digits, `_`) joined by dots: nothing to escape in a code span.
    return `\`${id.replace(/[`|]/g, '')}\``;
}

function row(cells: string[]): string {
    return `| ${cells.map(c => c === '' ? ' ' : c).join(' | ')} |`;
}

export function renderMarkdown(input: MarkdownExportInput): string {
    const { model } = input;
    const index = elementsById(model);
    const name = (id: string) => escapeMarkdown(labelOf(index, id));
    const out: string[] = [];

    out.push(`# ${escapeMarkdown(label(model))}`, '');
    const meta = [`Journey ${code(model.name)}`];
    if (model.customers.length > 0) meta.push(`customers: ${model.customers.map(name).join(', ')}`);
    if (input.customer !== undefined) meta.push(`the path of ${escapeMarkdown(input.customer)} only`);
    out.push(meta.join(' · '), '');
    if (model.doc) out.push(escapeMarkdown(model.doc), '');
    const stageList = model.stages.map(s => escapeMarkdown(label(s))).join(' → ');
    if (stageList) out.push(`Stages: ${stageList}`, '');

    // ---- objectives and KPIs: the journey's own, then those it only refers to
    const owned = model.objectives.filter(o => !o.referenced);
    const referenced = model.objectives.filter(o => o.referenced);
    const objectiveSection = (objective: ObjectiveModel) => {
        out.push(`### ${escapeMarkdown(label(objective))}`, '');
        if (objective.referenced) out.push(`Referenced, not owned: ${code(objective.id)}, ${escapeMarkdown(referencedFrom(objective))}.`, '');
        if (objective.for.length > 0) out.push(`For ${objective.for.map(name).join(', ')}.`, '');
        if (objective.doc) out.push(escapeMarkdown(objective.doc), '');
        if (objective.kpis.length === 0) {
            out.push('No KPI.', '');
            return;
        }
        out.push(row(['KPI', 'Metric', 'Current', 'Target', 'Due', 'Owner', 'Status']), row(['---', '---', '---:', '---:', '---', '---', '---']));
        for (const kpi of objective.kpis) {
            const status = kpiStatus(kpi);
            const statusCell = status === 'unknown' ? escapeMarkdown(statusText(kpi)) : `**${statusText(kpi)}**`;
            out.push(row([escapeMarkdown(label(kpi)), kpi.metric ? escapeMarkdown(kpi.metric) : '', escapeMarkdown(currentText(kpi)),
                escapeMarkdown(targetText(kpi) ?? ''), escapeMarkdown(kpi.due ?? ''), escapeMarkdown(kpi.owner ?? ''), statusCell]));
        }
        out.push('');
    };
    out.push('## Objectives and KPIs', '');
    if (owned.length === 0) {
        out.push('No objectives.', '');
    } else {
        out.push(`${kpiSummary(owned.flatMap(o => o.kpis))}.`, '');
        owned.forEach(objectiveSection);
    }
    if (referenced.length > 0) {
        out.push('## Referenced objectives', '');
        out.push(`Objectives this journey does not own, with the KPIs of theirs that its moments and opportunities name: ${kpiSummary(referenced.flatMap(o => o.kpis))}.`, '');
        referenced.forEach(objectiveSection);
    }

    // ---- moments of truth, stage by stage
    out.push('## Moments of truth by stage', '');
    const momentsByTouchpoint = new Map<string, MomentModel[]>();
    for (const moment of model.moments) {
        if (moment.at === undefined) continue;
        const list = momentsByTouchpoint.get(moment.at) ?? [];
        list.push(moment);
        momentsByTouchpoint.set(moment.at, list);
    }
    const touchpoints = new Map(model.touchpoints.map(t => [t.id, t]));
    if (model.stages.length === 0) out.push('No stages.', '');
    model.stages.forEach((stage, i) => {
        out.push(`### ${i + 1}. ${escapeMarkdown(label(stage))}`, '');
        const shown = stage.touchpoints.map(id => touchpoints.get(id)).filter(t => t !== undefined);
        if (shown.length === 0) {
            out.push('No touchpoints.', '');
            return;
        }
        const described = shown.map(t => {
            const facts = [t.channel, t.emotion !== undefined ? `emotion ${t.emotion > 0 ? '+' : ''}${t.emotion}` : undefined].filter(f => f !== undefined);
            return `${escapeMarkdown(label(t))}${facts.length > 0 ? ` (${escapeMarkdown(facts.join(', '))})` : ''}`;
        });
        out.push(`Touchpoints: ${described.join('; ')}.`, '');
        const moments = shown.flatMap(t => momentsByTouchpoint.get(t.id) ?? []);
        if (moments.length === 0) out.push('No moment of truth.', '');
        else out.push(...moments.map(m => momentLine(m, name)), '');
    });
    const unplaced = model.moments.filter(m => m.at === undefined || !touchpoints.has(m.at));
    if (unplaced.length > 0) {
        out.push('### Not placed', '', 'Moments whose touchpoint is missing or does not resolve:', '');
        out.push(...unplaced.map(m => momentLine(m, name)), '');
    }

    // ---- pains and opportunities
    out.push('## Pains and opportunities', '', '### Pains', '');
    const addressedBy = new Map<string, string[]>();
    for (const o of model.opportunities) for (const a of o.addresses) addressedBy.set(a, [...addressedBy.get(a) ?? [], o.id]);
    if (model.pains.length === 0) {
        out.push('No pains.', '');
    } else {
        out.push(row(['Pain', 'At', 'Severity', 'Exposure', 'Addressed by']), row(['---', '---', '---', '---:', '---']));
        for (const pain of model.pains) {
            const by = addressedBy.get(pain.id) ?? [];
            out.push(row([escapeMarkdown(label(pain)), pain.at ? name(pain.at) : '', escapeMarkdown(pain.severity ?? ''),
                pain.exposure ? escapeMarkdown(figureText(pain.exposure)) : '', by.length > 0 ? by.map(name).join(', ') : 'nothing yet']));
        }
        out.push('');
    }
    out.push('### Opportunities', '');
    if (model.opportunities.length === 0) {
        out.push('No opportunities.', '');
    } else {
        out.push(row(['Opportunity', 'Addresses', 'Improves', 'Owner', 'Status', 'Value', 'Confidence', 'Effort', 'Priority']), row(['---', '---', '---', '---', '---', '---:', '---:', '---', '---:']));
        for (const o of model.opportunities) {
            const v = o.value;
            const priority = v?.priority ? `${formatMoney(v.priority)}${rankText(v) ? ` (rank ${rankText(v)})` : ''}` : 'unknown';
            out.push(row([escapeMarkdown(label(o)), o.addresses.map(name).join(', '), o.improves.map(name).join(', '), escapeMarkdown(o.owner ?? ''),
                escapeMarkdown(o.status ?? ''), escapeMarkdown(v && v.value.length > 0 ? formatMoney(v.value) : 'unknown'),
                escapeMarkdown(v ? `${formatNumber(v.confidence)}%` : ''), escapeMarkdown(o.effort ?? 'not given'), escapeMarkdown(priority)]));
        }
        out.push('');
        const missing = model.opportunities.flatMap(o => o.value?.unknown ?? []);
        if (missing.length > 0) {
            out.push('What the figures leave out:', '', ...[...new Set(missing.map(u => u.reason))].map(r => `- ${messageMarkdown(r)}`), '');
        }
    }

    // ---- validation
    out.push('## What the validator found', '');
    const { summary } = input;
    const files = plural(summary.files, 'file');
    if (input.diagnostics.length === 0) {
        out.push(`${files}: no problems.`);
    } else {
        out.push(`${files}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.information} information.`, '');
        out.push(row(['Where', 'Severity', 'Message', 'Code']), row(['---', '---', '---', '---']));
        for (const d of input.diagnostics) {
            out.push(row([escapeMarkdown(`${d.file}:${d.line}:${d.column}`), d.severity, messageMarkdown(d.message), code(d.code)]));
        }
    }
    return out.join('\n') + '\n';
}

function momentLine(m: MomentModel, name: (id: string) => string): string {
    const facts = [m.momentKind && `${m.momentKind} moment`, m.polarity, m.impact && `${m.impact} impact`].filter(f => f);
    const parts = [`- **${escapeMarkdown(label(m))}**`];
    if (m.at) parts.push(` at ${name(m.at)}`);
    if (facts.length > 0) parts.push(` — ${escapeMarkdown(facts.join(', '))}`);
    if (m.kpis.length > 0) parts.push(`; KPIs: ${m.kpis.map(name).join(', ')}`);
    if (m.recovery) parts.push(`; recovery: ${name(m.recovery)}`);
    if (m.owner) parts.push(`; owner: ${escapeMarkdown(m.owner)}`);
    if (m.valueAtRisk) parts.push(`; value at risk: ${escapeMarkdown(figureText(m.valueAtRisk))}`);
    return parts.join('');
}
