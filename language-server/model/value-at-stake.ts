/**
 * What is at stake in a journey, in money (language §7, "Value at stake"): the value at risk of
 * each negative or mixed moment of truth, the exposure of each pain, and each opportunity's value
 * and priority. Pure functions of the resolved model: every surface (hover, code lens, exports,
 * the report) reads these figures, none computes them again. A figure never guesses: an input that
 * is missing (a customer's `count` or `clv`, a moment's `impact`, an opportunity's `effort`) leaves
 * its part out and is listed in `unknown`. Amounts are kept per currency and never added across.
 */
import type {
    CustomerModel, JourneyModel, MomentModel, OpportunityModel, OpportunityTerm, OpportunityValue, PainModel, TouchpointModel, UnknownInput,
    ValueAtRisk, ValueTerm
} from './journey-model.js';
import { addMoney, cents, scaleMoney, type Money } from './money.js';

/** How much a moment's impact or a pain's severity counts of what is at risk there. */
export const IMPACT_WEIGHT: Readonly<Record<string, number>> = { low: 0.25, medium: 0.5, high: 0.75, critical: 1 };
/** How much work an opportunity's effort is. */
export const EFFORT_WEIGHT: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 4 };
/** An opportunity without `confidence` is taken as a coin toss. */
export const DEFAULT_CONFIDENCE = 50;
/** A touchpoint without `reach` is passed by all of its customers. */
export const DEFAULT_REACH = 100;

export interface ValueAtStake {
    moments: Map<string, ValueAtRisk>;
    pains: Map<string, ValueAtRisk>;
    opportunities: Map<string, OpportunityValue>;
}

/** Whether a moment of truth has a value at risk: it is negative or mixed. */
export function putsValueAtRisk(moment: MomentModel): boolean {
    return moment.polarity === 'negative' || moment.polarity === 'mixed';
}

/** Every figure of a journey, by element id. */
export function valueAtStakeOf(model: JourneyModel): ValueAtStake {
    const customers = new Map(model.customerDetails.map(c => [c.id, c]));
    const touchpoints = new Map(model.touchpoints.map(t => [t.id, t]));
    const moments = new Map<string, ValueAtRisk>();
    for (const m of model.moments) if (putsValueAtRisk(m)) moments.set(m.id, momentValueAtRisk(m, touchpoints, customers));
    const pains = new Map(model.pains.map(p => [p.id, painExposure(p, model, touchpoints, customers)]));
    const momentById = new Map(model.moments.map(m => [m.id, m]));
    const painById = new Map(model.pains.map(p => [p.id, p]));
    const opportunities = new Map<string, OpportunityValue>();
    for (const o of model.opportunities) opportunities.set(o.id, opportunityValue(o, { moments, pains, momentById, painById }));
    const ranks = rankOpportunities(model.opportunities.map(o => ({ key: o.id, value: opportunities.get(o.id)!, done: o.status === 'done' })));
    for (const [id, rank] of ranks) opportunities.get(id)!.rank = rank;
    return { moments, pains, opportunities };
}

/** Puts the figures on the model's moments, pains and opportunities (the model's own objects, so that their AST links stay). */
export function attachValueAtStake(model: JourneyModel): void {
    const figures = valueAtStakeOf(model);
    for (const m of model.moments) {
        const v = figures.moments.get(m.id);
        if (v) m.valueAtRisk = v; else delete m.valueAtRisk;
    }
    for (const p of model.pains) p.exposure = figures.pains.get(p.id)!;
    for (const o of model.opportunities) o.value = figures.opportunities.get(o.id)!;
}

function momentValueAtRisk(m: MomentModel, touchpoints: Map<string, TouchpointModel>, customers: Map<string, CustomerModel>): ValueAtRisk {
    const tp = m.at === undefined ? undefined : touchpoints.get(m.at);
    if (!tp) return { total: [], terms: [], unknown: [{ element: m.id, missing: 'at', reason: `\`${m.name}\` has no touchpoint (\`at\`), so neither its reach nor its customers' share is known` }] };
    return sum(m.customers.map(c => ({ customer: c, touchpoint: tp })), customers);
}

