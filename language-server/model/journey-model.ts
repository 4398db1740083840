import type { Range } from 'vscode-languageserver-types';
import type { Comparator, Direction } from './metrics.js';
import type { Money } from './money.js';
import type { Value } from './values.js';

/**
 * The resolved journey model: plain, JSON-serialisable data. References are ids
 * (`Name` for top-level declarations, `Journey.Name` for journey members), defaults are
 * applied, and what does not resolve is left out. The preview, the exports and the
 * whole-journey validation rules all read this, never the AST.
 */
export interface SourceLocation {
    uri: string;
    /** The whole declaration. */
    range: Range;
    /** Its name. */
    nameRange?: Range;
}

export interface Element {
    id: string;
    name: string;
    title?: string;
    doc?: string;
    location?: SourceLocation;
}

export interface CustomerModel extends Element {
    kind: 'customer';
    segment?: string;
    tier?: 'high' | 'medium' | 'low';
    clv?: Value;
    needs: string[];
    /** How many customers the segment holds (`count`). */
    count?: number;
}

export interface SystemModel extends Element {
    kind: 'system';
    type?: string;
    owner?: string;
    approved?: string;
}

export interface InformationModel extends Element {
    kind: 'information';
    source?: string;
    owner?: string;
    classification?: string;
}

/** A KPI's measurement on a day, from a CSV file of actuals (language §7). */
export interface KpiPoint {
    date: string;
    value: Value;
}

/** The latest measurement on or before the as-of date: it takes the place of `current`. */
export interface KpiActual extends KpiPoint {
    /** The row it was read from (the range of its value cell). */
    location: SourceLocation;
    /** Days from its date to the as-of date. */
    ageDays: number;
    /** Older than `staleAfter` (default 90 days) before the as-of date: `kpi-stale`. */
    stale: boolean;
    /** The `staleAfter` it was judged by, as written (`90d`): its model root's config, else the default. */
    staleAfter: string;
}

/** What a KPI's actuals say about it, as the actuals service gives them to the model. */
export interface KpiData {
    actual?: KpiActual;
    /** The rows before the actual, oldest first. */
    series: KpiPoint[];
}

export interface KpiModel extends Element {
    kind: 'kpi';
    objective: string;
    metric?: string;
    /** Which way is better: the KPI's `better`, else its metric's (§4); absent when neither says. */
    direction?: Direction;
    /**
     * Its value: the latest actual on or before the as-of date when there is one (`actual` says
     * when and where from), else `current` as written.
     */
    current?: Value;
    /** `current` as written in the .copis file, when an actual took its place. */
    writtenCurrent?: Value;
    actual?: KpiActual;
    /** Its measurements before the actual, oldest first (present when it has actuals). */
    series?: KpiPoint[];
    /** How the actual compares with the measurement before it; `improving` when the direction is known. */
    trend?: { from: string; change: 'up' | 'down' | 'flat'; improving?: boolean };
    target?: { op: Comparator; value: Value };
    due?: string;
    unit?: string;
    owner?: string;
    /** `current` satisfies `target`; undefined when either is missing or they cannot be compared. */
    met?: boolean;
}

export interface ObjectiveModel extends Element {
    kind: 'objective';
    for: string[];
    kpis: KpiModel[];
    /**
     * The journey does not own this objective (it neither declares it nor supports it through its
     * processes) but refers to some of its KPIs (a moment's `kpis`, an opportunity's `improves`):
     * `kpis` then holds just those.
     */
    referenced?: true;
}

export interface ProcessModel extends Element {
    kind: 'process';
    owner?: string;
    lane?: 'frontstage' | 'backstage' | 'support';
    systems: string[];
    reads: string[];
    writes: string[];
    supports: string[];
    steps: string[];
    sla?: Value;
}

export interface TouchpointModel extends Element {
    kind: 'touchpoint';
    stage: string;
    /** Position across the whole journey, from 0, in declaration order. */
    index: number;
    channel?: string;
    /** Explicit customers, or the journey's. */
    customers: string[];
    processes: string[];
    systems: string[];
    information: string[];
    emotion?: number;
    /** The share of its customers who pass it, in percent, as written (`reach`); absent means 100%. */
    reach?: number;
    moments: string[];
}

export interface StageModel extends Element {
    kind: 'stage';
    index: number;
    category?: string;
    touchpoints: string[];
}

export interface MomentModel extends Element {
    kind: 'moment';
    at?: string;
    stage?: string;
    momentKind?: string;
    polarity?: string;
    impact?: string;
    /** Explicit customers, or the touchpoint's. */
    customers: string[];
    kpis: string[];
    recovery?: string;
    owner?: string;
    /** A negative or mixed moment's value at risk (language §7); absent for positive moments and those without polarity. */
    valueAtRisk?: ValueAtRisk;
}

export interface PainModel extends Element {
    kind: 'pain';
    /** A touchpoint or a stage id. */
    at?: string;
    severity?: string;
    /** What passes where it hurts (language §7). */
    exposure?: ValueAtRisk;
}

