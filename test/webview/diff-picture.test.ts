/// <reference lib="dom" />
/**
 * `copis diff --to html` looked at in a real browser (Debian's Chromium, headless): the page loads
 * nothing and trips no policy; the ghost of a removed touchpoint is drawn where it was (inside its
 * stage's column, after the touchpoint it followed) and faded; the badges and the legend are
 * rendered text that a reader sees.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { chromiumForTests, watchPage } from '../chromium.js';
import { repository, write } from '../cli/diff/git-repo.js';
import { BUY, SHARED, edit } from '../cli/diff/models.js';
import { copis } from '../cli/helpers.js';

const browser = chromiumForTests();

describe('copis diff --to html in Chromium', () => {
    test('the ghost is where the removed touchpoint was, faded; the badges and legend are visible; nothing is loaded', async () => {
        const dir = repository({ 'shared.copis': SHARED, 'buy.copis': BUY });
        write(dir, {
            'buy.copis': edit(BUY, ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n', ''],
                ['touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }', 'touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }\n    touchpoint Survey "Delivery survey" { channel email  processes Ship  emotion 1 }'])
        });
        const run = await copis(dir, 'diff', 'HEAD', '--to', 'html', '-o', 'diff.html');
        expect(run.code).toBe(0);
        const url = pathToFileURL(join(dir, 'diff.html')).href;
        const context = await browser().newContext();
        const page = await context.newPage();
        const { requests, violations } = await watchPage(page);
        await page.goto(url);
        const seen = await page.evaluate(() => {
            const rect = (el: Element | null) => { const r = el!.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; };
            const card = (id: string) => document.querySelector(`.copis-el[data-kind="touchpoint"][data-id="${id}"]`);
            const ghost = card('Buy.Confirm')!;
            const badge = (id: string) => [...card(id)!.querySelectorAll('text')].find(t => ['NEW', 'CHANGED', 'REMOVED'].includes(t.textContent ?? ''));
            const legend = [...document.querySelectorAll('.copis-label[data-kind="marks-legend"] text')].map(t => ({ text: t.textContent, width: t.getBoundingClientRect().width }));
            return {
                ghost: rect(ghost), ghostOpacity: getComputedStyle(ghost).opacity,
                checkout: rect(card('Buy.Checkout')), parcel: rect(card('Buy.Parcel')),
                stageHeaders: [...document.querySelectorAll('.copis-el[data-kind="stage"]')].map(e => ({ id: e.getAttribute('data-id'), ...rect(e) })),
                newBadge: badge('Buy.Survey') ? { text: badge('Buy.Survey')!.textContent, ...rect(badge('Buy.Survey')!) } : null,
                removedBadge: badge('Buy.Confirm')?.textContent ?? null,
                legend
            };
        });
        expect(requests).toEqual([url]);
        expect(violations).toEqual([]);
        const purchase = seen.stageHeaders.find(h => h.id === 'Buy.Purchase')!;
        // Inside the Purchase column, right of Checkout (which it followed), left of the next stage's Parcel.
        expect(seen.ghost.left).toBeGreaterThanOrEqual(purchase.left);
        expect(seen.ghost.right).toBeLessThanOrEqual(purchase.right);
        expect(seen.ghost.left).toBeGreaterThan(seen.checkout.right);
        expect(seen.ghost.right).toBeLessThan(seen.parcel.left);
        expect(seen.ghost.height).toBeGreaterThan(20);
        expect(Number(seen.ghostOpacity)).toBeCloseTo(0.45, 2);
        expect(seen.removedBadge).toBe('REMOVED');
        expect(seen.newBadge).toMatchObject({ text: 'NEW' });
        expect(seen.newBadge!.width).toBeGreaterThan(10);
        expect(seen.legend.map(l => l.text)).toEqual(['Changes since BASE:', 'NEW', 'added', 'CHANGED', 'changed', 'REMOVED', 'removed (a ghost where it was)']);
        for (const l of seen.legend) expect(l.width, l.text ?? '').toBeGreaterThan(5);
        await context.close();
    });
});
