/// <reference lib="dom" />
/**
 * The preview page in a real browser (Debian's Chromium, headless, through playwright-core).
 * A tiny local server serves exactly the page the extension builds (security.ts) with the
 * built dist/webview.js and media/preview.css; a stub of `acquireVsCodeApi` hands every posted
 * message to the test, which plays the extension's part: it answers with diagrams drawn by
 * the real renderer. Every page is checked for Content-Security-Policy violations and console
 * errors. With COPIS_SCREENSHOTS=1, the test also writes images/screenshots/preview-{journey,copis}.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { THEMES as DIAGRAM_THEMES, renderDiagram, type DiagramView } from '../../language-server/diagram/index.js';
import type { JourneyModel } from '../../language-server/model/journey-model.js';
import type { DiagramResult } from '../../language-server/protocol.js';
import { toPayload } from '../../src/extension/preview/payload.js';
import type { DiagramPayload, EmbeddedFont, FromWebview, ToWebview, WebviewState } from '../../src/webview/messages.js';
import { launchChromium, watchPage } from '../chromium.js';
import { bigJourney } from '../language-server/diagram/fixtures.js';
import { exampleFolders, journeyModels, modelOf } from '../language-server/diagram/helpers.js';
import { THEMES, root, startPreviewServer, type PreviewServer } from './preview-page.js';

let browser: Browser;
let server: PreviewServer;
let origin: string;
/** Every path the page asked the server for. */
let requested: string[];
let retail: JourneyModel;

beforeAll(async () => {
    const retailFolder = exampleFolders().find(f => f.folder === 'retail');
    if (!retailFolder) throw new Error('examples/retail is missing');
    [retail] = await journeyModels(retailFolder.sources);
    server = await startPreviewServer();
    ({ origin, requested } = server);
    browser = await launchChromium();
}, 600_000);

afterAll(async () => {
    await browser?.close();
    await server?.close();
});

// ---- the page under test, and the test in the extension's place ------------------------------------------

interface Options {
    view: DiagramView;
    journey?: string;
    customer?: string;
    compact?: boolean;
}

interface Opened {
    page: Page;
    context: BrowserContext;
    /** Messages the page posted, in order. */
    posted: FromWebview[];
    /** The model the "extension" draws from; change it, then `send()`. */
    model: JourneyModel;
    options: Options;
    /** Draws `model` with `options` and posts it, as the extension does after the server answers. */
    send(change?: Partial<DiagramPayload>): Promise<void>;
    post(message: ToWebview): Promise<void>;
    state(): Promise<WebviewState | undefined>;
    zoomLabel(): Promise<string>;
    scroll(): Promise<{ left: number; top: number }>;
    /** What the page did (test/chromium.ts watchPage): recorded into these very arrays, so empty them in place. */
    readonly violations: string[];
    readonly consoleErrors: string[];
    /** Every URL the page requested, from its first request on. */
    readonly requests: string[];
    /** Calls of `window.__copisTripwire`, a function the page exposes that only a hostile payload would call. */
    readonly tripwire: unknown[];
    /** What the "extension" answers when the page asks for the PNG export's fonts. */
    fonts: EmbeddedFont[];
}

/** Font files of dist/fonts as the extension sends them (export-fonts.ts). */
function fontsOf(regular: string, bold: string): EmbeddedFont[] {
    const read = (file: string) => readFileSync(resolve(root, 'dist', 'fonts', file)).toString('base64');
    return [{ weight: 400, base64: read(regular) }, { weight: 700, base64: read(bold) }];
}
const ARIMO = fontsOf('Arimo-Regular.ttf', 'Arimo-Bold.ttf');

const opened: Opened[] = [];

const URI = 'file:///examples/retail/buy-and-return.copis';

/** The diagram as the server would answer `copis/diagram` for `options`. */
function answer(model: JourneyModel, options: Options): DiagramResult {
    const customers = model.customerDetails.map(c => ({ id: c.id, title: c.title ?? c.name }));
    const customer = customers.some(c => c.id === options.customer) ? options.customer : undefined;
    const compact = options.compact === true && options.view === 'journey';
    const rendered = renderDiagram(model, { view: options.view, compact, ...(customer ? { customer } : {}) });
    return {
        uri: URI, view: options.view, svg: rendered.svg, width: rendered.width, height: rendered.height, elements: rendered.elements,
        journeys: [{ id: model.name, title: model.title ?? model.name }], customers, journey: model.name, stale: false,
        ...(customer ? { customer } : {}), ...(compact ? { compact } : {}), ...(rendered.panes ? { panes: rendered.panes } : {})
    };
}

