/**
 * The customer filter: one persona's path through a journey. Keeps the touchpoints whose
 * customers include the customer, the moments whose customers include it (at a kept
 * touchpoint), the pains at kept touchpoints or at stages that keep a touchpoint, the
 * opportunities that address something kept, the processes, systems and information
 * those use, the objectives for that customer, and the objectives the journey only refers
 * to whose KPIs a kept moment or opportunity names. Stages all stay, in order; those left
 * without a touchpoint are listed in `dimmedStages`.
 */
import type { JourneyModel } from '../model/journey-model.js';

export interface FilteredJourney {
    model: JourneyModel;
    /** Stages with no touchpoint for the customer: drawn faded. */
    dimmedStages: Set<string>;
}

export function filterByCustomer(model: JourneyModel, customer: string): FilteredJourney {
    const touchpoints = model.touchpoints.filter(t => t.customers.includes(customer));
    const touchpointIds = new Set(touchpoints.map(t => t.id));
    const moments = model.moments.filter(m => m.customers.includes(customer) && (m.at === undefined || touchpointIds.has(m.at)));
    const momentIds = new Set(moments.map(m => m.id));

    const dimmedStages = new Set<string>();
    const stages = model.stages.map(s => {
        const kept = s.touchpoints.filter(id => touchpointIds.has(id));
        if (kept.length === 0) dimmedStages.add(s.id);
        return { ...s, touchpoints: kept };
    });
    const liveStages = new Set(stages.filter(s => s.touchpoints.length > 0).map(s => s.id));

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

    // Objectives for the customer; one for nobody in particular stays when the path touches it.
    const supported = new Set(processes.flatMap(p => p.supports));
    const measured = new Set(moments.flatMap(m => m.kpis));
    // One the journey only refers to stays when the path still names one of its KPIs.
    const named = new Set([...measured, ...opportunities.flatMap(o => o.improves)]);
    const objectives = model.objectives.filter(o => o.referenced
        ? o.kpis.some(k => named.has(k.id))
        : o.for.includes(customer) || (o.for.length === 0 && (supported.has(o.id) || o.kpis.some(k => measured.has(k.id)))));

    return {
        model: {
            ...model,
            customers: model.customers.filter(c => c === customer),
            stages,
            touchpoints: touchpoints.map(t => ({ ...t, moments: t.moments.filter(m => momentIds.has(m)) })),
            moments,
            pains,
            opportunities,
            objectives,
            processes,
            customerDetails: model.customerDetails.filter(c => c.id === customer),
            systems,
            information
        },
        dimmedStages
    };
}
