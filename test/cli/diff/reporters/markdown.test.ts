import { describe, expect, it } from 'vitest';
import { ROWS_SHOWN, formatDiffMarkdown } from '../../../../src/cli/diff/reporters/markdown.js';
import { htmlElements, renderMarkdown, textContent, type HtmlElement } from '../../html-tree.js';
import { BUY, SHARED, diffOf, edit, reportOf } from '../models.js';

const base = { 'shared.copis': SHARED, 'buy.copis': BUY };
const withBuy = (buy: string) => ({ 'shared.copis': SHARED, 'buy.copis': buy });

const tagged = (elements: HtmlElement[], tag: string) => elements.filter(e => e.tagName === tag);
const text = (e: HtmlElement) => textContent(e).replace(/\s+/g, ' ').trim();

/** A cell's text, a line break where it has a <br>. */
function cellText(node: HtmlElement): string {
    const walk = (n: HtmlElement | { nodeName: string; value?: string }): string => n.nodeName === '#text' ? (n as { value: string }).value
        : n.nodeName === 'br' ? '\n' : 'childNodes' in n ? (n.childNodes as HtmlElement[]).map(walk).join('') : '';
    return walk(node).replace(/[ \t]+/g, ' ').trim();
}

/** The rows of a rendered table as their cells' text (the header row first). */
function rows(table: HtmlElement): string[][] {
    return tagged(htmlElements(table), 'tr').map(tr => htmlElements(tr).filter(e => e.tagName === 'td' || e.tagName === 'th').map(cellText));
}

