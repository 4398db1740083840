/// <reference lib="dom" />
/**
 * The site `copis site` writes, in a real browser (Debian's Chromium, headless, through playwright-core):
 * the examples' site served over HTTP by a plain static server and opened from file://, every page of it
 * checked for console errors, Content-Security-Policy violations and requests that leave the site; the
 * search, the customer filter, the views, panning and the details panel used as a reader uses them; a
 * hostile model's site, where nothing may run; and `copis site --serve`, whose change must reach the
 * open page; the figures of language §7 (value at risk in the portfolio and on a customer's page, KPIs' sparklines
 * in their tables and the details panel) against the model's. With COPIS_SCREENSHOTS=1 it also writes
 * docs/images/site-index.png and site-journey.png.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { filterByCustomer } from '../../language-server/diagram/index.js';
import type { JourneyModel } from '../../language-server/model/journey-model.js';
import { formatCompactNumber } from '../../language-server/model/money.js';
import { startSiteServer, type SiteServer } from '../../src/cli/site/serve.js';
import { launchChromium, watchPage, type PageWatch } from '../chromium.js';
import { copis } from '../cli/helpers.js';
import { filesIn } from '../cli/site/site-helpers.js';
import { exampleFolders, journeyModels } from '../language-server/diagram/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
// A page of the site per step, in a real browser, on a machine shared with others: minutes, not seconds.
vi.setConfig({ testTimeout: 180_000 });
const SHOTS = process.env.COPIS_SCREENSHOTS === '1';

let browser: Browser;
let work: string;
let siteDir: string;
let server: Server;
let origin: string;
/** Paths the static server was asked for that it does not have. */
const missing: string[] = [];
let models: JourneyModel[];
let retail: JourneyModel;
/** The examples' site as of 2026-12-01, with their actuals, and its models. */
let datedDir: string;
let datedModels: JourneyModel[];

/** A folder served as a static host serves it: files only, by path, with their types. */
function staticServer(dir: string): Promise<{ server: Server; origin: string }> {
    const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml' };
    const s = createServer((request, response) => {
        let path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).slice(1);
        if (path === '' || path.endsWith('/')) path += 'index.html';
        const file = join(dir, path);
        if (path.split('/').includes('..') || !existsSync(file)) {
            missing.push(path);
            response.writeHead(404).end();
            return;
        }
        response.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream' });
        response.end(readFileSync(file));
    });
    return new Promise(done => s.listen(0, '127.0.0.1', () => done({ server: s, origin: `http://127.0.0.1:${(s.address() as AddressInfo).port}` })));
}

beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'copis-site-browser-'));
    siteDir = join(work, 'site');
    // As of a date before the examples' actuals (their first rows are of 2026-09-30): the KPIs read as
    // written, whatever day the tests run (an actual read as of today would also go stale in time).
    const run = await copis(ROOT, 'site', 'examples', '-o', siteDir, '--as-of', '2026-09-01');
    if (run.code !== 0) throw new Error(`copis site failed: ${run.stderr}`);
    // And as of a date after them (a fixed date: the same on any day), where the KPIs are their actuals and have series.
    datedDir = join(work, 'dated');
    const dated = await copis(ROOT, 'site', 'examples', '-o', datedDir, '--as-of', '2026-12-01');
    if (dated.code !== 0) throw new Error(`copis site failed: ${dated.stderr}`);
    models = await journeyModels(exampleFolders().flatMap(f => f.sources));
    const folders = exampleFolders();
    datedModels = await journeyModels(folders.flatMap(f => f.sources), { roots: folders.map(f => f.root), actuals: folders.flatMap(f => f.actuals), asOf: '2026-12-01' });
    retail = models.find(m => m.id === 'RetailBuyAndReturn')!;
    ({ server, origin } = await staticServer(siteDir));
    browser = await launchChromium();
}, 600_000);

afterAll(async () => {
    await browser?.close();
    await new Promise(done => server ? server.close(done) : done(undefined));
    if (work) rmSync(work, { recursive: true, force: true });
});

interface Visit extends PageWatch {
    page: Page;
    close(): Promise<void>;
}

async function visit(url: string, viewport = { width: 1400, height: 900 }): Promise<Visit> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const v: Visit = { page, ...await watchPage(page), close: () => context.close() };
    await page.goto(url);
    await page.waitForLoadState('load');
    if (new URL(url).pathname.includes('/journeys/')) await page.waitForSelector('.toolbar:not([hidden])');
    return v;
}

/** What every page must be: no error, no policy violation, no request but for the site's own files. */
async function expectClean(v: Visit, inside: string, label: string): Promise<void> {
    await v.page.waitForTimeout(50);
    expect(v.errors, `${label}: console errors`).toEqual([]);
    expect(v.violations, `${label}: policy violations`).toEqual([]);
    expect(v.tripwire, `${label}: tripwire`).toEqual([]);
    expect(v.requests.filter(r => !r.startsWith(inside)), `${label}: requests outside the site`).toEqual([]);
}

