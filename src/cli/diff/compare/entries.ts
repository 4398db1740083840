/**
 * A workspace model as a flat list of comparable entries: one per declaration, with its
 * properties as comparable values. Properties are read from the model generically (every field
 * but the structural ones below), so that a property the language gains is compared without a
 * change here; only the fields that hold references must be listed, so that a rename can be
 * seen through them.
 */
import type { Element, JourneyModel, KpiModel, ObjectiveModel } from '../../../../language-server/model/journey-model.js';
import type { Money } from '../../../../language-server/model/money.js';
import type { Value } from '../../../../language-server/model/values.js';
import { kpiStatus, targetText, type KpiStatus } from '../../../../language-server/model/kpi-status.js';
import type { WorkspaceModel } from './workspace-model.js';

export const KINDS = ['customer', 'system', 'information', 'objective', 'kpi', 'process', 'journey', 'stage', 'touchpoint', 'moment', 'pain', 'opportunity'] as const;
export type Kind = typeof KINDS[number];

/** The fields of each kind that name other elements (by id): compared as sets, through renames. */
export const REFERENCE_FIELDS: Record<Kind, readonly string[]> = {
    customer: [], system: [], kpi: [], stage: [],
    information: ['source'],
    objective: ['for'],
    process: ['systems', 'reads', 'writes', 'supports'],
    journey: ['customers'],
    touchpoint: ['customers', 'processes', 'systems', 'information'],
    moment: ['at', 'customers', 'kpis', 'recovery'],
    pain: ['at'],
    opportunity: ['addresses', 'improves']
};

/**
 * Fields that are not properties: identity, position, what the diff reports in its own way
 * (a touchpoint's stage: moved; a KPI's `met`: its status; a moment's value at risk: its total),
 * what is derived from other fields (a moment's stage from its touchpoint; the figures of value at
 * stake, language §7: a pain's exposure and an opportunity's value and priority follow from the
 * counts, CLVs, reaches and weights, which are compared themselves) and what lists children or
 * other declarations. A KPI's actuals (`actual`, `series`, `trend`, `writtenCurrent`) are data,
 * not the declaration: its `current` is compared as written, and its actual (the latest row of
 * its revision's actuals, which judges met or missed) on its own.
 */
const STRUCTURAL = new Set(['id', 'name', 'kind', 'location', 'index', 'stage', 'touchpoints', 'moments', 'kpis', 'objective', 'met', 'referenced',
    'stages', 'pains', 'opportunities', 'objectives', 'processes', 'customerDetails', 'systems', 'information',
    'valueAtRisk', 'exposure', 'value', 'actual', 'series', 'trend', 'writtenCurrent']);
/** Structural names that are properties of some kinds: `kpis` of a moment, `processes` of a touchpoint, ... */
function isStructural(kind: Kind, field: string): boolean {
    return STRUCTURAL.has(field) && !REFERENCE_FIELDS[kind].includes(field);
}

/**
 * How the language writes a field: the model's `momentKind` is a moment's `kind`, a customer's
 * `tier` its `value`, a KPI's `direction` its `better` (given, or its metric's: a change of metric
 * that turns the direction says so too).
 */
export const PROPERTY_NAMES: Record<string, string> = { momentKind: 'kind', tier: 'value', direction: 'better', doc: 'doc comment' };

export type Prop =
    | { type: 'value'; canon: string; text: string }
    | { type: 'refs'; ids: readonly string[] };

export type { KpiStatus };

/** A KPI's actual as the diff compares it: its value (as written in the CSV file, and by meaning) and its date. */
export interface ActualEntry {
    value: string;
    canon: string;
    date: string;
}

