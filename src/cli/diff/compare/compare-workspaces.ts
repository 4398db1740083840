/**
 * The semantic diff of two revisions of a workspace: declarations matched by kind and qualified
 * name (`Journey.Name`), renames seen through (renames.ts), then for each pair what was added,
 * removed, renamed, moved to another stage or objective, or changed (property by property), KPIs
 * that went from met to missed or back and KPI actuals that changed (each revision's KPIs judged with
 * its actuals, as validate judges them), moments of truth whose value at risk changed, the order of
 * stages and of touchpoints within a stage, and the diagnostics introduced and fixed (by code and
 * declaration, not by line; an actuals file's by code and the KPI its row names). A file that
 * cannot be used at either revision takes its top-level declarations out of the comparison, and
 * is listed instead: its half-parsed content would read as changes that are not.
 */
import type {
    DiagnosticChange, DiffSummary, ElementChange, JourneyDiff, NotCompared, PropertyChange, SeverityCounts, WorkspaceDiff
} from './diff-types.js';
import { KINDS, PROPERTY_NAMES, entriesOf, entryKey, keyOf, type ActualEntry, type Entry, type Kind, type Prop } from './entries.js';
import { isInherited, sameProp } from './props.js';
import { findRenames, type Renames } from './renames.js';
import type { ElementDiagnostic, WorkspaceModel } from './workspace-model.js';
import type { Money } from '../../../../language-server/model/money.js';

export function compareWorkspaces(base: WorkspaceModel, head: WorkspaceModel): WorkspaceDiff {
    const notCompared = filesNotCompared(base, head);
    const excluded = new Set(notCompared.flatMap(n => n.declarations));
    const keep = (entries: Map<string, Entry>) => new Map([...entries].filter(([, e]) => !excluded.has(e.top)));
    const baseEntries = keep(entriesOf(base));
    const headEntries = keep(entriesOf(head));
    const renames = findRenames(baseEntries, headEntries);
    const elements = compareEntries(baseEntries, headEntries, renames);
    const problemFiles = new Set(notCompared.map(n => n.file));
    const diagnostics = compareDiagnostics(
        base.diagnostics.filter(d => usable(d, problemFiles, excluded)),
        head.diagnostics.filter(d => usable(d, problemFiles, excluded)),
        renames);
    const diff = { ...groupByJourney(elements, baseEntries, headEntries, renames), diagnostics, notCompared };
    return { ...diff, summary: summarize(diff) };
}

function filesNotCompared(base: WorkspaceModel, head: WorkspaceModel): NotCompared[] {
    const declarations = (file: string) => [...new Set([...base.declaredIn[file] ?? [], ...head.declaredIn[file] ?? []])].sort();
    return [
        ...base.problems.map(p => ({ revision: 'base' as const, ...p, declarations: declarations(p.file) })),
        ...head.problems.map(p => ({ revision: 'head' as const, ...p, declarations: declarations(p.file) }))
    ];
}

/**
 * The diagnostics that are compared: none of a file that cannot be used, nor of the declarations
 * left out with it, except its syntax errors, which are compared by file (a file that stops
 * parsing introduces them; one that parses again fixes them).
 */
function usable(d: ElementDiagnostic, problemFiles: Set<string>, excluded: Set<string>): boolean {
    if (d.code === 'syntax') return true;
    const about = d.element ?? d.kpi;
    return !problemFiles.has(d.file) && !(about !== undefined && excluded.has(topOf(about)));
}

function topOf(id: string): string {
    const dot = id.indexOf('.');
    return dot < 0 ? id : id.slice(0, dot);
}

// ---- declarations ------------------------------------------------------------------------------

/** A change and the entries behind it (the HEAD one, or the BASE one when it was removed). */
interface Found {
    change: ElementChange;
    base?: Entry;
    head?: Entry;
}

