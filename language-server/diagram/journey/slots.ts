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
    /** The first and last slot of each stage. */
    stageSpan: Map<string, [number, number]>;
    slotOfTouchpoint: Map<string, number>;
    /** The index of the trailing slot (one past the stages' slots, whether or not it is drawn). */
    trailing: number;
    /** The touchpoints drawn, left to right. */
    touchpoints: TouchpointModel[];
}

export function columnsOf(model: JourneyModel): Columns {
    const touchpointById = new Map(model.touchpoints.map(t => [t.id, t]));
    const slots: Slot[] = [];
    const stageSpan = new Map<string, [number, number]>();
    const slotOfTouchpoint = new Map<string, number>();
    for (const stage of model.stages) {
        const start = slots.length;
        const tps = stage.touchpoints.map(id => touchpointById.get(id)).filter((t): t is TouchpointModel => t !== undefined);
        if (tps.length === 0) slots.push({ x: 0, width: 0, stage });
        for (const tp of tps) {
            slotOfTouchpoint.set(tp.id, slots.length);
            slots.push({ x: 0, width: 0, stage, touchpoint: tp });
        }
        stageSpan.set(stage.id, [start, slots.length - 1]);
    }
    return { slots, stageSpan, slotOfTouchpoint, trailing: slots.length, touchpoints: slots.flatMap(s => s.touchpoint ? [s.touchpoint] : []) };
}

/** Adds the trailing slot when something goes there (or when there is no slot at all). */
export function addTrailingSlot(columns: Columns, needed: boolean): void {
    if (needed || columns.slots.length === 0) columns.slots.push({ x: 0, width: 0, trailing: true });
}

/** Sets each slot's x and width from the widths its single-slot items would like; returns the grid's left and right. */
export function sizeColumns(slots: Slot[], wanted: number[]): { left: number; right: number } {
    const left = S.margin + S.labelWidth;
    let x = left;
    for (let i = 0; i < slots.length; i++) {
        slots[i].width = Math.round(clamp(wanted[i] + 2 * S.inset, S.slotMin, S.slotMax));
        slots[i].x = x;
        x += slots[i].width;
    }
    return { left, right: x };
}

/** The box area over slots `start..end`: inset from the slots' outer edges. */
export function spanX(slots: Slot[], start: number, end: number): { x: number; width: number } {
    return { x: slots[start].x + S.inset, width: slots[end].x + slots[end].width - slots[start].x - 2 * S.inset };
}