const pages = () => filesIn(siteDir).filter(p => p.endsWith('.html'));

describe('the examples\' site in Chromium', () => {
    test('every page over HTTP: no console error, no policy violation, nothing requested outside the site or missing', async () => {
        expect(pages().length).toBe(17);
        for (const path of pages()) {
            const v = await visit(`${origin}/${path}`);
            // The search index is loaded when the search is first used: use it on every page.
            await v.page.fill('#site-search', 'a');
            await v.page.waitForSelector('#search-results a');
            await expectClean(v, `${origin}/`, path);
            await v.close();
        }
        // A browser asks for /favicon.ico only where a page names no icon: every page names one.
        expect(missing).toEqual([]);
    });

    test('every page from file://, the same', async () => {
        const base = pathToFileURL(siteDir).href;
        for (const path of pages()) {
            const v = await visit(`${base}/${path}`);
            await v.page.fill('#site-search', 'e');
            await v.page.waitForSelector('#search-results a');
            await expectClean(v, `${base}/`, path);
            for (const r of v.requests) expect(existsSync(new URL(r).pathname), r).toBe(true);
            if (path.startsWith('journeys/')) expect(await v.page.locator('#canvas svg.copis-diagram').count(), path).toBe(1);
            await v.close();
        }
    });

    test('the search finds an element by its title and opens its page at it, with its details', async () => {
        const target = retail.touchpoints.find(t => t.name === 'RefundWait') ?? retail.touchpoints[retail.touchpoints.length - 2];
        const v = await visit(`${origin}/index.html`);
        await v.page.fill('#site-search', target.title!.toLowerCase());
        const first = v.page.locator('#search-results a').first();
        await first.waitFor();
        expect(await first.innerText()).toContain(target.title!);
        await v.page.keyboard.press('Enter');
        await v.page.waitForURL(`**/journeys/RetailBuyAndReturn.html#el-${target.id}`);
        await v.page.waitForSelector('#details:not([hidden])');
        expect(await v.page.locator('#details h2').innerText()).toBe(target.title);
        expect(await v.page.locator(`#canvas .copis-el.copis-highlight[data-id="${target.id}"]`).count()).toBeGreaterThan(0);
        // In view: the browser's own jump to the element's entry in the list below the diagram is undone.
        const inView = async () => v.page.evaluate(() => {
            const box = document.querySelector('#details')!.getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
        });
        await expect.poll(inView).toBe(true);
        // And so is the jump on a change of the fragment (another link on the same page).
        const other = retail.touchpoints.find(t => t.id !== target.id)!;
        await v.page.evaluate(id => { location.hash = `#el-${id}`; }, other.id);
        await expect.poll(async () => v.page.locator('#details h2').innerText()).toBe(other.title);
        await expect.poll(inView).toBe(true);
        await expectClean(v, `${origin}/`, 'search');
        await v.close();
    });

    test('the customer filter draws one customer\'s path, as the preview does; a customer page links to it', async () => {
        const v = await visit(`${origin}/journeys/RetailBuyAndReturn.html`);
        const customer = retail.customerDetails.find(c => retail.touchpoints.some(t => !t.customers.includes(c.id)))!;
        const drawn = () => v.page.locator('#canvas .copis-el[data-kind="touchpoint"]').evaluateAll(els => els.map(e => e.getAttribute('data-id')));
        expect(await drawn()).toEqual(retail.touchpoints.map(t => t.id));
        expect(await v.page.locator('#customer-select option').allInnerTexts()).toEqual(['All customers', ...retail.customerDetails.map(c => c.title ?? c.name)]);
        await v.page.selectOption('#customer-select', customer.id);
        const kept = filterByCustomer(retail, customer.id).model.touchpoints.map(t => t.id);
        expect(kept.length).toBeLessThan(retail.touchpoints.length);
        await v.page.waitForFunction(n => document.querySelectorAll('#canvas .copis-el[data-kind="touchpoint"]').length === n, kept.length);
        expect(await drawn()).toEqual(kept);
        await expectClean(v, `${origin}/`, 'filter');
        await v.close();

        // From the customer's page: the journey opens on their path.
        const c = await visit(`${origin}/customers/${customer.id}.html`);
        await c.page.click('#journeys a');
        await c.page.waitForSelector('.toolbar:not([hidden])');
        expect(await c.page.locator('#customer-select').inputValue()).toBe(customer.id);
        await c.page.waitForFunction(n => document.querySelectorAll('#canvas .copis-el[data-kind="touchpoint"]').length === n, kept.length);
        await expectClean(c, `${origin}/`, 'customer page');
        await c.close();
    });

    test('the persona header says how many customers each segment holds, and so does the customer\'s page', async () => {
        const counted = retail.customerDetails.filter(c => c.count !== undefined);
        expect(counted.length).toBeGreaterThan(1);
        const v = await visit(`${origin}/journeys/RetailBuyAndReturn.html`);
        const card = (id: string) => v.page.locator(`#canvas .copis-el[data-kind="customer"][data-id="${id}"]`);
        for (const c of counted) expect((await card(c.id).textContent())?.replace(/\s+/g, ' '), c.id).toContain(`${c.count!.toLocaleString('en-US')} customers`);
        // Filtered to one customer: their card, with their count.
        const one = counted[0];
        await v.page.selectOption('#customer-select', one.id);
        await v.page.waitForFunction(() => document.querySelectorAll('#canvas .copis-el[data-kind="customer"]').length === 1);
        expect((await card(one.id).textContent())?.replace(/\s+/g, ' ')).toContain(`${one.count!.toLocaleString('en-US')} customers`);
        await expectClean(v, `${origin}/`, 'persona header');
        await v.close();
        for (const c of counted) {
            const p = await visit(`${origin}/customers/${c.id}.html`);
            const facts = await p.page.locator('dl.facts').evaluate(dl => [...dl.querySelectorAll('dt')].map(dt => [dt.textContent, dt.nextElementSibling?.textContent]));
            expect(facts, c.id).toContainEqual(['Count', `${c.count!.toLocaleString('en-US')} customers`]);
            await expectClean(p, `${origin}/`, c.id);
            await p.close();
        }
    });

    test('the details panel: an element\'s title, doc comment, facts, what refers to it and its diagnostics; references open in place', async () => {
        const v = await visit(`${origin}/journeys/RetailBuyAndReturn.html`);
        // A moment of truth with a doc comment, at a touchpoint.
        const moment = retail.moments.find(m => m.doc)!;
        const at = retail.touchpoints.find(t => t.id === moment.at)!;
        await v.page.click(`#canvas .copis-el[data-id="${moment.id}"]`);
        const panel = v.page.locator('#details');
        await panel.waitFor();
        expect(await panel.locator('.kind').innerText()).toBe('MOMENT OF TRUTH');
        expect(await panel.locator('h2').innerText()).toBe(moment.title);
        expect(await panel.locator('.doc').innerText()).toBe(moment.doc);
        const facts = await panel.locator('dl').innerText();
        expect(facts).toContain(`At\n${at.title}`);
        expect(facts).toContain(`Polarity\n${moment.polarity}`);
        expect(v.page.url()).toBe(`${origin}/journeys/RetailBuyAndReturn.html#el-${moment.id}`);
        expect(await v.page.locator(`#canvas .copis-el.copis-highlight[data-id="${moment.id}"]`).count()).toBeGreaterThan(0);
        // One that an opportunity addresses: it is listed as referring to it.
        const addressed = retail.moments.find(m => retail.opportunities.some(o => o.addresses.includes(m.id)))!;
        const opportunity = retail.opportunities.find(o => o.addresses.includes(addressed.id))!;
        await v.page.click(`#canvas .copis-el[data-id="${addressed.id}"]`);
        expect(await panel.locator('h2').innerText()).toBe(addressed.title);
        expect(await panel.locator('.referrers').innerText()).toContain(`${opportunity.title} opportunity, addresses`);
        await v.page.click(`#canvas .copis-el[data-id="${moment.id}"]`);
        // Follow the reference to the touchpoint: it opens here, highlighted.
        await panel.locator('dd .ref', { hasText: at.title }).click();
        expect(await panel.locator('h2').innerText()).toBe(at.title);
        expect(await v.page.locator(`#canvas .copis-el.copis-highlight[data-id="${at.id}"]`).count()).toBeGreaterThan(0);
        // A KPI with a diagnostic (kpi-off-target): the panel lists it with its code.
        await v.page.click('#canvas .copis-el[data-id="RetailBuyAndReturn.ReturnCsat"]');
        expect(await panel.locator('h2').innerText()).toBe('Satisfaction with the return');
        expect(await panel.locator('.diagnostics').innerText()).toMatch(/information KPI ReturnCsat is off target: current 78%, target >= 85%\. kpi-off-target .*buy-and-return\.copis:26:9/);
        // Close.
        await panel.locator('.close').click();
        expect(await panel.isHidden()).toBe(true);
        expect(await v.page.locator('#canvas .copis-highlight').count()).toBe(0);
        await expectClean(v, `${origin}/`, 'details');
        await v.close();
    });

    test('a portfolio cell opens its journey at that stage; the COPIS view, zoom and panning', async () => {
        const v = await visit(`${origin}/index.html`);
        const stage = retail.stages.find(s => s.category === 'delivery')!;
        await v.page.click('tr[data-journey="RetailBuyAndReturn"] td[data-category="delivery"] a');
        await v.page.waitForURL(`**/journeys/RetailBuyAndReturn.html#el-${stage.id}`);
        await v.page.waitForSelector('#details:not([hidden])');
        expect(await v.page.locator('#details h2').innerText()).toBe(stage.title);
        expect(await v.page.locator(`#canvas .copis-el.copis-highlight[data-id="${stage.id}"]`).count()).toBeGreaterThan(0);

        await v.page.click('.view-button[data-view="copis"]');
        await v.page.waitForSelector('#canvas svg[data-view="copis"]');
        for (const c of retail.customerDetails) expect(await v.page.locator(`#canvas .copis-el[data-id="${c.id}"]`).count()).toBeGreaterThan(0);
        await v.page.click('#zoom-reset');
        await v.page.click('#zoom-in');
        expect(await v.page.locator('#zoom-reset').innerText()).toBe('125%');
        const scroll = () => v.page.evaluate(() => { const e = document.getElementById('viewport')!; return [e.scrollLeft, e.scrollTop]; });
        const before = await scroll();
        const box = (await v.page.locator('#viewport').boundingBox())!;
        await v.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await v.page.mouse.down();
        await v.page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 - 80, { steps: 5 });
        await v.page.mouse.up();
        const after = await scroll();
        expect(after[0] - before[0]).toBeGreaterThan(100);
        expect(after[1] - before[1]).toBeGreaterThan(40);
        await expectClean(v, `${origin}/`, 'cell, views');
        await v.close();
    });

    test('a moment\'s recovery link: not drawn until the moment or its recovery badge is pointed at, or the badge has the focus (the site\'s style sheet had no rule for it: it was never drawn)', async () => {
        const v = await visit(`${origin}/journeys/RetailBuyAndReturn.html`, { width: 1600, height: 1000 });
        await v.page.click('#zoom-reset');
        const moment = retail.moments.find(m => m.recovery)!;
        const display = () => v.page.evaluate(id => getComputedStyle(document.querySelector(`#canvas .copis-line[data-kind="recovery"][data-from="${id}"]`)!).display, moment.id);
        await v.page.mouse.move(1, 1);
        expect(await display()).toBe('none');
        // the moment (the page's script reveals it), then its badge alone (the style sheet does)
        await v.page.hover(`#canvas .copis-el[data-kind="moment"][data-id="${moment.id}"]`);
        await expect.poll(display).toBe('inline');
        await v.page.mouse.move(1, 1);
        await expect.poll(display).toBe('none');
        await v.page.hover(`#canvas .copis-el[data-kind="moment"][data-id="${moment.id}"] .copis-badge > rect`);
        await expect.poll(display).toBe('inline');
        await v.page.mouse.move(1, 1);
        await expect.poll(display).toBe('none');
        await v.page.locator(`#canvas .copis-el[data-kind="moment"][data-id="${moment.id}"] .copis-badge`).focus();
        await expect.poll(display).toBe('inline');
        await v.page.evaluate(() => (document.activeElement as SVGElement).blur());
        await expect.poll(display).toBe('none');
        await expectClean(v, `${origin}/`, 'recovery link');
        await v.close();
    });

    test.runIf(SHOTS)('screenshots of the index and a journey page (docs/images), as of a date after the examples\' actuals', async () => {
        const base = pathToFileURL(datedDir).href;
        const index = await visit(`${base}/index.html`, { width: 1440, height: 1000 });
        await index.page.screenshot({ path: join(ROOT, 'docs/images/site-index.png') });
        await index.close();
        const journey = await visit(`${base}/journeys/RetailBuyAndReturn.html`, { width: 1440, height: 1000 });
        await journey.page.click('#zoom-reset');
        const moment = retail.moments.find(m => m.polarity === 'mixed')!;
        await journey.page.click(`#canvas .copis-el[data-id="${moment.id}"]`);
        await journey.page.evaluate(() => window.scrollTo(0, 0));
        await journey.page.waitForTimeout(100);
        await journey.page.screenshot({ path: join(ROOT, 'docs/images/site-journey.png') });
        await journey.close();
    });
});

