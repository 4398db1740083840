/** Display names of the elements a box mentions, and counted nouns. */
import type { JourneyModel } from '../../model/journey-model.js';
import { labelOf } from '../kit.js';

export type Names = Map<string, string>;

/** What a reader sees (titles, else names) for everything a box may mention, by id. */
export function nameIndex(model: JourneyModel): Names {
    const names = new Map<string, string>();
    const all = [
        ...model.customerDetails, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains,
        ...model.opportunities, ...model.objectives, ...model.objectives.flatMap(o => o.kpis), ...model.processes,
        ...model.systems, ...model.information
    ];
    for (const e of all) if (!names.has(e.id)) names.set(e.id, labelOf(e));
    return names;
}

/** The label of `id`, or, for an element the model does not hold, its own name (the id's last part). */
export function nameOf(names: Names, id: string): string {
    return names.get(id) ?? id.slice(id.lastIndexOf('.') + 1);
}

export function plural(n: number, word: string): string {
    return n === 1 ? word : `${word}s`;
}
