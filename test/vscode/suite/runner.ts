/**
 * Asks the runner (test/vscode/run.mjs, outside the workbench) to look at what the extension host
 * cannot see: the workbench's DOM, the preview's webview frame, a screenshot. A request goes out
 * as a console line the runner reads; the answer comes back into `globalThis.__copisInbox`,
 * which the runner fills through Playwright.
 */
type Answer = { id: number; ok: boolean; value?: unknown; error?: string };
const inbox: Answer[] = ((globalThis as { __copisInbox?: Answer[] }).__copisInbox ??= []);
let next = 0;

export type RunnerRequest =
    /** Evaluates `script` (a function's source, called with `arg`) in the workbench page. */
    | { action: 'page'; script: string; arg?: unknown }
    /** The same in the preview's webview page (the frame that shows the diagram). */
    | { action: 'webview'; script: string; arg?: unknown }
    /** Clicks the first element matching `selector` in the preview's webview page. */
    | { action: 'clickWebview'; selector: string }
    /** Waits (up to `timeoutMs`) until the preview's text contains `text`; answers the milliseconds it took. */
    | { action: 'waitWebviewText'; text: string; timeoutMs: number }
    /** Saves a screenshot of the whole window under images/screenshots/ (only with COPIS_SCREENSHOTS=1) and out/vscode-tests/. */
    | { action: 'screenshot'; name: string };

/** Thrown where no runner watches (under @vscode/test-electron): the harness reports the test as skipped. */
export class NoRunner extends Error {
    constructor(action: string) {
        super(`needs the web runner (${action}), which does not run beside desktop VS Code`);
    }
}

const runnerAbsent = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.COPIS_VSCODE_RUNNER === 'none';

export async function askRunner<T>(request: RunnerRequest, timeoutMs = 20000): Promise<T> {
    if (runnerAbsent) throw new NoRunner(request.action);
    const id = ++next;
    console.log(`copis-runner ${JSON.stringify({ id, ...request })}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const index = inbox.findIndex(a => a.id === id);
        if (index >= 0) {
            const [answer] = inbox.splice(index, 1);
            if (!answer.ok) throw new Error(`the runner could not ${request.action}: ${answer.error}`);
            return answer.value as T;
        }
        if (Date.now() > deadline) throw new Error(`the runner did not answer ${request.action} within ${timeoutMs} ms`);
        await new Promise(r => setTimeout(r, 25));
    }
}

/** Runs a function in the workbench page (it must not close over anything: only its source travels). */
export function inPage<A, T>(fn: (arg: A) => T, arg?: A): Promise<T> {
    return askRunner<T>({ action: 'page', script: fn.toString(), arg });
}

export function inWebview<A, T>(fn: (arg: A) => T, arg?: A): Promise<T> {
    return askRunner<T>({ action: 'webview', script: fn.toString(), arg });
}
