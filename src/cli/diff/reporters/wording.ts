/**
 * The words every human-readable report of `copis diff` uses, as plain text (each reporter
 * escapes them for where they go): what an element is called, a property change, the summary.
 */
import type { ActualRef, DiffSummary, ElementChange, NotCompared, PropertyChange, SeverityCounts } from '../compare/diff-types.js';
import type { DiffReport, RevisionInfo } from '../report.js';
import { plural } from '../../../../language-server/model/labels.js';
import { formatMoney, type Money } from '../../../../language-server/model/money.js';


/** An id as a reader of one journey's section knows it: `Checkout` for `Buy.Checkout` inside `Buy`. */
export function shortId(id: string, journey?: string): string {
    return journey !== undefined && id.startsWith(`${journey}.`) ? id.slice(journey.length + 1) : id;
}

/** A property's value: as written, or the names it refers to; `none` when it is not set. */
export function valueText(value: PropertyChange['from'], journey?: string): string {
    if (value === undefined) return 'none';
    if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(id => shortId(id, journey)).join(', ');
    return value;
}

/** `kpi OnTime`: the kind as the language writes it, and the name. */
export function kindAndName(e: { kind: string; name: string }): string {
    return `${e.kind} ${e.name}`;
}

/** What moved where: `from stage Buy to stage Pay`. */
export function movedText(change: ElementChange, journey?: string): string | undefined {
    if (!change.moved) return undefined;
    const parentKind = change.kind === 'kpi' ? 'objective' : 'stage';
    return `moved from ${parentKind} ${shortId(change.moved.from, journey)} to ${parentKind} ${shortId(change.moved.to, journey)}`;
}

/** The facts of one change besides its properties, for a reader: where it went, what it was called, a KPI's status. */
export function changeFacts(change: ElementChange, journey?: string): string[] {
    const facts: string[] = [];
    if (change.previous) facts.push(`renamed from ${change.previous.name}`);
    const moved = movedText(change, journey);
    if (moved) facts.push(moved);
    if ((change.change === 'added' || change.change === 'removed') && change.parent !== undefined && change.parent !== journey) {
        const parentKind = change.kind === 'kpi' ? 'objective' : change.kind === 'touchpoint' ? 'stage' : undefined;
        if (parentKind) facts.push(`${change.change === 'added' ? 'in' : 'was in'} ${parentKind} ${shortId(change.parent, journey)}`);
    }
    if (change.status) facts.push(`KPI ${change.status.from} → ${change.status.to}`);
    if (change.valueAtRisk) facts.push(valueAtRiskText(change.valueAtRisk));
    else if (change.kpi !== undefined && change.kpi !== 'unknown' && (change.change === 'added' || change.change === 'removed')) facts.push(change.kpi);
    return facts;
}

/** `value at risk: 50,000 EUR → 75,000 EUR`; `none known` without the inputs, `not at risk` for a moment that is not negative or mixed. */
export function valueAtRiskText(v: NonNullable<ElementChange['valueAtRisk']>): string {
    const amount = (money: readonly Money[], atRisk: boolean) => !atRisk ? 'not at risk' : money.length === 0 ? 'none known' : formatMoney(money);
    return `value at risk: ${amount(v.from, v.wasAtRisk)} → ${amount(v.to, v.isAtRisk)}`;
}

/** `actual: 3.5% (2026-10-31) → 3.6% (2026-11-30)`; `none` where a side has no actual (its `current` judges it there). */
export function actualText(actual: NonNullable<ElementChange['actual']>): string {
    const shown = (a: ActualRef | undefined) => a ? `${a.value} (${a.date})` : 'none';
    return `actual: ${shown(actual.from)} → ${shown(actual.to)}`;
}

/** The lines of a change below its heading: a KPI's actual, then each property that changed. */
export function changeDetails(change: ElementChange, journey?: string): string[] {
    return [...change.actual ? [actualText(change.actual)] : [], ...change.properties.map(p => propertyText(p, journey))];
}

/** `emotion: -1 → 1`, `owner: none → "Ops"`. */
export function propertyText(p: PropertyChange, journey?: string): string {
    return `${p.property}: ${valueText(p.from, journey)} → ${valueText(p.to, journey)}`;
}

function severityCounts(c: SeverityCounts): string {
    const parts = [c.errors > 0 ? plural(c.errors, 'error') : '', c.warnings > 0 ? plural(c.warnings, 'warning') : '', c.information > 0 ? `${c.information} information` : ''].filter(Boolean);
    return parts.join(', ');
}

