/// <reference lib="dom" />
/**
 * Debian's Chromium (found by scripts/chromium.mjs) for the tests that open copis's pages in a real
 * browser, and what a page does while a test looks at it.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

/** Headless, with the flags every copis test launches it with. */
export function launchChromium(): Promise<Browser> {
    return chromium.launch({ executablePath: findChromium().executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * One browser for the tests of a file: launched before the first (a cold start may take minutes on a busy
 * machine), closed after the last. Returns the getter the tests ask it from.
 */
export function chromiumForTests(): () => Browser {
    let browser: Browser | undefined;
    beforeAll(async () => {
        browser = await launchChromium();
    }, 600_000);
    afterAll(async () => {
        await browser?.close();
    });
    return () => {
        if (!browser) throw new Error('Chromium is not running: call chromiumForTests() at the top of the test file, where vitest runs its beforeAll');
        return browser;
    };
}

/** What a page did, as `watchPage` records it. */
export interface PageWatch {
    /** Every URL the page requested, itself first. */
    requests: string[];
    /** Each Content-Security-Policy violation: the directive, what it blocked and where (`script-src-elem blocked inline (file:line)`). */
    violations: string[];
    /** Uncaught errors (`page error: …`) and console errors. */
    errors: string[];
    /** The arguments of every call of `__copisTripwire`, which a hostile payload that ran would make. */
    tripwire: unknown[];
}

/** Starts recording what `page` does (PageWatch); before `page.goto`. */
export async function watchPage(page: Page): Promise<PageWatch> {
    const watch: PageWatch = { requests: [], violations: [], errors: [], tripwire: [] };
    page.on('request', r => watch.requests.push(r.url()));
    page.on('pageerror', e => watch.errors.push(`page error: ${e.message}`));
    page.on('console', m => { if (m.type() === 'error') watch.errors.push(m.text()); });
    await page.exposeFunction('__copisTripwire', (...args: unknown[]) => { watch.tripwire.push(args); });
    await page.exposeFunction('__copisViolation', (text: string) => { watch.violations.push(text); });
    await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', e => {
            void (window as unknown as { __copisViolation(t: string): void }).__copisViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
        });
    });
    return watch;
}
