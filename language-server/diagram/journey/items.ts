/**
 * Phase 2, where each element goes: the slots of each box. A touchpoint and its moments sit in
 * its slot; a pain at a touchpoint under it, at a stage in the stage's first column (saying so); an opportunity under
 * the first thing it addresses; a process, system or information item over the runs of slots
 * where touchpoints (or the processes they use) use it. What has no place goes to the trailing slot.
 */
import type { JourneyModel, KpiModel, MomentModel, ProcessModel } from '../../model/journey-model.js';
import { runs, sortedUnique } from '../kit.js';
import { kpiItem, momentItem, opportunityItem, painItem, processItem, touchpointItem } from './cards.js';
import { nameOf, type Names } from './names.js';
import type { Item } from './item.js';
import { addUse, type UsageRow } from './matrix.js';
import type { Columns } from './slots.js';

export interface Placement {
    items: Item[];
    /** The technology layer: one usage row per system and per information item. */
    usage: UsageRow[];
    /** The slot of a moment: its touchpoint's, or the trailing slot. */
    momentSlot(m: MomentModel): number;
    /** The KPIs a moment may name (the whole journey's, its referenced ones too), by id. */
    kpis: ReadonlyMap<string, KpiModel>;
}

export function placeItems(model: JourneyModel, columns: Columns, names: Names, filtered: boolean, compact = false): Placement {
    const { slotOfTouchpoint, stageSpan, trailing, touchpoints, touchpointSlots } = columns;
    const processSlots = new Map<string, number[]>();
    const systemRows = new Map<string, UsageRow>();
    const informationRows = new Map<string, UsageRow>();
    for (const s of model.systems) if (!systemRows.has(s.id)) systemRows.set(s.id, { lane: 'systems', element: s, uses: new Map() });
    for (const i of model.information) if (!informationRows.has(i.id)) informationRows.set(i.id, { lane: 'information', element: i, uses: new Map() });
    const add = (map: Map<string, number[]>, id: string, slot: number) => {
        const list = map.get(id);
        if (list) list.push(slot);
        else map.set(id, [slot]);
    };
    touchpoints.forEach((tp, i) => {
        const slot = touchpointSlots[i];
        tp.processes.forEach(p => add(processSlots, p, slot));
        tp.systems.forEach(s => systemRows.has(s) && addUse(systemRows.get(s)!, slot, 'touchpoint'));
        tp.information.forEach(i => informationRows.has(i) && addUse(informationRows.get(i)!, slot, 'touchpoint'));
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
        for (const slot of where) {
            p.systems.forEach(s => systemRows.has(s) && addUse(systemRows.get(s)!, slot, 'process', p));
            p.reads.forEach(i => informationRows.has(i) && addUse(informationRows.get(i)!, slot, 'reads', p));
            p.writes.forEach(i => informationRows.has(i) && addUse(informationRows.get(i)!, slot, 'writes', p));
        }
    }

    const items: Item[] = [];
    touchpoints.forEach((tp, i) => items.push(touchpointItem(tp, touchpointSlots[i], model, names, filtered)));
    const kpis = new Map<string, KpiModel>();
    for (const [id, e] of names) if (e.kind === 'kpi') kpis.set(id, e as KpiModel);
    for (const m of model.moments) items.push(momentItem(m, momentSlot(m), kpis, names, compact));
    const painSpan = new Map<string, [number, number]>();
    for (const p of model.pains) {
        const span: [number, number] = p.at !== undefined && slotOfTouchpoint.has(p.at) ? [slotOfTouchpoint.get(p.at)!, slotOfTouchpoint.get(p.at)!]
            // A pain at a whole stage sits in the stage's first column (spanning the stage, it would wall in every connector there).
            : p.at !== undefined && stageSpan.has(p.at) ? [stageSpan.get(p.at)![0], stageSpan.get(p.at)![0]] : [trailing, trailing];
        painSpan.set(p.id, span);
        const atStage = p.at !== undefined && !slotOfTouchpoint.has(p.at) && stageSpan.has(p.at) ? nameOf(names, p.at) : undefined;
        items.push(painItem(p, span, names, atStage));
    }
    const momentIds = new Map(model.moments.map(m => [m.id, m]));
    for (const o of model.opportunities) {
        const targets = o.addresses.flatMap(a => painSpan.has(a) ? [painSpan.get(a)![0]] : momentIds.has(a) ? [momentSlot(momentIds.get(a)!)] : []);
        items.push(opportunityItem(o, targets.length > 0 ? Math.min(...targets) : trailing, names));
    }
    for (const p of model.processes) {
        for (const [start, end] of spans(placedProcessSlots.get(p.id)!)) items.push(processItem(p, start, end, names));
    }
    // Each KPI under the stages of the moments that name it, side by side over the stage's slots.
    model.stages.forEach((stage, i) => {
        const [start, end] = columns.stageSpans[i];
        const measured = [...new Set(model.moments.filter(m => m.stage === stage.id).flatMap(m => m.kpis))].flatMap(id => kpis.has(id) ? [kpis.get(id)!] : []);
        measured.forEach((kpi, k) => items.push(kpiItem(kpi, start + (k % (end - start + 1)))));
    });
    return { items, usage: [...systemRows.values(), ...informationRows.values()], momentSlot, kpis };
}
