/// <reference lib="dom" />
/**
 * The preview page: shows the diagram the extension sends, keeps zoom and scroll across
 * updates, and posts back what the user does (pick a view, journey or customer; click an
 * element; export). It only displays: every decision about the model is the server's.
 */
import type { DiagramPayload, DiagramView, EmbeddedFont, FromWebview, NamedItem, ToWebview, WebviewState } from './messages.js';
import { svgToPng } from './png.js';
import { parseSvg } from './svg.js';
import { followTheme } from './theme.js';

/** The page's link to the extension: `acquireVsCodeApi()` in a webview. */
export interface Host {
    postMessage(message: FromWebview): void;
    getState(): WebviewState | undefined;
    setState(state: WebviewState): void;
}

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 4;
export const ZOOM_STEP = 1.25;
/** The first diagram of a file or view is shrunk to the window's width, but not below this: its text stays readable (11 px at least 8.8 px). */
export const MIN_INITIAL_ZOOM = 0.8;
/** The canvas's padding (media/preview.css). */
const PAD = 16;

export const HIGHLIGHT_CLASS = 'copis-highlight';
/** A connector drawn only while one of its ends is pointed at or highlighted (a moment's recovery). */
export const REVEAL_CLASS = 'copis-reveal';

function required<T extends HTMLElement>(doc: Document, id: string): T {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`The preview page has no #${id}`);
    return element as T;
}

export class Preview {
    private readonly host: Host;
    private readonly doc: Document;
    private readonly viewport: HTMLElement;
    private readonly canvas: HTMLElement;
    private readonly empty: HTMLElement;
    private readonly banner: HTMLElement;
    private readonly viewButtons: HTMLButtonElement[];
    private readonly journeyGroup: HTMLElement;
    private readonly journeySelect: HTMLSelectElement;
    private readonly customerGroup: HTMLElement;
    private readonly customerSelect: HTMLSelectElement;
    private readonly zoomLabel: HTMLButtonElement;
    private readonly compactButton: HTMLButtonElement;

    private diagram: DiagramPayload | undefined;
    private svg: SVGSVGElement | undefined;
    /** The lane labels and the stage headers, drawn again over the diagram where they stay in view while it scrolls. */
    private panes: { labels: HTMLElement; header: HTMLElement } | undefined;
    private zoom = 1;
    /** What the diagram is a picture of: when it changes (another file, view or journey), zoom and scroll start afresh. */
    private context: string | undefined;
    /** Zoom and scroll saved before a reload, applied to the first diagram of the same context. */
    private restored: WebviewState | undefined;
    private highlighted: string | null = null;
    /** The element under the mouse. */
    private pointed: string | null = null;
    /** The element whose badge (a moment's recovery) has the keyboard focus. */
    private focused: string | null = null;
    private saveTimer: ReturnType<typeof setTimeout> | undefined;
    /** The PNG export's fonts, asked of the extension once (see png.ts). */
    private fonts: Promise<EmbeddedFont[]> | undefined;
    private fontsArrived: ((fonts: EmbeddedFont[]) => void) | undefined;

    constructor(host: Host, doc: Document = document) {
        this.host = host;
        this.doc = doc;
        this.viewport = required(doc, 'viewport');
        this.canvas = required(doc, 'canvas');
        this.empty = required(doc, 'empty');
        this.banner = required(doc, 'banner');
        this.viewButtons = [...doc.querySelectorAll<HTMLButtonElement>('.view-button')];
        this.journeyGroup = required(doc, 'journey-group');
        this.journeySelect = required(doc, 'journey-select');
        this.customerGroup = required(doc, 'customer-group');
        this.customerSelect = required(doc, 'customer-select');
        this.zoomLabel = required(doc, 'zoom-reset');
        this.compactButton = required(doc, 'compact');
        this.restored = host.getState();
        if (this.restored?.view) this.pressView(this.restored.view);
        if (this.restored?.compact) this.compactButton.setAttribute('aria-pressed', 'true');
        followTheme(doc);
        this.listen();
    }