export interface Entry {
    kind: Kind;
    id: string;
    name: string;
    title?: string;
    /** Top-level declarations and journeys: `top`; the rest: `member` (of a journey, or a top-level objective's KPI). */
    scope: 'top' | 'member';
    /** The id of what it belongs to: its journey, a touchpoint's stage, a KPI's objective; '' at top level. */
    parent: string;
    /** The top-level declaration it is part of (itself at top level). */
    top: string;
    /** Position among its parent's ordered children (stages, touchpoints), or in declaration order. */
    order: number;
    /** Whether its position is meaningful (stage order, touchpoint order within a stage). */
    ordered: boolean;
    props: Map<string, Prop>;
    /** A property that defaults to another element's (a touchpoint's customers to its journey's): property → that element's key. */
    inherits: Map<string, string>;
    /** The simple names of its children, which tell a renamed container from a new one. */
    children: string[];
    status?: KpiStatus;
    /** A KPI's actual at this revision (its latest row on or before the as-of date), when it has one. */
    actual?: ActualEntry;
    /** A negative or mixed moment of truth's value at risk (its total per currency; empty when nothing of it is known). */
    atRisk?: readonly Money[];
    file?: string;
    line?: number;
}

export function keyOf(kind: Kind, id: string): string {
    return `${kind}:${id}`;
}

export function entryKey(e: Pick<Entry, 'kind' | 'id'>): string {
    return keyOf(e.kind, e.id);
}

/** Every declaration of `model` as an entry, by key. */
export function entriesOf(model: WorkspaceModel): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    const fileOf = (e: Element) => e.location && model.fileOfUri[e.location.uri];
    const add = (kind: Kind, element: Element, extra: { scope: Entry['scope']; parent: string; top: string; order: number; ordered?: boolean; children?: string[]; inherits?: [string, string][]; status?: KpiStatus; actual?: ActualEntry; atRisk?: readonly Money[] }) => {
        const key = keyOf(kind, element.id);
        if (entries.has(key)) return; // a duplicate (the validator reports it): the first one stands
        const file = fileOf(element);
        const range = element.location?.nameRange ?? element.location?.range;
        entries.set(key, {
            kind, id: element.id, name: element.name, ...(element.title !== undefined ? { title: element.title } : {}),
            scope: extra.scope, parent: extra.parent, top: extra.top, order: extra.order, ordered: extra.ordered ?? false,
            props: propsOf(kind, element), inherits: new Map(extra.inherits ?? []), children: extra.children ?? [],
            ...(extra.status ? { status: extra.status } : {}),
            ...(extra.actual ? { actual: extra.actual } : {}),
            ...(extra.atRisk ? { atRisk: extra.atRisk } : {}),
            ...(file !== undefined ? { file } : {}), ...(range ? { line: range.start.line + 1 } : {})
        });
    };
    const addObjective = (objective: ObjectiveModel, scope: Entry['scope'], parent: string, top: string, order: number) => {
        add('objective', objective, { scope, parent, top, order, children: objective.kpis.map(k => k.name) });
        objective.kpis.forEach((kpi, i) => add('kpi', kpi, {
            scope: 'member', parent: objective.id, top, order: i, status: kpiStatus(kpi),
            ...(kpi.actual ? { actual: { value: kpi.actual.value.text, canon: canonical(kpi.actual.value), date: kpi.actual.date } } : {})
        }));
    };
    const top = (kind: Kind, elements: Element[]) => elements.forEach((e, i) => add(kind, e, { scope: 'top', parent: '', top: e.id, order: i }));
    top('customer', model.customers);
    top('system', model.systems);
    top('information', model.information);
    model.objectives.forEach((o, i) => addObjective(o, 'top', '', o.id, i));
    top('process', model.processes);
    model.journeys.forEach((j, i) => addJourney(j, i));
    return entries;

    function addJourney(journey: JourneyModel, order: number): void {
        const local = (e: Element) => e.id.startsWith(`${journey.name}.`);
        const members = [...journey.objectives.filter(local), ...journey.objectives.filter(local).flatMap(o => o.kpis), ...journey.processes.filter(local),
            ...journey.stages, ...journey.touchpoints, ...journey.moments, ...journey.pains, ...journey.opportunities];
        add('journey', journey, { scope: 'top', parent: '', top: journey.id, order, children: members.map(m => m.name) });
        const member = { scope: 'member' as const, parent: journey.id, top: journey.id };
        journey.objectives.filter(local).forEach((o, i) => addObjective(o, 'member', journey.id, journey.id, i));
        journey.processes.filter(local).forEach((p, i) => add('process', p, { ...member, order: i }));
        journey.stages.forEach(s => add('stage', s, { ...member, order: s.index, ordered: true, children: s.touchpoints.map(t => t.slice(journey.name.length + 1)) }));
        const journeyKey = keyOf('journey', journey.id);
        for (const stage of journey.stages) {
            journey.touchpoints.filter(t => t.stage === stage.id).forEach(t => add('touchpoint', t, {
                ...member, parent: stage.id, order: t.index, ordered: true, inherits: [['customers', journeyKey]]
            }));
        }
        journey.moments.forEach((m, i) => add('moment', m, {
            ...member, order: i, inherits: [['customers', m.at !== undefined ? keyOf('touchpoint', m.at) : journeyKey]],
            ...(m.valueAtRisk ? { atRisk: m.valueAtRisk.total } : {})
        }));
        journey.pains.forEach((p, i) => add('pain', p, { ...member, order: i }));
        journey.opportunities.forEach((o, i) => add('opportunity', o, { ...member, order: i }));
    }
}

