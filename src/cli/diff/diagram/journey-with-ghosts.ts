/**
 * The journey of HEAD as `copis diff --to svg` draws it: HEAD's resolved journey, with what was
 * removed since BASE put back where it was (a removed touchpoint in its stage after the one it
 * followed, a removed moment at its touchpoint, ...) so that the renderer draws it as a ghost, and
 * the marks that say what is added, changed or removed. Pure: models and the diff in, a model and
 * marks out; the layout and renderer are the preview's own.
 */
import type { Marks } from '../../../../language-server/diagram/marks.js';
import type {
    Element, JourneyModel, KpiModel, MomentModel, ObjectiveModel, OpportunityModel, PainModel, ProcessModel, StageModel, TouchpointModel
} from '../../../../language-server/model/journey-model.js';
import type { ElementChange, JourneyDiff, WorkspaceDiff } from '../compare/diff-types.js';

export interface MarkedJourney {
    model: JourneyModel;
    marks: Marks;
}

/**
 * `journey` (an id at HEAD, or at BASE for a removed journey) with its ghosts and marks. `head` and
 * `base` are the journey at each revision (one may be missing: added, removed).
 */
export function journeyWithGhosts(diff: WorkspaceDiff, head: JourneyModel | undefined, base: JourneyModel | undefined): MarkedJourney {
    const marks: Record<string, 'added' | 'changed' | 'removed'> = {};
    if (!head) {
        // A journey that was removed: all of it is a ghost.
        const model = base!;
        for (const e of membersOf(model)) marks[e.id] = 'removed';
        return { model, marks };
    }
    const change = diff.journeys.find(j => j.id === head.id);
    for (const e of diff.elements) marks[e.id] = markOf(e);
    if (change?.change === 'added') {
        for (const e of membersOf(head)) marks[e.id] = 'added';
        return { model: head, marks };
    }
    if (!change) return { model: head, marks };
    if (change.change === 'renamed' || change.properties.length > 0) marks[head.id] = 'changed';
    for (const e of change.elements) marks[e.id] = markOf(e);
    return { model: base ? withGhosts(head, base, change, diff) : head, marks };
}

function markOf(e: ElementChange): 'added' | 'changed' | 'removed' {
    return e.change === 'added' ? 'added' : e.change === 'removed' ? 'removed' : 'changed';
}

function membersOf(model: JourneyModel): Element[] {
    const local = (e: Element) => e.id.startsWith(`${model.name}.`);
    return [model, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains, ...model.opportunities,
        ...model.objectives.filter(local), ...model.objectives.filter(local).flatMap(o => o.kpis), ...model.processes.filter(local)];
}

/** BASE ids to HEAD ids, through the renames the diff found (a renamed journey's members follow it). */
function translator(change: JourneyDiff, diff: WorkspaceDiff): (id: string) => string {
    const renamed = new Map<string, string>();
    for (const e of [...diff.elements, ...change.elements]) if (e.previous) renamed.set(e.previous.id, e.id);
    const oldPrefix = change.previous ? `${change.previous.id}.` : undefined;
    return id => {
        const direct = renamed.get(id);
        if (direct !== undefined) return direct;
        if (oldPrefix !== undefined && id.startsWith(oldPrefix)) {
            const moved = `${change.id}.${id.slice(oldPrefix.length)}`;
            return renamed.get(moved) ?? moved;
        }
        return id;
    };
}

