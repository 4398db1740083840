/**
 * The diff for a terminal: a section per journey, then the top-level declarations, the
 * diagnostics introduced and fixed, and a summary line. Coloured only when asked (a TTY without
 * NO_COLOR, or --color). Every line is made safe for a terminal before colour is added: a model
 * string cannot move the cursor, change colours or reorder text (control and bidi characters are
 * shown as \u{…}).
 */
import { plural, titleOf } from '../../../../language-server/model/labels.js';
import { wellFormed } from '../../diagnostics.js';
import type { DiagnosticChange, ElementChange, JourneyDiff } from '../compare/diff-types.js';
import type { DiffReport } from '../report.js';
import { actualsText, changeDetails, changeFacts, isEmpty, kindAndName, notComparedTexts, propertyText, revisionText, summaryPhrases } from './wording.js';

type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';
const SGR: Record<Style, string> = { bold: '1', dim: '2', green: '32', red: '31', yellow: '33', cyan: '36' };

// C0 and C1 controls, DEL, and the characters that reorder text (bidi embeddings, overrides, isolates, marks).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `text` as a terminal shows it literally. */
export function terminalSafe(text: string): string {
    return wellFormed(text).replace(UNSAFE, c => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

const MARK: Record<ElementChange['change'], [string, Style]> = {
    added: ['+', 'green'], removed: ['-', 'red'], renamed: ['=', 'cyan'], moved: ['>', 'cyan'], changed: ['~', 'yellow']
};

export function formatDiffText(report: DiffReport, options: { colour: boolean }): string {
    const paint = (style: Style, text: string) => options.colour ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
    const out: string[] = [];
    const line = (text: string, style?: Style) => out.push(style ? paint(style, terminalSafe(text)) : terminalSafe(text));
    const { diff } = report;

    line(`copis diff ${revisionText(report.base)} → ${revisionText(report.head)}: ${plural(report.base.files, 'file')} → ${plural(report.head.files, 'file')}`, 'bold');
    const actuals = actualsText(report);
    if (actuals) line(actuals, 'dim');
    for (const journey of diff.journeys) {
        out.push('');
        journeySection(journey, line);
    }
    if (diff.elements.length > 0) {
        out.push('');
        line('Customers, systems, information, processes and objectives', 'bold');
        for (const change of diff.elements) elementLines(change, undefined, line);
    }
    const { introduced, fixed } = diff.diagnostics;
    if (introduced.length + fixed.length > 0) {
        out.push('');
        line(`Diagnostics: ${introduced.length} introduced, ${fixed.length} fixed`, 'bold');
        for (const d of introduced) line(`  + ${diagnosticText(d)}`, d.severity === 'error' ? 'red' : 'yellow');
        for (const d of fixed) line(`  - fixed: ${diagnosticText(d)}`, 'dim');
    }
    if (diff.notCompared.length > 0) {
        out.push('');
        line('Not compared', 'bold');
        for (const text of notComparedTexts(diff.notCompared, report.base, report.head)) line(`  ${text}`, 'yellow');
    }
    out.push('');
    line(isEmpty(diff.summary) ? 'No changes in meaning.' : `Summary: ${summaryPhrases(diff.summary).join('; ')}.`, 'bold');
    return out.join('\n') + '\n';
}

function journeySection(journey: JourneyDiff, line: (text: string, style?: Style) => void): void {
    const shown = titleOf(journey);
    const title = shown !== undefined ? ` "${shown}"` : '';
    const what = journey.change === 'renamed' ? `renamed from ${journey.previous!.name}` : journey.change;
    const style: Style = journey.change === 'added' ? 'green' : journey.change === 'removed' ? 'red' : 'bold';
    line(`Journey ${journey.name}${title}: ${what}`, style);
    if (journey.members) {
        const counts = Object.entries(journey.members).map(([kind, n]) => plural(n, kind, kind === 'information' ? kind : `${kind}s`));
        if (counts.length > 0) line(`  with ${counts.join(', ')}`, 'dim');
    }
    for (const p of journey.properties) line(`    ${propertyText(p, journey.id)}`);
    for (const change of journey.elements) elementLines(change, journey.id, line);
}

function elementLines(change: ElementChange, journey: string | undefined, line: (text: string, style?: Style) => void): void {
    const [mark, style] = MARK[change.change];
    const shown = titleOf(change);
    const title = shown !== undefined ? ` "${shown}"` : '';
    const facts = changeFacts(change, journey);
    line(`  ${mark} ${change.change.padEnd(8)} ${kindAndName(change)}${title}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}`, style);
    for (const detail of changeDetails(change, journey)) line(`      ${detail}`);
}

function diagnosticText(d: DiagnosticChange): string {
    const about = d.element ?? d.kpi;
    const element = about !== undefined ? ` [${about}]` : '';
    return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message.replace(/\s*\r?\n\s*/g, ' ')}  ${d.code}${element}`;
}