    /** Tells the extension the page is ready for a diagram. */
    start(): void {
        this.host.postMessage({ type: 'ready' });
    }

    /** A message from the extension (anything else is ignored). */
    receive(message: unknown): void {
        if (!message || typeof message !== 'object') return;
        const m = message as ToWebview;
        if (m.type === 'diagram' && m.diagram && typeof m.diagram === 'object') this.show(m.diagram);
        else if (m.type === 'highlight') this.highlight(typeof m.id === 'string' ? m.id : null, true);
        else if (m.type === 'exportPng') void this.exportPng();
        else if (m.type === 'fonts') this.fontsArrived?.(Array.isArray(m.fonts) ? m.fonts.filter(isFont) : []);
    }

    get zoomLevel(): number {
        return this.zoom;
    }

    // ---- the diagram --------------------------------------------------------------------

    show(diagram: DiagramPayload): void {
        const context = `${diagram.uri}\n${diagram.view}\n${diagram.journey ?? ''}\n${diagram.compact ? 'compact' : ''}`;
        const fresh = context !== this.context;
        this.diagram = diagram;
        this.context = context;
        this.updateToolbar(diagram);
        this.updateBanner(diagram);

        const svg = parseSvg(diagram.svg, this.doc);
        if (!svg) {
            this.svg = undefined;
            this.panes = undefined;
            this.canvas.replaceChildren();
            this.empty.textContent = diagram.notice ?? (diagram.svg ? 'The diagram could not be shown.' : `${diagram.fileName} has nothing to draw.`);
            this.empty.hidden = false;
            this.save();
            return;
        }
        this.empty.hidden = true;

        // Swap the drawing in one step, at the same zoom and scroll: no flash, no jump.
        const { scrollLeft, scrollTop } = this.viewport;
        this.svg = svg;
        this.panes = this.makePanes(diagram);
        this.sizeSvg();
        this.canvas.replaceChildren(svg, ...(this.panes ? [this.panes.header, this.panes.labels] : []));
        this.highlight(this.highlighted, false);

        const restored = this.restored;
        this.restored = undefined;
        if (fresh && restored?.uri === diagram.uri && restored.view === diagram.view && typeof restored.zoom === 'number') {
            this.setZoom(restored.zoom);
            this.viewport.scrollLeft = restored.scrollLeft ?? 0;
            this.viewport.scrollTop = restored.scrollTop ?? 0;
        } else if (fresh) {
            const fitWidth = (this.viewport.clientWidth - 2 * PAD) / diagram.width;
            this.setZoom(Math.max(MIN_INITIAL_ZOOM, Math.min(1, fitWidth)));
            this.viewport.scrollLeft = 0;
            this.viewport.scrollTop = 0;
        } else {
            this.viewport.scrollLeft = scrollLeft;
            this.viewport.scrollTop = scrollTop;
        }
        this.save();
    }

    private sizeSvg(): void {
        if (!this.svg || !this.diagram) return;
        const px = (n: number) => String(Math.round(n * this.zoom * 100) / 100);
        this.svg.setAttribute('width', px(this.diagram.width));
        this.svg.setAttribute('height', px(this.diagram.height));
        const panes = this.diagram.panes;
        if (!this.panes || !panes) return;
        const labels = this.panes.labels.firstElementChild!;
        labels.setAttribute('width', px(panes.labelsWidth));
        labels.setAttribute('height', px(panes.labelsHeight));
        this.panes.labels.style.marginTop = `${px(panes.labelsTop)}px`;
        const header = this.panes.header.firstElementChild!;
        header.setAttribute('width', px(this.diagram.width));
        header.setAttribute('height', px(panes.headerHeight));
        // Where the headers are in the diagram; from there they stick to the top (media/preview.css).
        this.panes.header.style.marginTop = `${px(panes.headerTop)}px`;
    }

