/// <reference lib="dom" />
/**
 * A journey page: the preview's page code (src/webview/preview.ts: the toolbar, zoom, highlight and
 * clicks) with this page in the extension's place. Where the preview asks the extension for a diagram,
 * this draws it with the same renderer (language-server/diagram) from the model in the page; where the
 * preview would reveal a declaration, this opens the details panel. The view, customer, zoom and scroll
 * are kept in history.state, so that going back to the page, or a reload, keeps them.
 */
import { renderDiagram } from '../../language-server/diagram/index.js';
// The page's script is bundled on its own (scripts/bundle.mjs: dist/site.js), model/ with it, as the renderer is.
import { label } from '../../language-server/model/labels.js';
import type { DiagramPayload, DiagramView, FromWebview, WebviewState } from '../webview/messages.js';
import { Preview, type Host } from '../webview/preview.js';
import { CUSTOMER_FRAGMENT, ELEMENT_FRAGMENT, JOURNEY_DATA_ID, type JourneyPageData } from './data.js';
import { DetailsPanel } from './details.js';
import { enablePanning } from './pan.js';

interface Shown {
    view: DiagramView;
    customer?: string;
    compact?: boolean;
}

const STATE_KEY = 'copisPreview';

export function startJourneyPage(doc: Document, root: string): void {
    const block = doc.getElementById(JOURNEY_DATA_ID);
    if (!block?.textContent) return;
    const data = JSON.parse(block.textContent) as JourneyPageData;
    const model = data.model;
    const customers = model.customerDetails.map(c => ({ id: c.id, title: label(c) }));
    const toolbar = doc.querySelector<HTMLElement>('.toolbar');
    if (toolbar) toolbar.hidden = false;

    const saved = (history.state as Record<string, WebviewState> | null)?.[STATE_KEY];
    const fragment = decodeURIComponent(location.hash.slice(1));
    const asked = fragment.startsWith(CUSTOMER_FRAGMENT) ? fragment.slice(CUSTOMER_FRAGMENT.length) : undefined;
    // A `#for-CUSTOMER` link asks for that customer's path; else what the page showed before (a reload, going back).
    const customer = asked ?? saved?.customer;
    let shown: Shown = { view: saved?.view ?? 'journey', ...(customer ? { customer } : {}), ...((saved as { compact?: boolean } | undefined)?.compact ? { compact: true } : {}) };

    const host: Host = {
        postMessage: message => receive(message),
        getState: () => (history.state as Record<string, WebviewState> | null)?.[STATE_KEY],
        setState: state => history.replaceState({ ...(history.state as object | null ?? {}), [STATE_KEY]: state }, '')
    };
    const preview = new Preview(host, doc);
    const panel = new DetailsPanel(doc, data, root, id => {
        preview.highlight(id, true);
        setFragment(id);
    }, () => {
        preview.highlight(null, false);
        setFragment(undefined);
    });
    enablePanning(doc.getElementById('viewport')!);

    function draw(): void {
        const customer = customers.some(c => c.id === shown.customer) ? shown.customer : undefined;
        // The preview's options, as the language server reads them (compact only where the renderer has it).
        const options = {
            view: shown.view, ...(customer ? { customer } : {}), ...(shown.compact && data.compact ? { compact: true } : {}),
            ...(data.problems ? { placedProblems: data.problems } : {})
        };
        const rendered = renderDiagram(model, options);
        const payload: DiagramPayload = {
            uri: data.journey, fileName: label(model), view: shown.view, svg: rendered.svg, width: rendered.width, height: rendered.height,
            elements: rendered.elements.map(e => ({ id: e.id, kind: e.kind, name: e.name })),
            journeys: [{ id: data.journey, title: label(model) }], customers, journey: data.journey, stale: false,
            ...(customer ? { customer } : {}), ...(options.compact ? { compact: true } : {})
        };
        preview.receive({ type: 'diagram', diagram: payload });
        if (panel.shown) preview.highlight(panel.shown, false);
    }

    function receive(message: FromWebview): void {
        switch (message.type) {
            case 'ready':
                draw();
                openFragment(true);
                break;
            case 'options':
                shown = { view: message.view, ...(message.customer ? { customer: message.customer } : {}), ...((message as { compact?: boolean }).compact ? { compact: true } : {}) };
                draw();
                break;
            case 'reveal':
                open(message.id, false);
                break;
            default:
                break; // export: the site offers none
        }
    }

    function open(id: string, reveal: boolean): void {
        if (!panel.has(id)) return;
        panel.show(id);
        preview.highlight(id, reveal);
        setFragment(id);
    }

    /** `#el-ID` opens that element (and shows the diagram, where a link to a stage means to look). */
    function openFragment(first: boolean): void {
        const hash = decodeURIComponent(location.hash.slice(1));
        if (!hash.startsWith(ELEMENT_FRAGMENT)) return;
        const id = hash.slice(ELEMENT_FRAGMENT.length);
        if (!panel.has(id)) return;
        open(id, true);
        // The browser itself scrolls to the element's entry in the list below the diagram, which has that id (a
        // link works without the script too): once on load, and again on every change of the fragment. The
        // details panel is beside the diagram, so the diagram is what to show, after the browser's scroll.
        const showDiagram = () => doc.querySelector('.diagram-section')?.scrollIntoView({ block: 'start' });
        showDiagram();
        if (first && doc.readyState !== 'complete') window.addEventListener('load', () => requestAnimationFrame(showDiagram), { once: true });
    }

    function setFragment(id: string | undefined): void {
        const url = `${location.pathname}${location.search}${id === undefined ? '' : `#${ELEMENT_FRAGMENT}${id}`}`;
        history.replaceState(history.state, '', url);
    }

    window.addEventListener('hashchange', () => openFragment(false));
    preview.start();
}
