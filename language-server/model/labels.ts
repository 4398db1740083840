/**
 * What a reader sees for the elements of a resolved journey, and how to find them by id: the one
 * rule every view uses (the diagram, the exports, hover, code lens, the CLI's reports, diffs and
 * site, the site's page script), and the words around them (`plural`, a customer's count).
 */
import type { Element, JourneyModel } from './journey-model.js';
import { formatNumber } from './money.js';

/** An element's title as shown beside its name: trimmed; none when it has none or a blank one. */
export function titleOf(element: { title?: string }): string | undefined {
    const title = element.title?.trim();
    return title ? title : undefined;
}

/** An element's label: its title, trimmed, or its name when it has none (or a blank one). */
export function label(element: { name: string; title?: string }): string {
    return titleOf(element) ?? element.name;
}

/** Every element of the journey by id (the first of an id, as references resolve), each with its kind. */
export function elementsById(model: JourneyModel): Map<string, Element & { kind: string }> {
    const index = new Map<string, Element & { kind: string }>();
    const add = (elements: ReadonlyArray<Element & { kind: string }>) => elements.forEach(e => index.has(e.id) || index.set(e.id, e));
    add([model]);
    add(model.stages);
    add(model.touchpoints);
    add(model.moments);
    add(model.pains);
    add(model.opportunities);
    add(model.objectives);
    add(model.objectives.flatMap(o => o.kpis));
    add(model.processes);
    add(model.customerDetails);
    add(model.systems);
    add(model.information);
    return index;
}

/** The label of the element with `id`, or the id itself when the journey does not hold it. */
export function labelOf(index: ReadonlyMap<string, Element>, id: string): string {
    const element = index.get(id);
    return element ? label(element) : id;
}

/** `1 stage`, `3 stages`; `many` for an irregular plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(words: readonly string[]): string {
    return words.length <= 1 ? words[0] ?? '' : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A customer's `count` as every view says it: `42,000 customers`, `1 customer`. */
export function customersText(count: number): string {
    return `${formatNumber(count)} ${count === 1 ? 'customer' : 'customers'}`;
}