    private makePanes(diagram: DiagramPayload): { labels: HTMLElement; header: HTMLElement } | undefined {
        if (!diagram.panes) return undefined;
        const labels = parseSvg(diagram.panes.labels, this.doc);
        const header = parseSvg(diagram.panes.header, this.doc);
        if (!labels || !header) return undefined;
        const wrap = (svg: SVGSVGElement, name: string) => {
            const div = this.doc.createElement('div');
            div.className = `pane pane-${name}`;
            div.setAttribute('aria-hidden', 'true');
            div.append(svg);
            return div;
        };
        return { labels: wrap(labels, 'labels'), header: wrap(header, 'header') };
    }

    private updateToolbar(diagram: DiagramPayload): void {
        this.pressView(diagram.view);
        if (diagram.view === 'journey') this.compactButton.setAttribute('aria-pressed', String(diagram.compact === true));
        this.compactButton.disabled = diagram.view !== 'journey';
        fillSelect(this.journeySelect, diagram.journeys, diagram.journey, undefined);
        this.journeyGroup.hidden = diagram.journeys.length < 2;
        fillSelect(this.customerSelect, diagram.customers, diagram.customer ?? '', 'All customers');
        this.customerGroup.hidden = diagram.customers.length === 0;
        this.customerSelect.disabled = diagram.customers.length < 2 && diagram.customer === undefined;
        const canExport = diagram.svg !== '';
        for (const id of ['export-svg', 'export-png']) (this.doc.getElementById(id) as HTMLButtonElement).disabled = !canExport;
    }

    private pressView(view: DiagramView): void {
        for (const button of this.viewButtons) button.setAttribute('aria-pressed', String(button.dataset.view === view));
    }

    private updateBanner(diagram: DiagramPayload): void {
        if (diagram.stale) {
            const where = diagram.error ? `Line ${diagram.error.line}: ${diagram.error.message}` : 'The file does not parse.';
            this.banner.textContent = `${where} — the preview shows the last version that parsed.`;
            this.banner.hidden = false;
        } else {
            this.banner.textContent = '';
            this.banner.hidden = true;
        }
    }

    // ---- zoom -----------------------------------------------------------------------------

    /** Zooms, keeping the point under `anchor` (viewport coordinates; the centre by default) in place. */
    setZoom(zoom: number, anchor?: { x: number; y: number }): void {
        const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
        const vp = this.viewport;
        const ax = anchor?.x ?? vp.clientWidth / 2;
        const ay = anchor?.y ?? vp.clientHeight / 2;
        const x = (vp.scrollLeft + ax - PAD) / this.zoom;
        const y = (vp.scrollTop + ay - PAD) / this.zoom;
        this.zoom = next;
        this.sizeSvg();
        vp.scrollLeft = Math.max(0, x * next + PAD - ax);
        vp.scrollTop = Math.max(0, y * next + PAD - ay);
        this.zoomLabel.textContent = `${Math.round(next * 100)}%`;
        this.save();
    }

    /** The whole diagram in the window (at most twice its size). */
    fit(): void {
        if (!this.diagram || !(this.diagram.width > 0)) return;
        const w = (this.viewport.clientWidth - 2 * PAD) / this.diagram.width;
        const h = (this.viewport.clientHeight - 2 * PAD) / this.diagram.height;
        this.setZoom(Math.min(2, w, h));
        this.viewport.scrollLeft = 0;
        this.viewport.scrollTop = 0;
    }

    // ---- highlight ------------------------------------------------------------------------

    /** Marks the element(s) drawn for `id`; `reveal` scrolls the first into view if it is out of sight. */
    highlight(id: string | null, reveal: boolean): void {
        this.highlighted = id;
        if (!this.svg) return;
        let first: Element | undefined;
        for (const element of this.canvas.querySelectorAll('.copis-el')) {
            const on = id !== null && element.getAttribute('data-id') === id;
            element.classList.toggle(HIGHLIGHT_CLASS, on);
            if (on) first ??= element;
        }
        this.revealLinks();
        if (reveal && first) this.scrollIntoSight(first);
    }

