/// <reference lib="dom" />
/**
 * The HTML export of a big journey in Chromium: its lane labels and stage headers stay in view
 * while the diagram scrolls, without a script (CSS only, under the page's policy).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { chromiumForTests, watchPage } from '../chromium.js';
import { exportFormat } from '../../src/cli/export/formats/index.js';
import { bigJourney } from '../language-server/diagram/fixtures.js';
import { modelOf } from '../language-server/diagram/helpers.js';

const browser = chromiumForTests();
const dir = mkdtempSync(join(tmpdir(), 'copis-html-'));

afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
});

/** The HTML export of a journey of 40 touchpoints, written to `name`. */
async function exported(name: string) {
    const model = await modelOf(bigJourney(40));
    const html = await exportFormat('html').render({
        model, shown: model, view: 'journey', files: ['big.copis'], diagnostics: [], problems: [],
        summary: { files: 1, errors: 0, warnings: 0, information: 0 }, fileOf: u => u, warn: () => undefined
    }) as string;
    const file = join(dir, name);
    writeFileSync(file, html);
    return { model, file };
}

describe('the HTML export of a big journey', () => {
    test('lane labels stick to the left, stage headers to the top, while the diagram scrolls', async () => {
        const { model, file } = await exported('big.html');
        const page = await (await browser().newContext({ viewport: { width: 1400, height: 900 } })).newPage();
        const { violations } = await watchPage(page);
        await page.goto(pathToFileURL(file).toString());
        const frame = await page.locator('.diagram').boundingBox();
        const label = page.locator('.pane-labels .copis-lane-label', { hasText: 'Touchpoints' });
        const header = page.locator(`.pane-header .copis-el[data-id="${model.stages[0].id}"]`);
        const start = (await header.boundingBox())!;
        await page.evaluate(() => document.querySelector('.diagram')!.scrollTo(2500, 1200));
        await expect.poll(async () => (await label.boundingBox())!.x).toBeLessThan(frame!.x + 40);
        await expect.poll(async () => (await header.boundingBox())!.y).toBeLessThan(frame!.y + 20);
        // the header moved left with its column, as the diagram did
        expect((await header.boundingBox())!.x).toBeCloseTo(start.x - 2500, 0);
        expect(violations).toEqual([]);
        await page.context().close();
    });

    test('printed (or saved as PDF), the whole diagram is on the page: scaled to its width, not cut by the scrolling box', async () => {
        const { file } = await exported('print.html');
        const page = await (await browser().newContext({ viewport: { width: 1123, height: 794 } })).newPage();
        await page.goto(pathToFileURL(file).toString());
        await page.emulateMedia({ media: 'print' });
        const sizes = await page.evaluate(() => {
            const diagram = document.querySelector('.diagram')!;
            const svg = diagram.querySelector(':scope > .canvas > svg, :scope > svg') as SVGSVGElement;
            const box = svg.getBoundingClientRect();
            const [, , w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
            return {
                page: document.documentElement.clientWidth, width: box.width, ratio: box.height / box.width, drawn: h / w,
                frame: diagram.getBoundingClientRect().height, panes: [...document.querySelectorAll('.pane')].map(p => getComputedStyle(p).display)
            };
        });
        // Wider than the page on screen (40 touchpoints), within it on paper, at the drawing's own proportions.
        expect(sizes.width).toBeLessThanOrEqual(sizes.page);
        expect(sizes.width).toBeGreaterThan(sizes.page * 0.8);
        expect(sizes.ratio).toBeCloseTo(sizes.drawn, 2);
        // Nothing cut: the frame is as tall as the drawing.
        expect(sizes.frame).toBeGreaterThanOrEqual(sizes.width * sizes.ratio);
        expect(sizes.panes.length).toBeGreaterThan(0);
        expect(sizes.panes.every(d => d === 'none')).toBe(true);
        await page.context().close();
    });
});
