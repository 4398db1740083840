/** Display names of the elements a box mentions, and counted nouns. */
import type { JourneyModel } from '../../model/journey-model.js';

export type Names = Map<string, string>;

/** Display names (titles) of everything a box may mention. */
export function nameIndex(model: JourneyModel): Names {
    const names = new Map<string, string>();
    const all = [
        ...model.customerDetails, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains,
        ...model.opportunities, ...model.objectives, ...model.objectives.flatMap(o => o.kpis), ...model.processes,
        ...model.systems, ...model.information
    ];
    for (const e of all) names.set(e.id, e.name);
    return names;
}

export function plural(n: number, word: string): string {
    return n === 1 ? word : `${word}s`;
}
