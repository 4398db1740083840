/**
 * Phase 1, the columns: one slot per touchpoint, grouped under their stage, in order (a stage
 * without touchpoints keeps one empty slot); a trailing slot "Not at a touchpoint" holds what has
 * no place (a process no touchpoint uses, a pain without `at`, ...). Slot widths come from their
 * content, between slotMin and slotMax, so a long journey gets wider, never cramped.
 */
import type { JourneyModel, StageModel, TouchpointModel } from '../../model/journey-model.js';
import { clamp } from '../kit.js';
import { JOURNEY_SIZES as S } from './sizes.js';

export interface Slot {
    x: number;
    width: number;
    stage?: StageModel;
    touchpoint?: TouchpointModel;
    trailing?: boolean;
}

export interface Columns {
    slots: Slot[];
    /** The first and last slot of each stage, in stage order. */
    stageSpans: Array<[number, number]>;
    /** The first and last slot of a stage, by id (the first stage of that id). */
    stageSpan: Map<string, [number, number]>;
    /** The slot of a touchpoint, by id (the first touchpoint of that id). */
    slotOfTouchpoint: Map<string, number>;
    /** The index of the trailing slot (one past the stages' slots, whether or not it is drawn). */
    trailing: number;
    /** The touchpoints drawn, left to right, each with its slot (two touchpoints of one name are two). */
    touchpoints: TouchpointModel[];
    touchpointSlots: number[];
}

export function columnsOf(model: JourneyModel): Columns {
    const touchpointById = new Map<string, TouchpointModel>();
    for (const t of model.touchpoints) if (!touchpointById.has(t.id)) touchpointById.set(t.id, t);
    const slots: Slot[] = [];
    const stageSpans: Array<[number, number]> = [];
    const stageSpan = new Map<string, [number, number]>();
    const slotOfTouchpoint = new Map<string, number>();
    // The model lists touchpoints stage by stage: walking it keeps two touchpoints of one name apart
    // (a model error), where a look-up by id would draw the first twice.
    let next = 0;
    for (const stage of model.stages) {
        const start = slots.length;
        const tps: TouchpointModel[] = [];
        for (const id of stage.touchpoints) {
            const inOrder = model.touchpoints[next];
            if (inOrder?.id === id) {
                tps.push(inOrder);
                next++;
            } else {
                const found = touchpointById.get(id);
                if (found) tps.push(found);
            }
        }
        if (tps.length === 0) slots.push({ x: 0, width: 0, stage });
        for (const tp of tps) {
            if (!slotOfTouchpoint.has(tp.id)) slotOfTouchpoint.set(tp.id, slots.length);
            slots.push({ x: 0, width: 0, stage, touchpoint: tp });
        }
        const span: [number, number] = [start, slots.length - 1];
        stageSpans.push(span);
        if (!stageSpan.has(stage.id)) stageSpan.set(stage.id, span);
    }
    const touchpointSlots = slots.flatMap((s, i) => s.touchpoint ? [i] : []);
    return { slots, stageSpans, stageSpan, slotOfTouchpoint, trailing: slots.length, touchpoints: touchpointSlots.map(i => slots[i].touchpoint!), touchpointSlots };
}

/** Adds the trailing slot when something goes there (or when there is no slot at all). */
export function addTrailingSlot(columns: Columns, needed: boolean): void {
    if (needed || columns.slots.length === 0) columns.slots.push({ x: 0, width: 0, trailing: true });
}

/** Sets each slot's x and width from the widths its single-slot items would like; returns the grid's left and right. */
export function sizeColumns(slots: Slot[], wanted: number[], limits: { slotMin: number; slotMax: number } = S): { left: number; right: number } {
    const left = S.margin + S.labelWidth;
    let x = left;
    for (let i = 0; i < slots.length; i++) {
        slots[i].width = Math.round(clamp(wanted[i] + 2 * S.inset, limits.slotMin, limits.slotMax));
        slots[i].x = x;
        x += slots[i].width;
    }
    return { left, right: x };
}

/** The box area over slots `start..end`: inset from the slots' outer edges. */
export function spanX(slots: Slot[], start: number, end: number): { x: number; width: number } {
    return { x: slots[start].x + S.inset, width: slots[end].x + slots[end].width - slots[start].x - 2 * S.inset };
}
