/**
 * The journey as a Mermaid `journey` diagram, for Markdown (GitHub, GitLab and most Markdown
 * tools render it):
 *
 *     journey
 *       title <journey>
 *       section <stage>
 *         <touchpoint>: <score>: <customer>, <customer>
 *
 * Stages are sections, in order; touchpoints are tasks; the customers of a touchpoint are its
 * actors (by title; with --customer, that customer alone); the emotion -2..2 becomes Mermaid's
 * score 1..5 (emotion + 3), and a touchpoint without an emotion scores 3 (neutral).
 *
 * Mermaid's journey syntax has no quoting, so names are made safe rather than escaped: `:`, `#`
 * and `;` (which end a name or start a comment) are removed, and `,` from actors (it separates
 * them); a run of `%` becomes one (`%%` starts a comment or a directive); line breaks and control
 * characters become spaces. A name that would read as a keyword (`title …`, `section …`,
 * `journey`, `accTitle`, `accDescr`, or a leading `%`) gets a zero-width space in front. A name
 * left empty falls back to the declaration's name.
 */
import type { Element, JourneyModel } from '../../../../language-server/model/journey-model.js';
import { label } from './model-text.js';

/** Mermaid's score for an emotion: -2 → 1, 0 → 3, 2 → 5; none → 3. */
export function emotionScore(emotion: number | undefined): number {
    if (emotion === undefined || !Number.isFinite(emotion)) return 3;
    return Math.min(5, Math.max(1, emotion + 3));
}

export function renderMermaid(model: JourneyModel): string {
    const customers = new Map(model.customerDetails.map(c => [c.id, c]));
    const touchpoints = new Map(model.touchpoints.map(t => [t.id, t]));
    const lines = ['journey', `  title ${named(model)}`];
    for (const stage of model.stages) {
        lines.push(`  section ${named(stage)}`);
        for (const id of stage.touchpoints) {
            const touchpoint = touchpoints.get(id);
            if (!touchpoint) continue;
            // Only the customers the model details: with --customer, that one.
            const actors = touchpoint.customers.filter(c => customers.has(c)).map(c => named(customers.get(c)!, ','));
            const task = `    ${taskName(touchpoint)}: ${emotionScore(touchpoint.emotion)}`;
            lines.push(actors.length > 0 ? `${task}: ${actors.join(', ')}` : task);
        }
    }
    return lines.join('\n') + '\n';
}

// Line breaks, tabs, other C0/C1 controls, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/** A title made safe for a Mermaid journey: see the top of this file. */
export function safeText(text: string, extra = ''): string {
    let safe = text.replace(CONTROL, ' ').replace(/[:#;]/g, '');
    if (extra) safe = safe.split('').filter(c => !extra.includes(c)).join('');
    return safe.replace(/%{2,}/g, '%').replace(/\s+/g, ' ').trim();
}

function named(element: Element, extra = ''): string {
    return safeText(label(element), extra) || element.name;
}

// The lexer tries these before a task name, case-insensitively.
const KEYWORD_START = /^(?:journey\b|title\s|section\s|acctitle|accdescr|%)/i;

function taskName(element: Element): string {
    const name = named(element);
    return KEYWORD_START.test(name) ? `\u200B${name}` : name;
}