// ---- value at stake and actuals --------------------------------------------------------------------------------

/** `EUR:1234 USD:5`, `43.7M EUR + 1,200 USD` (as a cell writes it) and the exact amounts: the moments' value at risk added here, per currency; whether some input is missing. */
function atRiskOf(moments: JourneyModel['moments']): { data: string; text: string; exact: string; partly: boolean; any: boolean } {
    const sums = new Map<string, number>();
    let partly = false;
    let any = false;
    for (const m of moments) {
        if (!m.valueAtRisk) continue;
        any = true;
        if (m.valueAtRisk.unknown.length > 0) partly = true;
        for (const t of m.valueAtRisk.total) sums.set(t.currency, Math.round(((sums.get(t.currency) ?? 0) + t.amount) * 100) / 100);
    }
    const list = [...sums].sort(([a], [b]) => a < b ? -1 : 1);
    return { data: list.map(([c, a]) => `${c}:${a}`).join(' '), text: list.map(([c, a]) => `${formatCompactNumber(a)} ${c}`).join(' + '),
        exact: list.map(([c, a]) => `${a.toLocaleString('en-US')} ${c}`).join(' + '), partly, any };
}

describe('value at stake and actuals in Chromium', () => {
    test('every page of the site as of a date after the actuals (sparklines inline): no console error, no policy violation, nothing outside the site', async () => {
        const base = pathToFileURL(datedDir).href;
        for (const path of filesIn(datedDir).filter(p => p.endsWith('.html'))) {
            const v = await visit(`${base}/${path}`);
            await expectClean(v, `${base}/`, path);
            await v.close();
        }
    });

    test('the portfolio: each cell shows the value at risk of its moments, per currency, as added here from the model\'s figures', async () => {
        const v = await visit(`${pathToFileURL(datedDir).href}/index.html`);
        let checked = 0;
        for (const model of datedModels) {
            for (const td of await v.page.locator(`tr[data-journey="${model.id}"] td.cell:not(.empty)`).all()) {
                const category = (await td.getAttribute('data-category'))!;
                const moments = category === 'total' ? model.moments : model.moments.filter(m => model.stages.some(s => s.id === m.stage && (s.category ?? '') === category));
                const expected = atRiskOf(moments);
                const figure = td.locator('.figure-at-risk');
                if (!expected.any) {
                    expect(await figure.count(), `${model.id} ${category}`).toBe(0);
                    continue;
                }
                expect(await td.getAttribute('data-at-risk'), `${model.id} ${category}`).toBe(expected.data);
                const shown = (await figure.innerText()).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
                expect((await figure.getAttribute('title'))!.split('\n')[0], `${model.id} ${category}`).toContain(`Value at risk: ${expected.exact || 'unknown'} (`);
                expect(shown, `${model.id} ${category}`).toBe(expected.data ? `at risk ${expected.text}${expected.partly ? ' +?' : ''}` : 'at risk unknown');
                expect(await figure.isVisible()).toBe(true);
                checked++;
            }
        }
        expect(checked).toBeGreaterThan(8);
        await expectClean(v, pathToFileURL(datedDir).href, 'index');
        await v.close();
    });

    test('a customer\'s page: their share of each moment on their path, and the sum, as added here from the moments\' terms', async () => {
        for (const c of datedModels.flatMap(m => m.customerDetails).filter((c, i, all) => all.findIndex(x => x.id === c.id) === i)) {
            const sums = new Map<string, number>();
            const shares: string[] = [];
            for (const m of datedModels.flatMap(j => j.moments)) {
                const term = m.valueAtRisk?.terms.find(t => t.customer === c.id);
                if (term) {
                    sums.set(term.amount.currency, Math.round(((sums.get(term.amount.currency) ?? 0) + term.amount.amount) * 100) / 100);
                    shares.push(`${term.amount.amount.toLocaleString('en-US')} ${term.amount.currency}`);
                }
            }
            const v = await visit(`${pathToFileURL(datedDir).href}/customers/${c.id}.html`);
            const big = v.page.locator('#value-at-risk .figure-big');
            const expected = [...sums].sort(([a], [b]) => a < b ? -1 : 1);
            expect(await big.getAttribute('data-at-risk'), c.id).toBe(expected.map(([cur, a]) => `${cur}:${a}`).join(' '));
            if (expected.length > 0) expect((await big.innerText()).replace(/\s+/g, ' '), c.id).toBe(expected.map(([cur, a]) => `${a.toLocaleString('en-US')} ${cur}`).join(' and '));
            const column = await v.page.locator('table.moments tbody tr td:last-child').allInnerTexts();
            expect(column.filter(t => t !== '' && t !== 'unknown'), c.id).toEqual(shares);
            await expectClean(v, pathToFileURL(datedDir).href, c.id);
            await v.close();
        }
    });

    test('KPIs with their series: the KPIs page draws each one\'s sparkline and lists its values; the journey page\'s details panel draws it too', async () => {
        const kpis = datedModels.flatMap(m => m.objectives.flatMap(o => o.kpis)).filter((k, i, all) => all.findIndex(x => x.id === k.id) === i);
        const plotted = kpis.filter(k => k.actual && (k.series?.length ?? 0) >= 1);
        expect(plotted.length).toBeGreaterThan(3);
        const v = await visit(`${pathToFileURL(datedDir).href}/kpis.html`);
        for (const k of plotted) {
            const row = v.page.locator(`tr[id="el-${k.id}"]`);
            const svg = row.locator('svg.copis-sparkline');
            expect(await svg.count(), k.id).toBe(1);
            const box = (await svg.boundingBox())!;
            expect(box.width * box.height, k.id).toBeGreaterThan(1000);
            const points = [...k.series!, k.actual!];
            expect(await svg.locator('circle').count(), k.id).toBe(Math.min(points.length, 12));
            expect(await row.locator('.series-values').innerText(), k.id).toBe(points.slice(-12).map(p => p.value.text).join(' → '));
        }
        await expectClean(v, pathToFileURL(datedDir).href, 'kpis');
        await v.close();

        const j = datedModels.find(m => m.id === 'RetailBuyAndReturn')!;
        const kpi = j.objectives.flatMap(o => o.kpis).find(k => (k.series?.length ?? 0) >= 2)!;
        const page = await visit(`${pathToFileURL(datedDir).href}/journeys/RetailBuyAndReturn.html`);
        await page.page.locator(`#canvas .copis-el[data-id="${kpi.id}"]`).first().click();
        const panel = page.page.locator('#details');
        await panel.waitFor();
        expect(await panel.locator('h2').innerText()).toBe(kpi.title);
        const spark = panel.locator('svg.copis-sparkline');
        expect(await spark.locator('circle').count()).toBe(kpi.series!.length + 1);
        expect(await spark.isVisible()).toBe(true);
        const facts = await panel.locator('dl').innerText();
        expect(facts).toContain([...kpi.series!, kpi.actual!].map(p => `${p.value.text} on ${p.date}`).join(', '));
        expect(facts).toContain(`Current\n${kpi.current!.text} (actual of ${kpi.actual!.date})`);
        // A moment's value at risk, with its inputs.
        const moment = j.moments.find(m => m.valueAtRisk && m.valueAtRisk.total.length > 0)!;
        await page.page.locator(`#canvas .copis-el[data-id="${moment.id}"]`).first().click();
        expect(await panel.locator('h2').innerText()).toBe(moment.title);
        const risk = await panel.locator('dl').innerText();
        expect(risk).toContain(`Value at risk\n${moment.valueAtRisk!.total.map(t => `${t.amount.toLocaleString('en-US')} ${t.currency}`).join(' + ')}`);
        for (const t of moment.valueAtRisk!.terms) expect(risk).toContain(`- ${t.customer}: `);
        await expectClean(page, pathToFileURL(datedDir).href, 'journey panel');
        await page.close();
    });
});