function compareEntries(baseEntries: Map<string, Entry>, headEntries: Map<string, Entry>, renames: Renames): Found[] {
    const found = new Map<string, Found>(); // by HEAD key (BASE key for removed entries)
    const matched = new Set<string>();
    /** Ordered children that kept their parent, by the HEAD parent's key: for the order of stages and touchpoints. */
    const siblings = new Map<string, { base: Entry; head: Entry }[]>();
    for (const b of baseEntries.values()) {
        const headKey = keyOf(b.kind, renames.translate(b.id));
        const h = headEntries.get(headKey);
        if (!h) {
            found.set(`-${entryKey(b)}`, { change: describe('removed', b), base: b });
            continue;
        }
        matched.add(headKey);
        const properties = propertyChanges(b, h, renames, baseEntries, headEntries);
        const renamed = renames.has(b.id);
        const parentNow = renames.translate(b.parent);
        const moved = parentNow !== h.parent ? { from: b.parent, to: h.parent } : undefined;
        if (!moved && b.ordered) {
            const parentKey = h.kind === 'stage' ? keyOf('journey', h.parent) : keyOf('stage', h.parent);
            const list = siblings.get(parentKey);
            if (list) list.push({ base: b, head: h });
            else siblings.set(parentKey, [{ base: b, head: h }]);
        }
        const known = (s: Entry['status']) => s === 'met' || s === 'missed';
        const status = known(b.status) && known(h.status) && b.status !== h.status ? { from: b.status!, to: h.status! } : undefined;
        const valueAtRisk = riskChange(b.atRisk, h.atRisk);
        const actual = actualChange(b.actual, h.actual);
        if (!renamed && !moved && !status && !valueAtRisk && !actual && properties.length === 0) continue;
        const change = describe(renamed ? 'renamed' : moved ? 'moved' : 'changed', h, properties);
        if (renamed) change.previous = ref(b);
        if (moved) change.moved = moved;
        if (status) change.status = status;
        if (valueAtRisk) change.valueAtRisk = valueAtRisk;
        if (actual) change.actual = actual;
        found.set(headKey, { change, base: b, head: h });
    }
    for (const [key, h] of headEntries) if (!matched.has(key)) found.set(key, { change: describe('added', h), head: h });
    for (const [parentKey, pairs] of siblings) {
        const before = [...pairs].sort((x, y) => x.base.order - y.base.order).map(p => p.head.name);
        const after = [...pairs].sort((x, y) => x.head.order - y.head.order).map(p => p.head.name);
        if (before.every((name, i) => name === after[i])) continue;
        const parent = headEntries.get(parentKey);
        if (!parent) continue;
        const order: PropertyChange = { property: parent.kind === 'journey' ? 'stage order' : 'touchpoint order', from: before.join(', '), to: after.join(', ') };
        const existing = found.get(parentKey);
        if (existing) existing.change.properties.push(order);
        else {
            const b = [...baseEntries.values()].find(e => keyOf(e.kind, renames.translate(e.id)) === parentKey);
            found.set(parentKey, { change: describe('changed', parent, [order]), head: parent, ...(b ? { base: b } : {}) });
        }
    }
    return [...found.values()];
}

/**
 * A moment's value at risk at BASE and HEAD, when it differs (an amount, a currency, or whether the
 * moment is at risk at all); undefined when it is the same, or the moment is at risk at neither.
 * It changes with the moment's own properties and with those it is computed from elsewhere (a
 * customer's `count` or `clv`, a touchpoint's `reach`): a moment is reported for it alone too.
 */
function riskChange(base: readonly Money[] | undefined, head: readonly Money[] | undefined): ElementChange['valueAtRisk'] {
    if (base === undefined && head === undefined) return undefined;
    const text = (m: readonly Money[] | undefined) => m === undefined ? '-' : m.map(x => `${x.amount} ${x.currency}`).join('+');
    if (text(base) === text(head)) return undefined;
    return { from: [...base ?? []], to: [...head ?? []], wasAtRisk: base !== undefined, isAtRisk: head !== undefined };
}

/** A KPI's actual at BASE and HEAD when it differs (its value by meaning, or its date); undefined when it is the same, or there is none at either. */
function actualChange(base: ActualEntry | undefined, head: ActualEntry | undefined): ElementChange['actual'] {
    if (base === undefined && head === undefined) return undefined;
    if (base && head && base.canon === head.canon && base.date === head.date) return undefined;
    const shown = (a: ActualEntry) => ({ value: a.value, date: a.date });
    return { ...(base ? { from: shown(base) } : {}), ...(head ? { to: shown(head) } : {}) };
}

function ref(e: Entry): { id: string; name: string; title?: string } {
    return { id: e.id, name: e.name, ...(e.title !== undefined ? { title: e.title } : {}) };
}

function describe(change: ElementChange['change'], e: Entry, properties: PropertyChange[] = []): ElementChange {
    return {
        ...ref(e), change, kind: e.kind,
        ...(e.parent !== '' ? { parent: e.parent } : {}),
        properties,
        ...(e.status ? { kpi: e.status } : {}),
        ...(e.file !== undefined ? { file: e.file } : {}), ...(e.line !== undefined ? { line: e.line } : {})
    };
}

