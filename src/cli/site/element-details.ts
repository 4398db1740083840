/**
 * The details panel's data of an element: its facts read off the journey model (every field the model
 * gives it, in the model's order, labelled; references as the ids of what they name), what refers to it
 * and its diagnostics. A field model/ adds later is shown without a change here (by its name, until it
 * gets a label in FACT_LABELS).
 */
import type { CustomerModel, Element, JourneyModel, KpiModel, MomentModel, OpportunityModel, OpportunityValue, PainModel, TouchpointModel, ValueAtRisk } from '../../../language-server/model/journey-model.js';
import { currentText, kpiMeasurements, kpiSeriesPoints, trendText } from '../../../language-server/model/kpi-status.js';
import { label } from '../../../language-server/model/labels.js';
import { formatMoney, formatNumber } from '../../../language-server/model/money.js';
import { customerAtRisk } from '../../../language-server/model/value-at-stake.js';
import { figureLines, rankText, termText } from '../../../language-server/model/value-text.js';
import { MOMENT_KIND_LABEL } from '../../../language-server/model/lifecycle.js';
import { referencedFrom } from '../../../language-server/model/origin.js';
import { statusText, targetText } from '../export/formats/model-text.js';
import type { DetailsDiagnostic, ElementDetails, Fact } from '../../site-page/data.js';
import type { SiteDeclaration, SiteDiagnostic, SiteModel } from './site-model.js';

/** Referrers listed per element, and other journeys that refer to it; the rest are counted. */
export const MAX_REFERRERS = 100;
export const MAX_JOURNEYS_ELSEWHERE = 20;

export const FACT_LABELS: Record<string, string> = {
    segment: 'Segment', tier: 'Value tier', clv: 'CLV', needs: 'Needs', count: 'Customers in the segment',
    type: 'Type', owner: 'Owner', approved: 'Approved for', source: 'System of record', classification: 'Classification',
    objective: 'Objective', metric: 'Metric', direction: 'Better', current: 'Current', target: 'Target', due: 'Due', unit: 'Unit',
    for: 'For', kpis: 'KPIs', referenced: 'Referenced', lane: 'Lane', systems: 'Systems', reads: 'Reads', writes: 'Writes',
    supports: 'Supports', steps: 'Steps', sla: 'SLA', stage: 'Stage', channel: 'Channel', customers: 'Customers',
    processes: 'Processes', information: 'Information', emotion: 'Emotion', moments: 'Moments of truth', reach: 'Reach',
    category: 'Category', touchpoints: 'Touchpoints', at: 'At', momentKind: 'Kind', polarity: 'Polarity', impact: 'Impact',
    recovery: 'Recovery', severity: 'Severity', addresses: 'Addresses', improves: 'Improves', effort: 'Effort',
    confidence: 'Confidence', status: 'Status', stages: 'Stages', pains: 'Pains', opportunities: 'Opportunities',
    objectives: 'Objectives', customerDetails: 'Customers involved'
};

/** Fields that hold references (ids of other elements). */
const REFERENCE_FIELDS = new Set([
    'source', 'objective', 'for', 'systems', 'reads', 'writes', 'supports', 'stage', 'customers', 'processes', 'information',
    'moments', 'touchpoints', 'at', 'kpis', 'recovery', 'addresses', 'improves'
]);
/** Not facts: who it is (shown in the panel's heading) and where. */
const NOT_FACTS = new Set(['id', 'name', 'title', 'doc', 'location', 'kind', 'index', 'met']);
/** On the journey itself, lists of members are counted, not listed (the diagram shows them). */
const COUNTED_ON_JOURNEY = new Set(['touchpoints', 'moments', 'pains', 'opportunities', 'objectives', 'processes', 'customerDetails', 'systems', 'information']);

/** The label of an element a figure names (by id), as the page shows it. */
type LabelOf = (id: string) => string;

/**
 * The fields whose facts are figures that model/ gives with their inputs (language §7), or numbers
 * that read better with their unit, by kind and field: each is worded by model/'s own helpers
 * (kpi-status.ts, value-text.ts, money.ts). Null: not a fact of its own (a KPI's actual is in its
 * current value, its series in its measurements).
 */
const FIGURE_FACTS: Partial<Record<string, (element: never, labelOf: LabelOf) => Fact | Fact[] | null>> = {
    'kpi.current': (k: KpiModel) => ({ label: 'Current', text: currentText(k) }),
    'kpi.writtenCurrent': (k: KpiModel) => ({ label: 'As written', text: k.writtenCurrent!.text }),
    'kpi.actual': () => null,
    'kpi.series': () => null,
    'kpi.trend': (k: KpiModel) => ({ label: 'Trend', text: trendText(k) }),
    'customer.count': (c: CustomerModel) => ({ label: 'Customers in the segment', text: formatNumber(c.count!) }),
    'touchpoint.reach': (t: TouchpointModel) => ({ label: 'Reach', text: `${formatNumber(t.reach!)}%` }),
    'opportunity.confidence': (o: OpportunityModel) => ({ label: 'Confidence', text: `${formatNumber(o.confidence!)}%` }),
    'moment.valueAtRisk': (m: MomentModel) => figureFact('Value at risk', m.valueAtRisk!),
    'pain.exposure': (p: PainModel) => figureFact('Exposure', p.exposure!),
    'opportunity.value': (o: OpportunityModel, labelOf: LabelOf) => valueFacts(o.value!, labelOf)
};

