/**
 * The messages between the preview's webview and the extension, both ways. Types only: the
 * webview bundle and the extension both import this file and neither gets code from it.
 */
import type { DiagramError, DiagramView, NamedItem, Panes } from '../../language-server/protocol.js';

export type { DiagramError, DiagramView, NamedItem, Panes };

/** What the webview needs of a diagram (the extension keeps the source locations). */
export interface DiagramPayload {
    uri: string;
    /** The file's name, for the empty state and the export. */
    fileName: string;
    view: DiagramView;
    svg: string;
    width: number;
    height: number;
    /** The lane labels and stage headers, kept in view while the diagram scrolls. */
    panes?: Panes;
    elements: Array<{ id: string; kind: string; name: string }>;
    journeys: NamedItem[];
    customers: NamedItem[];
    journey?: string;
    customer?: string;
    compact?: boolean;
    stale: boolean;
    error?: DiagramError;
    notice?: string;
}

/** Extension → webview. */
export type ToWebview =
    | { type: 'diagram'; diagram: DiagramPayload }
    /** The element at the editor's cursor; `null` clears the highlight. */
    | { type: 'highlight'; id: string | null }
    /** The "Export Preview as PNG" command: render the diagram shown and post it back as an `export`. */
    | { type: 'exportPng' }
    /** The answer to `fonts`: the PNG export's fonts (none when they could not be read). */
    | { type: 'fonts'; fonts: EmbeddedFont[] };

/** A font file of the extension, for the PNG export (see png.ts). */
export interface EmbeddedFont {
    weight: 400 | 700;
    /** The TrueType file, base64. */
    base64: string;
}

/** Webview → extension. */
export type FromWebview =
    /** The page has loaded (also after it was hidden and shown again): send the diagram. */
    | { type: 'ready' }
    /** The user picked another view, journey or customer (undefined: all customers). */
    | { type: 'options'; view: DiagramView; journey?: string; customer?: string; compact?: boolean }
    /** An element was clicked: show its declaration. */
    | { type: 'reveal'; id: string }
    /** Export the diagram shown: SVG from the server; PNG rendered by the webview, base64. */
    | { type: 'export'; format: 'svg' }
    /** `scale`: the zoom the PNG was drawn at (2, less for a diagram too large for that). */
    | { type: 'export'; format: 'png'; data: string; scale?: number }
    | { type: 'exportFailed'; format: 'png'; message: string }
    /** The PNG export is about to draw: send the fonts it draws with (asked once per page). */
    | { type: 'fonts' };

/** What the webview keeps in `vscode.setState` (it survives hiding and a window reload). */
export interface WebviewState {
    uri?: string;
    view?: DiagramView;
    journey?: string;
    customer?: string;
    compact?: boolean;
    /** 1 = 100 %. */
    zoom?: number;
    scrollLeft?: number;
    scrollTop?: number;
}