// ---- a hostile model --------------------------------------------------------------------------------------------

const PAYLOADS = [
    '<script>__copisTripwire(1);window.__pwned=1</script>',
    '</script><script>__copisTripwire(2)</script>',
    '<img src=http://127.0.0.1:1/img onerror=__copisTripwire(3)>',
    '"><svg onload=__copisTripwire(4)>',
    "'><iframe src=javascript:__copisTripwire(5)></iframe>",
    'javascript:__copisTripwire(6)',
    '<!-- <script>__copisTripwire(7)</script> -->',
    '</textarea></style><style>*{background:url(http://127.0.0.1:1/css)}</style>',
    '<a href="javascript:__copisTripwire(8)">x</a><base href=http://127.0.0.1:1/>',
    '${__copisTripwire(9)} {{constructor.constructor("__copisTripwire(10)")()}}',
    '\u2028</SCRIPT ><script>__copisTripwire(11)</script>'
];
const q = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function hostileModel(): string {
    const at = (i: number) => PAYLOADS[i % PAYLOADS.length];
    const lines = [
        `/** ${at(0)} */`,
        `customer C ${q(at(1))} { segment ${q(at(2))}  value high  needs ${q(at(3))}  clv 100 EUR  count 50 }`,
        `system Sys ${q(at(4))} { type web  owner ${q(at(5))} }`,
        `/** ${PAYLOADS.join(' ')} */`,
        `journey J ${q(at(6))} {`,
        '  customers C',
        `  objective O ${q(at(7))} { kpi K ${q(at(8))} { metric custom  unit ${q(at(9))}  current 1  target >= 2  owner ${q(at(10))} } }`,
        `  process Pr ${q(at(0))} { owner ${q(at(1))}  lane backstage  systems Sys  steps ${q(at(2))} }`
    ];
    PAYLOADS.forEach((payload, i) => {
        lines.push(
            `  stage S${i} ${q(at(i + 1))} { category ${['awareness', 'purchase', 'delivery', 'support'][i % 4]}`,
            `    /** ${at(i + 2).replace(/\*\//g, '* /')} */`,
            `    touchpoint T${i} ${q(payload)} { channel web  emotion ${(i % 5) - 2}  processes Pr  systems Sys }`,
            '  }',
            `  moment M${i} ${q(at(i + 3))} { at T${i}  kind ${['zero', 'first', 'actual', 'second'][i % 4]}  polarity negative  impact high  kpis K  owner ${q(at(i + 4))} }`,
            `  pain P${i} ${q(at(i + 5))} { at T${i}  severity high }`
        );
    });
    lines.push(`  opportunity Op ${q(at(3))} { addresses P0, M1  improves K  owner ${q(at(4))} }`, '}', '');
    return lines.join('\n');
}