/** The summary as phrases: `1 journey changed`, `3 added, 1 removed`, `1 KPI now missed`, `2 problems introduced (1 error, 1 warning)`. */
export function summaryPhrases(s: DiffSummary): string[] {
    const phrases: string[] = [];
    const journeys = [['added', s.journeys.added], ['removed', s.journeys.removed], ['renamed', s.journeys.renamed], ['changed', s.journeys.changed]] as const;
    const j = journeys.filter(([, n]) => n > 0).map(([what, n], i) => i === 0 ? `${plural(n, 'journey')} ${what}` : `${n} ${what}`);
    if (j.length > 0) phrases.push(j.join(', '));
    const elements = (['added', 'removed', 'renamed', 'moved', 'changed'] as const).filter(k => s.elements[k] > 0).map(k => `${s.elements[k]} ${k}`);
    if (elements.length > 0) phrases.push(`declarations: ${elements.join(', ')}`);
    if (s.kpis.nowMissed > 0) phrases.push(`${plural(s.kpis.nowMissed, 'KPI')} now missed`);
    if (s.kpis.nowMet > 0) phrases.push(`${plural(s.kpis.nowMet, 'KPI')} now met`);
    if (s.kpis.actualChanged > 0) phrases.push(`${plural(s.kpis.actualChanged, 'KPI actual')} changed`);
    if (s.valueAtRisk.changed > 0) phrases.push(`value at risk changed at ${plural(s.valueAtRisk.changed, 'moment of truth', 'moments of truth')}`);
    const total = (c: SeverityCounts) => c.errors + c.warnings + c.information;
    const introduced = total(s.diagnostics.introduced);
    const fixed = total(s.diagnostics.fixed);
    if (introduced > 0) phrases.push(`${plural(introduced, 'problem')} introduced (${severityCounts(s.diagnostics.introduced)})`);
    if (fixed > 0) phrases.push(`${plural(fixed, 'problem')} fixed`);
    if (s.notCompared > 0) phrases.push(`${plural(s.notCompared, 'file')} not compared`);
    return phrases;
}

export function isEmpty(s: DiffSummary): boolean {
    return summaryPhrases(s).length === 0;
}

/**
 * Where a revision's files are, in a sentence: `at main`, `at merge base with origin/main`, `in the working tree`.
 * By the revision's name, not its role: with `copis diff HEAD`, BASE is the commit HEAD.
 */
export function placeOf(r: RevisionInfo): string {
    return r.commit === undefined ? `in the ${r.label}` : `at ${r.label}`;
}

/**
 * The files not compared, one line each: `models/a.copis cannot be read at main and in the working tree: …`
 * for a file that could not be used at both revisions alike, else what each revision says.
 */
export function notComparedTexts(list: readonly NotCompared[], base: RevisionInfo, head: RevisionInfo): string[] {
    const byFile = new Map<string, NotCompared[]>();
    for (const n of list) {
        const same = byFile.get(n.file);
        if (same) same.push(n); else byFile.set(n.file, [n]);
    }
    return [...byFile.values()].map(entries => {
        const at = (n: NotCompared) => placeOf(n.revision === 'base' ? base : head);
        const why = (n: NotCompared, where: string) => n.reason === 'syntax'
            ? `does not parse ${where} (${n.line !== undefined ? `${n.line}:${n.column}: ` : ''}${n.message}${n.errors !== undefined && n.errors > 1 ? `; ${n.errors} syntax errors` : ''})`
            : `cannot be read ${where}: ${n.message}`;
        const [first, second] = entries;
        const alike = second !== undefined && why(first, '') === why(second, '');
        const what = alike ? why(first, `${placeOf(base)} and ${placeOf(head)}`) : entries.map(n => why(n, at(n))).join(', and ');
        const declarations = [...new Set(entries.flatMap(n => n.declarations))];
        const left = declarations.length > 0 ? `; left out of the comparison: ${declarations.map(id => shortId(id)).join(', ')}` : '';
        return `${entries[0].file} ${what}${left}`;
    });
}

/** `main (1a2b3c4d)`, `merge base with origin/main (1a2b3c4d)`, `working tree`. */
export function revisionText(r: RevisionInfo): string {
    return r.commit !== undefined ? `${r.label} (${r.commit.slice(0, 8)})` : r.label;
}

/** `KPIs judged with their actuals as of 2026-12-01: 1 actuals file → 1 actuals file`; undefined when neither revision has any. */
export function actualsText(report: DiffReport): string | undefined {
    if (report.base.actuals === 0 && report.head.actuals === 0) return undefined;
    return `KPIs judged with their actuals as of ${report.asOf}: ${plural(report.base.actuals, 'actuals file')} → ${plural(report.head.actuals, 'actuals file')}`;
}
