/**
 * The diff as a pull-request comment (GitHub-flavoured Markdown): a summary line, the revisions,
 * a section per journey with a table of its changes (the first rows shown, the rest folded in
 * `<details>`), the top-level declarations, the diagnostics introduced (fixed ones folded) and
 * the files not compared. Every string from a model, a file name, a revision or a message is
 * escaped (escapeMarkdown, messageMarkdown: the rules of the Markdown export).
 */
import { plural, titleOf } from '../../../../language-server/model/labels.js';
import { escapeMarkdown } from '../../markdown/escape-markdown.mjs';
import { messageMarkdown } from '../../export/formats/markdown.js';
import type { DiagnosticChange, ElementChange, JourneyDiff } from '../compare/diff-types.js';
import type { DiffReport } from '../report.js';
import { actualsText, changeDetails, changeFacts, isEmpty, notComparedTexts, propertyText, revisionText, summaryPhrases } from './wording.js';

/** Rows of a table shown before the rest is folded: a typical change fits a screen. */
export const ROWS_SHOWN = 10;

const CHANGE_LABEL: Record<ElementChange['change'], string> = {
    added: '➕ added', removed: '➖ removed', renamed: '🔤 renamed', moved: '↔️ moved', changed: '✏️ changed'
};

/** A name or id in a code span: names are letters, digits and `_` joined by dots; anything else is dropped. */
function code(id: string): string {
    return `\`${id.replace(/[^\p{L}\p{N}_.\- ]/gu, '')}\``;
}

function row(cells: string[]): string {
    return `| ${cells.map(c => c === '' ? ' ' : c).join(' | ')} |`;
}

/** A table, its first ROWS_SHOWN rows shown and the rest in `<details>` (with the header again, so both render). */
function table(header: string[], rows: string[][], more: (n: number) => string): string[] {
    const head = [row(header), row(header.map(() => '---'))];
    const out = [...head, ...rows.slice(0, ROWS_SHOWN).map(row), ''];
    if (rows.length > ROWS_SHOWN) {
        out.push(`<details><summary>${escapeMarkdown(more(rows.length - ROWS_SHOWN))}</summary>`, '', ...head, ...rows.slice(ROWS_SHOWN).map(row), '', '</details>', '');
    }
    return out;
}

export function formatDiffMarkdown(report: DiffReport): string {
    const { diff } = report;
    const out: string[] = [];
    out.push(isEmpty(diff.summary)
        ? '## copis diff: no changes in meaning'
        : `## copis diff: ${escapeMarkdown(summaryPhrases(diff.summary).join(' · '))}`, '');
    const actuals = actualsText(report);
    out.push(`${escapeMarkdown(revisionText(report.base))} → ${escapeMarkdown(revisionText(report.head))} · ${plural(report.base.files, 'model file')} → ${plural(report.head.files, 'model file')}${actuals ? ` · ${escapeMarkdown(actuals)}` : ''}`, '');

    for (const journey of diff.journeys) out.push(...journeySection(journey));
    if (diff.elements.length > 0) {
        out.push('### Customers, systems, information, processes and objectives', '');
        out.push(...table(['Change', 'Declaration', 'What changed'], diff.elements.map(c => changeRow(c, undefined)), n => `${plural(n, 'more change')}`));
    }

    const { introduced, fixed } = diff.diagnostics;
    if (introduced.length + fixed.length > 0) {
        out.push(`### Diagnostics: ${introduced.length} introduced, ${fixed.length} fixed`, '');
        if (introduced.length > 0) out.push(...table(DIAGNOSTIC_HEADER, introduced.map(diagnosticRow), n => `${plural(n, 'more problem')} introduced`));
        if (fixed.length > 0) {
            out.push(`<details><summary>${plural(fixed.length, 'problem')} fixed</summary>`, '', row(DIAGNOSTIC_HEADER), row(DIAGNOSTIC_HEADER.map(() => '---')), ...fixed.map(d => row(diagnosticRow(d))), '', '</details>', '');
        }
    }
    if (diff.notCompared.length > 0) {
        out.push('### Not compared', '');
        for (const text of notComparedTexts(diff.notCompared, report.base, report.head)) out.push(`- ${escapeMarkdown(text)}`);
        out.push('');
    }
    out.push(`<sub>${escapeMarkdown(`copis ${report.toolVersion}`)}: compared by meaning; line moves and formatting do not count.</sub>`);
    return out.join('\n') + '\n';
}

function journeySection(journey: JourneyDiff): string[] {
    const shown = titleOf(journey);
    const title = shown !== undefined ? `${escapeMarkdown(shown)} (${code(journey.name)})` : code(journey.name);
    const out = [`### Journey ${title}: ${journey.change}`, ''];
    if (journey.previous) out.push(`Renamed from ${code(journey.previous.name)}.`, '');
    if (journey.members) {
        const counts = Object.entries(journey.members).map(([kind, n]) => plural(n, kind, kind === 'information' ? kind : `${kind}s`));
        if (counts.length > 0) out.push(`${journey.change === 'added' ? 'New, with' : 'It had'} ${escapeMarkdown(counts.join(', '))}.`, '');
    }
    for (const p of journey.properties) out.push(`- ${escapeMarkdown(propertyText(p, journey.id))}`);
    if (journey.properties.length > 0) out.push('');
    if (journey.elements.length > 0) {
        out.push(...table(['Change', 'Declaration', 'What changed'], journey.elements.map(c => changeRow(c, journey.id)), n => `${plural(n, 'more change')} in this journey`));
    }
    return out;
}

function changeRow(change: ElementChange, journey: string | undefined): string[] {
    const shown = titleOf(change);
    const title = shown !== undefined ? ` ${escapeMarkdown(shown)}` : '';
    const details = [...changeFacts(change, journey), ...changeDetails(change, journey)].map(escapeMarkdown);
    const label = change.status?.to === 'missed' ? `${CHANGE_LABEL[change.change]}, **now missed**` : change.status?.to === 'met' ? `${CHANGE_LABEL[change.change]}, **now met**` : CHANGE_LABEL[change.change];
    return [label, `${change.kind} ${code(change.name)}${title}`, details.join('<br>')];
}

const DIAGNOSTIC_HEADER = ['Severity', 'Code', 'Declaration', 'Where', 'Message'];

function diagnosticRow(d: DiagnosticChange): string[] {
    const about = d.element ?? d.kpi;
    return [d.severity, code(d.code), about !== undefined ? code(about) : '', escapeMarkdown(`${d.file}:${d.line}:${d.column}`), messageMarkdown(d.message)];
}
