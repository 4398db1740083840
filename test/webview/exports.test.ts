/// <reference lib="dom" />
/**
 * The exports of a hostile model opened in a real browser (Debian's Chromium, headless, through
 * playwright-core), as someone who double-clicks them would: the HTML page (`--to html`) and the SVG
 * file (`--to svg`), from file:// URLs. An SVG opened as a document runs its scripts and event
 * handlers, and an HTML page its own, so this is where an escaping mistake would show: every payload
 * would call the page's tripwire function, set `window.__pwned` or load something from 127.0.0.1:1.
 * None may; the page may not even try (no Content-Security-Policy violation), and it loads nothing
 * but itself.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { revealStyle } from '../../language-server/diagram/index.js';
import { chromiumForTests, watchPage, type PageWatch } from '../chromium.js';
import { copis, workspace } from '../cli/helpers.js';

const browser = chromiumForTests();

const PAYLOADS = [
    '<script>__copisTripwire(1);window.__pwned=1</script>',
    '<svg onload=__copisTripwire(2)><foreignObject><iframe src=javascript:__copisTripwire(3)></iframe></foreignObject></svg>',
    '</style><style>*{background:url(http://127.0.0.1:1/css)}</style><link rel=stylesheet href=http://127.0.0.1:1/link>',
    'javascript:__copisTripwire(4)',
    '<img src=http://127.0.0.1:1/img onerror=__copisTripwire(5)>',
    'x" onmouseover="__copisTripwire(6)" style="fill:url(http://127.0.0.1:1/fill)',
    "y' onfocus='__copisTripwire(7)' autofocus tabindex='1",
    ']]><script>__copisTripwire(8)</script><![CDATA[',
    '<!-- --><script>__copisTripwire(9)</script><!--',
    '<a href="javascript:__copisTripwire(10)">link</a><animate onbegin=__copisTripwire(11) attributeName=x dur=1s>',
    '<set attributeName=onmouseover to=__copisTripwire(12)><use href=data:image/svg+xml,<svg/onload=__copisTripwire(13)>>',
    '<meta http-equiv=refresh content="0;url=javascript:__copisTripwire(14)"><base href=http://127.0.0.1:1/>',
    'expression(__copisTripwire(15)) url(http://127.0.0.1:1/url)',
    '</title><script>__copisTripwire(16)</script><image href="http://127.0.0.1:1/i.png"/><title>'
];

const q = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const doc = (text: string) => `/** ${text.replace(/\*\//g, '* /')} */`;

/** Each payload as a touchpoint's title and doc comment, a moment's title and owner, a pain, a process's title (in each moment's recovery badge) and owner, a 100 KB journey title. */
function hostileModel(): string {
    const at = (i: number) => PAYLOADS[i % PAYLOADS.length];
    const lines = [
        `customer C ${q(at(0))} { value high }`,
        `customer D ${q(at(1))} { value low }`,
        `system Sys ${q(at(2))} { type web  owner ${q(at(3))} }`,
        doc(PAYLOADS.join(' ')),
        `journey J ${q(`${'A'.repeat(50_000)}${at(0)}${'B'.repeat(50_000)}`)} {`,
        '  customers C, D',
        `  objective O ${q(at(4))} { kpi K ${q(at(5))} { metric custom  unit ${q(at(6))}  current 1  target >= 2 } }`,
        `  process Pr ${q(at(7))} { owner ${q(at(8))}  lane backstage  systems Sys }`
    ];
    PAYLOADS.forEach((payload, i) => {
        lines.push(
            `  stage S${i} ${q(at(i + 1))} { category awareness`,
            `    ${doc(at(i + 2))}`,
            `    touchpoint T${i} ${q(payload)} { channel web  emotion ${(i % 5) - 2}  processes Pr  systems Sys }`,
            '  }',
            `  moment M${i} ${q(at(i + 3))} { at T${i}  kind zero  polarity mixed  impact high  kpis K  owner ${q(at(i + 4))}  recovery Pr }`,
            `  pain P${i} ${q(at(i + 5))} { at T${i}  severity high }`
        );
    });
    lines.push('}', '');
    return lines.join('\n');
}

interface Visit extends PageWatch {
    page: Page;
}

/** Opens `url` in a fresh page that exposes the tripwire and records requests, policy violations and errors. */
async function visit(url: string): Promise<Visit> {
    const context = await browser().newContext();
    const page = await context.newPage();
    const v: Visit = { page, ...await watchPage(page) };
    await page.goto(url);
    // Hover over and click every element drawn for the model, and focus what can be focused.
    const elements = await page.locator('.copis-el').count();
    for (let i = 0; i < elements; i += 7) await page.locator('.copis-el').nth(i).hover({ force: true, timeout: 2000 }).catch(() => undefined);
    await page.keyboard.press('Tab');
    await page.mouse.click(5, 5);
    await page.waitForTimeout(300);
    return v;
}

async function leftovers(page: Page) {
    return page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        elements: [...document.querySelectorAll('script, iframe, img, foreignObject, link, a, animate, set, use, image, base, object, embed')].map(e => e.outerHTML.slice(0, 60)),
        metas: document.querySelectorAll('meta').length,
        styles: [...document.querySelectorAll('style')].map(s => s.textContent!.trim()),
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => `${e.tagName}@${a.name}`)).filter(n => /@(on|href$|src$|style$|autofocus$)/i.test(n))
    }));
}

describe('the exports of a hostile model in Chromium', () => {
    test('the HTML page: nothing runs, nothing is requested, nothing even tried (no policy violation); the titles are text', async () => {
        const dir = workspace({ 'j.copis': hostileModel() });
        const run = await copis(dir, 'export', 'j.copis', '--to', 'html', '-o', 'j.html');
        expect(run.code).toBe(0);
        const url = pathToFileURL(join(dir, 'j.html')).href;
        const v = await visit(url);
        expect(v.tripwire).toEqual([]);
        expect(v.violations).toEqual([]);
        expect(v.errors).toEqual([]);
        expect(v.requests).toEqual([url]);
        const seen = await leftovers(v.page);
        // The page's own: its charset, policy, viewport and generator; one style sheet, which shows a recovery badge's link.
        expect({ ...seen, styles: seen.styles.length }).toEqual({ pwned: null, elements: [], metas: 4, styles: 1, handlers: [] });
        expect(seen.styles[0]).toContain(revealStyle('resolved'));
        expect(await v.page.locator('.copis-badge').count()).toBe(PAYLOADS.length);
        const titles = await v.page.locator('.copis-el[data-kind="touchpoint"] > title').allTextContents();
        expect(titles.map(t => t.split('\n')[0])).toEqual(PAYLOADS);
        expect(await v.page.locator('h1').textContent()).toContain(PAYLOADS[0]);
        await v.page.context().close();
    });

    test('the SVG file, opened as a document (where SVG scripts and handlers would run): nothing runs, nothing is requested', async () => {
        const dir = workspace({ 'j.copis': hostileModel() });
        for (const view of ['journey', 'copis']) {
            const run = await copis(dir, 'export', 'j.copis', '--to', 'svg', '--view', view, '-o', `j-${view}.svg`);
            expect(run.code, view).toBe(0);
            const url = pathToFileURL(join(dir, `j-${view}.svg`)).href;
            const v = await visit(url);
            expect(v.tripwire, view).toEqual([]);
            expect(v.errors, view).toEqual([]);
            expect(v.requests, view).toEqual([url]);
            // The journey view's own style sheet, which shows a recovery badge's link (our rules alone); none in the COPIS view.
            expect(await leftovers(v.page), view).toEqual({ pwned: null, elements: [], metas: 0, styles: view === 'journey' ? [revealStyle('resolved')] : [], handlers: [] });
            await v.page.context().close();
        }
    });

    test('the harness sees what it looks for: an unescaped SVG payload calls the tripwire; a blocked script is a policy violation', async () => {
        const dir = workspace();
        const path = join(dir, 'unescaped.svg');
        // What the renderer would write if it did not escape a title (the last payload closes the <title> it is in).
        writeFileSync(path, `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>${PAYLOADS.at(-1)}</title></svg>`);
        const v = await visit(pathToFileURL(path).href);
        await expect.poll(() => v.tripwire.length).toBeGreaterThan(0);
        expect(v.requests.some(r => r.startsWith('http://127.0.0.1:1/'))).toBe(true);
        await v.page.context().close();
        // And a page with the export's policy and an injected script: blocked, and the violation seen.
        const page = join(dir, 'unescaped.html');
        writeFileSync(page, `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><h1>${PAYLOADS[0]}</h1>`);
        const h = await visit(pathToFileURL(page).href);
        await expect.poll(() => h.violations.length).toBeGreaterThan(0);
        expect(h.violations[0]).toMatch(/^script-src-elem blocked inline/);
        expect(h.tripwire).toEqual([]);
        await h.page.context().close();
    });
});