describe('the site of a model with errors in Chromium', () => {
    test('a journey page marks them in the diagram as copis export does: the banner, and the element they are in', async () => {
        const source = join(work, 'broken-model');
        mkdirSync(source);
        cpSync(join(ROOT, 'examples/retail'), source, { recursive: true });
        const file = join(source, 'buy-and-return.copis');
        writeFileSync(file, readFileSync(file, 'utf8').replace('at Checkout', 'at Checkoutt'));
        const dir = join(work, 'broken-site');
        const run = await copis(work, 'site', 'broken-model', '-o', dir, '--as-of', '2026-12-01');
        expect(run.code, run.stderr).toBe(0);
        const exported = await copis(source, 'export', 'buy-and-return.copis', '--to', 'svg', '--as-of', '2026-12-01');
        const flaggedInExport = [...exported.stdout.matchAll(/data-id="([^"]+)"[^>]*data-problem="error"/g)].map(m => m[1]);
        expect(flaggedInExport.length).toBeGreaterThan(0);
        const v = await visit(`${pathToFileURL(dir).href}/journeys/RetailBuyAndReturn.html`);
        await v.page.waitForSelector('#canvas svg[data-view="journey"]');
        const flagged = await v.page.locator('#canvas .copis-el[data-problem="error"]').evaluateAll(els => els.map(e => e.getAttribute('data-id')));
        expect(flagged).toEqual(flaggedInExport);
        expect(await v.page.locator('#canvas').innerText()).toContain('The model has 1 error.');
        // The COPIS view says so too.
        await v.page.click('.view-button[data-view="copis"]');
        await v.page.waitForSelector('#canvas svg[data-view="copis"]');
        expect(await v.page.locator('#canvas').innerText()).toContain('The model has 1 error.');
        expect(v.violations).toEqual([]);
        await v.close();
    });
});