    /** Shows the connectors drawn only on demand whose ends are pointed at or highlighted. */
    private revealLinks(): void {
        if (!this.svg) return;
        const ids = new Set([this.pointed, this.highlighted, this.focused].filter((id): id is string => id !== null));
        for (const line of this.svg.querySelectorAll('.copis-on-hover')) {
            const on = ids.has(line.getAttribute('data-from') ?? '') || ids.has(line.getAttribute('data-to') ?? '');
            line.classList.toggle(REVEAL_CLASS, on);
        }
    }

    private scrollIntoSight(element: Element): void {
        const box = element.getBoundingClientRect();
        const view = this.viewport.getBoundingClientRect();
        const inSight = box.right > view.left && box.left < view.right && box.bottom > view.top && box.top < view.bottom;
        if (inSight) return;
        this.viewport.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
        this.viewport.scrollTop += box.top + box.height / 2 - (view.top + view.height / 2);
    }

    // ---- user input -----------------------------------------------------------------------

    private listen(): void {
        for (const button of this.viewButtons) {
            button.addEventListener('click', () => {
                const view = button.dataset.view === 'copis' ? 'copis' : 'journey';
                this.pressView(view);
                this.requestOptions({ view });
            });
        }
        this.journeySelect.addEventListener('change', () => this.requestOptions({ journey: this.journeySelect.value, customer: undefined }));
        this.compactButton.addEventListener('click', () => this.requestOptions({ compact: this.diagram?.compact !== true }));
        this.customerSelect.addEventListener('change', () => this.requestOptions({ customer: this.customerSelect.value || undefined }));
        this.on('zoom-in', () => this.setZoom(this.zoom * ZOOM_STEP));
        this.on('zoom-out', () => this.setZoom(this.zoom / ZOOM_STEP));
        this.on('zoom-reset', () => this.setZoom(1));
        this.on('zoom-fit', () => this.fit());
        this.on('export-svg', () => this.host.postMessage({ type: 'export', format: 'svg' }));
        this.on('export-png', () => void this.exportPng());

        this.canvas.addEventListener('mouseover', event => {
            const target = event.target instanceof Element ? event.target.closest('.copis-el') : null;
            const id = target?.getAttribute('data-id') ?? null;
            if (id === this.pointed) return;
            this.pointed = id;
            this.revealLinks();
        });
        this.canvas.addEventListener('mouseleave', () => {
            this.pointed = null;
            this.revealLinks();
        });
        // A recovery badge reached by Tab shows its link as pointing at it does.
        this.canvas.addEventListener('focusin', event => {
            this.focused = event.target instanceof Element ? event.target.closest('.copis-el')?.getAttribute('data-id') ?? null : null;
            this.revealLinks();
        });
        this.canvas.addEventListener('focusout', () => {
            this.focused = null;
            this.revealLinks();
        });
        this.canvas.addEventListener('click', event => {
            const target = event.target instanceof Element ? event.target.closest('.copis-el') : null;
            const id = target?.getAttribute('data-id');
            if (id) this.host.postMessage({ type: 'reveal', id });
        });
        this.viewport.addEventListener('wheel', event => {
            if (!event.ctrlKey && !event.metaKey) return;
            event.preventDefault();
            const view = this.viewport.getBoundingClientRect();
            const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
            this.setZoom(this.zoom * factor, { x: event.clientX - view.left, y: event.clientY - view.top });
        }, { passive: false });
        this.viewport.addEventListener('scroll', () => this.save(), { passive: true });
        this.doc.addEventListener('keydown', event => {
            if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
            if (event.target instanceof HTMLSelectElement || event.target instanceof HTMLInputElement) return;
            const action = ({ '+': () => this.setZoom(this.zoom * ZOOM_STEP), '=': () => this.setZoom(this.zoom * ZOOM_STEP),
                '-': () => this.setZoom(this.zoom / ZOOM_STEP), '0': () => this.setZoom(1), f: () => this.fit() } as Record<string, () => void>)[event.key];
            if (action) {
                event.preventDefault();
                action();
            }
        });
    }