function propertyChanges(b: Entry, h: Entry, renames: Renames, baseEntries: Map<string, Entry>, headEntries: Map<string, Entry>): PropertyChange[] {
    const changes: PropertyChange[] = [];
    for (const property of new Set([...b.props.keys(), ...h.props.keys()])) {
        // Inherited on both sides (a touchpoint's customers are its journey's): the journey's change says it.
        if (isInherited(b, property, baseEntries) && isInherited(h, property, headEntries)) continue;
        const from = b.props.get(property);
        const to = h.props.get(property);
        if (from && to && sameProp(from, to, renames)) continue;
        changes.push({ property: PROPERTY_NAMES[property] ?? property, ...(from ? { from: shown(from) } : {}), ...(to ? { to: shown(to) } : {}) });
    }
    return changes;
}

/** A value as written; references as the ids they name, in a list. */
function shown(p: Prop): PropertyChange['from'] {
    return p.type === 'value' ? p.text : [...p.ids];
}

// ---- journeys ----------------------------------------------------------------------------------

function groupByJourney(found: Found[], baseEntries: Map<string, Entry>, headEntries: Map<string, Entry>, renames: Renames): { journeys: JourneyDiff[]; elements: ElementChange[] } {
    const baseJourneys = new Set([...baseEntries.values()].filter(e => e.kind === 'journey').map(e => e.id));
    const headJourneys = new Set([...headEntries.values()].filter(e => e.kind === 'journey').map(e => e.id));
    const journeys = new Map<string, JourneyDiff>();
    const journeyOrder = new Map<string, number>();
    const top: Found[] = [];
    const members = new Map<string, Found[]>();
    for (const f of found) {
        const e = f.head ?? f.base!;
        if (e.kind === 'journey') {
            const { change } = f;
            const diff: JourneyDiff = {
                id: change.id, name: change.name, ...(change.title !== undefined ? { title: change.title } : {}),
                change: change.change === 'moved' ? 'changed' : change.change,
                ...(change.previous ? { previous: change.previous } : {}),
                properties: change.properties, elements: [],
                ...(change.file !== undefined ? { file: change.file } : {}), ...(change.line !== undefined ? { line: change.line } : {})
            };
            if (change.change === 'added' || change.change === 'removed') diff.members = memberCounts(e.id, change.change === 'added' ? headEntries : baseEntries);
            journeys.set(change.id, diff);
            journeyOrder.set(change.id, e.order + (change.change === 'removed' ? 0.5 : 0));
            continue;
        }
        // A member belongs to the journey it is in at HEAD (at BASE, seen through renames, when removed).
        const journey = f.head ? (headJourneys.has(e.top) ? e.top : undefined) : (baseJourneys.has(e.top) ? renames.translate(e.top) : undefined);
        if (journey === undefined) {
            top.push(f);
            continue;
        }
        const list = members.get(journey);
        if (list) list.push(f);
        else members.set(journey, [f]);
    }
    for (const [journey, list] of members) {
        let diff = journeys.get(journey);
        if (diff?.change === 'added' || (diff?.change === 'removed')) continue;
        // A member of a journey that was removed (and not added back under its name) is counted with the journey.
        if (!diff && !headJourneys.has(journey)) continue;
        if (!diff) {
            const h = headEntries.get(keyOf('journey', journey))!;
            diff = { id: h.id, name: h.name, ...(h.title !== undefined ? { title: h.title } : {}), change: 'changed', properties: [], elements: [], ...(h.file !== undefined ? { file: h.file } : {}), ...(h.line !== undefined ? { line: h.line } : {}) };
            journeys.set(journey, diff);
            journeyOrder.set(journey, h.order);
        }
        diff.elements = sortChanges(list);
    }
    const ordered = [...journeys.values()].sort((a, b) => (journeyOrder.get(a.id)! - journeyOrder.get(b.id)!) || compare(a.id, b.id));
    return { journeys: ordered, elements: sortChanges(top) };
}

function memberCounts(journey: string, entries: Map<string, Entry>): Partial<Record<Kind, number>> {
    const counts: Partial<Record<Kind, number>> = {};
    for (const e of entries.values()) if (e.top === journey && e.kind !== 'journey') counts[e.kind] = (counts[e.kind] ?? 0) + 1;
    return counts;
}

const KIND_RANK = new Map<string, number>(KINDS.map((k, i) => [k, i]));