export interface OpportunityModel extends Element {
    kind: 'opportunity';
    addresses: string[];
    improves: string[];
    owner?: string;
    effort?: 'low' | 'medium' | 'high';
    /** In percent, as written; absent means 50% (§7). */
    confidence?: number;
    status?: 'idea' | 'planned' | 'doing' | 'done';
    /** Its value and priority (language §7), with every input. */
    value?: OpportunityValue;
}

/** One customer's share of a value at risk or an exposure: `count × clv × reach`. */
export interface ValueTerm {
    customer: string;
    count: number;
    clv: Money;
    /** In percent: the reach of the touchpoint (for a pain at a stage, the highest among the stage's touchpoints the customer passes). */
    reach: number;
    /** The touchpoint the reach is that of. */
    touchpoint: string;
    amount: Money;
}

/** An input a figure needs and does not have: the figure leaves that part out (it never guesses). */
export interface UnknownInput {
    /** The element that lacks it (a customer, moment, pain or opportunity id). */
    element: string;
    /** The property that is missing (`count`, `clv`, `at`, `polarity`, `impact`, `severity`, `effort`). */
    missing: string;
    /** In words, for a reader. */
    reason: string;
}

/** A sum of `count × clv × reach`, per currency, with its terms and what it leaves out. */
export interface ValueAtRisk {
    /** Per currency, sorted by currency; empty when no term is known. */
    total: Money[];
    terms: ValueTerm[];
    unknown: UnknownInput[];
}

/** What one addressed moment or pain adds to an opportunity's value. */
export interface OpportunityTerm {
    /** The moment or pain id. */
    addresses: string;
    of: 'moment' | 'pain';
    /** Its value at risk (a moment) or exposure (a pain). */
    atRisk: Money[];
    /** The moment's impact or the pain's severity, and its weight. */
    level: string;
    weight: number;
    /** atRisk × weight. */
    value: Money[];
}

export interface OpportunityValue {
    /** Σ of its terms' values, per currency. */
    value: Money[];
    /** Σ of its terms' value at risk and exposure, unweighted: what is at risk where it works. */
    atRisk: Money[];
    terms: OpportunityTerm[];
    /** In percent: its `confidence`, else 50. */
    confidence: number;
    /** The effort's weight (low 1, medium 2, high 4); absent without `effort`. */
    effortWeight?: number;
    /** value × confidence ÷ effort weight, per currency; absent without `effort`. */
    priority?: Money[];
    /**
     * Its place among its journey's opportunities that are not done and have a priority, per
     * currency (highest priority first; ties in declaration order). Absent when done or unranked.
     */
    rank?: Array<{ currency: string; rank: number; of: number }>;
    unknown: UnknownInput[];
}

export interface JourneyModel extends Element {
    kind: 'journey';
    customers: string[];
    stages: StageModel[];
    touchpoints: TouchpointModel[];
    moments: MomentModel[];
    pains: PainModel[];
    opportunities: OpportunityModel[];
    /**
     * Journey-local objectives, then top-level ones its processes support (the journey's own),
     * then the objectives of any other KPI it refers to (`referenced`).
     */
    objectives: ObjectiveModel[];
    /** Journey-local processes, then top-level ones its touchpoints and moments use. */
    processes: ProcessModel[];
    /** Everything the journey touches, resolved once so a renderer needs no lookups. */
    customerDetails: CustomerModel[];
    systems: SystemModel[];
    information: InformationModel[];
}

/** A touchpoint as the validation rules read it: without the processes, systems and information it uses, and its reach. */
export type CheckedTouchpointModel = Omit<TouchpointModel, 'processes' | 'systems' | 'information' | 'reach'>;

/** A moment of truth as the rules read it: where it is, its kind and polarity (its touchpoint's customers and its own are read from the nodes). */
export type CheckedMomentModel = Omit<MomentModel, 'impact' | 'customers' | 'kpis' | 'recovery' | 'owner' | 'valueAtRisk'>;

export type CheckedPainModel = Omit<PainModel, 'exposure'>;

/** An opportunity as the rules read it: what it addresses. */
export type CheckedOpportunityModel = Omit<OpportunityModel, 'improves' | 'owner' | 'effort' | 'confidence' | 'status' | 'value'>;

/** A customer as the rules name it. */
export type CheckedCustomerModel = Omit<CustomerModel, 'segment' | 'tier' | 'clv' | 'needs' | 'count'>;

/**
 * A journey as the validation rules read it (`buildJourneyModel(journey, { forChecks: true })`): its stages,
 * touchpoints, moments, pains and opportunities, with the fields the rules read, without the objectives,
 * processes, systems and information it uses and without the value at stake, which no rule reads (each
 * property left out is a search of a node's properties saved); `customerDetails` holds the customers the
 * journey, its touchpoints and its moments name (not those only its objectives are for), by id and name.
 */
export interface CheckedJourneyModel extends Omit<JourneyModel, 'touchpoints' | 'moments' | 'pains' | 'opportunities' | 'customerDetails' | 'objectives' | 'processes' | 'systems' | 'information'> {
    touchpoints: CheckedTouchpointModel[];
    moments: CheckedMomentModel[];
    pains: CheckedPainModel[];
    opportunities: CheckedOpportunityModel[];
    customerDetails: CheckedCustomerModel[];
}