async function open(setup: { model?: JourneyModel; state?: WebviewState; viewport?: { width: number; height: number }; theme?: Record<string, string>; bodyClass?: string; fonts?: EmbeddedFont[] } = {}): Promise<Opened> {
    const context = await browser.newContext({ viewport: setup.viewport ?? { width: 1100, height: 700 } });
    const page = await context.newPage();
    const watch = await watchPage(page);
    const o: Opened = {
        page, context, posted: [], violations: watch.violations, consoleErrors: watch.errors, requests: watch.requests, tripwire: watch.tripwire, fonts: setup.fonts ?? ARIMO,
        model: structuredClone(setup.model ?? retail),
        // What the extension restores from the saved state (its serializer gets it) and asks the server for.
        options: { view: setup.state?.view ?? 'journey', ...(setup.state?.customer ? { customer: setup.state.customer } : {}), ...(setup.state?.compact ? { compact: true } : {}) },
        async send(change = {}) {
            await o.post({ type: 'diagram', diagram: { ...toPayload(answer(o.model, o.options), 'buy-and-return.copis'), ...change } });
        },
        async post(message) {
            await page.evaluate(m => window.postMessage(m, '*'), message);
        },
        state: () => page.evaluate(() => (window as unknown as { __state?: WebviewState }).__state),
        zoomLabel: () => page.locator('#zoom-reset').innerText(),
        scroll: () => page.evaluate(() => {
            const v = document.getElementById('viewport')!;
            return { left: v.scrollLeft, top: v.scrollTop };
        })
    };
    opened.push(o);
    // The extension: answers `ready` and `options` with a diagram.
    await page.exposeFunction('__copisPosted', async (message: FromWebview) => {
        o.posted.push(message);
        if (message.type === 'ready') await o.send();
        if (message.type === 'fonts') await o.post({ type: 'fonts', fonts: o.fonts });
        if (message.type === 'options') {
            o.options = {
                view: message.view, ...(message.journey ? { journey: message.journey } : {}), ...(message.customer ? { customer: message.customer } : {}),
                ...(message.compact ? { compact: true } : {})
            };
            await o.send();
        }
    });
    await page.addInitScript(({ state, theme, bodyClass }) => {
        const w = window as unknown as Record<string, unknown>;
        w.__state = state;
        w.acquireVsCodeApi = () => ({
            postMessage: (message: unknown) => void (w.__copisPosted as (m: unknown) => Promise<void>)(message),
            getState: () => w.__state,
            setState: (s: unknown) => { w.__state = s; }
        });
        // VS Code sets its theme's colours on <html> through the CSSOM, which the policy allows.
        document.addEventListener('DOMContentLoaded', () => {
            if (bodyClass) document.body.classList.add(bodyClass);
            for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
        });
    }, { state: setup.state, theme: setup.theme ?? {}, bodyClass: setup.bodyClass ?? '' });
    await page.goto(`${origin}/`);
    await page.waitForSelector('#canvas > svg.copis-diagram');
    return o;
}

afterEach(async () => {
    for (const o of opened.splice(0)) {
        await o.context.close();
        expect(o.violations, 'Content-Security-Policy violations').toEqual([]);
        expect(o.consoleErrors, 'console errors').toEqual([]);
        expect(o.tripwire, 'calls of the tripwire function').toEqual([]);
    }
});

function lastPosted<T extends FromWebview['type']>(o: Opened, type: T): Extract<FromWebview, { type: T }> | undefined {
    return [...o.posted].reverse().find(m => m.type === type) as Extract<FromWebview, { type: T }> | undefined;
}

const svgText = (page: Page) => page.locator('#canvas > svg').evaluate(svg => svg.textContent ?? '');
const squash = (s: string) => s.replace(/\s+/g, '');

// ---- the tests --------------------------------------------------------------------------------------------

/**
 * How long a test waits for the page's PNG: drawing it (fonts decoded, the picture rasterized at twice its size) took
 * over a second in Chromium while the rest of the suite kept both cores busy, more than expect.poll's default wait.
 */
const PNG_WAIT = { timeout: 15_000 };