/** By kind (customers first, opportunities last), then where they are in the model (HEAD's order; BASE's for removed ones). */
function sortChanges(found: Found[]): ElementChange[] {
    const rank = (f: Found) => KIND_RANK.get((f.head ?? f.base!).kind)!;
    const order = (f: Found) => (f.head ?? f.base!).order;
    return [...found].sort((a, b) => rank(a) - rank(b) || order(a) - order(b) || compare(a.change.id, b.change.id)).map(f => f.change);
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

// ---- diagnostics -------------------------------------------------------------------------------

/**
 * Diagnostics matched by code, severity and declaration (BASE's seen through renames), counted: a
 * declaration that had one `kpi-off-target` and has two has one introduced. Lines do not count,
 * so a problem that moved with its declaration is neither fixed nor introduced, and neither is one
 * whose message changed (`kpi-off-target` quotes the current value). A severity that a config's
 * `rules` changed is a change: the warning is fixed and the error introduced (`--fail-on` sees it).
 */
function compareDiagnostics(base: ElementDiagnostic[], head: ElementDiagnostic[], renames: Renames): { introduced: DiagnosticChange[]; fixed: DiagnosticChange[] } {
    // A syntax error belongs to its file: which declaration a half-parsed text puts it in is no fact.
    // A problem of an actuals file belongs to the file and the KPI its row names (else the row's text).
    const keyOfDiagnostic = (d: ElementDiagnostic, element: string | undefined, kpi: string | undefined) => `${d.code}\u0000${d.severity}\u0000${
        kpi !== undefined ? `csv:${d.file}\u0000kpi:${kpi}` : d.row !== undefined ? `csv:${d.file}\u0000row:${d.row}` : element ?? `file:${d.file}`}`;
    const group = (list: ElementDiagnostic[], translate: (id: string) => string) => {
        const groups = new Map<string, DiagnosticChange[]>();
        for (const d of list) {
            const element = d.element === undefined || d.code === 'syntax' ? undefined : translate(d.element);
            const kpi = d.kpi === undefined ? undefined : translate(d.kpi);
            const key = keyOfDiagnostic(d, element, kpi);
            const change: DiagnosticChange = {
                code: d.code, severity: d.severity, message: d.message, file: d.file, line: d.line, column: d.column,
                ...(element !== undefined ? { element } : {}), ...(kpi !== undefined ? { kpi } : {})
            };
            const g = groups.get(key);
            if (g) g.push(change);
            else groups.set(key, [change]);
        }
        return groups;
    };
    const before = group(base, id => renames.translate(id));
    const after = group(head, id => id);
    const introduced: DiagnosticChange[] = [];
    const fixed: DiagnosticChange[] = [];
    for (const [key, now] of after) {
        const was = before.get(key)?.length ?? 0;
        if (now.length > was) introduced.push(...now.slice(was));
    }
    for (const [key, was] of before) {
        const now = after.get(key)?.length ?? 0;
        if (was.length > now) fixed.push(...was.slice(now));
    }
    // Errors first: they are what a reviewer must see; then by place.
    const rank = { error: 0, warning: 1, information: 2 } as const;
    const order = (a: DiagnosticChange, b: DiagnosticChange) => rank[a.severity] - rank[b.severity]
        || compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code);
    return { introduced: introduced.sort(order), fixed: fixed.sort(order) };
}

// ---- summary -----------------------------------------------------------------------------------

function summarize(diff: Omit<WorkspaceDiff, 'summary'>): DiffSummary {
    const summary: DiffSummary = {
        journeys: { added: 0, removed: 0, renamed: 0, changed: 0 },
        elements: { added: 0, removed: 0, renamed: 0, moved: 0, changed: 0 },
        kpis: { nowMissed: 0, nowMet: 0, actualChanged: 0 },
        valueAtRisk: { changed: 0 },
        diagnostics: { introduced: counts(diff.diagnostics.introduced), fixed: counts(diff.diagnostics.fixed) },
        // A file that cannot be used at both revisions is one file.
        notCompared: new Set(diff.notCompared.map(n => n.file)).size
    };
    for (const j of diff.journeys) summary.journeys[j.change]++;
    for (const e of [...diff.elements, ...diff.journeys.flatMap(j => j.elements)]) {
        if (e.actual) summary.kpis.actualChanged++;
        // A KPI whose actual alone changed (new measurements) is data that changed, not its declaration.
        const dataOnly = e.change === 'changed' && e.properties.length === 0 && e.actual !== undefined;
        if (!dataOnly) summary.elements[e.change]++;
        if (e.status?.from === 'met' && e.status.to === 'missed') summary.kpis.nowMissed++;
        if (e.status?.from === 'missed' && e.status.to === 'met') summary.kpis.nowMet++;
        if (e.valueAtRisk) summary.valueAtRisk.changed++;
    }
    return summary;
}

function counts(list: DiagnosticChange[]): SeverityCounts {
    const c: SeverityCounts = { errors: 0, warnings: 0, information: 0 };
    for (const d of list) {
        if (d.severity === 'error') c.errors++;
        else if (d.severity === 'warning') c.warnings++;
        else c.information++;
    }
    return c;
}
