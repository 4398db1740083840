/**
 * The model's errors in the picture: each error belongs to the innermost element whose
 * declaration holds it (a duplicate touchpoint's name marks that touchpoint, not its twin), and
 * the diagram says how many there are. Elements are matched by where they are declared, so a
 * copy of an element (the customer filter makes copies) is matched too.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Element, JourneyModel, SourceLocation } from '../model/journey-model.js';

/** An error of the model, where it is (the LSP's 0-based range). */
export interface DiagramProblem {
    uri: string;
    range: Range;
    message: string;
}

/** The errors among a document's diagnostics (warnings and information do not mark the picture). */
export function errorsOf(uri: string, diagnostics: readonly Diagnostic[] | undefined): DiagramProblem[] {
    return (diagnostics ?? []).filter(d => d.severity === 1).map(d => ({
        uri, range: d.range, message: typeof d.message === 'string' ? d.message : String(d.message)
    }));
}

export interface ProblemIndex {
    /** How many of the errors fall inside the journey or an element it draws. */
    count: number;
    /** The messages of the errors in an element's own declaration (not in an element inside it). */
    of(element: Element): string[] | undefined;
}

export const NO_PROBLEMS: ProblemIndex = { count: 0, of: () => undefined };

/**
 * Errors already placed on the elements they are in, by id: for a page that has the model without its source
 * locations (the static site), placed where the model was built. `count` is what the banner says.
 */
export interface PlacedProblems {
    count: number;
    byId: Readonly<Record<string, readonly string[]>>;
}

export function placedIndex(placed: PlacedProblems): ProblemIndex {
    if (placed.count === 0) return NO_PROBLEMS;
    return { count: placed.count, of: element => Object.prototype.hasOwnProperty.call(placed.byId, element.id) ? [...placed.byId[element.id]] : undefined };
}

export function indexProblems(model: JourneyModel, problems: readonly DiagramProblem[] | undefined): ProblemIndex {
    if (!problems || problems.length === 0) return NO_PROBLEMS;
    const elements = allElements(model).filter(e => e.location !== undefined);
    const byKey = new Map<string, string[]>();
    let count = 0;
    for (const problem of problems) {
        let best: SourceLocation | undefined;
        for (const e of elements) {
            const l = e.location!;
            if (l.uri !== problem.uri || !contains(l.range, problem.range)) continue;
            if (!best || contains(best.range, l.range)) best = l;
        }
        if (!best) continue;
        count++;
        const key = keyOf(best);
        const list = byKey.get(key);
        if (list) {
            if (!list.includes(problem.message)) list.push(problem.message);
        } else {
            byKey.set(key, [problem.message]);
        }
    }
    return { count, of: element => element.location ? byKey.get(keyOf(element.location)) : undefined };
}

function allElements(model: JourneyModel): Element[] {
    return [
        model, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains, ...model.opportunities,
        ...model.objectives, ...model.objectives.flatMap(o => o.kpis), ...model.processes, ...model.customerDetails,
        ...model.systems, ...model.information
    ];
}

function keyOf(location: SourceLocation): string {
    const { start, end } = location.range;
    return `${location.uri}#${start.line}:${start.character}-${end.line}:${end.character}`;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** `outer` holds `inner` (ranges equal count as holding). */
function contains(outer: Range, inner: Range): boolean {
    return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}
