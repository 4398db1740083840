/**
 * The preview's extension-side logic that needs no VS Code: the page and its policy, the
 * refresh debounce, the element at the cursor, the payload the webview gets, export names.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DiagramElement, DiagramResult } from '../../language-server/protocol.js';
import { Debouncer, MAX_MS, QUIET_MS } from '../../src/extension/preview/debounce.js';
import { decodeBase64, elementAt, exportFileName, isPng, toPayload } from '../../src/extension/preview/payload.js';
import { contentSecurityPolicy, createNonce, previewHtml } from '../../src/extension/preview/security.js';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('the preview page (security.ts)', () => {
    const nonce = createNonce();
    const html = previewHtml({
        cspSource: CSP_SOURCE, nonce,
        scriptUri: `${CSP_SOURCE}/ext/dist/webview.js`, styleUri: `${CSP_SOURCE}/ext/media/preview.css`
    });

    test('a strict policy: nothing by default, the extension\'s styles and images (and data: images), one script by nonce', () => {
        expect(contentSecurityPolicy(CSP_SOURCE, nonce)).toBe(
            `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE}; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none';`);
        const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
        expect(meta?.[1]).toBe(contentSecurityPolicy(CSP_SOURCE, nonce));
        expect(html).not.toContain('unsafe-inline');
        expect(html).not.toContain('unsafe-eval');
    });

    test('exactly one script, the bundle, with the nonce; the style sheet by link; no inline style or script', () => {
        const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
        expect(scripts).toHaveLength(1);
        expect(scripts[0][1]).toBe(` nonce="${nonce}" src="${CSP_SOURCE}/ext/dist/webview.js"`);
        expect(scripts[0][2]).toBe('');
        expect(html).toContain(`<link rel="stylesheet" href="${CSP_SOURCE}/ext/media/preview.css">`);
        expect(html).not.toMatch(/<style\b/);
        expect(html).not.toMatch(/\sstyle=/);
        expect(html).not.toMatch(/\son[a-z]+=/);
    });

    test('values are escaped into attributes, and a weak nonce is refused', () => {
        const odd = previewHtml({ cspSource: 'https://x', nonce, scriptUri: 'https://x/a"><script>alert(1)</script>', styleUri: 'https://x/b.css' });
        expect(odd).toContain('src="https://x/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
        expect([...odd.matchAll(/<script\b/g)]).toHaveLength(1);
        expect(() => previewHtml({ cspSource: 'https://x', nonce: 'abc', scriptUri: 'a', styleUri: 'b' })).toThrow(/nonce/);
        expect(() => previewHtml({ cspSource: 'https://x', nonce: `${nonce}' 'unsafe-inline`, scriptUri: 'a', styleUri: 'b' })).toThrow(/nonce/);
    });

    test('nonces are fresh: 24 random bytes in base64', () => {
        const many = new Set(Array.from({ length: 200 }, () => createNonce()));
        expect(many.size).toBe(200);
        for (const n of many) expect(n).toMatch(/^[A-Za-z0-9+/]{32}$/);
    });
});

describe('the refresh debounce', () => {
    beforeEach(() => { vi.useFakeTimers(); });
    afterEach(() => { vi.useRealTimers(); });

    test(`runs ${QUIET_MS} ms after the last change`, () => {
        const action = vi.fn();
        const d = new Debouncer(action);
        d.trigger();
        vi.advanceTimersByTime(QUIET_MS - 1);
        d.trigger();
        vi.advanceTimersByTime(QUIET_MS - 1);
        expect(action).not.toHaveBeenCalled();
        vi.advanceTimersByTime(1);
        expect(action).toHaveBeenCalledTimes(1);
        vi.advanceTimersByTime(1000);
        expect(action).toHaveBeenCalledTimes(1);
    });

    test(`runs at most ${MAX_MS} ms after the first change of a burst, however long the burst`, () => {
        const action = vi.fn();
        const d = new Debouncer(action);
        for (let t = 0; t < 1000; t += 50) {
            d.trigger();
            vi.advanceTimersByTime(50);
        }
        // 1,000 ms of changes every 50 ms: a refresh every 400 ms, not one at the end.
        expect(action).toHaveBeenCalledTimes(2);
        vi.advanceTimersByTime(QUIET_MS);
        expect(action).toHaveBeenCalledTimes(3);
    });

    test('cancel and dispose drop a pending refresh', () => {
        const action = vi.fn();
        const d = new Debouncer(action);
        d.trigger();
        expect(d.pending).toBe(true);
        d.dispose();
        vi.advanceTimersByTime(MAX_MS * 2);
        expect(action).not.toHaveBeenCalled();
        expect(d.pending).toBe(false);
    });
});

const at = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const ELEMENTS: DiagramElement[] = [
    { id: 'J', kind: 'journey', name: 'J', location: { uri: 'file:///a.copis', range: at(0, 0, 20, 1), nameRange: at(0, 8, 0, 9) } },
    { id: 'J.S', kind: 'stage', name: 'S', location: { uri: 'file:///a.copis', range: at(2, 2, 6, 3), nameRange: at(2, 8, 2, 9) } },
    { id: 'J.T', kind: 'touchpoint', name: 'T', location: { uri: 'file:///a.copis', range: at(3, 4, 3, 40), nameRange: at(3, 15, 3, 16) } },
    { id: 'J.U', kind: 'touchpoint', name: 'U', location: { uri: 'file:///a.copis', range: at(4, 4, 5, 5) } },
    { id: 'C', kind: 'customer', name: 'C', location: { uri: 'file:///shared.copis', range: at(3, 0, 3, 20) } },
    { id: 'X', kind: 'system', name: 'X' }
];

describe('the element at the cursor', () => {
    test('the smallest declaration around the cursor, in that file only', () => {
        const find = (line: number, character: number, uri = 'file:///a.copis') => elementAt(ELEMENTS, uri, { line, character })?.id;
        expect(find(3, 20)).toBe('J.T');
        expect(find(3, 4)).toBe('J.T');
        expect(find(3, 40)).toBe('J.T');
        expect(find(3, 41)).toBe('J.S');
        expect(find(5, 0)).toBe('J.U');
        expect(find(10, 0)).toBe('J');
        expect(find(25, 0)).toBeUndefined();
        expect(find(3, 5, 'file:///shared.copis')).toBe('C');
        expect(find(3, 5, 'file:///other.copis')).toBeUndefined();
    });
});

describe('what the webview gets', () => {
    const result: DiagramResult = {
        uri: 'file:///a.copis', view: 'journey', svg: '<svg/>', width: 10, height: 20, elements: ELEMENTS,
        journeys: [{ id: 'J', title: 'Journey' }], customers: [{ id: 'C', title: 'Customer' }], journey: 'J', stale: true,
        error: { message: 'Expected `}`', line: 4 }
    };

    test('the diagram without source locations (the extension keeps those)', () => {
        const payload = toPayload(result, 'a.copis');
        expect(payload).toEqual({
            uri: 'file:///a.copis', fileName: 'a.copis', view: 'journey', svg: '<svg/>', width: 10, height: 20,
            elements: ELEMENTS.map(e => ({ id: e.id, kind: e.kind, name: e.name })),
            journeys: result.journeys, customers: result.customers, journey: 'J', stale: true, error: result.error
        });
        expect(JSON.stringify(payload)).not.toContain('range');
    });

    test('export file names say what was exported', () => {
        expect(exportFileName('buy-and-return.copis', { view: 'journey' }, false, 'svg')).toBe('buy-and-return-journey.svg');
        expect(exportFileName('buy.copis', { view: 'copis', journey: 'Return', customer: 'Gift Buyer' }, true, 'png')).toBe('buy-Return-copis-Gift-Buyer.png');
        expect(exportFileName('buy.copis', { view: 'copis', journey: 'Return' }, false, 'png')).toBe('buy-copis.png');
    });

    test('a PNG from the webview is checked before it is written', () => {
        const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
        expect(isPng(decodeBase64(png.toString('base64')))).toBe(true);
        expect(isPng(decodeBase64(Buffer.from('<svg/>').toString('base64')))).toBe(false);
        expect(isPng(new Uint8Array())).toBe(false);
    });
});
