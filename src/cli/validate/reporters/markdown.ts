import { plural } from '../../../../language-server/model/labels.js';
import type { Report } from '../../diagnostics.js';
import { escapeMarkdown } from '../../markdown/escape-markdown.mjs';
import { messageMarkdown } from '../../export/formats/markdown.js';
import { GITHUB_ANNOTATION_LIMIT, unannotated } from './github.js';
import { summaryLine } from './text.js';

/**
 * Every diagnostic as a GitHub-flavoured Markdown table, for a job's step summary or a pull-request
 * comment. It says how many of them GitHub does not annotate (at most 10 of each kind a step), since
 * here they are all. File names and messages are escaped (messages keep their `code spans`).
 */
export function formatMarkdown(report: Report): string {
    const out = ['## copis validate', '', `**${escapeMarkdown(summaryLine(report.summary, report.hidden))}**`, ''];
    const missing = unannotated(report.diagnostics);
    const parts = [
        missing.errors > 0 && plural(missing.errors, 'error'),
        missing.warnings > 0 && plural(missing.warnings, 'warning'),
        missing.notices > 0 && plural(missing.notices, 'notice')
    ].filter((p): p is string => typeof p === 'string');
    if (parts.length > 0) {
        out.push(`GitHub annotates at most ${GITHUB_ANNOTATION_LIMIT} errors, ${GITHUB_ANNOTATION_LIMIT} warnings and ${GITHUB_ANNOTATION_LIMIT} notices per step: ${parts.join(', ')} below ${parts.length === 1 && /^1 /.test(parts[0]) ? 'is' : 'are'} not annotated on the pull request.`, '');
    }
    if (report.diagnostics.length > 0) {
        out.push('| Where | Severity | Message | Code |', '| --- | --- | --- | --- |');
        for (const d of report.diagnostics) {
            out.push(`| ${escapeMarkdown(`${d.file}:${d.line}:${d.column}`)} | ${d.severity} | ${messageMarkdown(d.message)} | \`${d.code.replace(/[`|]/g, '')}\` |`);
        }
        out.push('');
    }
    return out.join('\n');
}
