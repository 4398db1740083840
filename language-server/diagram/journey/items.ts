/**
 * Phase 2, where each element goes: the slots of each box. A touchpoint and its moments sit in
 * its slot; a pain at a touchpoint under it, at a stage across the stage; an opportunity under
 * the first thing it addresses; a process, system or information item over the runs of slots
 * where touchpoints (or the processes they use) use it. What has no place goes to the trailing slot.
 */
import type { JourneyModel, MomentModel, ProcessModel } from '../../model/journey-model.js';
import { runs, sortedUnique } from '../kit.js';
import { informationItem, momentItem, opportunityItem, painItem, processItem, systemItem, touchpointItem } from './cards.js';
import type { Names } from './names.js';
import type { Item } from './item.js';
import type { Columns } from './slots.js';

export interface Placement {
    items: Item[];
    /** The slot of a moment: its touchpoint's, or the trailing slot. */
    momentSlot(m: MomentModel): number;
}

export function placeItems(model: JourneyModel, columns: Columns, names: Names, filtered: boolean): Placement {
    const { slotOfTouchpoint, stageSpan, trailing, touchpoints, touchpointSlots } = columns;
    const processSlots = new Map<string, number[]>();
    const systemSlots = new Map<string, number[]>();
    const informationSlots = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, id: string, slot: number) => {
        const list = map.get(id);
        if (list) list.push(slot);
        else map.set(id, [slot]);
    };
    touchpoints.forEach((tp, i) => {
        const slot = touchpointSlots[i];
        tp.processes.forEach(p => add(processSlots, p, slot));
        tp.systems.forEach(s => add(systemSlots, s, slot));
        tp.information.forEach(i => add(informationSlots, i, slot));
    });
    const momentSlot = (m: MomentModel) => m.at !== undefined && slotOfTouchpoint.has(m.at) ? slotOfTouchpoint.get(m.at)! : trailing;
    // A process that no touchpoint uses but that recovers a moment goes where the moment is.
    const recoverySlots = new Map<string, number[]>();
    for (const m of model.moments) {
        if (m.recovery && momentSlot(m) !== trailing) add(recoverySlots, m.recovery, momentSlot(m));
    }
    /** Runs of consecutive slots; the trailing slot is a run of its own. */
    const spans = (where: number[]) => {
        const sorted = sortedUnique(where);
        const out = runs(sorted.filter(s => s !== trailing));
        if (sorted.includes(trailing)) out.push([trailing, trailing]);
        return out;
    };
    const slotsOfProcess = (p: ProcessModel): number[] =>
        sortedUnique(processSlots.get(p.id) ?? recoverySlots.get(p.id) ?? [trailing]);
    const placedProcessSlots = new Map(model.processes.map(p => [p.id, slotsOfProcess(p)]));
    for (const p of model.processes) {
        const where = placedProcessSlots.get(p.id)!;
        p.systems.forEach(s => where.forEach(slot => add(systemSlots, s, slot)));
        [...p.reads, ...p.writes].forEach(i => where.forEach(slot => add(informationSlots, i, slot)));
    }

    const items: Item[] = [];
    touchpoints.forEach((tp, i) => items.push(touchpointItem(tp, touchpointSlots[i], model, names, filtered)));
    const kpis = new Map(model.objectives.flatMap(o => o.kpis).map(k => [k.id, k]));
    for (const m of model.moments) items.push(momentItem(m, momentSlot(m), model, kpis, names));
    const painSpan = new Map<string, [number, number]>();
    for (const p of model.pains) {
        const span: [number, number] = p.at !== undefined && slotOfTouchpoint.has(p.at) ? [slotOfTouchpoint.get(p.at)!, slotOfTouchpoint.get(p.at)!]
            : p.at !== undefined && stageSpan.has(p.at) ? stageSpan.get(p.at)! : [trailing, trailing];
        painSpan.set(p.id, span);
        items.push(painItem(p, span, names));
    }
    const momentIds = new Map(model.moments.map(m => [m.id, m]));
    for (const o of model.opportunities) {
        const targets = o.addresses.flatMap(a => painSpan.has(a) ? [painSpan.get(a)![0]] : momentIds.has(a) ? [momentSlot(momentIds.get(a)!)] : []);
        items.push(opportunityItem(o, targets.length > 0 ? Math.min(...targets) : trailing, names));
    }
    for (const p of model.processes) {
        for (const [start, end] of spans(placedProcessSlots.get(p.id)!)) items.push(processItem(p, start, end, names));
    }
    for (const s of model.systems) {
        for (const [start, end] of spans(systemSlots.get(s.id) ?? [trailing])) items.push(systemItem(s, start, end));
    }
    for (const i of model.information) {
        for (const [start, end] of spans(informationSlots.get(i.id) ?? [trailing])) items.push(informationItem(i, start, end, names));
    }
    return { items, momentSlot };
}
