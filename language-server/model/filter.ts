/**
 * Parts of a journey: one persona's path (`filterByCustomer`) and a range of stages
 * (`sliceStages`). Both keep some touchpoints and moments, then what those use: the pains at
 * kept touchpoints or at stages that keep one, the opportunities that address something kept,
 * the processes, systems and information used, and the objectives that concern what is kept.
 */
import type { JourneyModel, MomentModel, ObjectiveModel, StageModel, TouchpointModel } from './journey-model.js';

export interface FilteredJourney {
    model: JourneyModel;
    /** Stages with no touchpoint for the customer: drawn faded. */
    dimmedStages: Set<string>;
}

/**
 * The touchpoints whose customers include the customer, the moments whose customers include
 * it (at a kept touchpoint), and what those use; objectives for that customer (one for nobody
 * in particular stays when the path touches it). Stages all stay, in order; those left without
 * a touchpoint are listed in `dimmedStages`.
 */
export function filterByCustomer(model: JourneyModel, customer: string): FilteredJourney {
    const touchpoints = model.touchpoints.filter(t => t.customers.includes(customer));
    const touchpointIds = new Set(touchpoints.map(t => t.id));
    const moments = model.moments.filter(m => m.customers.includes(customer) && (m.at === undefined || touchpointIds.has(m.at)));
    const dimmedStages = new Set<string>();
    const stages = model.stages.map(s => {
        const kept = s.touchpoints.filter(id => touchpointIds.has(id));
        if (kept.length === 0) dimmedStages.add(s.id);
        return { ...s, touchpoints: kept };
    });
    const kept = keepUsed(model, stages, touchpoints, moments, (o, concerned) => o.for.includes(customer) || (o.for.length === 0 && concerned));
    return {
        model: { ...kept, customers: model.customers.filter(c => c === customer), customerDetails: model.customerDetails.filter(c => c.id === customer) },
        dimmedStages
    };
}

/**
 * The stages from `from` to `to` (stage ids, inclusive, in stage order), their touchpoints, the
 * moments at those, and what those use; objectives that concern them. Undefined when either
 * stage is not in the journey.
 */
export function sliceStages(model: JourneyModel, from: string, to: string): JourneyModel | undefined {
    const first = model.stages.findIndex(s => s.id === from);
    const last = model.stages.findIndex(s => s.id === to);
    if (first < 0 || last < 0) return undefined;
    const stages = model.stages.slice(Math.min(first, last), Math.max(first, last) + 1);
    const stageIds = new Set(stages.map(s => s.id));
    const touchpoints = model.touchpoints.filter(t => stageIds.has(t.stage));
    const touchpointIds = new Set(touchpoints.map(t => t.id));
    const moments = model.moments.filter(m => m.at !== undefined && touchpointIds.has(m.at));
    const kept = keepUsed(model, stages, touchpoints, moments, (_o, concerned) => concerned);
    const customers = new Set([...model.customers, ...kept.touchpoints.flatMap(t => t.customers), ...kept.objectives.flatMap(o => o.for)]);
    return { ...kept, customerDetails: model.customerDetails.filter(c => customers.has(c.id)) };
}

/** The journey with these stages, touchpoints and moments, and what they use. */
function keepUsed(
    model: JourneyModel, stages: StageModel[], touchpoints: TouchpointModel[], moments: MomentModel[],
    keepObjective: (o: ObjectiveModel, concerned: boolean) => boolean
): JourneyModel {
    const touchpointIds = new Set(touchpoints.map(t => t.id));
    const momentIds = new Set(moments.map(m => m.id));
    const liveStages = new Set(stages.filter(s => s.touchpoints.some(id => touchpointIds.has(id))).map(s => s.id));

    const pains = model.pains.filter(p => p.at !== undefined && (touchpointIds.has(p.at) || liveStages.has(p.at)));
    const painIds = new Set(pains.map(p => p.id));
    const opportunities = model.opportunities
        .map(o => ({ ...o, addresses: o.addresses.filter(a => painIds.has(a) || momentIds.has(a)) }))
        .filter(o => o.addresses.length > 0);

    const usedProcesses = new Set<string>();
    for (const t of touchpoints) t.processes.forEach(p => usedProcesses.add(p));
    for (const m of moments) if (m.recovery) usedProcesses.add(m.recovery);
    const processes = model.processes.filter(p => usedProcesses.has(p.id));

    const usedInformation = new Set<string>();
    for (const t of touchpoints) t.information.forEach(i => usedInformation.add(i));
    for (const p of processes) [...p.reads, ...p.writes].forEach(i => usedInformation.add(i));
    const information = model.information.filter(i => usedInformation.has(i.id));

    const usedSystems = new Set<string>();
    for (const t of touchpoints) t.systems.forEach(s => usedSystems.add(s));
    for (const p of processes) p.systems.forEach(s => usedSystems.add(s));
    for (const i of information) if (i.source) usedSystems.add(i.source);
    const systems = model.systems.filter(s => usedSystems.has(s.id));

    const supported = new Set(processes.flatMap(p => p.supports));
    const measured = new Set(moments.flatMap(m => m.kpis));
    // One the journey only refers to stays when what is kept still names one of its KPIs.
    const named = new Set([...measured, ...opportunities.flatMap(o => o.improves)]);
    const objectives = model.objectives.filter(o => o.referenced
        ? o.kpis.some(k => named.has(k.id))
        : keepObjective(o, supported.has(o.id) || o.kpis.some(k => measured.has(k.id))));

    return {
        ...model,
        stages: stages.map(s => ({ ...s, touchpoints: s.touchpoints.filter(id => touchpointIds.has(id)) })),
        touchpoints: touchpoints.map(t => ({ ...t, moments: t.moments.filter(m => momentIds.has(m)) })),
        moments, pains, opportunities, objectives, processes, systems, information
    };
}
