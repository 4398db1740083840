/**
 * What changed between two revisions of a workspace, by meaning. Plain data: the reporters
 * (text, Markdown, JSON) and the diagram marks read it. docs/diff.schema.json describes its JSON.
 */
import type { Money } from '../../../../language-server/model/money.js';
import type { Kind, KpiStatus } from './entries.js';
import type { ElementDiagnostic, FileProblem } from './workspace-model.js';

export type ChangeType = 'added' | 'removed' | 'renamed' | 'moved' | 'changed';

/**
 * One property's change, as the language names the property. A value is a string as written; a
 * reference is the list of ids it names (BASE's ids in `from`). A property that is not set has no
 * `from` (it was added) or no `to` (it was removed).
 */
export interface PropertyChange {
    property: string;
    from?: string | string[];
    to?: string | string[];
}

export interface ElementRef {
    id: string;
    name: string;
    title?: string;
}

/** A KPI's actual: its value as the CSV file writes it, and its date. */
export interface ActualRef {
    value: string;
    date: string;
}

export interface ElementChange extends ElementRef {
    change: ChangeType;
    kind: Kind;
    /** A renamed element as it was at BASE. */
    previous?: ElementRef;
    /** Where it belongs (at HEAD; at BASE when removed): its stage, objective or journey; none at top level. */
    parent?: string;
    /** A touchpoint that went to another stage, a KPI to another objective: the ids of both. */
    moved?: { from: string; to: string };
    properties: PropertyChange[];
    /** A KPI whose status changed between met and missed (either way). */
    status?: { from: KpiStatus; to: KpiStatus };
    /** A KPI's status at HEAD (at BASE when removed), judged with its actual when it has one. */
    kpi?: KpiStatus;
    /**
     * A KPI whose actual changed (language §7: its latest row on or before the as-of date, in place
     * of `current`): its value or its date. A side without one has none (its `current` as written judges it there).
     */
    actual?: { from?: ActualRef; to?: ActualRef };
    /**
     * A moment of truth whose value at risk changed (language §7): its total per currency at BASE
     * and at HEAD. An empty list: none known, or (`wasAtRisk`, `isAtRisk` false) the moment is not
     * negative or mixed there, and puts nothing at risk.
     */
    valueAtRisk?: { from: Money[]; to: Money[]; wasAtRisk: boolean; isAtRisk: boolean };
    /** Where it is declared (at HEAD; at BASE when removed), relative to the working directory; line from 1. */
    file?: string;
    line?: number;
}

export interface JourneyDiff extends ElementRef {
    change: 'added' | 'removed' | 'renamed' | 'changed';
    previous?: ElementRef;
    /** The journey's own properties (title, customers, stage order, ...). */
    properties: PropertyChange[];
    /** Its members that changed (none listed for a journey added or removed: see `members`). */
    elements: ElementChange[];
    /** How many members of each kind a journey added or removed has. */
    members?: Partial<Record<Kind, number>>;
    file?: string;
    line?: number;
}

/** A diagnostic introduced (where it is, at HEAD) or fixed (where it was, at BASE), with the declaration it is about. */
export type DiagnosticChange = Omit<ElementDiagnostic, 'row'>;

/** A file that could not be compared at one revision, and the declarations that were left out with it. */
export interface NotCompared extends FileProblem {
    revision: 'base' | 'head';
    /** The top-level declarations of that file (at either revision), whose changes are not reported. */
    declarations: string[];
}

export interface SeverityCounts {
    errors: number;
    warnings: number;
    information: number;
}

export interface DiffSummary {
    journeys: { added: number; removed: number; renamed: number; changed: number };
    /** Changed declarations, journeys not counted (nor the members of a journey added or removed). */
    elements: { added: number; removed: number; renamed: number; moved: number; changed: number };
    /** KPIs that went from met to missed or back; KPIs whose actual changed. */
    kpis: { nowMissed: number; nowMet: number; actualChanged: number };
    /** Moments of truth whose value at risk changed. */
    valueAtRisk: { changed: number };
    diagnostics: { introduced: SeverityCounts; fixed: SeverityCounts };
    /** Files not compared at one revision or both, each counted once. */
    notCompared: number;
}

export interface WorkspaceDiff {
    journeys: JourneyDiff[];
    /** Top-level customers, systems, information, processes, objectives and their KPIs. */
    elements: ElementChange[];
    diagnostics: { introduced: DiagnosticChange[]; fixed: DiagnosticChange[] };
    notCompared: NotCompared[];
    summary: DiffSummary;
}