describe('the preview page in Chromium', () => {
    test('renders an example: the journey view with its stage titles, and the pickers', async () => {
        const o = await open();
        expect(o.posted[0]).toEqual({ type: 'ready' });
        const text = squash(await svgText(o.page));
        for (const stage of retail.stages) expect(text).toContain(squash(stage.title ?? stage.name));
        expect(await o.page.locator('#canvas > svg').getAttribute('data-view')).toBe('journey');
        expect(await o.page.locator('.view-button[data-view="journey"]').getAttribute('aria-pressed')).toBe('true');
        expect(await o.page.locator('#canvas > svg .copis-el[data-kind="stage"]').count()).toBe(retail.stages.length);
        // One journey: no journey picker; the customers to filter by, after "All customers".
        expect(await o.page.locator('#journey-group').isHidden()).toBe(true);
        const options = await o.page.locator('#customer-select option').allInnerTexts();
        expect(options).toEqual(['All customers', ...retail.customerDetails.map(c => c.title ?? c.name)]);
        expect(await o.page.locator('#banner').isHidden()).toBe(true);
    });

    test('the view switch asks for the COPIS view and shows it; the customer filter shows one path', async () => {
        const o = await open();
        await o.page.click('.view-button[data-view="copis"]');
        await o.page.waitForSelector('#canvas > svg[data-view="copis"]');
        expect(lastPosted(o, 'options')).toEqual({ type: 'options', view: 'copis', journey: retail.name });
        expect(await o.page.locator('.view-button[data-view="copis"]').getAttribute('aria-pressed')).toBe('true');
        expect(await o.page.locator('.view-button[data-view="journey"]').getAttribute('aria-pressed')).toBe('false');
        for (const c of retail.customerDetails) expect(squash(await svgText(o.page))).toContain(squash(c.title ?? c.name));

        // Back to the journey, for one customer: another customer's touchpoints are gone.
        await o.page.click('.view-button[data-view="journey"]');
        await o.page.waitForSelector('#canvas > svg[data-view="journey"]');
        const customer = retail.customerDetails.find(c => retail.touchpoints.some(t => !t.customers.includes(c.id)))!;
        const hidden = retail.touchpoints.filter(t => !t.customers.includes(customer.id)).map(t => t.id);
        const kept = retail.touchpoints.filter(t => t.customers.includes(customer.id)).map(t => t.id);
        expect(hidden.length).toBeGreaterThan(0);
        expect(kept.length).toBeGreaterThan(0);
        await o.page.selectOption('#customer-select', customer.id);
        await o.page.waitForFunction(id => !document.querySelector(`.copis-el[data-id="${id}"]`), hidden[0]);
        expect(lastPosted(o, 'options')).toEqual({ type: 'options', view: 'journey', journey: retail.name, customer: customer.id });
        const drawn = await o.page.locator('.copis-el[data-kind="touchpoint"]').evaluateAll(els => els.map(e => e.getAttribute('data-id')));
        expect(drawn).toEqual(kept);
        expect(await o.page.locator('#customer-select').inputValue()).toBe(customer.id);

        // All customers again.
        await o.page.selectOption('#customer-select', '');
        await o.page.waitForFunction(id => !!document.querySelector(`.copis-el[data-id="${id}"]`), hidden[0]);
        expect(lastPosted(o, 'options')).toEqual({ type: 'options', view: 'journey', journey: retail.name });
    });

    test('a click on an element posts reveal with its id', async () => {
        const o = await open();
        const id = retail.touchpoints[1].id;
        await o.page.click(`.copis-el[data-kind="touchpoint"][data-id="${id}"]`, { timeout: 5000 });
        expect(lastPosted(o, 'reveal')).toEqual({ type: 'reveal', id });
        // A stage's header: a click on its title (the header row drawn over the diagram, which stays in view while it scrolls).
        await o.page.locator(`.pane-header .copis-el[data-kind="stage"][data-id="${retail.stages[0].id}"] text`).first().click({ timeout: 5000 });
        expect(lastPosted(o, 'reveal')).toEqual({ type: 'reveal', id: retail.stages[0].id });
        // The background is not an element.
        const before = o.posted.length;
        await o.page.click('#canvas > svg .copis-background', { position: { x: 3, y: 3 }, force: true });
        expect(o.posted.slice(before).filter(m => m.type === 'reveal')).toEqual([]);
    });

    test('a model update keeps zoom and scroll, and swaps the drawing in one step', async () => {
        const o = await open({ viewport: { width: 800, height: 500 } });
        await o.page.click('#zoom-reset');
        await o.page.click('#zoom-in');
        await o.page.click('#zoom-in');
        expect(await o.zoomLabel()).toBe('156%');
        await o.page.evaluate(() => {
            const v = document.getElementById('viewport')!;
            v.scrollLeft = 420;
            v.scrollTop = 260;
        });
        const before = await o.scroll();
        expect(before).toEqual({ left: 420, top: 260 });
        await o.page.evaluate(() => {
            const w = window as unknown as { __mutations: number[] };
            w.__mutations = [];
            new MutationObserver(records => w.__mutations.push(records.length)).observe(document.getElementById('canvas')!, { childList: true });
        });

        o.model.touchpoints[0].title = 'Renamed in the editor';
        await o.send();
        await o.page.waitForFunction(() => document.querySelector('#canvas > svg')?.textContent?.includes('Renamed in the editor'));
        expect(await o.zoomLabel()).toBe('156%');
        expect(await o.scroll()).toEqual(before);
        const width = await o.page.locator('#canvas > svg').getAttribute('width');
        const rendered = renderDiagram(o.model, { view: 'journey' });
        expect(Number(width)).toBeCloseTo(rendered.width * 1.25 * 1.25, 1);
        // One childList mutation: the old drawing out and the new one in, together.
        expect(await o.page.evaluate(() => (window as unknown as { __mutations: number[] }).__mutations)).toEqual([1]);
        expect(await o.page.locator('#canvas > svg').count()).toBe(1);

        // Zoom out and fit work too, and the state a reload needs is kept.
        await o.page.click('#zoom-out');
        expect(await o.zoomLabel()).toBe('125%');
        await o.page.waitForFunction(() => (window as unknown as { __state?: WebviewState }).__state?.zoom === 1.25);
        const state = await o.state();
        expect(state).toMatchObject({ uri: URI, view: 'journey', journey: retail.name, zoom: 1.25 });
        await o.page.click('#zoom-fit');
        const fitted = Number((await o.zoomLabel()).replace('%', ''));
        expect(fitted).toBeLessThan(100);
        const size = await o.page.locator('#canvas > svg').boundingBox();
        expect(size!.width).toBeLessThanOrEqual(800);
    });

    test('after a reload the page restores its zoom and scroll from the saved state', async () => {
        const o = await open({ viewport: { width: 800, height: 500 }, state: { uri: URI, view: 'journey', journey: retail.name, zoom: 0.8, scrollLeft: 150, scrollTop: 90 } });
        expect(await o.zoomLabel()).toBe('80%');
        expect(await o.scroll()).toEqual({ left: 150, top: 90 });
        // The saved view is the one asked for: a page saved on the COPIS view comes back on it.
        const c = await open({ state: { uri: URI, view: 'copis', zoom: 1 } });
        expect(await c.page.locator('.view-button[data-view="copis"]').getAttribute('aria-pressed')).toBe('true');
    });

    test('a highlight message marks the element, moves, survives an update, and clears', async () => {
        const o = await open();
        const first = retail.touchpoints[2].id;
        const second = retail.moments[0].id;
        // An element may be drawn more than once (a touchpoint's card and its point on the emotion curve): all are marked.
        const highlighted = () => o.page.locator('.copis-highlight').evaluateAll(els => [...new Set(els.map(e => e.getAttribute('data-id')))]);
        await o.post({ type: 'highlight', id: first });
        expect(await highlighted()).toEqual([first]);
        await o.post({ type: 'highlight', id: second });
        expect(await highlighted()).toEqual([second]);
        // The highlight draws a frame in the theme's focus colour.
        const strokes = await o.page.locator('.copis-highlight').evaluateAll(els => els.map(e => [...e.querySelectorAll(':scope > rect, :scope > circle')].map(s => getComputedStyle(s).strokeWidth)));
        // Each marked element's first shape gets the frame; the shapes inside it keep theirs.
        for (const shapes of strokes) {
            expect(shapes[0]).toBe('3px');
            for (const other of shapes.slice(1)) expect(other).not.toBe('3px');
        }
        await o.send();
        expect(await highlighted()).toEqual([second]);
        await o.post({ type: 'highlight', id: null });
        expect(await highlighted()).toEqual([]);
    });

    test('a highlight out of sight scrolls into view', async () => {
        const o = await open({ viewport: { width: 500, height: 400 } });
        await o.page.click('#zoom-reset');
        await o.page.evaluate(() => document.getElementById('viewport')!.scrollTo(0, 0));
        const last = retail.touchpoints[retail.touchpoints.length - 1].id;
        expect(await o.scroll()).toEqual({ left: 0, top: 0 });
        await o.post({ type: 'highlight', id: last });
        const box = await o.page.locator(`.copis-el[data-kind="touchpoint"][data-id="${last}"]`).boundingBox();
        expect(box!.x + box!.width).toBeGreaterThan(0);
        expect(box!.x).toBeLessThan(500);
        expect((await o.scroll()).left).toBeGreaterThan(0);
    });

    test('while the text does not parse, a banner says where; it goes when the text parses again', async () => {
        const o = await open();
        await o.send({ stale: true, error: { line: 7, message: 'Expected `}` but found `stage`.' } });
        await o.page.waitForSelector('#banner:not([hidden])');
        expect(await o.page.locator('#banner').innerText()).toContain('Line 7: Expected `}` but found `stage`.');
        expect(await o.page.locator('#canvas > svg').count()).toBe(1);
        await o.send();
        await o.page.waitForSelector('#banner[hidden]', { state: 'attached' });
    });

    test('a file without a journey shows the server\'s notice instead of a drawing', async () => {
        const o = await open();
        await o.post({ type: 'diagram', diagram: { ...toPayload(answer(o.model, o.options), 'shared.copis'), svg: '', width: 0, height: 0, elements: [], journeys: [], customers: [], notice: 'This file declares no journey.' } });
        await o.page.waitForSelector('#empty:not([hidden])');
        expect(await o.page.locator('#empty').innerText()).toBe('This file declares no journey.');
        expect(await o.page.locator('#canvas > svg').count()).toBe(0);
        expect(await o.page.locator('#export-svg').isDisabled()).toBe(true);
    });

    test('export: SVG asks the extension; PNG is drawn here at twice the size', async () => {
        const o = await open();
        await o.page.click('#export-svg');
        expect(lastPosted(o, 'export')).toEqual({ type: 'export', format: 'svg' });
        await o.page.click('#export-png');
        await expect.poll(() => lastPosted(o, 'export')?.format, PNG_WAIT).toBe('png');
        const message = lastPosted(o, 'export') as { data: string };
        const png = Buffer.from(message.data, 'base64');
        expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const rendered = renderDiagram(retail, { view: 'journey' });
        expect(png.readUInt32BE(16)).toBe(Math.round(rendered.width * 2));
        expect(png.readUInt32BE(20)).toBe(Math.round(rendered.height * 2));
        expect(png.length).toBeGreaterThan(10_000);
    });

    test('the PNG is drawn with the fonts the extension sends (those of copis export --to png), not with the machine\'s', async () => {
        const exported = async (fonts: EmbeddedFont[]) => {
            const o = await open({ fonts });
            const pngs: string[] = [];
            for (let i = 0; i < 2; i++) {
                const before = o.posted.length;
                await o.page.click('#export-png');
                await expect.poll(() => o.posted.slice(before).find(m => m.type === 'export'), PNG_WAIT).toBeTruthy();
                pngs.push((o.posted.slice(before).find(m => m.type === 'export') as { data: string }).data);
            }
            // Asked for once, and the same picture each time.
            expect(o.posted.filter(m => m.type === 'fonts')).toHaveLength(1);
            expect(pngs[1]).toBe(pngs[0]);
            expect(o.violations).toEqual([]);
            return pngs[0];
        };
        const arimo = await exported(ARIMO);
        // Were the fonts in the image ignored, both would be drawn with the same font of this machine.
        expect(await exported(fontsOf('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'))).not.toBe(arimo);
        // An extension that cannot read them sends none: the PNG is still made, with the machine's fonts.
        expect(await exported([])).not.toBe(arimo);
    }, 120_000);

    test('the theme colours the diagram through the VS Code variables', async () => {
        const o = await open({ theme: { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4' } });
        const fill = await o.page.locator('#canvas > svg .copis-background').evaluate(e => getComputedStyle(e).fill);
        expect(fill).toBe('rgb(30, 30, 30)');
        expect(await o.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(30, 30, 30)');
        const light = await open();
        expect(await light.page.locator('#canvas > svg .copis-background').evaluate(e => getComputedStyle(e).fill)).toBe('rgb(255, 255, 255)');
    });
});

describe('compact mode', () => {
    test('the toolbar toggles it, the page asks for it and keeps it across the COPIS view, and a reload restores it', async () => {
        const o = await open();
        const button = o.page.locator('#compact');
        expect(await button.getAttribute('aria-pressed')).toBe('false');
        const fullWidth = Number(await o.page.locator('#canvas > svg').getAttribute('width'));
        await button.click();
        await o.page.waitForSelector('#canvas > svg[data-compact="true"]');
        expect(lastPosted(o, 'options')).toEqual({ type: 'options', view: 'journey', journey: retail.name, compact: true });
        expect(await button.getAttribute('aria-pressed')).toBe('true');
        expect(Number(await o.page.locator('#canvas > svg').getAttribute('width'))).toBeLessThan(fullWidth);
        expect(await o.page.locator('#canvas > svg .copis-el[data-kind="process"]').count()).toBe(0);
        // the COPIS view has no compact mode: the button is off there, and compact comes back with the journey
        await o.page.click('.view-button[data-view="copis"]');
        await o.page.waitForSelector('#canvas > svg[data-view="copis"]');
        expect(await button.isDisabled()).toBe(true);
        expect(lastPosted(o, 'options')).toEqual({ type: 'options', view: 'copis', journey: retail.name, compact: true });
        await o.page.click('.view-button[data-view="journey"]');
        await o.page.waitForSelector('#canvas > svg[data-compact="true"]');
        await o.page.waitForFunction(() => (window as unknown as { __state?: WebviewState }).__state?.compact === true);
        // off again
        await button.click();
        await o.page.waitForSelector('#canvas > svg[data-view="journey"]:not([data-compact])');
        expect(lastPosted(o, 'options')).toEqual({ type: 'options', view: 'journey', journey: retail.name });
        // a page saved in compact mode shows it again, and keeps asking for it
        const restored = await open({ state: { uri: URI, view: 'journey', compact: true } });
        expect(await restored.page.locator('#compact').getAttribute('aria-pressed')).toBe('true');
        await restored.page.click('.view-button[data-view="copis"]');
        expect(lastPosted(restored, 'options')).toMatchObject({ view: 'copis', compact: true });
    });

    test('a big journey opens at a readable zoom, never below 80%', async () => {
        const o = await open({ model: await modelOf(bigJourney(40)), viewport: { width: 1920, height: 1080 } });
        expect(await o.zoomLabel()).toBe('80%');
    });
});

describe('the theme kind', () => {
    test('the diagram takes the colours of the theme kind VS Code is in, and changes with it', async () => {
        const o = await open({ theme: THEMES.dark.variables, bodyClass: THEMES.dark.bodyClass });
        const fillOf = (selector: string) => o.page.locator(selector).first().evaluate(e => getComputedStyle(e).fill);
        const rgb = (hex: string) => `rgb(${[1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
        const marker = '#canvas > svg .copis-moment circle';
        const moment = retail.moments.find(m => m.polarity === 'negative')!;
        const negative = `#canvas > svg .copis-moment[data-id="${moment.id}"] circle`;
        expect(await fillOf(negative)).toBe(rgb(DIAGRAM_THEMES.dark.negative));
        // the background follows the editor's own
        expect(await fillOf('#canvas > svg .copis-background')).toBe(rgb(THEMES.dark.variables['--vscode-editor-background']));
        await o.page.evaluate(cls => { document.body.classList.remove('vscode-dark'); document.body.classList.add(cls); }, THEMES.highContrast.bodyClass);
        await expect.poll(() => fillOf(negative)).toBe(rgb(DIAGRAM_THEMES.highContrast.negative));
        expect(await o.page.locator(marker).count()).toBeGreaterThan(0);
    });
});

describe('the page\'s defences', () => {
    test('the policy blocks inline script (and the test sees violations)', async () => {
        const o = await open();
        await o.page.evaluate(() => {
            const s = document.createElement('script');
            s.textContent = 'window.__inline = true';
            document.body.append(s);
        });
        await expect.poll(() => o.violations.length).toBeGreaterThan(0);
        expect(await o.page.evaluate(() => (window as unknown as { __inline?: boolean }).__inline)).toBeUndefined();
        expect(o.violations.join('\n')).toContain('script-src');
        // This page was meant to violate: clear its record for the common check.
        o.violations.length = 0;
        o.consoleErrors.length = 0;
    });

    test('a hostile title is shown as text: nothing runs, nothing loads', async () => {
        const hostile = '<img src=x onerror=console.error(document.domain)>';
        const folder = exampleFolders().find(f => f.folder === 'retail')!;
        const sources = folder.sources.map(s => ({ ...s, text: s.text.replace('"Instagram story ad"', JSON.stringify(hostile)).replace('"Gift buyer"', JSON.stringify(hostile)) }));
        const [model] = await journeyModels(sources);
        expect(model.touchpoints.some(t => t.title === hostile)).toBe(true);
        requested.length = 0;
        const o = await open({ model });
        expect(await svgText(o.page)).toContain('<img src=x');
        expect(await o.page.locator('#canvas img').count()).toBe(0);
        expect(await o.page.locator('#customer-select option').allInnerTexts()).toContain(hostile);
        await o.page.click('.view-button[data-view="copis"]');
        await o.page.waitForSelector('#canvas > svg[data-view="copis"]');
        expect(await o.page.locator('img').count()).toBe(0);
        await o.page.waitForTimeout(100);
        expect(requested.filter(p => !['/', '/dist/webview.js', '/media/preview.css', '/favicon.ico'].includes(p))).toEqual([]);
    });

    test('hostile titles, doc comments and owners (HTML, SVG, CSS, javascript: URLs, 100 KB) run nothing and load nothing', async () => {
        // Every payload would call the page's tripwire, set window.__pwned or fetch from 127.0.0.1:1 if it ever became markup.
        const payloads = [
            '<svg onload=__copisTripwire(1)><foreignObject><iframe src=javascript:__copisTripwire(2)></iframe></foreignObject></svg>',
            '</style><style>*{background:url(http://127.0.0.1:1/css)}</style><link rel=stylesheet href=http://127.0.0.1:1/link>',
            'javascript:__copisTripwire(3)',
            '<img src=http://127.0.0.1:1/img onerror=__copisTripwire(4)>',
            'x" onmouseover="__copisTripwire(5)" style="fill:url(http://127.0.0.1:1/fill)',
            ']]><script>__copisTripwire(6)</script><![CDATA[',
            '<a href="javascript:__copisTripwire(7)">link</a><animate onbegin=__copisTripwire(8) attributeName=x dur=1s>',
            '<set attributeName=onmouseover to=__copisTripwire(9)><use href=data:image/svg+xml,<svg/onload=__copisTripwire(10)>>'
        ];
        const q = (i: number) => payloads[i].replace(/\\/g, '\\\\').replace(/"/g, '\\"');
        const long = `${'A'.repeat(50_000)}<script>window.__pwned=5;__copisTripwire(11)</script>${'B'.repeat(50_000)}`;
        const text = `customer C "${q(0)}" { value low }
customer D "${q(4)}" { value low }
system Sys "${q(1)}" { type web  owner "${q(2)}" }
/** ${payloads[3]} */
journey J "${long}" {
  customers C, D
  process Pr "${q(3)}" { owner "${q(1)}"  lane frontstage  systems Sys }
  stage S "${q(2)}" { category awareness  touchpoint T "${q(0)}" { channel web  emotion 1  processes Pr  systems Sys } }
  stage S2 "${q(4)}" { category consideration  touchpoint T2 "${q(5)}" { channel web  emotion -1 } }
  moment M "${q(6)}" { at T  kind zero  polarity positive  impact low  owner "${q(7)}" }
  /** ${payloads[4]} ${payloads[6]} */
  pain P "${q(7)}" { at T2  severity high }
}
`;
        const [model] = await journeyModels([{ uri: 'file:///hostile.copis', text }]);
        expect(model.title).toBe(long);
        expect(model.touchpoints.map(t => t.title)).toEqual([payloads[0], payloads[5]]);
        requested.length = 0;
        const o = await open({ model });
        // Hover and click what holds the payloads, switch views, pick the customer whose title is one.
        for (const id of ['J.T', 'J.T2', 'J.M', 'J.P']) await o.page.hover(`.copis-el[data-id="${id}"]`);
        await o.page.click('.copis-el[data-id="J.T2"]');
        await o.page.selectOption('#customer-select', 'C');
        await o.page.click('.view-button[data-view="copis"]');
        await o.page.waitForSelector('#canvas > svg[data-view="copis"]');
        for (const id of ['Sys', 'C', 'J.Pr']) await o.page.hover(`.copis-el[data-id="${id}"]`);
        // A journey picker and a banner with hostile text too (the server's error message quotes the source).
        await o.send({ journeys: [{ id: 'J', title: payloads[0] }, { id: 'K', title: payloads[6] }], stale: true, error: { line: 2, message: `Expected \`}\` but found \`"${payloads[3]}"\`.` } });
        await o.page.waitForSelector('#banner:not([hidden])');
        await o.page.waitForTimeout(200);
        const seen = await o.page.evaluate(() => ({
            pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
            // In the body (the head holds the page's own style sheet; its one script has the nonce): none of these.
            elements: [...document.body.querySelectorAll('iframe, img, foreignObject, style, link, script:not([nonce]), svg svg, a, animate, set, use, image')].map(e => e.outerHTML.slice(0, 80)),
            // Any attribute named on*, or an href, in the body.
            handlers: [...document.body.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => `${e.tagName}@${a.name}`)).filter(n => /@(on|href$)/.test(n)),
            text: document.querySelector('#canvas > svg')?.textContent ?? '',
            banner: document.getElementById('banner')!.textContent ?? '',
            journeys: [...document.querySelectorAll('#journey-select option')].map(option => option.textContent)
        }));
        expect(seen.pwned).toBeNull();
        expect(seen.elements).toEqual([]);
        expect(seen.handlers).toEqual([]);
        expect(seen.text).toContain('javascript:__copisTripwire(3)');
        expect(seen.banner).toContain(payloads[3]);
        expect(seen.journeys).toEqual([payloads[0], payloads[6]]);
        expect(await o.page.locator('#customer-select option').allInnerTexts()).toEqual(['All customers', payloads[0], payloads[4]]);
        expect(o.tripwire).toEqual([]);
        expect(o.violations).toEqual([]);
        // The page loaded itself, its script and its style sheet, and nothing else, from its first request on.
        expect([...o.requests].sort()).toEqual([`${origin}/`, `${origin}/dist/webview.js`, `${origin}/media/preview.css`]);
        expect(requested.filter(p => !['/', '/dist/webview.js', '/media/preview.css', '/favicon.ico'].includes(p))).toEqual([]);
    });

    test('the tripwire works: a script the policy allowed would be seen calling it', async () => {
        const o = await open();
        // From the test's side (as the page's own script could): the call is recorded, so the assertions above can fail.
        await o.page.evaluate(() => (window as unknown as { __copisTripwire(n: number): Promise<void> }).__copisTripwire(0));
        await expect.poll(() => o.tripwire.length).toBe(1);
        o.tripwire.length = 0;
    });

    test('an SVG with script, handlers and links (a broken renderer) is defused before it enters the page', async () => {
        const o = await open();
        const evil = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50" viewBox="0 0 100 50" class="copis-diagram" data-view="journey">'
            + '<script>window.__svgScript = true</script>'
            + '<g class="copis-el" data-id="A" onclick="window.__clicked = true"><rect width="50" height="50" fill="red" onload="window.__loaded = true"/></g>'
            + '<a href="javascript:window.__link = true"><text y="40">x</text></a>'
            + '<image href="http://127.0.0.1:1/evil.png" width="10" height="10"/>'
            + '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>'
            + '</svg>';
        await o.send({ svg: evil, width: 100, height: 50, panes: undefined });
        await o.page.waitForSelector('#canvas > svg:not(.copis-view-journey)');
        await o.page.click('.copis-el[data-id="A"]');
        await o.page.click('#canvas > svg a');
        const leftovers = await o.page.evaluate(() => {
            const w = window as unknown as Record<string, unknown>;
            const svg = document.querySelector('#canvas > svg')!;
            return {
                ran: [w.__svgScript, w.__clicked, w.__loaded, w.__link].filter(Boolean).length,
                scripts: svg.querySelectorAll('script').length,
                images: svg.querySelectorAll('image').length,
                foreign: svg.querySelectorAll('foreignObject').length,
                handlers: [...svg.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')).length,
                links: [...svg.querySelectorAll('a')].filter(a => a.hasAttribute('href')).length
            };
        });
        expect(leftovers).toEqual({ ran: 0, scripts: 0, images: 0, foreign: 0, handlers: 0, links: 0 });
        expect(lastPosted(o, 'reveal')).toEqual({ type: 'reveal', id: 'A' });
        // Chromium checks event-handler attributes against the policy as soon as DOMParser reads them
        // (the parsed document shares the page's policy): the two handlers are blocked there, before
        // the sanitiser removes them. Those blocks, and nothing else, are expected here.
        expect(o.violations.map(v => v.split(' ')[0])).toEqual(['script-src-attr', 'script-src-attr']);
        o.violations.length = 0;
        const others = o.consoleErrors.filter(e => !e.startsWith('Executing inline event handler violates'));
        o.consoleErrors.splice(0, o.consoleErrors.length, ...others);
    });
});

// ---- screenshots for the README ------------------------------------------------------------------------

describe.runIf(process.env.COPIS_SCREENSHOTS === '1')('screenshots (COPIS_SCREENSHOTS=1)', () => {
    test('images/screenshots/preview-journey.png and preview-copis.png', async () => {
        const dir = resolve(root, 'images/screenshots');
        mkdirSync(dir, { recursive: true });
        const o = await open({ viewport: { width: 1400, height: 900 }, theme: THEMES.light.variables });
        // The journey at a readable size, from its start, with the element at the editor's cursor highlighted.
        await o.page.click('#zoom-reset');
        await o.page.click('#zoom-out');
        await o.page.evaluate(() => document.getElementById('viewport')!.scrollTo(0, 0));
        await o.post({ type: 'highlight', id: retail.touchpoints.find(t => t.name === 'Checkout')!.id });
        await o.page.mouse.move(0, 899);
        writeFileSync(resolve(dir, 'preview-journey.png'), await o.page.screenshot());
        await o.post({ type: 'highlight', id: null });
        await o.page.click('.view-button[data-view="copis"]');
        await o.page.waitForSelector('#canvas > svg[data-view="copis"]');
        await o.page.click('#zoom-fit');
        await o.page.mouse.move(0, 899);
        writeFileSync(resolve(dir, 'preview-copis.png'), await o.page.screenshot());
    });
});

describe('a moment\'s recovery link', () => {
    test('not drawn until the moment or its process is pointed at, highlighted from the editor, or its recovery badge has the focus', async () => {
        const o = await open();
        const moment = retail.moments.find(m => m.recovery)!;
        const link = o.page.locator(`#canvas > svg .copis-line[data-kind="recovery"][data-from="${moment.id}"]`);
        const display = () => link.evaluate(e => getComputedStyle(e).display);
        expect(await display()).toBe('none');
        await o.page.hover(`#canvas > svg .copis-el[data-kind="moment"][data-id="${moment.id}"]`);
        await expect.poll(display).toBe('inline');
        await o.page.mouse.move(1, 1);
        await expect.poll(display).toBe('none');
        await o.post({ type: 'highlight', id: moment.recovery! });
        await expect.poll(display).toBe('inline');
        await o.post({ type: 'highlight', id: null });
        await expect.poll(display).toBe('none');
        // the badge, reached from the keyboard: the preview's style sheet has no :focus rule for it, its script shows the link
        await o.page.locator(`#canvas > svg .copis-el[data-id="${moment.id}"] .copis-badge`).focus();
        await expect.poll(display).toBe('inline');
        await o.page.evaluate(() => (document.activeElement as SVGElement).blur());
        await expect.poll(display).toBe('none');
    });
});

describe('what stays in view while a big journey scrolls', () => {
    test('the lane labels stick to the left edge, the stage headers to the top; both are clickable', async () => {
        const model = await modelOf(bigJourney(40));
        const o = await open({ model, viewport: { width: 1600, height: 900 } });
        await o.page.click('#zoom-reset');
        const view = await o.page.locator('#viewport').boundingBox();
        const labelBox = () => o.page.locator('.pane-labels .copis-lane-label', { hasText: 'Touchpoints' }).boundingBox();
        const headerBox = () => o.page.locator(`.pane-header .copis-el[data-id="${model.stages[0].id}"]`).boundingBox();
        // scrolled to the right: the labels are still at the left edge, over the diagram
        await o.page.evaluate(() => document.getElementById('viewport')!.scrollTo(3000, 0));
        await expect.poll(async () => (await labelBox())!.x).toBeLessThan(view!.x + 40);
        const hit = await o.page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.pane')?.className, { x: (await labelBox())!.x + 5, y: (await labelBox())!.y + 5 });
        expect(hit).toBe('pane pane-labels');
        // scrolled down: the stage headers stay at the top, where they line up with their columns
        await o.page.evaluate(() => document.getElementById('viewport')!.scrollTo(0, 900));
        await expect.poll(async () => (await headerBox())!.y).toBeLessThan(view!.y + 20);
        const column = await o.page.locator(`#canvas > svg .copis-el[data-kind="touchpoint"][data-id="${model.touchpoints[0].id}"]`).boundingBox();
        expect((await headerBox())!.x).toBeLessThanOrEqual(column!.x + 1);
        await o.page.locator(`.pane-header .copis-el[data-id="${model.stages[0].id}"] text`).first().click();
        expect(lastPosted(o, 'reveal')).toEqual({ type: 'reveal', id: model.stages[0].id });
        // a zoom resizes them with the diagram
        await o.page.click('#zoom-out');
        const main = Number(await o.page.locator('#canvas > svg').getAttribute('width'));
        expect(Number(await o.page.locator('.pane-header svg').getAttribute('width'))).toBeCloseTo(main, 1);
        // the title above the labels stays visible at the start: the pane covers only the lanes
        await o.page.evaluate(() => document.getElementById('viewport')!.scrollTo(0, 0));
        const title = await o.page.locator('#canvas > svg .copis-el[data-kind="journey"] text').first().boundingBox();
        const uncovered = await o.page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.pane') === null, { x: title!.x + 3, y: title!.y + title!.height / 2 });
        expect(uncovered).toBe(true);
    });
});
