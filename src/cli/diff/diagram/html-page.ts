/**
 * `copis diff --to html`: one standalone page with the marked journey (the SVG of `--to svg`,
 * inline) and the journey's changes as a table, in the CLI's standalone page (html/standalone-page.ts:
 * inline CSS, no script, nothing remote, the export's Content-Security-Policy); every string from a
 * model or a revision through escapeXml.
 */
import { escapeXml } from '../../../../language-server/diagram/escape.js';
import { revealStyle } from '../../../../language-server/diagram/svg.js';
import { titleOf } from '../../../../language-server/model/labels.js';
import { CODE_STYLE, PAGE_STYLE, TABLE_STYLE, standalonePage } from '../../html/standalone-page.js';
import type { JourneyDiff } from '../compare/diff-types.js';
import type { DiffReport } from '../report.js';
import { actualsText, changeDetails, changeFacts, propertyText, revisionText } from '../reporters/wording.js';

const STYLE = [PAGE_STYLE, `
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.meta { color: #59636e; margin: 0 0 12px; }
.diagram { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; background: #ffffff; }
.diagram svg { display: block; }
`.trim(), TABLE_STYLE, `
.added { color: #2e7d32; } .removed { color: #c62828; } .changed, .renamed, .moved { color: #9a6700; }
`.trim(), CODE_STYLE, revealStyle('resolved')].join('\n');

export function renderDiffHtml(input: { report: DiffReport; svg: string; title: string; journey?: JourneyDiff }): string {
    const { report, journey } = input;
    const out = [
        `<h1>${escapeXml(input.title)}</h1>`,
        `<p class="meta">${escapeXml(`${revisionText(report.base)} → ${revisionText(report.head)}${actualsText(report) !== undefined ? ` · ${actualsText(report)}` : ''}`)}${journey ? ` · journey ${escapeXml(journey.change)}` : ' · no change'}</p>`,
        `<section id="diagram"><div class="diagram">\n${input.svg.trimEnd()}\n</div></section>`
    ];
    if (journey && (journey.properties.length > 0 || journey.elements.length > 0)) {
        out.push('<section id="changes">', '<h2>What changed</h2>', '<table>', '<thead><tr><th>Change</th><th>Declaration</th><th>What changed</th></tr></thead>', '<tbody>');
        for (const p of journey.properties) out.push(`<tr><td class="changed">changed</td><td>journey <code>${escapeXml(journey.name)}</code></td><td>${escapeXml(propertyText(p, journey.id))}</td></tr>`);
        for (const e of journey.elements) {
            const details = [...changeFacts(e, journey.id), ...changeDetails(e, journey.id)].map(escapeXml).join('<br>');
            const title = titleOf(e);
            out.push(`<tr data-id="${escapeXml(e.id)}"><td class="${e.change}">${e.change}</td><td>${escapeXml(e.kind)} <code>${escapeXml(e.name)}</code>${title !== undefined ? ` ${escapeXml(title)}` : ''}</td><td>${details}</td></tr>`);
        }
        out.push('</tbody>', '</table>', '</section>');
    }
    return standalonePage({ title: `copis diff: ${input.title}`, style: STYLE, body: out });
}