describe('the site of a hostile model in Chromium', () => {
    test('nothing runs, nothing is requested, nothing is even tried, on any page, in the diagram, the panel or the search; the titles are text', async () => {
        const dir = join(work, 'hostile');
        // With actuals for its KPI and money on its customer: the sparklines and every figure's text carry its strings too.
        const source = join(work, 'hostile-model');
        mkdirSync(source);
        writeFileSync(join(source, 'hostile.copis'), hostileModel());
        writeFileSync(join(source, 'copis.config.json'), '{ "actuals": ["actuals.csv"] }');
        writeFileSync(join(source, 'actuals.csv'), 'kpi,date,value\nJ.K,2026-10-31,1\nJ.K,2026-11-30,1.5\n');
        const run = await copis(work, 'site', 'hostile-model', '-o', dir, '--title', PAYLOADS[1], '--as-of', '2026-12-01');
        expect(run.code, run.stderr).toBe(0);
        const base = pathToFileURL(dir).href;
        for (const path of filesIn(dir).filter(p => p.endsWith('.html'))) {
            const v = await visit(`${base}/${path}`);
            expect(await v.page.title(), path).toContain(PAYLOADS[1]);
            if (path === 'journeys/J.html') {
                expect(await v.page.locator('h1').innerText()).toBe(PAYLOADS[6]);
                // Open every element's details, in both views.
                for (const view of ['journey', 'copis']) {
                    await v.page.click(`.view-button[data-view="${view}"]`);
                    await v.page.waitForSelector(`#canvas svg[data-view="${view}"]`);
                    const ids = await v.page.locator('#canvas .copis-el').evaluateAll(els => [...new Set(els.map(e => e.getAttribute('data-id')!))]);
                    expect(ids.length).toBeGreaterThan(view === "journey" ? 40 : 4);
                    for (const id of ids) {
                        await v.page.locator(`#canvas .copis-el[data-id="${id}"]`).first().click({ force: true });
                        await v.page.waitForSelector('#details:not([hidden])');
                    }
                }
                await v.page.click('.view-button[data-view="journey"]');
                await v.page.waitForSelector('#canvas svg[data-view="journey"]');
                await v.page.click('#canvas .copis-el[data-id="J.T2"]', { force: true });
                expect(await v.page.locator('#details h2').innerText()).toBe(PAYLOADS[2]);
                expect(await v.page.locator('#details .doc').innerText()).toBe(PAYLOADS[4]);
            }
            if (path === 'kpis.html') {
                // The sparkline's title is the KPI's title and its values, as text.
                expect(await v.page.locator('svg.copis-sparkline title').textContent()).toBe(`${PAYLOADS[8]}: 1 on 2026-10-31, 1.5 on 2026-11-30; target ≥ 2`);
            }
            // Eleven negative moments, each C's 50 × 100 EUR × 100%.
            if (path === 'index.html') expect(await v.page.locator('td.total .figure-at-risk').innerText()).toBe('at risk 55k\u00a0EUR');
            for (const payload of PAYLOADS.slice(0, 4)) {
                await v.page.fill('#site-search', payload.slice(0, 12));
                await v.page.waitForSelector('#search-results li');
            }
            await v.page.keyboard.press('Tab');
            await v.page.mouse.click(5, 5);
            await expectClean(v, `${base}/`, path);
            const seen = await v.page.evaluate(() => ({
                pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
                injected: [...document.querySelectorAll('iframe, object, embed, base, style, img:not([src$="assets/icon.svg"]), script:not([src]):not([type="application/json"])')].map(e => e.outerHTML.slice(0, 60)),
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => /^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)))
                    .map(a => `${e.tagName}@${a.name}`))
            }));
            expect(seen, path).toEqual({ pwned: null, injected: [], handlers: [] });
            await v.close();
        }
    });
    test('the harness sees what it looks for: under the site\'s policy an injected handler is a violation; without it, the tripwire', async () => {
        const dir = join(work, 'probe');
        cpSync(siteDir, dir, { recursive: true });
        const index = readFileSync(join(dir, 'index.html'), 'utf8');
        // What the pages would be if a title were not escaped.
        writeFileSync(join(dir, 'unescaped.html'), index.replace('<h1>', `<h1>${PAYLOADS[2]}`));
        const blocked = await visit(`${pathToFileURL(dir).href}/unescaped.html`);
        await expect.poll(() => blocked.violations.length).toBeGreaterThan(0);
        expect(blocked.tripwire).toEqual([]);
        await blocked.close();
        writeFileSync(join(dir, 'unguarded.html'), index.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('<h1>', `<h1>${PAYLOADS[2]}`));
        const ran = await visit(`${pathToFileURL(dir).href}/unguarded.html`);
        await expect.poll(() => ran.tripwire.length).toBeGreaterThan(0);
        expect(ran.requests.some(r => r.startsWith('http://127.0.0.1:1/'))).toBe(true);
        await ran.close();
    });
});

