import { idOf, type ActualsOf } from '../../../language-server/model/build-model.js';
import { magnitude } from '../../../language-server/model/metrics.js';
import * as ast from '../../../language-server/generated/ast.js';
import { findProp } from '../../../language-server/model/props.js';
import { parseQuantity, type Value } from '../../../language-server/model/values.js';

/** One `current` value to rewrite: the offsets of its value tokens, and what goes there. */
export interface CurrentEdit {
    kpi: string;
    start: number;
    end: number;
    /** As written now, and as the actual has it. */
    from: string;
    to: string;
    /** The date of the actual. */
    date: string;
    /** 0-based position of the value, for messages. */
    line: number;
    character: number;
}

/** A KPI with an actual whose `current` cannot be rewritten (it has none). */
export interface SkippedKpi {
    kpi: string;
    line: number;
    character: number;
    reason: string;
}

/**
 * The edits that bring each KPI's `current` to its latest actual (language §7), in the order of
 * the text: only the value tokens change (`91%` → `95.1%`, `100 EUR` → `120 EUR`), nothing around
 * them, so that formatting and comments stay. A KPI whose `current` already says it gets none.
 */
export function currentEdits(model: ast.Model, actualsOf: ActualsOf): { edits: CurrentEdit[]; skipped: SkippedKpi[] } {
    const edits: CurrentEdit[] = [];
    const skipped: SkippedKpi[] = [];
    for (const kpi of kpisOf(model)) {
        const actual = actualsOf(kpi)?.actual;
        if (!actual) continue;
        const name = idOf(kpi);
        const prop = findProp(kpi, 'current') as ast.CurrentProp | undefined;
        const cst = prop?.value?.$cstNode;
        if (!prop || !cst) {
            const at = kpi.$cstNode?.range.start ?? { line: 0, character: 0 };
            skipped.push({ kpi: name, line: at.line, character: at.character, reason: `has no \`current\` to rewrite; add \`current ${actual.value.text}\` to it by hand` });
            continue;
        }
        const written = parseQuantity(prop.value);
        const to = actual.value.text;
        const from = cst.text;
        // `38` and `38.0`, `97.5%` and `97.50%` say the same: the file keeps how it writes it (and a second run changes nothing).
        if (from === to || (written && sameValue(written, actual.value))) continue;
        edits.push({ kpi: name, start: cst.offset, end: cst.end, from, to, date: actual.date, line: cst.range.start.line, character: cst.range.start.character });
    }
    return { edits: edits.sort((a, b) => a.start - b.start), skipped };
}

function sameValue(a: Value, b: Value): boolean {
    if (a.form !== b.form) return false;
    if (a.form === 'money' && b.form === 'money' && a.currency !== b.currency) return false;
    if (a.form === 'duration' && b.form === 'duration' && a.unit !== b.unit) return false;
    return magnitude(a) === magnitude(b);
}

function kpisOf(model: ast.Model): ast.Kpi[] {
    const kpis: ast.Kpi[] = [];
    for (const element of model.elements ?? []) {
        if (ast.isObjective(element)) kpis.push(...element.kpis);
        else if (ast.isJourney(element)) for (const o of element.objectives) kpis.push(...o.kpis);
    }
    return kpis.filter(k => k.name);
}

/** `text` with the edits applied (they do not overlap). */
export function applyCurrentEdits(text: string, edits: readonly CurrentEdit[]): string {
    let result = '';
    let at = 0;
    for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
        result += text.slice(at, edit.start) + edit.to;
        at = edit.end;
    }
    return result + text.slice(at);
}
