/**
 * Renames: a declaration whose name changed but whose content did not (or barely) is reported as
 * renamed, not as one removed and one added. The rule:
 *
 * - same kind, and the same parent (its journey, a touchpoint's stage, a KPI's objective; with
 *   renames of the parent seen through);
 * - similar: of the properties set on either side (the title and doc comment included; a
 *   property both inherit, such as a touchpoint's customers from its journey, does not count),
 *   at least 80 % are equal, references compared through the renames found so far. A container's
 *   children are part of its content: each name among its children on either side (a stage's
 *   touchpoints, an objective's KPIs, a journey's members) counts as one more property, equal when
 *   it is on both sides. A declaration with nothing set is never a rename;
 * - unambiguous: it is the only candidate of the other, and the other its only one.
 *
 * Kinds are matched in dependency order (customers, systems and information before the processes
 * and touchpoints that name them; journeys before their members), so that a reference to a
 * renamed element counts as unchanged.
 */
import { KINDS, keyOf, type Entry, type Kind } from './entries.js';
import { sameProp, isInherited } from './props.js';

export const RENAME_THRESHOLD = 0.8;

/** BASE ids to HEAD ids. */
export class Renames {
    private readonly ids = new Map<string, string>();
    /** Renamed journeys and top-level objectives: their members' ids (`Journey.Name`) follow. */
    private readonly containers = new Set<string>();

    add(from: string, to: string, container: boolean): void {
        this.ids.set(from, to);
        if (container) this.containers.add(from);
    }

    /** What `id`, a BASE id, is called at HEAD. */
    translate(id: string): string {
        const renamed = this.ids.get(id);
        if (renamed !== undefined) return renamed;
        const dot = id.indexOf('.');
        if (dot > 0 && this.containers.has(id.slice(0, dot))) return this.ids.get(id.slice(0, dot))! + id.slice(dot);
        return id;
    }

    /** Whether `id` (at BASE) was itself renamed (not only its journey). */
    has(id: string): boolean {
        return this.ids.has(id);
    }
}

/** How alike a BASE entry and a HEAD entry are, from 0 to 1 (the rule above). */
export function similarity(base: Entry, head: Entry, renames: Renames, baseEntries: Map<string, Entry>, headEntries: Map<string, Entry>): number {
    let total = 0;
    let equal = 0;
    for (const property of new Set([...base.props.keys(), ...head.props.keys()])) {
        if (isInherited(base, property, baseEntries) && isInherited(head, property, headEntries)) continue;
        total++;
        const b = base.props.get(property);
        const h = head.props.get(property);
        if (b && h && sameProp(b, h, renames)) equal++;
    }
    const children = new Set(base.children);
    const common = new Set(head.children.filter(name => children.has(name))).size;
    total += children.size + new Set(head.children).size - common;
    equal += common;
    return total === 0 ? 0 : equal / total;
}

/** The passes, in dependency order: top-level kinds, then journeys, then their members. */
const PASSES: readonly [Kind, Entry['scope']][] = [
    ...KINDS.filter(k => k !== 'journey').map(k => [k, 'top'] as [Kind, Entry['scope']]),
    ['journey', 'top'],
    ...KINDS.filter(k => k !== 'journey').map(k => [k, 'member'] as [Kind, Entry['scope']])
];

export function findRenames(base: Map<string, Entry>, head: Map<string, Entry>): Renames {
    const renames = new Renames();
    const byPass = (entries: Map<string, Entry>) => {
        const groups = new Map<string, Entry[]>();
        for (const e of entries.values()) {
            const key = `${e.kind} ${e.scope}`;
            const list = groups.get(key);
            if (list) list.push(e);
            else groups.set(key, [e]);
        }
        return groups;
    };
    const baseGroups = byPass(base);
    const headGroups = byPass(head);
    for (const [kind, scope] of PASSES) {
        const baseList = baseGroups.get(`${kind} ${scope}`) ?? [];
        const headList = headGroups.get(`${kind} ${scope}`) ?? [];
        if (baseList.length === 0 || headList.length === 0) continue;
        const kept = new Set<string>();
        const removed: Entry[] = [];
        for (const e of baseList) {
            const now = renames.translate(e.id);
            if (head.has(keyOf(kind, now))) kept.add(now);
            else removed.push(e);
        }
        const addedByParent = new Map<string, Entry[]>();
        for (const e of headList) {
            if (kept.has(e.id)) continue;
            const list = addedByParent.get(e.parent);
            if (list) list.push(e);
            else addedByParent.set(e.parent, [e]);
        }
        if (removed.length === 0 || addedByParent.size === 0) continue;
        const candidates = new Map<Entry, Entry[]>();
        const claimedBy = new Map<Entry, number>();
        for (const r of removed) {
            const found = (addedByParent.get(renames.translate(r.parent)) ?? [])
                .filter(a => similarity(r, a, renames, base, head) >= RENAME_THRESHOLD);
            candidates.set(r, found);
            for (const a of found) claimedBy.set(a, (claimedBy.get(a) ?? 0) + 1);
        }
        // Decided after the whole pass, so that the order of declarations does not change the answer.
        const container = kind === 'journey' || (kind === 'objective' && scope === 'top');
        for (const [r, found] of candidates) {
            if (found.length === 1 && claimedBy.get(found[0]) === 1) renames.add(r.id, found[0].id, container);
        }
    }
    return renames;
}