/** An opportunity's value, term by term (what it addresses, by label), with what is not counted; then its priority and rank. */
function valueFacts(v: OpportunityValue, labelOf: LabelOf): Fact[] {
    const value = [
        v.value.length > 0 ? formatMoney(v.value) : 'unknown',
        ...v.terms.map(t => `- ${labelOf(t.addresses)}: ${formatMoney(t.atRisk)} at risk × ${t.weight} (${t.of === 'moment' ? 'impact' : 'severity'} ${t.level}) = ${formatMoney(t.value)}`),
        ...v.unknown.filter(u => u.missing !== 'effort').map(u => `- not counted: ${u.reason}`)
    ];
    const rank = rankText(v);
    const priority = v.priority && v.effortWeight !== undefined
        ? [`${formatMoney(v.priority)}${rank ? `, rank ${rank}` : ''}`, `- value × ${formatNumber(v.confidence)}% confidence ÷ ${v.effortWeight} (effort)`]
        : ['unknown: no effort given'];
    return [{ label: 'Value', text: value.join('\n'), message: true }, { label: 'Priority', text: priority.join('\n'), message: true }];
}

/** A value at risk or an exposure: the figure, then a line per term and per missing input. */
function figureFact(label: string, v: ValueAtRisk): Fact {
    return { label, text: figureLines(label, v).join('\n').slice(label.length + 2), message: true };
}

/** The measurements of a KPI with actuals, listed, and drawn as the diagram draws them (the panel draws the sparkline). */
function seriesFact(kpi: KpiModel): Fact | undefined {
    const measured = kpiMeasurements(kpi);
    if (!measured) return undefined;
    const text = `${measured.earlier > 0 ? `${measured.earlier} earlier, then ` : ''}${measured.points.map(p => `${p.value.text} on ${p.date}`).join(', ')}`;
    return { label: 'Measurements', text, ...(kpiSeriesPoints(kpi) ? { sparkline: kpi.id } : {}) };
}

/** The facts of a model element, in the order the model holds its fields. */
export function factsOf(element: Element & { kind: string }, labelOf: LabelOf = id => id): Fact[] {
    const facts: Fact[] = [];
    const record = element as unknown as Record<string, unknown>;
    for (const key of Object.keys(record)) {
        if (NOT_FACTS.has(key)) continue;
        const value = record[key];
        const figure = FIGURE_FACTS[`${element.kind}.${key}`];
        const fact = figure && value !== undefined ? figure(element as never, labelOf) : factOf(element, key, value);
        if (fact) facts.push(...[fact].flat());
    }
    if (element.kind === 'kpi') {
        const series = seriesFact(element as KpiModel);
        if (series) facts.push(series);
    }
    if (element.kind === 'kpi') facts.push({ label: 'Status', text: statusText(element as KpiModel) });
    return facts;
}

function factOf(element: Element & { kind: string }, key: string, value: unknown): Fact | undefined {
    const label = FACT_LABELS[key] ?? words(key);
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) {
        if (value.length === 0) return undefined;
        if (element.kind === 'journey' && COUNTED_ON_JOURNEY.has(key)) return { label, text: String(value.length) };
        if (value.every(v => typeof v === 'object' && v !== null && typeof (v as Element).id === 'string')) return { label, refs: value.map(v => (v as Element).id) };
        if (value.every(v => typeof v === 'string')) {
            if (REFERENCE_FIELDS.has(key)) return { label, refs: value as string[] };
            return { label, text: (value as string[]).join(key === 'steps' ? ' → ' : ', ') };
        }
        return undefined;
    }
    switch (typeof value) {
        case 'string':
            if (REFERENCE_FIELDS.has(key)) return { label, refs: [value] };
            if (key === 'momentKind') return { label, text: MOMENT_KIND_LABEL[value] ? `${value} (${MOMENT_KIND_LABEL[value]})` : value };
            return { label, text: value };
        case 'number':
            return { label, text: key === 'emotion' && value > 0 ? `+${value}` : String(value) };
        case 'boolean':
            if (key === 'referenced') return value ? { label, text: `not owned by this journey (${referencedFrom(element)})` } : undefined;
            return { label, text: value ? 'yes' : 'no' };
        case 'object': {
            if (key === 'target' && element.kind === 'kpi') {
                const text = targetText(element as KpiModel);
                return text ? { label, text } : undefined;
            }
            const text = (value as { text?: unknown }).text;
            return typeof text === 'string' ? { label, text } : undefined;
        }
        default:
            return undefined;
    }
}

