/**
 * From the server's answer to what the webview gets, and from a cursor to the element under
 * it. Pure functions (no `vscode`): the tests use them as the extension does.
 */
import type { DiagramElement, DiagramResult } from '../../../language-server/protocol.js';
import type { DiagramPayload } from '../../webview/messages.js';

/** The webview's copy of a diagram: everything but the source locations (the extension keeps those). */
export function toPayload(result: DiagramResult, fileName: string): DiagramPayload {
    const payload: DiagramPayload = {
        uri: result.uri, fileName, view: result.view, svg: result.svg, width: result.width, height: result.height,
        elements: result.elements.map(e => ({ id: e.id, kind: e.kind, name: e.name })),
        journeys: result.journeys, customers: result.customers, stale: result.stale
    };
    if (result.journey !== undefined) payload.journey = result.journey;
    if (result.customer !== undefined) payload.customer = result.customer;
    if (result.compact) payload.compact = true;
    if (result.panes) payload.panes = result.panes;
    if (result.error !== undefined) payload.error = result.error;
    if (result.notice !== undefined) payload.notice = result.notice;
    return payload;
}

export interface Position {
    line: number;
    character: number;
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The element declared at `position` in the document `uri`: the smallest declaration whose
 * range holds the position (a touchpoint rather than its stage), or undefined.
 */
export function elementAt(elements: readonly DiagramElement[], uri: string, position: Position, sameUri: (a: string, b: string) => boolean = (a, b) => a === b): DiagramElement | undefined {
    let best: DiagramElement | undefined;
    let bestSize = Infinity;
    for (const element of elements) {
        const location = element.location;
        if (!location || !sameUri(location.uri, uri)) continue;
        const { start, end } = location.range;
        if (before(position, start) || before(end, position)) continue;
        // Lines dominate; characters break ties within a line.
        const size = (end.line - start.line) * 1e6 + (end.character - start.character);
        if (size < bestSize) {
            best = element;
            bestSize = size;
        }
    }
    return best;
}

/** The file an export is offered as: `buy-and-return-journey.svg`, with the journey (when there are several) and customer. */
export function exportFileName(
    documentName: string, state: { view: string; journey?: string; customer?: string }, severalJourneys: boolean, extension: 'svg' | 'png'
): string {
    const base = documentName.replace(/\.copis$/i, '');
    const journey = severalJourneys && state.journey ? `-${state.journey}` : '';
    const customer = state.customer ? `-${state.customer}` : '';
    return `${base}${journey}-${state.view}${customer}.${extension}`.replace(/[^\w.-]+/g, '-');
}

export function encodeBase64(bytes: Uint8Array): string {
    // In slices: one String.fromCharCode over a 300 KB font would pass that many arguments.
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
}

export function decodeBase64(base64: string): Uint8Array {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
    return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}
