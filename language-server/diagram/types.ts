/**
 * The laid-out diagram: plain data with coordinates, from which svg.ts writes the SVG.
 * Layouts produce it; tests read it (positions, overlaps, links) without parsing SVG.
 */
import type { Colour } from './theme.js';
import type { IconName } from './icons.js';
import type { Mark } from './marks.js';

export type DiagramView = 'journey' | 'copis';

export interface Point {
    x: number;
    y: number;
}

export interface Rect {
    x: number;
    y: number;
    width: number;
    height: number;
}

export type FontRole = 'heading' | 'header' | 'title' | 'body' | 'bold' | 'small' | 'smallBold' | 'tag';

export type TextAnchor = 'start' | 'middle' | 'end';

/** One drawing primitive of a box, in diagram coordinates. */
export type Part =
    | { type: 'rect'; x: number; y: number; width: number; height: number; rx?: number; fill?: Colour; fillOpacity?: number; stroke?: Colour; strokeWidth?: number; dash?: string }
    | { type: 'circle'; cx: number; cy: number; r: number; fill?: Colour; fillOpacity?: number; stroke?: Colour; strokeWidth?: number }
    /** One line of text; `y` is its baseline. */
    | { type: 'text'; x: number; y: number; text: string; font: FontRole; fill: Colour; anchor?: TextAnchor }
    | { type: 'icon'; icon: IconName; x: number; y: number; size: number; stroke: Colour }
    | { type: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: Colour; width: number; dash?: string; opacity?: number }
    /** A marker shape centred on (cx, cy), `r` from the centre to its corners: a signal that colour alone does not carry. */
    | { type: 'shape'; shape: ShapeName; cx: number; cy: number; r: number; fill?: Colour; stroke?: Colour; strokeWidth?: number }
    /**
     * A badge over a row of its box (a moment's recovery): pointed at or focused, it shows the box's
     * lines drawn only on demand (`hidden`), which svg.ts writes inside it. `label` is its tooltip.
     */
    | { type: 'badge'; x: number; y: number; width: number; height: number; label: string };

export type ShapeName = 'up' | 'down' | 'circle' | 'diamond' | 'square';

/**
 * A box: a card, a marker, a heading. Boxes never overlap one another. `id` and `kind`
 * name the model element it stands for; headings and labels have a kind and no id.
 */
export interface DiagramBox extends Rect {
    kind: string;
    id?: string;
    /** Hover text: the full title, details and doc comment. */
    tooltip?: string;
    /** Drawn faded (a stage that the customer filter left empty). */
    dimmed?: boolean;
    /** Journey view: the lane of a process box (`frontstage`, `backstage`, `support`, `processes`). */
    lane?: string;
    /** A KPI's status. */
    status?: 'met' | 'missed' | 'unknown';
    /** Drawn as added, changed or removed since another revision (marks.ts). */
    mark?: Mark;
    /** The model has an error in this element's declaration (it is marked, and the tooltip says what). */
    problem?: 'error';
    parts: Part[];
}

export type LineKind =
    // journey view
    | 'uses' | 'recovery' | 'addresses' | 'emotion' | 'interaction' | 'visibility' | 'internal' | 'rule'
    // COPIS view: one per reference in the model
    | 'for' | 'supports' | 'reads' | 'writes' | 'source' | 'systems'
    | 'legend';

/** A connector, curve or rule, drawn beneath the boxes. */
export interface DiagramLine {
    kind: LineKind;
    /** The model elements it joins, when it stands for a reference: from the one that declares it to the one it names. */
    from?: string;
    to?: string;
    points: Point[];
    /** `bezier`: points are start, control, control, end (repeating: end, control, control, end ...). */
    shape: 'polyline' | 'bezier';
    stroke: Colour;
    width: number;
    dash?: string;
    opacity?: number;
    /** An arrowhead at the last point. */
    arrow?: boolean;
    /** Drawn only while one of the elements it joins is pointed at (the preview reveals it). */
    hidden?: boolean;
}

/** A background stripe: a lane, a stage column, the side panel. */
export interface Band extends Rect {
    kind: string;
    fill: Colour;
    opacity: number;
    id?: string;
    dimmed?: boolean;
}

export interface LanePosition {
    lane: string;
    label: string;
    y: number;
    height: number;
}

export interface Diagram {
    view: DiagramView;
    title: string;
    width: number;
    height: number;
    bands: Band[];
    lines: DiagramLine[];
    boxes: DiagramBox[];
    /** Journey view in compact mode. */
    compact?: boolean;
    /**
     * Journey view: what stays in view while the picture scrolls: the column of lane labels
     * (x from 0 to `labelsRight`, y from `headerTop` to `gridBottom`) and the row of stage headers
     * (y from `headerTop` to `headerBottom`).
     */
    frozen?: { labelsRight: number; headerTop: number; headerBottom: number; gridBottom: number };
    /** Journey view: the lanes top to bottom (each line of the blueprint is a narrow lane of its own: `interaction`, `visibility`, `internal`). */
    lanes: LanePosition[];
}
