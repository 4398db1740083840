/** What the lanes phase places: one box's content over a run of slots, in a lane. */
import type { Stack } from '../kit.js';
import type { Part } from '../types.js';
import type { LaneId } from './lanes.js';

export interface Item {
    lane: LaneId;
    start: number;
    end: number;
    kind: string;
    id: string;
    tooltip: string;
    /** The width it would like when alone in its slot (the box, not the slot). */
    prefWidth: number;
    content: (width: number) => Stack;
    frame: (x: number, y: number, width: number, height: number) => Part[];
}