// ---- copis site --serve -----------------------------------------------------------------------------------------

describe('copis site --serve in Chromium', () => {
    let served: SiteServer;
    const models = () => join(work, 'served');
    beforeAll(async () => {
        cpSync(join(ROOT, 'examples/retail'), models(), { recursive: true });
        const io = { cwd: work, stdout: () => undefined, stderr: () => undefined };
        // As of a fixed date, a day after the examples' last actuals: the same on any day.
        const started = await startSiteServer({ paths: ['served'], port: 0, asOf: '2026-12-01' }, io);
        if (typeof started === 'number') throw new Error(`the server did not start (exit ${started})`);
        served = started;
    });
    afterAll(async () => { await served?.close(); });

    test('a change to a .copis file reaches the open page, which keeps its view and zoom', async () => {
        const v = await visit(`${served.url}journeys/RetailBuyAndReturn.html`);
        expect(await v.page.locator('h1').innerText()).toBe(retail.title);
        await v.page.click('.view-button[data-view="copis"]');
        await v.page.waitForSelector('#canvas svg[data-view="copis"]');
        await v.page.click('#zoom-reset');
        await v.page.click('#zoom-in');
        await v.page.waitForTimeout(200); // the page saves its state a moment after a change
        const file = join(models(), 'buy-and-return.copis');
        writeFileSync(file, readFileSync(file, 'utf8').replace(`"${retail.title}"`, '"Buy and return, as edited"'));
        await v.page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Buy and return, as edited', undefined, { timeout: 15_000 });
        await v.page.waitForSelector('.toolbar:not([hidden])');
        expect(await v.page.locator('#canvas svg').getAttribute('data-view')).toBe('copis');
        expect(await v.page.locator('#zoom-reset').innerText()).toBe('125%');
        expect(served.builds()).toBeGreaterThanOrEqual(2);
        await expectClean(v, served.url, 'served');
        await v.close();
    });

    test('a new row in an actuals file reaches the open KPIs page: the KPI\'s value, trend and sparkline', async () => {
        const k = await visit(`${served.url}kpis.html`);
        const row = k.page.locator('tr[id="el-RetailBuyAndReturn.Conversion"]');
        const before = await row.locator('svg.copis-sparkline circle').count();
        expect(before).toBeGreaterThanOrEqual(3);
        const csv = join(models(), 'actuals.csv');
        // A measurement on the as-of date, after the file's last one (2026-11-30).
        const next = '2026-12-01';
        expect(readFileSync(csv, 'utf8')).toContain('RetailBuyAndReturn.Conversion,2026-11-30,');
        writeFileSync(csv, `${readFileSync(csv, 'utf8').trimEnd()}\nRetailBuyAndReturn.Conversion,${next},2.9%,Web analytics\n`);
        await k.page.waitForFunction(n => document.querySelectorAll('tr[id="el-RetailBuyAndReturn.Conversion"] svg.copis-sparkline circle').length === n, before + 1, { timeout: 15_000 });
        const cells = await row.locator('td').allInnerTexts();
        expect(cells).toContain(`2.9% (actual of ${next})`);
        expect(cells.some(c => c.startsWith('↓ down since'))).toBe(true);
        expect(await row.locator('.series-values').innerText()).toMatch(/→ 2\.9%$/);
        await expectClean(k, served.url, 'served actuals');
        await k.close();
    });
});