function words(key: string): string {
    const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function detailsDiagnostic(d: SiteDiagnostic): DetailsDiagnostic {
    return { severity: d.severity, code: d.code, message: d.message, where: `${d.file}:${d.line}:${d.column}` };
}

/** What every entry has: who it is, where it is declared and which page shows it. */
function heading(id: string, kind: string, declaration: SiteDeclaration | undefined, element?: Element): ElementDetails {
    const details: ElementDetails = {
        id, kind: declaration?.kind ?? kind,
        name: declaration?.name ?? element?.name ?? id,
        label: declaration?.label ?? ((element && label(element)) || id)
    };
    const doc = element?.doc ?? declaration?.doc;
    if (doc) details.doc = doc;
    if (declaration?.where) details.where = declaration.where;
    if (declaration?.href) details.href = declaration.href;
    return details;
}

/**
 * The details of every element a journey page shows (its model's elements: full details), and of the
 * elements those name or are named by (heading only, with the page that shows them).
 */
export function journeyDetails(site: SiteModel, model: JourneyModel): Record<string, ElementDetails> {
    const out: Record<string, ElementDetails> = {};
    const elements: Array<Element & { kind: string }> = [
        model, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains, ...model.opportunities,
        ...model.objectives, ...model.objectives.flatMap(o => o.kpis), ...model.processes,
        ...model.customerDetails, ...model.systems, ...model.information
    ];
    const wanted = new Set<string>();
    for (const element of elements) {
        if (out[element.id]) continue;
        const declaration = site.byId(element.id);
        const details = heading(element.id, element.kind, declaration, element);
        details.local = true;
        details.facts = factsOf(element, id => site.byId(id)?.label ?? id);
        if (element.kind === 'customer') details.facts.push(customerAtRiskFact(element.id, model));
        // Who refers to it: this journey's elements and top-level ones by name; other journeys by journey.
        const here: Array<{ id: string; property: string }> = [];
        const elsewhere = new Map<string, number>();
        for (const r of declaration?.referrers ?? []) {
            const from = site.declarationOf(r.node);
            if (!from) continue;
            const journey = from.journey?.declaration.id;
            if (journey !== undefined && journey !== model.id) elsewhere.set(journey, (elsewhere.get(journey) ?? 0) + 1);
            else here.push({ id: from.id, property: r.property });
        }
        details.referrers = here.slice(0, MAX_REFERRERS);
        if (here.length > MAX_REFERRERS) details.moreReferrers = here.length - MAX_REFERRERS;
        if (elsewhere.size > 0) {
            details.elsewhere = [...elsewhere].slice(0, MAX_JOURNEYS_ELSEWHERE).map(([journey, count]) => ({ journey, count }));
            if (elsewhere.size > MAX_JOURNEYS_ELSEWHERE) details.moreElsewhere = elsewhere.size - MAX_JOURNEYS_ELSEWHERE;
        }
        details.diagnostics = (declaration?.diagnostics ?? []).map(detailsDiagnostic);
        if (declaration?.kind === 'kpi' && declaration.diagnostics.some(d => d.code === 'kpi-overdue')) {
            details.facts.push({ label: 'Overdue', text: 'its due date has passed and it is off target' });
        }
        out[element.id] = details;
        for (const fact of details.facts) for (const id of fact.refs ?? []) wanted.add(id);
        for (const r of details.referrers) wanted.add(r.id);
        for (const e of details.elsewhere ?? []) wanted.add(e.journey);
    }
    for (const id of wanted) {
        if (out[id]) continue;
        const declaration = site.byId(id);
        out[id] = heading(id, declaration?.kind ?? 'element', declaration);
    }
    return out;
}

/** A customer's share of what this journey's moments put at risk, moment by moment, and what is not known. */
function customerAtRiskFact(customer: string, model: JourneyModel): Fact {
    const v = customerAtRisk(customer, [model]);
    const names = new Map(model.moments.map(m => [m.id, label(m)]));
    const head = v.total.length > 0 ? formatMoney(v.total) : v.unknown.length > 0 ? 'unknown' : 'none (no negative or mixed moment of truth on their path)';
    const lines = [
        head,
        ...v.terms.map(t => `- ${names.get(t.moment) ?? t.moment}: ${termText(t.term).slice(t.term.customer.length + 2)}`),
        ...v.unknown.map(u => `- not counted: ${u.reason}`)
    ];
    return { label: 'Value at risk in this journey', text: lines.join('\n'), message: true };
}
