/// <reference lib="dom" />
/**
 * Screenshots of the preview in headless Chromium, to look at (COPIS_SCREENSHOTS=1): every
 * example journey in VS Code's light, dark and high-contrast themes at 100%, and a generated
 * 40-touchpoint journey on a 1,920 px screen as it opens, scrolled into its middle, and in
 * compact mode. Written to $COPIS_SCREENSHOT_DIR (default out/screenshots/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderDiagram, type DiagramOptions } from '../../language-server/diagram/index.js';
import type { JourneyModel } from '../../language-server/model/journey-model.js';
import { toPayload } from '../../src/extension/preview/payload.js';
import type { FromWebview } from '../../src/webview/messages.js';
import { launchChromium, watchPage } from '../chromium.js';
import { bigJourney } from '../language-server/diagram/fixtures.js';
import { exampleFolders, journeyModels, modelOf } from '../language-server/diagram/helpers.js';
import { THEMES, root, startPreviewServer, type PreviewServer, type VsCodeTheme } from './preview-page.js';

const dir = resolve(process.env.COPIS_SCREENSHOT_DIR ?? resolve(root, 'out/screenshots'));

let browser: Browser;
let server: PreviewServer;

describe.runIf(process.env.COPIS_SCREENSHOTS === '1')('screenshots (COPIS_SCREENSHOTS=1)', () => {
    beforeAll(async () => {
        server = await startPreviewServer();
        browser = await launchChromium();
    }, 600_000);

    afterAll(async () => {
        await browser?.close();
        await server?.close();
    });

    /** The preview page showing `model`, answering the page's requests as the extension would. */
    async function show(model: JourneyModel, theme: VsCodeTheme, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        const { errors } = await watchPage(page);
        let options: DiagramOptions = { view: 'journey' };
        const send = async () => {
            const r = renderDiagram(model, options);
            const payload = toPayload({
                uri: 'file:///shot.copis', view: options.view, svg: r.svg, width: r.width, height: r.height, elements: r.elements,
                journeys: [{ id: model.name, title: model.title ?? model.name }], customers: model.customerDetails.map(c => ({ id: c.id, title: c.title ?? c.name })),
                journey: model.name, stale: false, ...(options.customer ? { customer: options.customer } : {}),
                ...(r.panes ? { panes: r.panes } : {}), ...(options.compact ? { compact: true } : {})
            }, 'shot.copis');
            await page.evaluate(m => window.postMessage(m, '*'), { type: 'diagram', diagram: payload });
        };
        await page.exposeFunction('__copisPosted', async (message: FromWebview) => {
            if (message.type === 'options') options = { ...message } as DiagramOptions;
            if (message.type === 'ready' || message.type === 'options') await send();
        });
        await page.addInitScript(({ variables, bodyClass }) => {
            const w = window as unknown as Record<string, unknown>;
            w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => void (w.__copisPosted as (m: unknown) => Promise<void>)(m), getState: () => undefined, setState: () => undefined });
            document.addEventListener('DOMContentLoaded', () => {
                document.body.classList.add(bodyClass);
                for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
            });
        }, theme);
        await page.goto(`${server.origin}/`);
        await page.waitForSelector('#canvas svg.copis-diagram');
        return { page, errors };
    }

    async function shoot(page: Page, file: string): Promise<void> {
        await page.mouse.move(0, 0);
        const png = await page.screenshot();
        mkdirSync(resolve(file, '..'), { recursive: true });
        writeFileSync(file, png);
        expect([...png.subarray(1, 4)].map(c => String.fromCharCode(c)).join('')).toBe('PNG');
    }

    test('every example journey in light, dark and high contrast, at 100%', async () => {
        for (const { folder, sources } of exampleFolders()) {
            for (const model of await journeyModels(sources)) {
                const { width, height } = renderDiagram(model, { view: 'journey' });
                for (const [name, theme] of Object.entries(THEMES)) {
                    const { page, errors } = await show(model, theme, { width: Math.min(3200, Math.ceil(width) + 48), height: Math.min(3200, Math.ceil(height) + 120) });
                    await page.click('#zoom-reset');
                    await page.evaluate(() => document.getElementById('viewport')!.scrollTo(0, 0));
                    await shoot(page, resolve(dir, name, `${folder}-${model.name}.png`));
                    expect(errors, `${folder} ${model.name} ${name}`).toEqual([]);
                    await page.context().close();
                }
            }
        }
    }, 600_000);

    test('a 40-touchpoint journey on a 1,920 px screen', async () => {
        const model = await modelOf(bigJourney(40));
        expect(model.touchpoints).toHaveLength(40);
        const { page, errors } = await show(model, THEMES.light, { width: 1920, height: 1080 });
        await shoot(page, resolve(dir, 'big-40-1920-open.png'));
        await page.click('#zoom-reset');
        await page.evaluate(() => {
            const v = document.getElementById('viewport')!;
            v.scrollTo(v.scrollWidth / 2 - v.clientWidth / 2, 300);
        });
        await shoot(page, resolve(dir, 'big-40-1920-scrolled.png'));
        const compact = page.locator('#compact');
        if (await compact.count() > 0) {
            await compact.click();
            await page.waitForSelector('#canvas svg[data-compact="true"]');
            await shoot(page, resolve(dir, 'big-40-1920-compact.png'));
        }
        expect(errors).toEqual([]);
        await page.context().close();
    }, 120_000);
});