    private on(id: string, action: () => void): void {
        required(this.doc, id).addEventListener('click', action);
    }

    private requestOptions(change: { view?: DiagramView; journey?: string; customer?: string | undefined; compact?: boolean }): void {
        const current = this.diagram;
        const compact = 'compact' in change ? change.compact : this.compactWanted();
        const message: FromWebview = {
            type: 'options',
            view: change.view ?? current?.view ?? 'journey',
            ...optional('journey', 'journey' in change ? change.journey : current?.journey),
            ...optional('customer', 'customer' in change ? change.customer : current?.customer),
            ...(compact ? { compact: true } : {})
        };
        this.host.postMessage(message);
    }

    /** Compact mode stays asked for while the COPIS view is shown, for the way back. */
    private compactWanted(): boolean {
        return this.compactButton.getAttribute('aria-pressed') === 'true';
    }

    private async exportPng(): Promise<void> {
        const diagram = this.diagram;
        if (!diagram?.svg) return;
        try {
            const { data, scale } = await svgToPng(diagram.svg, diagram.width, diagram.height, await this.exportFonts());
            this.host.postMessage({ type: 'export', format: 'png', data, scale });
        } catch (error) {
            this.host.postMessage({ type: 'exportFailed', format: 'png', message: error instanceof Error ? error.message : String(error) });
        }
    }

    /** The fonts, once the extension has sent them; none if it does not within 5 s (the PNG is then drawn with the machine's). */
    private exportFonts(): Promise<EmbeddedFont[]> {
        this.fonts ??= new Promise(resolve => {
            const timer = setTimeout(() => done([]), 5000);
            const done = (fonts: EmbeddedFont[]) => {
                clearTimeout(timer);
                this.fontsArrived = undefined;
                resolve(fonts);
            };
            this.fontsArrived = done;
            this.host.postMessage({ type: 'fonts' });
        });
        return this.fonts;
    }

    /** Keeps what a reload needs (soon after the last change: scrolling saves often). */
    private save(): void {
        if (this.saveTimer !== undefined) return;
        this.saveTimer = setTimeout(() => {
            this.saveTimer = undefined;
            const d = this.diagram;
            const state: WebviewState = {
                ...optional('uri', d?.uri), ...optional('view', d?.view), ...optional('journey', d?.journey), ...optional('customer', d?.customer),
                ...(this.compactWanted() ? { compact: true } : {}),
                zoom: this.zoom, scrollLeft: this.viewport.scrollLeft, scrollTop: this.viewport.scrollTop
            };
            this.host.setState(state);
        }, 100);
    }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Replaces a select's options (as text, never markup) when they changed, and selects `value`. */
function fillSelect(select: HTMLSelectElement, items: NamedItem[], value: string | undefined, allLabel: string | undefined): void {
    const wanted = [...(allLabel !== undefined ? [{ id: '', title: allLabel }] : []), ...items];
    const same = select.options.length === wanted.length
        && wanted.every((item, i) => select.options[i].value === item.id && select.options[i].text === item.title);
    if (!same) {
        const options = wanted.map(item => {
            const option = select.ownerDocument.createElement('option');
            option.value = item.id;
            option.text = item.title;
            return option;
        });
        select.replaceChildren(...options);
    }
    select.value = value ?? wanted[0]?.id ?? '';
}

function isFont(value: unknown): value is EmbeddedFont {
    const font = value as Partial<EmbeddedFont> | null;
    return !!font && (font.weight === 400 || font.weight === 700) && typeof font.base64 === 'string';
}