describe('copis diff --format md', () => {
    it('shows a title beside its name as every view labels it: trimmed, and none when it is blank', async () => {
        const head = edit(BUY, ['journey Buy "Buy online"', 'journey Buy "  Buy online  "'], ['touchpoint Checkout "Checkout"', 'touchpoint Checkout "   "']);
        const md = formatDiffMarkdown(reportOf(await diffOf(base, withBuy(head))));
        expect(md).toContain('### Journey Buy online (`Buy`): changed');
        expect(md).toMatch(/^\| ✏️ changed \| touchpoint `Checkout` \| /m);
    });

    it('has a summary line, the revisions, a section per journey with a table, and the diagnostics', async () => {
        const head = edit(BUY, ['channel web  processes Pay  information Order  emotion -1', 'channel mobile  processes Pay  information Order  emotion 1'],
            ['current 98%  target >= 97%', 'current 95%  target >= 97%'],
            ['touchpoint Page "Product page" { channel web  systems Shop  emotion 1 }', 'touchpoint Page "Product page" { systems Shop  emotion 1 }']);
        const md = formatDiffMarkdown(reportOf(await diffOf(base, withBuy(head))));
        const html = renderMarkdown(md);
        expect(tagged(html, 'h2').map(text)).toEqual(['copis diff: 1 journey changed · declarations: 3 changed · 1 KPI now missed · 2 problems introduced (1 warning, 1 information)']);
        expect(tagged(html, 'h3').map(text)).toEqual(['Journey Buy online (Buy): changed', 'Diagnostics: 2 introduced, 0 fixed']);
        expect(text(tagged(html, 'p')[0])).toBe('main (aaaaaaaa) → working tree · 2 model files → 2 model files');
        const [journey, diagnostics] = tagged(html, 'table');
        expect(rows(journey)).toEqual([
            ['Change', 'Declaration', 'What changed'],
            ['✏️ changed, now missed', 'kpi OnTime On-time rate', 'KPI met → missed\ncurrent: 98% → 95%'],
            ['✏️ changed', 'touchpoint Page Product page', 'channel: web → none'],
            ['✏️ changed', 'touchpoint Checkout Checkout', 'channel: web → mobile\nemotion: -1 → 1']
        ]);
        // Each fact on a line of its own in the cell.
        expect(tagged(htmlElements(journey), 'br')).toHaveLength(2);
        expect(rows(diagnostics).map(r => r.slice(0, 3))).toEqual([
            ['Severity', 'Code', 'Declaration'],
            ['warning', 'touchpoint-without-channel', 'Buy.Page'],
            ['information', 'kpi-off-target', 'Buy.OnTime']
        ]);
        expect(tagged(html, 'details')).toEqual([]);
    });

    it(`shows the first ${ROWS_SHOWN} changes of a journey and folds the rest in <details>`, async () => {
        const extra = Array.from({ length: 14 }, (_, i) => `    touchpoint Extra${i} "Extra ${i}" { channel web  emotion 0 }`).join('\n');
        const head = edit(BUY, ['touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }', `touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }\n${extra}`]);
        const html = renderMarkdown(formatDiffMarkdown(reportOf(await diffOf(base, withBuy(head)))));
        const journeyTable = tagged(html, 'table')[0];
        expect(rows(journeyTable)).toHaveLength(ROWS_SHOWN + 1);
        // Each new touchpoint has no process (touchpoint-without-process): 14 problems introduced, folded alike.
        const details = tagged(html, 'details');
        expect(details.map(d => text(tagged(htmlElements(d), 'summary')[0]))).toEqual(['4 more changes in this journey', '4 more problems introduced']);
        expect(rows(tagged(htmlElements(details[0]), 'table')[0]).slice(1).map(r => r[1])).toEqual(['touchpoint Extra10 Extra 10', 'touchpoint Extra11 Extra 11', 'touchpoint Extra12 Extra 12', 'touchpoint Extra13 Extra 13']);
        expect(rows(tagged(htmlElements(details[1]), 'table')[0])).toHaveLength(5);
    });

    it('folds the problems fixed, and lists the files not compared', async () => {
        const broken = { ...base, 'crm.copis': 'system Crm "CRM" { owner }\n' };
        const head = withBuy(edit(BUY, ['current 30  target >= 45', 'current 50  target >= 45']));
        const html = renderMarkdown(formatDiffMarkdown(reportOf(await diffOf(broken, { ...head, 'crm.copis': 'system Crm "CRM" { owner "IT" }\n' }))));
        const details = tagged(html, 'details');
        expect(details.map(d => text(tagged(htmlElements(d), 'summary')[0]))).toEqual(['2 problems fixed']);
        expect(rows(tagged(htmlElements(details[0]), 'table')[0]).slice(1).map(r => `${r[1]} ${r[3]}`)).toEqual(['syntax crm.copis:1:26', expect.stringMatching(/^kpi-off-target buy\.copis:/)]);
        expect(tagged(html, 'h3').map(text)).toEqual(['Journey Buy online (Buy): changed', 'Diagnostics: 0 introduced, 2 fixed', 'Not compared']);
        expect(tagged(html, 'li').map(text)).toEqual([expect.stringMatching(/^crm\.copis does not parse at main \(1:26: .*\); left out of the comparison: Crm$/)]);
    });

    it('says so when nothing changed', async () => {
        const html = renderMarkdown(formatDiffMarkdown(reportOf(await diffOf(base, base))));
        expect(tagged(html, 'h2').map(text)).toEqual(['copis diff: no changes in meaning']);
        expect(tagged(html, 'table')).toEqual([]);
    });

    it('escapes every model string: no HTML, link, image, emphasis or extra cell comes from a title', async () => {
        const hostile = '<img src=x onerror=alert(1)> | [a](javascript:alert(2)) **b** `c` https://evil.example <script>alert(3)</script> # h $x$';
        const literal = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
        const head = edit(BUY, ['touchpoint Checkout "Checkout"', `touchpoint Checkout ${literal(hostile)}`], ['owner "Logistics"', `owner ${literal(hostile)}`])
            .replace('journey Buy "Buy online"', `journey Buy ${literal(hostile)}`);
        const md = formatDiffMarkdown(reportOf(await diffOf(base, withBuy(head))));
        const html = renderMarkdown(md);
        for (const tag of ['img', 'a', 'script', 'strong', 'em', 'code', 'h1']) {
            // The report's own code spans (names and codes) are the only code elements.
            const found = tagged(html, tag).filter(e => tag !== 'code' || !/^[\w.-]+$/.test(text(e)));
            expect(found.map(text), tag).toEqual([]);
        }
        const table = tagged(html, 'table')[0];
        for (const r of rows(table)) expect(r).toHaveLength(3);
        const cells = rows(table).slice(1).flatMap(r => r);
        const shown = hostile.replace(/\s+/g, ' ');
        expect(cells).toContain(`touchpoint Checkout ${shown}`);
        expect(cells.join('\n')).toContain(`owner: Logistics → ${shown}`);
        expect(text(tagged(html, 'h3')[0])).toBe(`Journey ${shown} (Buy): changed`);
    });
});
