/**
 * What `copis report` says about a whole model root (language §7): every KPI with its actual,
 * target, trend and staleness; the moments of truth ranked by value at risk; the opportunities
 * ranked by priority across all journeys; and what the figures leave out, and why. Pure: built
 * from the resolved journeys (and the top-level objectives), whose figures it only ranks.
 */
import type { JourneyModel, KpiModel, MomentModel, ObjectiveModel, OpportunityModel, UnknownInput, ValueAtRisk } from './journey-model.js';
import type { Money } from './money.js';
import { momentsAtRisk, rankOpportunities } from './value-at-stake.js';

export interface ReportKpi {
    kpi: KpiModel;
    objective: { id: string; name: string; title?: string };
    /** The journeys that own or refer to it. */
    journeys: string[];
}

export interface RankedMoment {
    moment: MomentModel;
    journey: string;
    valueAtRisk: ValueAtRisk;
    /** Its amount in the currency of the ranking. */
    amount: number;
}

export interface RankedOpportunity {
    opportunity: OpportunityModel;
    journey: string;
    /** Its rank by priority in the currency of the ranking, across the model root. */
    rank: number;
    of: number;
    priority: number;
}

export interface UnknownEntry extends UnknownInput {
    journey?: string;
}

export interface RootReport {
    journeys: Array<{ id: string; name: string; title?: string; valueAtRisk: Money[] }>;
    kpis: ReportKpi[];
    /** Per currency (sorted), the negative and mixed moments with a value at risk in it, highest first. */
    momentsByValueAtRisk: Array<{ currency: string; moments: RankedMoment[] }>;
    /** Negative and mixed moments whose value at risk is not known at all. */
    momentsUnknown: Array<{ moment: MomentModel; journey: string }>;
    /** Per currency (sorted), the opportunities that are not done and have a priority in it, highest first. */
    opportunitiesByPriority: Array<{ currency: string; opportunities: RankedOpportunity[] }>;
    /** Not done, and no priority (no effort, or nothing known at risk). */
    opportunitiesUnranked: Array<{ opportunity: OpportunityModel; journey: string }>;
    opportunitiesDone: Array<{ opportunity: OpportunityModel; journey: string }>;
    /** Every input a figure lacks, once, and the KPIs that cannot be judged. */
    unknown: UnknownEntry[];
}

export function buildRootReport(journeys: readonly JourneyModel[], topLevelObjectives: readonly ObjectiveModel[]): RootReport {
    // ---- KPIs: each once, the journeys' own and every top-level objective's
    const kpis = new Map<string, ReportKpi>();
    const addKpis = (o: ObjectiveModel, journey?: string) => {
        for (const kpi of o.kpis) {
            let entry = kpis.get(kpi.id);
            if (!entry) kpis.set(kpi.id, entry = { kpi, objective: { id: o.id, name: o.name, ...(o.title ? { title: o.title } : {}) }, journeys: [] });
            if (journey && !entry.journeys.includes(journey)) entry.journeys.push(journey);
        }
    };
    for (const o of topLevelObjectives) addKpis(o);
    for (const j of journeys) for (const o of j.objectives) addKpis(o, j.id);

    // ---- moments by value at risk, per currency
    const byCurrency = new Map<string, RankedMoment[]>();
    const momentsUnknown: RootReport['momentsUnknown'] = [];
    for (const j of journeys) {
        for (const m of j.moments) {
            const v = m.valueAtRisk;
            if (!v) continue;
            if (v.total.length === 0) momentsUnknown.push({ moment: m, journey: j.id });
            for (const t of v.total) {
                let list = byCurrency.get(t.currency);
                if (!list) byCurrency.set(t.currency, list = []);
                list.push({ moment: m, journey: j.id, valueAtRisk: v, amount: t.amount });
            }
        }
    }
    const momentsByValueAtRisk = [...byCurrency.keys()].sort().map(currency => ({
        currency, moments: byCurrency.get(currency)!.sort((a, b) => b.amount - a.amount)
    }));

    // ---- opportunities by priority, across the model root
    const all = journeys.flatMap(j => j.opportunities.filter(o => o.value).map(o => ({ opportunity: o, journey: j.id })));
    const ranks = rankOpportunities(all.map((e, i) => ({ key: i, value: e.opportunity.value!, done: e.opportunity.status === 'done' })));
    const ranked = new Map<string, RankedOpportunity[]>();
    const opportunitiesUnranked: RootReport['opportunitiesUnranked'] = [];
    const opportunitiesDone: RootReport['opportunitiesDone'] = [];
    all.forEach((entry, i) => {
        if (entry.opportunity.status === 'done') {
            opportunitiesDone.push(entry);
            return;
        }
        const rank = ranks.get(i);
        if (!rank) {
            opportunitiesUnranked.push(entry);
            return;
        }
        for (const r of rank) {
            let list = ranked.get(r.currency);
            if (!list) ranked.set(r.currency, list = []);
            const priority = entry.opportunity.value!.priority!.find(p => p.currency === r.currency)!.amount;
            list.push({ ...entry, rank: r.rank, of: r.of, priority });
        }
    });
    const opportunitiesByPriority = [...ranked.keys()].sort().map(currency => ({ currency, opportunities: ranked.get(currency)!.sort((a, b) => a.rank - b.rank) }));

    // ---- what is not known, once each
    const unknown: UnknownEntry[] = [];
    const seen = new Set<string>();
    const note = (u: UnknownInput, journey?: string) => {
        const key = `${u.element}\u0000${u.missing}`;
        if (seen.has(key)) return;
        seen.add(key);
        unknown.push({ ...u, ...(journey ? { journey } : {}) });
    };
    for (const j of journeys) {
        for (const m of j.moments) m.valueAtRisk?.unknown.forEach(u => note(u, j.id));
        for (const p of j.pains) p.exposure?.unknown.forEach(u => note(u, j.id));
        for (const o of j.opportunities) o.value?.unknown.forEach(u => note(u, j.id));
    }
    for (const { kpi } of kpis.values()) {
        if (!kpi.current) note({ element: kpi.id, missing: 'current', reason: `KPI \`${kpi.id}\` has neither a \`current\` value nor an actual, so whether it is met is not known` });
        else if (!kpi.target) note({ element: kpi.id, missing: 'target', reason: `KPI \`${kpi.id}\` has no \`target\`, so whether it is met is not known` });
        else if (kpi.met === undefined) note({ element: kpi.id, missing: 'target', reason: `KPI \`${kpi.id}\`'s value and target cannot be compared (different forms or currencies)` });
    }

    return {
        journeys: journeys.map(j => ({
            id: j.id, name: j.name, ...(j.title ? { title: j.title } : {}),
            valueAtRisk: momentsAtRisk(j.moments).total
        })),
        kpis: [...kpis.values()],
        momentsByValueAtRisk, momentsUnknown,
        opportunitiesByPriority, opportunitiesUnranked, opportunitiesDone,
        unknown
    };
}