/** The properties of an element: every non-structural field that has a value (an empty list has none). */
export function propsOf(kind: Kind, element: Element): Map<string, Prop> {
    const props = new Map<string, Prop>();
    if (element.title !== undefined) props.set('title', { type: 'value', canon: `s:${element.title}`, text: element.title });
    for (const [field, value] of Object.entries(kind === 'kpi' ? asWritten(element as KpiModel) : element)) {
        if (field === 'title' || value === undefined || isStructural(kind, field)) continue;
        if (REFERENCE_FIELDS[kind].includes(field)) {
            const ids = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
            if (ids.length > 0) props.set(field, { type: 'refs', ids: [...new Set(ids)].sort() });
            continue;
        }
        if (Array.isArray(value) && value.length === 0) continue;
        props.set(field, valueProp(value));
    }
    return props;
}

/** A KPI with its `current` as written in the `.copis` file (none when only an actual gives it one). */
function asWritten(kpi: KpiModel): KpiModel {
    if (!kpi.actual) return kpi;
    const { current: _actual, writtenCurrent, ...rest } = kpi;
    return writtenCurrent ? { ...rest, current: writtenCurrent } : rest;
}

function isValue(v: unknown): v is Value {
    return typeof v === 'object' && v !== null && typeof (v as Value).form === 'string' && typeof (v as Value).text === 'string';
}

/**
 * A field's value, compared by meaning: `48h` and `2d` are one duration, `3.40%` and `3.4%` one
 * percent; shown as written.
 */
function valueProp(value: unknown): Prop {
    if (typeof value === 'string') return { type: 'value', canon: `s:${value}`, text: value };
    if (typeof value === 'number' || typeof value === 'boolean') return { type: 'value', canon: `${typeof value}:${value}`, text: String(value) };
    if (isValue(value)) return { type: 'value', canon: canonical(value), text: value.text };
    if (typeof value === 'object' && value !== null && 'op' in value && isValue((value as unknown as { value: unknown }).value)) {
        const target = value as NonNullable<KpiModel['target']>;
        return { type: 'value', canon: `${target.op}${canonical(target.value)}`, text: targetText({ target } as KpiModel) ?? '' };
    }
    if (Array.isArray(value) && value.every(v => typeof v === 'string')) return { type: 'value', canon: JSON.stringify(value), text: value.join(', ') };
    return { type: 'value', canon: JSON.stringify(value), text: JSON.stringify(value) };
}

function canonical(v: Value): string {
    switch (v.form) {
        case 'duration': return `duration:${v.seconds}`;
        case 'money': return `money:${v.value}:${v.currency}`;
        case 'date': return `date:${v.value}`;
        default: return `${v.form}:${v.value}`;
    }
}
