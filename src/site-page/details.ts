/// <reference lib="dom" />
/**
 * The details panel of a journey page: the element clicked in the diagram (or named by the page's
 * fragment), with its title, doc comment, facts, what refers to it and its diagnostics. Everything is
 * written as text (textContent), never as markup.
 */
import { renderKpiSparkline } from '../../language-server/diagram/index.js';
import { parseSvg } from '../webview/svg.js';
import type { ElementDetails, JourneyPageData } from './data.js';

export class DetailsPanel {
    private readonly doc: Document;
    private readonly panel: HTMLElement;
    private readonly data: JourneyPageData;
    private readonly root: string;
    private readonly onOpen: (id: string) => void;
    private readonly onClose: () => void;
    shown: string | undefined;

    /** `onOpen`: an element of this page was opened from the panel (a reference followed); `onClose`: the panel was closed. */
    constructor(doc: Document, data: JourneyPageData, root: string, onOpen: (id: string) => void, onClose: () => void) {
        this.doc = doc;
        this.panel = doc.getElementById('details')!;
        this.data = data;
        this.root = root;
        this.onOpen = onOpen;
        this.onClose = onClose;
    }

    has(id: string): boolean {
        return this.data.elements[id]?.local === true;
    }

    show(id: string): void {
        const details = this.data.elements[id];
        if (!details) return;
        this.shown = id;
        const doc = this.doc;
        const parts: Node[] = [];
        const close = this.el('button', 'close', '×');
        close.setAttribute('type', 'button');
        close.setAttribute('aria-label', 'Close the details');
        close.addEventListener('click', () => this.hide());
        parts.push(close, this.el('div', 'kind', details.kind), this.el('h2', '', details.label));
        const who = this.el('p', 'muted');
        who.append(this.el('code', '', details.name));
        if (details.where) who.append(doc.createTextNode(' · '), this.el('code', '', details.where));
        parts.push(who);
        if (details.doc) parts.push(this.el('p', 'doc', details.doc));

        const facts = details.facts ?? [];
        if (facts.length > 0) {
            const dl = this.el('dl');
            for (const fact of facts) {
                dl.append(this.el('dt', '', fact.label));
                const dd = this.el('dd');
                if (fact.sparkline !== undefined) {
                    const svg = this.sparkline(fact.sparkline);
                    if (svg) dd.append(svg);
                }
                if (fact.text !== undefined) {
                    if (fact.message) {
                        fact.text.split('\n').forEach((line, i) => {
                            const span = this.el('span', i === 0 ? 'line' : 'line sub');
                            appendMessage(doc, span, line);
                            dd.append(span);
                        });
                    } else {
                        dd.append(doc.createTextNode(fact.text));
                    }
                }
                (fact.refs ?? []).forEach((ref, i) => {
                    if (i > 0) dd.append(doc.createTextNode(', '));
                    dd.append(this.reference(ref));
                });
                dl.append(dd);
            }
            parts.push(dl);
        }

        parts.push(this.el('h3', '', 'Referred to by'));
        const referrers = details.referrers ?? [];
        const elsewhere = details.elsewhere ?? [];
        if (referrers.length === 0 && elsewhere.length === 0) {
            parts.push(this.el('p', 'muted', details.kind === 'journey' ? 'Its members are referred to, not the journey.' : 'Nothing refers to it.'));
        } else {
            const ul = this.el('ul', 'referrers');
            for (const r of referrers) {
                const li = this.el('li');
                const from = this.data.elements[r.id];
                li.append(this.reference(r.id), this.el('span', 'muted', ` ${from?.kind ?? ''}, ${r.property}`));
                ul.append(li);
            }
            if (details.moreReferrers) ul.append(this.el('li', 'muted', `and ${details.moreReferrers} more`));
            for (const e of elsewhere) {
                const li = this.el('li');
                li.append(this.reference(e.journey), this.el('span', 'muted', ` journey: ${e.count === 1 ? '1 of its elements' : `${e.count} of its elements`}`));
                ul.append(li);
            }
            if (details.moreElsewhere) ul.append(this.el('li', 'muted', `and ${details.moreElsewhere} more journeys`));
            parts.push(ul);
        }

        parts.push(this.el('h3', '', 'Diagnostics'));
        const diagnostics = details.diagnostics ?? [];
        if (diagnostics.length === 0) {
            parts.push(this.el('p', 'muted', 'No problems.'));
        } else {
            const ul = this.el('ul', 'diagnostics');
            for (const d of diagnostics) {
                const li = this.el('li', 'diagnostic');
                li.append(this.el('span', `severity severity-${d.severity}`, d.severity), doc.createTextNode(' '));
                appendMessage(doc, li, d.message);
                li.append(doc.createTextNode(' '), this.el('code', '', d.code), this.el('span', 'muted', ` ${d.where}`));
                ul.append(li);
            }
            parts.push(ul);
        }
        this.panel.replaceChildren(...parts);
        this.panel.hidden = false;
        this.panel.scrollTop = 0;
    }

    hide(): void {
        this.shown = undefined;
        this.panel.hidden = true;
        this.panel.replaceChildren();
        this.onClose();
    }

    /** A reference: opens the element here when this page draws it, else links to the page that shows it. */
    private reference(id: string): HTMLElement {
        const target: ElementDetails | undefined = this.data.elements[id];
        const text = target?.label ?? id;
        if (target?.local) {
            const button = this.el('button', 'ref', text);
            button.setAttribute('type', 'button');
            button.title = `${target.kind} ${target.name}`;
            button.addEventListener('click', () => {
                this.show(id);
                this.onOpen(id);
            });
            return button;
        }
        if (target?.href) {
            const a = this.el('a', 'ref', text) as HTMLAnchorElement;
            a.href = `${this.root}${target.href}`;
            a.title = `${target.kind} ${target.name}`;
            return a;
        }
        return this.el('span', '', text);
    }

    /** A KPI's sparkline, by the diagram's renderer, from the KPI in the page's model; parsed as SVG, never as HTML. */
    private sparkline(id: string): SVGSVGElement | undefined {
        const kpi = this.data.model.objectives.flatMap(o => o.kpis).find(k => k.id === id);
        const drawn = kpi && renderKpiSparkline(kpi, 160);
        return drawn ? parseSvg(drawn.svg, this.doc) : undefined;
    }

    private el(tag: string, className = '', text?: string): HTMLElement {
        const e = this.doc.createElement(tag);
        if (className) e.className = className;
        if (text !== undefined) e.textContent = text;
        return e;
    }
}

/** A diagnostic message: its `code spans` as code elements, the rest as text. */
export function appendMessage(doc: Document, into: HTMLElement, message: string): void {
    const parts = message.split('`');
    if (parts.length % 2 === 0) {
        into.append(doc.createTextNode(message));
        return;
    }
    parts.forEach((part, i) => {
        if (i % 2 === 1 && part !== '') {
            const code = doc.createElement('code');
            code.textContent = part;
            into.append(code);
        } else if (part !== '') {
            into.append(doc.createTextNode(part));
        }
    });
}
