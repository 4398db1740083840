/// <reference lib="dom" />
/**
 * A moment's recovery link in the exported files, opened in a real browser (Debian's Chromium,
 * headless): hidden at first, shown while the recovery badge (or its moment) is pointed at or the
 * badge has the keyboard focus, by the CSS the file holds, without a script and, for the HTML page,
 * within its Content-Security-Policy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { chromiumForTests, watchPage } from '../chromium.js';
import { exportFormat, type ExportInput } from '../../src/cli/export/formats/index.js';
import { modelOf } from '../language-server/diagram/helpers.js';

const browser = chromiumForTests();
const dir = mkdtempSync(join(tmpdir(), 'copis-recovery-'));

afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
});

const MODEL = `journey J "Repairs" {
    process Fix "Call the customer back" { lane frontstage }
    process Log "Log the fault" { lane backstage }
    stage S "Report" {
        touchpoint A "Report the fault" { channel web  emotion -2  processes Log }
        touchpoint B "Wait" { channel email  emotion -1 }
    }
    moment Bad "It broke" { at A  polarity negative  recovery Fix }
}`;

async function exported(format: 'svg' | 'html'): Promise<string> {
    const model = await modelOf(MODEL);
    const input: ExportInput = {
        model, shown: model, view: 'journey', files: ['j.copis'], diagnostics: [], problems: [],
        summary: { files: 1, errors: 0, warnings: 0, information: 0 }, fileOf: u => u, warn: () => undefined
    };
    const file = join(dir, `j.${format}`);
    writeFileSync(file, await exportFormat(format).render(input) as string);
    return pathToFileURL(file).href;
}

const linkDisplay = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.copis-on-hover[data-kind="recovery"]')!).display);

/** Where the link is drawn (while it is). */
async function linkArea(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await page.evaluate(() => {
        const r = document.querySelector('.copis-on-hover[data-kind="recovery"] path')!.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    expect(box.height).toBeGreaterThan(20);
    return { x: box.x - 10, y: box.y - 10, width: box.width + 20, height: box.height + 20 };
}

describe.each(['svg', 'html'] as const)('the %s export', format => {
    test('the recovery link is hidden, shown while the badge is pointed at, hidden again, shown while the badge has the focus (Tab), and while the moment is pointed at', async () => {
        const url = await exported(format);
        const page = await (await browser().newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
        const watch = await watchPage(page);
        await page.goto(url);
        await page.mouse.move(1, 1);
        expect(await linkDisplay(page)).toBe('none');

        // its area (the badge's own box takes in the link while it is drawn)
        await page.locator('.copis-el[data-id="J.Bad"] .copis-badge > rect').hover();
        expect(await linkDisplay(page)).toBe('inline');
        const clip = await linkArea(page);
        const shown = await page.screenshot({ clip });

        await page.mouse.move(1, 1);
        expect(await linkDisplay(page)).toBe('none');
        const hidden = await page.screenshot({ clip });
        // painted, and gone again: the pixels where it runs differ
        expect(shown.equals(hidden)).toBe(false);

        // keyboard: Tab reaches the badge (the first focusable thing there is), and the link shows while it has the focus
        for (let i = 0; i < 5 && !await page.evaluate(() => document.activeElement?.classList.contains('copis-badge')); i++) await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.closest('.copis-el')?.getAttribute('data-id'))).toBe('J.Bad');
        expect(await linkDisplay(page)).toBe('inline');
        await page.evaluate(() => (document.activeElement as HTMLElement | SVGElement).blur());
        expect(await linkDisplay(page)).toBe('none');

        // the moment's card: pointed at anywhere, its link shows too
        const card = (await page.locator('.copis-el[data-id="J.Bad"]').boundingBox())!;
        await page.mouse.move(card.x + 12, card.y + 8);
        expect(await linkDisplay(page)).toBe('inline');

        expect(watch.violations).toEqual([]);
        expect(watch.errors).toEqual([]);
        expect(watch.requests).toEqual([url]);
        expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
        await page.context().close();
    });
});
