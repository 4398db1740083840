import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
const [,, input, output, w, h, sx, sy] = process.argv;
const browser = await chromium.launch({ executablePath: findChromium().executablePath, headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(w ?? 1600), height: Number(h ?? 1100) } });
await page.goto('file://' + input);
if (sx) await page.evaluate(([x, y]) => { document.querySelector('.diagram').scrollLeft = x; window.scrollTo(0, y); }, [Number(sx), Number(sy)]);
await page.screenshot({ path: output, timeout: 120000 });
await browser.close();