function withGhosts(head: JourneyModel, base: JourneyModel, change: JourneyDiff, diff: WorkspaceDiff): JourneyModel {
    const t = translator(change, diff);
    const removed = new Set(change.elements.filter(e => e.change === 'removed').map(e => e.id));
    const model: JourneyModel = structuredClone(head);
    const ids = new Set<string>(membersOf(model).map(e => e.id));
    for (const list of [model.customerDetails, model.systems, model.information, model.processes]) for (const e of list) ids.add(e.id);
    const known = (refs: readonly string[]) => refs.map(t).filter(id => ids.has(id));
    const knownOne = (ref: string | undefined) => ref === undefined ? undefined : ids.has(t(ref)) ? t(ref) : undefined;

    // Processes and objectives first: ghost touchpoints and moments refer to them.
    for (const p of base.processes) if (removed.has(p.id)) {
        model.processes.push({ ...p, systems: known(p.systems), reads: known(p.reads), writes: known(p.writes), supports: known(p.supports) } satisfies ProcessModel);
        ids.add(p.id);
    }
    for (const o of base.objectives) {
        if (removed.has(o.id)) {
            model.objectives.push({ ...o, for: known(o.for), kpis: [...o.kpis] } satisfies ObjectiveModel);
            ids.add(o.id);
            o.kpis.forEach(k => ids.add(k.id));
            continue;
        }
        const target = model.objectives.find(x => x.id === t(o.id));
        for (const k of o.kpis) if (removed.has(k.id) && target) {
            target.kpis.push({ ...k, objective: target.id } satisfies KpiModel);
            ids.add(k.id);
        }
    }

    // Stages, each after the stage it followed at BASE; then touchpoints likewise within their stage.
    base.stages.forEach((s, i) => {
        if (!removed.has(s.id)) return;
        const ghost: StageModel = { ...s, touchpoints: [] };
        insertAfter(model.stages, ghost, previousPresent(base.stages.slice(0, i), model.stages, t));
        ids.add(s.id);
    });
    const touchpoints = new Map(model.touchpoints.map(tp => [tp.id, tp]));
    for (const s of base.stages) {
        s.touchpoints.forEach((id, i) => {
            if (!removed.has(id)) return;
            const tp = base.touchpoints.find(x => x.id === id)!;
            const stage = model.stages.find(x => x.id === t(s.id)) ?? model.stages.find(x => x.id === s.id);
            if (!stage) return;
            // Without its emotion: the curve is HEAD's, and a ghost's point would bend it.
            const { emotion: _emotion, ...rest } = tp;
            const ghost: TouchpointModel = {
                ...rest, stage: stage.id, customers: known(tp.customers), processes: known(tp.processes), systems: known(tp.systems),
                information: known(tp.information), moments: []
            };
            const before = s.touchpoints.slice(0, i).map(t).filter(x => stage.touchpoints.includes(x)).at(-1);
            stage.touchpoints.splice(before === undefined ? 0 : stage.touchpoints.indexOf(before) + 1, 0, id);
            touchpoints.set(id, ghost);
            ids.add(id);
        });
    }
    // Positions and the list of touchpoints follow the stages' order again.
    model.stages.forEach((s, i) => { s.index = i; });
    model.touchpoints = model.stages.flatMap(s => s.touchpoints.map(id => touchpoints.get(id)!).filter(Boolean));
    model.touchpoints.forEach((tp, i) => { tp.index = i; });

    for (const m of base.moments) if (removed.has(m.id)) {
        const at = knownOne(m.at);
        const ghost: MomentModel = { ...m, customers: known(m.customers), kpis: known(m.kpis), ...optional('recovery', knownOne(m.recovery)), ...optional('at', at), ...optional('stage', at && touchpoints.get(at)?.stage) };
        if (at === undefined) delete ghost.at;
        if (ghost.stage === undefined) delete ghost.stage;
        if (ghost.recovery === undefined) delete ghost.recovery;
        model.moments.push(ghost);
        ids.add(m.id);
    }
    for (const tp of model.touchpoints) tp.moments = model.moments.filter(m => m.at === tp.id).map(m => m.id);
    for (const p of base.pains) if (removed.has(p.id)) {
        const ghost: PainModel = { ...p, ...optional('at', knownOne(p.at)) };
        if (ghost.at === undefined) delete ghost.at;
        model.pains.push(ghost);
        ids.add(p.id);
    }
    for (const o of base.opportunities) if (removed.has(o.id)) model.opportunities.push({ ...o, addresses: known(o.addresses), improves: known(o.improves) } satisfies OpportunityModel);
    return model;
}

/** The last of `before` (BASE's elements before the one put back) that the model still has, by its HEAD id. */
function previousPresent(before: readonly Element[], present: readonly Element[], t: (id: string) => string): string | undefined {
    const ids = new Set(present.map(e => e.id));
    for (let i = before.length - 1; i >= 0; i--) {
        const id = t(before[i].id);
        if (ids.has(id)) return id;
        if (ids.has(before[i].id)) return before[i].id;
    }
    return undefined;
}

function insertAfter<T extends Element>(list: T[], item: T, after: string | undefined): void {
    const at = after === undefined ? 0 : list.findIndex(e => e.id === after) + 1;
    list.splice(at, 0, item);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
