/**
 * The diagram: resolved journey model → laid-out diagram → SVG. Pure functions (no DOM, no
 * Node APIs) and deterministic: the same model gives byte-identical SVG. The preview, the
 * CLI's export and the tests all use `renderDiagram`.
 */
import type { JourneyModel, SourceLocation } from '../model/journey-model.js';
import { elementsById } from '../model/labels.js';
import { layoutCopis } from './copis-view.js';
import { filterByCustomer, sliceStages } from '../model/filter.js';
import { layoutJourney } from './journey/index.js';
import { indexProblems, placedIndex, type DiagramProblem, type PlacedProblems } from './problems.js';
import { markDiagram, type Marks } from './marks.js';
import { renderPanes, renderSvg, type Panes, type SvgOptions } from './svg.js';
import type { Diagram, DiagramView } from './types.js';
import { labelOf } from './kit.js';

export type { Diagram, DiagramBox, DiagramLine, DiagramView, Band, Part, Rect, Point, LanePosition } from './types.js';
export {
    layoutJourney, JOURNEY_SIZES, COMPACT_SIZES, IMPACT_RADIUS, LANES, shownLanes, LINE_STYLES, POLARITY, EMOTION, KPI_STATUS, CARD_STYLES, CURVE_RING, MOMENT_KINDS, PROBLEM_MARK, RECOVERY_BADGE, SPARKLINE, USAGE_MARKS
} from './journey/index.js';
export { errorsOf, indexProblems, placedIndex, type DiagramProblem, type PlacedProblems, type ProblemIndex } from './problems.js';
export { layoutCopis, copisLinks, COPIS_COLUMNS, LINK_STYLES } from './copis-view.js';
export { filterByCustomer, sliceStages } from '../model/filter.js';
export { renderPanes, renderPartsSvg, renderSvg, revealStyle, type Panes, type SvgOptions } from './svg.js';
export { renderKpiSparkline, SPARKLINE_HEIGHT, type KpiSparkline } from './journey/sparkline.js';
export { markDiagram, MARK_STYLES, type Mark, type Marks } from './marks.js';
export { escapeXml } from './escape.js';
export { measureText, wrapText, ellipsize } from './text.js';
export { THEMES, THEME_KINDS, FOLLOWS_EDITOR, paint, themeVariables, themeKindOf, type Colour, type ColourMode, type ThemeKind } from './theme.js';

export interface DiagramOptions {
    view: DiagramView;
    /** A customer id: show only that customer's path. */
    customer?: string;
    /** Elements to draw as added, changed or removed (a ghost), by id; with a legend. */
    marks?: Marks;
    /** The model's errors: the diagram says how many and marks the elements they are in. */
    problems?: readonly DiagramProblem[];
    /** The same, already placed by element id (for a model without source locations); wins over `problems`. */
    placedProblems?: PlacedProblems;
    /** Journey view: touchpoints, emotion, moments and pains only, in narrower columns. */
    compact?: boolean;
    /** Only the stages from `from` to `to` (stage ids, inclusive). */
    stages?: { from: string; to: string };
}

/** An element drawn in the diagram, with where it is declared (for click-to-reveal). */
export interface DiagramElement {
    id: string;
    kind: string;
    name: string;
    location?: SourceLocation;
}

export interface RenderedDiagram {
    svg: string;
    width: number;
    height: number;
    /** Every model element the diagram shows, once, in drawing order. */
    elements: DiagramElement[];
    /** Journey view: the lane labels and the stage headers, to keep in view while it scrolls. */
    panes?: Panes;
}

/** Lays out a view of the model (after the customer filter, if any). */
export function layoutDiagram(model: JourneyModel, options: DiagramOptions): Diagram {
    let shown = model;
    let dimmedStages: Set<string> | undefined;
    let range: string | undefined;
    if (options.stages) {
        const sliced = sliceStages(model, options.stages.from, options.stages.to);
        if (sliced) {
            shown = sliced;
            const label = (id: string) => labelOf(model.stages.find(s => s.id === id)!);
            range = sliced.stages.length === 1 ? `stage ${label(options.stages.from)} of ${model.stages.length}`
                : `stages ${labelOf(sliced.stages[0])} to ${labelOf(sliced.stages[sliced.stages.length - 1])} (${sliced.stages.length} of ${model.stages.length})`;
        }
    }
    if (options.customer !== undefined) {
        const filtered = filterByCustomer(shown, options.customer);
        shown = filtered.model;
        dimmedStages = filtered.dimmedStages;
    }
    const problems = options.placedProblems ? placedIndex(options.placedProblems) : indexProblems(model, options.problems);
    const diagram = options.view === 'copis'
        ? layoutCopis(shown, { customer: options.customer, problems })
        : layoutJourney(shown, { dimmedStages, customer: options.customer, problems, compact: options.compact, range, whole: model });
    return options.marks ? markDiagram(diagram, options.marks) : diagram;
}

/** The SVG of a view, themed through CSS variables (with light fallbacks), and the elements it shows. */
export function renderDiagram(model: JourneyModel, options: DiagramOptions): RenderedDiagram {
    const diagram = layoutDiagram(model, options);
    const panes = renderPanes(diagram);
    return { svg: renderSvg(diagram), width: diagram.width, height: diagram.height, elements: diagramElements(diagram, model), ...(panes ? { panes } : {}) };
}

/**
 * A standalone SVG with the light colours written out (no CSS variables), for files and
 * converters that do not know CSS custom properties. (The themed SVG also stands alone:
 * each `var(--x, fallback)` falls back to the same light colour.)
 */
export function renderStandaloneSvg(model: JourneyModel, options: DiagramOptions, svg: Pick<SvgOptions, 'revealStyle'> = {}): string {
    return renderSvg(layoutDiagram(model, options), { ...svg, colours: 'resolved' });
}

/**
 * The standalone SVG and its panes (the journey view's), for a page that keeps the labels in view.
 * `revealStyle`: the SVG holds the rules that show a badge's link (a file; a page has them in its style sheet).
 */
export function renderStandalone(model: JourneyModel, options: DiagramOptions, svg: Pick<SvgOptions, 'revealStyle'> = {}): { svg: string; panes?: Panes } {
    const diagram = layoutDiagram(model, options);
    const panes = renderPanes(diagram, { colours: 'resolved' });
    return { svg: renderSvg(diagram, { ...svg, colours: 'resolved' }), ...(panes ? { panes } : {}) };
}

/** The model elements of a diagram, once each, with their source locations. */
export function diagramElements(diagram: Diagram, model: JourneyModel): DiagramElement[] {
    const index = elementsById(model);
    const out: DiagramElement[] = [];
    const seen = new Set<string>();
    for (const box of diagram.boxes) {
        if (box.id === undefined || seen.has(box.id)) continue;
        seen.add(box.id);
        const found = index.get(box.id);
        const element: DiagramElement = { id: box.id, kind: found?.kind ?? box.kind, name: found?.name ?? box.id };
        if (found?.location) element.location = found.location;
        out.push(element);
    }
    return out;
}