function painExposure(p: PainModel, model: JourneyModel, touchpoints: Map<string, TouchpointModel>, customers: Map<string, CustomerModel>): ValueAtRisk {
    const at = p.at;
    const tp = at === undefined ? undefined : touchpoints.get(at);
    if (tp) return sum(tp.customers.map(c => ({ customer: c, touchpoint: tp })), customers);
    const stage = at === undefined ? undefined : model.stages.find(s => s.id === at);
    if (!stage) return { total: [], terms: [], unknown: [{ element: p.id, missing: 'at', reason: `\`${p.name}\` is at no touchpoint or stage (\`at\`), so who passes there is not known` }] };
    // Each customer of the stage once, with the highest reach among its touchpoints they pass (the first on a tie).
    const best = new Map<string, TouchpointModel>();
    for (const id of stage.touchpoints) {
        const t = touchpoints.get(id);
        if (!t) continue;
        for (const c of t.customers) {
            const seen = best.get(c);
            if (!seen || reachOf(t) > reachOf(seen)) best.set(c, t);
        }
    }
    if (best.size === 0 && stage.touchpoints.length === 0) {
        return { total: [], terms: [], unknown: [{ element: p.id, missing: 'at', reason: `\`${p.name}\` is at stage \`${stage.name}\`, which has no touchpoint` }] };
    }
    return sum([...best].map(([customer, touchpoint]) => ({ customer, touchpoint })), customers);
}

function reachOf(t: TouchpointModel): number {
    return t.reach ?? DEFAULT_REACH;
}

/** Σ count × clv × reach over the customers, per currency; a customer without count or money clv is listed, not guessed. */
function sum(entries: Array<{ customer: string; touchpoint: TouchpointModel }>, customers: Map<string, CustomerModel>): ValueAtRisk {
    const terms: ValueTerm[] = [];
    const unknown: UnknownInput[] = [];
    const seen = new Set<string>();
    for (const { customer: id, touchpoint } of entries) {
        if (seen.has(id)) continue;
        seen.add(id);
        const customer = customers.get(id);
        const clv = customer?.clv?.form === 'money' ? customer.clv : undefined;
        if (customer?.count === undefined) unknown.push({ element: id, missing: 'count', reason: `customer \`${id}\` has no \`count\`, so its share is left out` });
        if (!clv) unknown.push({ element: id, missing: 'clv', reason: `customer \`${id}\` has no \`clv\`, so its share is left out` });
        if (customer?.count === undefined || !clv) continue;
        const reach = reachOf(touchpoint);
        const amount = { currency: clv.currency, amount: cents(customer.count * clv.value * reach / 100) };
        terms.push({ customer: id, count: customer.count, clv: { currency: clv.currency, amount: clv.value }, reach, touchpoint: touchpoint.id, amount });
    }
    return { total: addMoney([], terms.map(t => t.amount)), terms, unknown };
}

interface Figures {
    moments: Map<string, ValueAtRisk>;
    pains: Map<string, ValueAtRisk>;
    momentById: Map<string, MomentModel>;
    painById: Map<string, PainModel>;
}

function opportunityValue(o: OpportunityModel, figures: Figures): OpportunityValue {
    const terms: OpportunityTerm[] = [];
    const unknown: UnknownInput[] = [];
    for (const id of o.addresses) {
        const moment = figures.momentById.get(id);
        const pain = moment ? undefined : figures.painById.get(id);
        if (moment) {
            // A positive moment has nothing at risk: it adds nothing, and nothing is missing.
            if (moment.polarity === 'positive') continue;
            if (moment.polarity === undefined) {
                unknown.push({ element: moment.id, missing: 'polarity', reason: `moment \`${moment.name}\` has no \`polarity\`, so whether anything is at risk there is not known` });
                continue;
            }
            const atRisk = figures.moments.get(moment.id)!;
            unknown.push(...atRisk.unknown);
            const weight = moment.impact === undefined ? undefined : IMPACT_WEIGHT[moment.impact];
            if (weight === undefined) {
                unknown.push({ element: moment.id, missing: 'impact', reason: `moment \`${moment.name}\` has no \`impact\`, so how much of its value at risk counts is not known` });
                continue;
            }
            terms.push({ addresses: moment.id, of: 'moment', atRisk: atRisk.total, level: moment.impact!, weight, value: scaleMoney(atRisk.total, weight) });
        } else if (pain) {
            const exposure = figures.pains.get(pain.id)!;
            unknown.push(...exposure.unknown);
            const weight = pain.severity === undefined ? undefined : IMPACT_WEIGHT[pain.severity];
            if (weight === undefined) {
                unknown.push({ element: pain.id, missing: 'severity', reason: `pain \`${pain.name}\` has no \`severity\`, so how much of its exposure counts is not known` });
                continue;
            }
            terms.push({ addresses: pain.id, of: 'pain', atRisk: exposure.total, level: pain.severity!, weight, value: scaleMoney(exposure.total, weight) });
        }
    }
    const value = terms.reduce<Money[]>((total, t) => addMoney(total, t.value), []);
    const atRisk = terms.reduce<Money[]>((total, t) => addMoney(total, t.atRisk), []);
    const confidence = o.confidence ?? DEFAULT_CONFIDENCE;
    const effortWeight = o.effort === undefined ? undefined : EFFORT_WEIGHT[o.effort];
    const result: OpportunityValue = { value, atRisk, terms, confidence, unknown: dedupe(unknown) };
    if (effortWeight === undefined) {
        result.unknown.push({ element: o.id, missing: 'effort', reason: `opportunity \`${o.name}\` has no \`effort\`, so its priority is not known` });
    } else {
        result.effortWeight = effortWeight;
        result.priority = scaleMoney(value, confidence / 100 / effortWeight);
    }
    return result;
}

