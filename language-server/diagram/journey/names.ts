/** The labels of the elements a box mentions, by id (model/labels.ts). */
import type { Element, JourneyModel } from '../../model/journey-model.js';
import { elementsById, labelOf } from '../../model/labels.js';

export { plural } from '../../model/labels.js';

export type Names = ReadonlyMap<string, Element & { kind: string }>;

export function nameIndex(model: JourneyModel): Names {
    return elementsById(model);
}

/** The label of `id`, or the id when the journey does not hold it. */
export function nameOf(names: Names, id: string): string {
    return labelOf(names, id);
}
