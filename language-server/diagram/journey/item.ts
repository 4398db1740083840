/** What the lanes phase places: one box's content over a run of slots, in a lane. */
import type { Element } from '../../model/journey-model.js';
import type { Stack } from '../kit.js';
import type { Part } from '../types.js';
import type { LaneId } from './lanes.js';

export interface Item {
    lane: LaneId;
    start: number;
    end: number;
    kind: string;
    id: string;
    /** The model element it draws (its errors mark the box). */
    element: Element;
    tooltip: string;
    /** The width it would like when alone in its slot (the box, not the slot). */
    prefWidth: number;
    content: (width: number) => Stack;
    frame: (x: number, y: number, width: number, height: number) => Part[];
}
