import type { Element } from './journey-model.js';

/** The journey an element of the model is declared in (`Journey.Name` ids), or undefined at the top level. */
export function declaringJourney(element: Element): string | undefined {
    const dot = element.id.indexOf('.');
    // `Objective.Kpi` is a KPI of a top-level objective: its first part is no journey.
    return dot > 0 && (element as Element & { kind?: string }).kind !== 'kpi' ? element.id.slice(0, dot) : undefined;
}

/** Where a referenced objective comes from, as the exports and the diagram say it. */
export function referencedFrom(objective: Element): string {
    const journey = declaringJourney(objective);
    return journey ? `from journey ${journey}` : 'shared objective';
}