function dedupe(unknown: UnknownInput[]): UnknownInput[] {
    const seen = new Set<string>();
    return unknown.filter(u => {
        const key = `${u.element}\u0000${u.missing}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/**
 * Ranks opportunities by priority, per currency: highest first, ties in the given order. Done
 * ones and those without a priority are not ranked (they are listed apart).
 */
export function rankOpportunities<K>(items: ReadonlyArray<{ key: K; value: OpportunityValue; done: boolean }>): Map<K, Array<{ currency: string; rank: number; of: number }>> {
    const byCurrency = new Map<string, Array<{ key: K; amount: number; order: number }>>();
    items.forEach((item, order) => {
        if (item.done || !item.value.priority) return;
        for (const p of item.value.priority) {
            let list = byCurrency.get(p.currency);
            if (!list) byCurrency.set(p.currency, list = []);
            list.push({ key: item.key, amount: p.amount, order });
        }
    });
    const ranks = new Map<K, Array<{ currency: string; rank: number; of: number }>>();
    for (const currency of [...byCurrency.keys()].sort()) {
        const list = byCurrency.get(currency)!.sort((a, b) => b.amount - a.amount || a.order - b.order);
        list.forEach((entry, i) => {
            let rank = ranks.get(entry.key);
            if (!rank) ranks.set(entry.key, rank = []);
            rank.push({ currency, rank: i + 1, of: list.length });
        });
    }
    return ranks;
}

/**
 * What a set of moments of truth puts at risk together (a portfolio cell: the moments of a journey's
 * stages of one lifecycle category; or a whole journey): the sum of their value at risk, per currency,
 * and every input their figures leave out, once.
 */
export interface MomentsAtRisk {
    /** Σ of the moments' value at risk, per currency (sorted); empty when none is known. */
    total: Money[];
    /** How many of them put value at risk (negative or mixed). */
    moments: number;
    /** How many of those have no known term at all (their figure is `unknown`). */
    noneKnown: number;
    /** What their figures leave out, once per element and property. */
    unknown: UnknownInput[];
}

export function momentsAtRisk(moments: readonly MomentModel[]): MomentsAtRisk {
    let total: Money[] = [];
    let count = 0;
    let noneKnown = 0;
    const unknown: UnknownInput[] = [];
    for (const m of moments) {
        const v = m.valueAtRisk;
        if (!v) continue;
        count++;
        if (v.total.length === 0) noneKnown++;
        total = addMoney(total, v.total);
        unknown.push(...v.unknown);
    }
    return { total, moments: count, noneKnown, unknown: dedupe(unknown) };
}

/** A customer's value at risk across journeys: its share of every negative or mixed moment's figure. */
export interface CustomerAtRisk {
    total: Money[];
    terms: Array<{ journey: string; moment: string; term: ValueTerm }>;
    /**
     * Why its share of a moment on its path is not known, once each: the customer's own missing
     * `count` or `clv`, or a moment without a touchpoint.
     */
    unknown: UnknownInput[];
}

export function customerAtRisk(customer: string, journeys: readonly JourneyModel[]): CustomerAtRisk {
    const terms: CustomerAtRisk['terms'] = [];
    const unknown: UnknownInput[] = [];
    for (const j of journeys) {
        for (const m of j.moments) {
            const v = m.valueAtRisk;
            if (!v) continue;
            const term = v.terms.find(t => t.customer === customer);
            if (term) terms.push({ journey: j.id, moment: m.id, term });
            else if (m.customers.includes(customer)) unknown.push(...v.unknown.filter(u => u.element === customer || u.element === m.id));
        }
    }
    return { total: addMoney([], terms.map(t => t.term.amount)), terms, unknown: dedupe(unknown) };
}
