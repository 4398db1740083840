// Hostile models: every string a model can hold (titles, doc comments, owners, segments, needs, steps, units)
// carrying HTML, SVG, CSS, javascript: URLs, XML breakouts, Markdown syntax and control characters. Each export
// is read back by a real parser, as a viewer would read it: the SVG by a strict XML parser (sax), the HTML page
// by the HTML5 parser browsers implement (parse5), the Markdown report rendered by a GitHub-flavoured Markdown
// renderer (marked) and that HTML parsed in turn. Nothing from the model may become an element, an attribute, a
// link, a heading or a table cell; and each string must come back as the same text.
//
// sax, parse5 and marked are pinned dev dependencies (the versions @vscode/vsce brings as well).
import { marked } from 'marked';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { copis, workspace } from './helpers.js';
import { parseXml, xmlElements as elements, type XmlElement } from './xml-tree.js';

// ---- the payloads --------------------------------------------------------------------------------------------

const PAYLOADS = [
    '<script>window.__pwned=1</script>',
    '<svg onload=window.__pwned=2><foreignObject><iframe src=javascript:window.__pwned=3></iframe></foreignObject></svg>',
    '</style><style>*{background:url(http://127.0.0.1:1/css)}</style>',
    'javascript:alert(4)',
    'x" onmouseover="alert(5)" style="fill:url(http://127.0.0.1:1/f)',
    "y' onfocus='alert(6)",
    'expression(alert(7)) url(javascript:alert(8)) url(http://127.0.0.1:1/u)',
    ']]><script>alert(9)</script><![CDATA[',
    '<!-- --><script>alert(10)</script><!--',
    '&lt;script&gt; &#60;b&#62; &amp; &#x26; &nbsp;',
    '<?xml-stylesheet href="http://127.0.0.1:1/x.css"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
    'controls \u0001\u0008\u000B\u000C\u001B\u007F\u0085\u009F\uFDD0\uFFFE end',
    '\u202Eright-to-left\u202C and \u2028 separators \u2029',
    '[a](javascript:alert(11)) ![i](http://127.0.0.1:1/i.png) <http://127.0.0.1:1/a> https://evil.example/x www.evil.example evil@example.com',
    '[ref]: http://evil.example "title"',
    '| a | b | *** ~~~ ``` $x$ [^1] \\ _u_ <b>bold</b> ~~s~~ :smile:',
    '<a href="javascript:alert(12)">click</a><img src=x onerror=alert(13)>',
    '# a heading',
    '- a list item',
    '1. an ordered item',
    '> a quote',
    '---',
    '<div>an HTML block</div>'
];

/** A string literal of the language (only `"` and `\` are escaped; a string cannot hold a line break). */
const literal = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]/g, ' ')}"`;
/** A doc comment (it ends at the first `*\/`). */
const doc = (text: string) => `/** ${text.replace(/\*\//g, '* /')} */`;

/**
 * A model with `s(i)` in every string it has: each stage holds one touchpoint, moment, pain and opportunity,
 * so that every payload is a title, an owner and a doc comment somewhere.
 */
function model(s: (i: number) => string, journeyTitle = s(0)): string {
    const n = PAYLOADS.length;
    const at = (i: number) => s(i % n);
    const out = [
        doc(at(1)),
        `customer C ${literal(at(2))} { segment ${literal(at(3))}  value high  needs ${literal(at(4))}, ${literal(at(5))} }`,
        `system Sys ${literal(at(6))} { type web  owner ${literal(at(7))} }`,
        doc(at(8)),
        `information Inf ${literal(at(9))} { source Sys  owner ${literal(at(10))}  classification internal }`,
        // A shared objective the journey only refers to (an opportunity improves its KPI): shown as referenced.
        `objective Shared ${literal(at(20))} { kpi SK ${literal(at(21))} { metric nps  current 1  target >= 2  owner ${literal(at(22))} } }`,
        doc(at(11)),
        `journey J ${literal(journeyTitle)} {`,
        '  customers C',
        `  objective O ${literal(at(12))} { for C  kpi K ${literal(at(13))} { metric custom  unit ${literal(at(14))}  current 10  target >= 20  owner ${literal(at(19))} } }`,
        `  process Pr ${literal(at(15))} { owner ${literal(at(16))}  lane frontstage  systems Sys  reads Inf  supports O  steps ${literal(at(17))}, ${literal(at(18))}  sla 2h }`
    ];
    for (let i = 0; i < n; i++) {
        out.push(
            `  ${doc(at(i + 3))}`,
            `  stage S${i} ${literal(at(i))} { category awareness`,
            `    ${doc(at(i + 4))}`,
            `    touchpoint T${i} ${literal(at(i))} { channel web  emotion 1  processes Pr  systems Sys  information Inf }`,
            '  }',
            `  moment M${i} ${literal(at(i + 1))} { at T${i}  kind zero  polarity positive  impact high  kpis K  owner ${literal(at(i + 2))} }`,
            `  pain P${i} ${literal(at(i + 3))} { at T${i}  severity high }`,
            `  opportunity Op${i} ${literal(at(i + 4))} { addresses P${i}  improves K, SK  owner ${literal(at(i + 5))} }`
        );
    }
    out.push('}', '');
    return out.join('\n');
}

const hostile = model(i => PAYLOADS[i]);
const benign = model(i => `Plain text ${i}`);

// ---- reading SVG as XML ----------------------------------------------------------------------------------------

/** Parses `xml` strictly (sax); every error, processing instruction, CDATA section, comment or doctype is an error. */
function parseSvg(xml: string): XmlElement {
    return parseXml(xml, { elementsOnly: true });
}

/** Every element name, and every attribute name, of `root`. */
function vocabulary(all: XmlElement[]): { names: Set<string>; attributes: Set<string> } {
    return { names: new Set(all.map(e => e.name)), attributes: new Set(all.flatMap(e => Object.keys(e.attributes))) };
}

// What a string becomes in XML: escapeXml replaces what XML 1.0 cannot hold by U+FFFD.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// Attributes where text from a model could do harm: a URL, CSS, or an event handler.
const DANGEROUS_ATTRIBUTE = /^(?:on.*|href|xlink:href|src|style|action|formaction|xmlns:.*|filter|mask|clip-path|cursor|begin|to|values|from)$/i;
const DANGEROUS_VALUE = /javascript:|url\s*\(|expression\s*\(|127\.0\.0\.1/i;

function checkSvg(svg: string, reference: string, label: string): XmlElement {
    const root = parseSvg(svg);
    const all = elements(root);
    const allowed = vocabulary(elements(parseSvg(reference)));
    const found = vocabulary(all);
    // No element and no attribute the renderer does not draw with the plain model.
    expect([...found.names].filter(n => !allowed.names.has(n)), label).toEqual([]);
    expect([...found.attributes].filter(a => !allowed.attributes.has(a)), label).toEqual([]);
    expect([...found.attributes].filter(a => DANGEROUS_ATTRIBUTE.test(a)), label).toEqual([]);
    // A model's text only in text and in aria-label: never in an attribute that is a URL, CSS or a colour.
    const values = all.flatMap(e => Object.entries(e.attributes).filter(([name]) => name !== 'aria-label').map(([name, value]) => `<${e.name} ${name}="${value}">`));
    expect(values.filter(v => DANGEROUS_VALUE.test(v)), label).toEqual([]);
    return root;
}

/** The first line of the tooltip of the element with `id`: its title, in full. */
function tooltipTitle(root: XmlElement, id: string): string | undefined {
    const element = elements(root).find(e => e.attributes['data-id'] === id);
    return element?.children.find(c => c.name === 'title')?.text.split('\n')[0];
}

// ---- reading HTML as a browser does ---------------------------------------------------------------------------

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function htmlElements(node: Node): Element[] {
    const own = 'tagName' in node ? [node as Element] : [];
    const children = 'childNodes' in node ? (node.childNodes as Node[]).flatMap(htmlElements) : [];
    const content = 'content' in node && node.content ? htmlElements(node.content as Node) : [];
    return [...own, ...children, ...content];
}

function textContent(node: Node): string {
    if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
    return 'childNodes' in node ? (node.childNodes as Node[]).map(textContent).join('') : '';
}

function parseHtml(html: string): { elements: Element[]; errors: string[]; document: Node } {
    const errors: string[] = [];
    const document = parse(html, { onParseError: e => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) }) as Node;
    return { elements: htmlElements(document), errors, document };
}

function htmlVocabulary(all: Element[]): { names: Set<string>; attributes: Set<string> } {
    return { names: new Set(all.map(e => e.tagName)), attributes: new Set(all.flatMap(e => e.attrs.map(a => `${e.tagName}@${a.name}`))) };
}

// ---- the tests -----------------------------------------------------------------------------------------------

describe('hostile strings in every field of a model', () => {
    it('the model parses and every payload is in it (so the exports below really carry them)', async () => {
        const run = await copis(workspace({ 'j.copis': hostile }), 'export', 'j.copis', '--to', 'json');
        expect(run.code).toBe(0);
        const json = JSON.parse(run.stdout);
        expect(json.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
        const text = JSON.stringify(json.journey);
        for (const payload of PAYLOADS) expect(text).toContain(JSON.stringify(payload).slice(1, -1));
        expect(json.journey.touchpoints.map((t: { title: string }) => t.title)).toEqual(PAYLOADS);
    });

    it.each(['journey', 'copis'])('svg, %s view: well-formed XML, no element or attribute from the model, each title back as text', async view => {
        const dir = workspace({ 'hostile/j.copis': hostile, 'plain/j.copis': benign });
        const run = await copis(dir, 'export', 'hostile/j.copis', '--to', 'svg', '--view', view);
        expect(run.code).toBe(0);
        const reference = (await copis(dir, 'export', 'plain/j.copis', '--to', 'svg', '--view', view)).stdout;
        const root = checkSvg(run.stdout, reference, view);
        const ids = view === 'journey' ? PAYLOADS.map((_, i) => `J.T${i}`) : ['Sys', 'Inf', 'C'];
        const titles = view === 'journey' ? PAYLOADS : [PAYLOADS[6], PAYLOADS[9], PAYLOADS[2]];
        expect(ids.map(id => tooltipTitle(root, id))).toEqual(titles.map(t => t.replace(NOT_XML, '\uFFFD')));
    });

    it('html: parsed as a browser parses it, without a single parse error; no element, attribute, script or link from the model', async () => {
        const dir = workspace({ 'hostile/j.copis': hostile, 'plain/j.copis': benign });
        const run = await copis(dir, 'export', 'hostile/j.copis', '--to', 'html');
        expect(run.code).toBe(0);
        const page = parseHtml(run.stdout);
        // DEL, C1 controls and non-characters are parse errors in HTML: the page has none (they became U+FFFD).
        expect(page.errors).toEqual([]);
        const reference = parseHtml((await copis(dir, 'export', 'plain/j.copis', '--to', 'html')).stdout);
        const allowed = htmlVocabulary(reference.elements);
        const found = htmlVocabulary(page.elements);
        expect([...found.names].filter(n => !allowed.names.has(n))).toEqual([]);
        expect([...found.attributes].filter(a => !allowed.attributes.has(a))).toEqual([]);
        expect(page.elements.filter(e => ['script', 'iframe', 'img', 'a', 'link', 'object', 'embed', 'foreignObject', 'base', 'form'].includes(e.tagName))).toEqual([]);
        expect(page.elements.flatMap(e => e.attrs).filter(a => /^on/i.test(a.name) || /javascript:|url\s*\(|127\.0\.0\.1/i.test(a.name === 'aria-label' || a.name === 'content' ? '' : a.value))).toEqual([]);
        // One <style>, the page's own, and the policy first in <head>.
        expect(page.elements.filter(e => e.tagName === 'style')).toHaveLength(1);
        const head = page.elements.find(e => e.tagName === 'head')!;
        const metas = head.childNodes.filter((c): c is Element => 'tagName' in c);
        expect(metas.slice(0, 2).map(m => m.attrs.map(a => `${a.name}=${a.value}`).join(' '))).toEqual([
            'charset=utf-8', "http-equiv=Content-Security-Policy content=default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        ]);
        // The title, the heading and the doc comment are the model's text.
        const text = (tag: string) => textContent(page.elements.find(e => e.tagName === tag)!);
        const asHtml = (s: string) => s.replace(NOT_XML, '\uFFFD').replace(/[\u007F-\u009F\uFDD0\uFFFE]/g, '\uFFFD');
        expect(text('title')).toBe(asHtml(PAYLOADS[0]));
        expect(text('h1')).toBe(asHtml(PAYLOADS[0]));
        expect(textContent(page.elements.find(e => e.attrs.some(a => a.value === 'doc'))!)).toBe(asHtml(PAYLOADS[11]));
        // The SVG inside the page is the svg export, checked as XML too.
        const svg = run.stdout.slice(run.stdout.indexOf('<svg '), run.stdout.indexOf('</svg>') + 6);
        const plainSvg = (await copis(dir, 'export', 'plain/j.copis', '--to', 'svg')).stdout;
        checkSvg(svg, plainSvg, 'html');
    });

    it('md: rendered by a GitHub-flavoured Markdown renderer, it has no HTML, link, image, heading or table cell from the model', async () => {
        const dir = workspace({ 'hostile/j.copis': hostile, 'plain/j.copis': benign });
        const run = await copis(dir, 'export', 'hostile/j.copis', '--to', 'md');
        expect(run.code).toBe(0);
        const render = (md: string) => htmlElements(parseFragment(marked.parse(md, { gfm: true, async: false })) as Node);
        const found = render(run.stdout);
        const reference = render((await copis(dir, 'export', 'plain/j.copis', '--to', 'md')).stdout);
        const names = (all: Element[]) => [...new Set(all.map(e => e.tagName))].sort();
        expect(names(found)).toEqual(names(reference));
        for (const tag of ['a', 'img', 'script', 'style', 'svg', 'iframe', 'div', 'b', 'blockquote', 'hr', 'ol', 'del', 'em', 'input']) {
            expect(found.filter(e => e.tagName === tag).length, tag).toBe(0);
        }
        const count = (all: Element[], tag: string) => all.filter(e => e.tagName === tag).length;
        for (const tag of ['h1', 'h2', 'h3', 'table', 'tr', 'th', 'td', 'ul', 'li', 'p']) expect(count(found, tag), tag).toBe(count(reference, tag));
        // Every table row has as many cells as its header.
        for (const table of found.filter(e => e.tagName === 'table')) {
            const rows = htmlElements(table).filter(e => e.tagName === 'tr');
            const width = htmlElements(rows[0]).filter(e => e.tagName === 'th').length;
            for (const row of rows.slice(1)) expect(htmlElements(row).filter(e => e.tagName === 'td')).toHaveLength(width);
        }
        // The text is the model's: control characters and line breaks are spaces, nothing else changes.
        const shown = (s: string) => s.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
        const h1 = found.find(e => e.tagName === 'h1')!;
        expect(shown(textContent(h1))).toBe(shown(PAYLOADS[0]));
        const cells = found.filter(e => e.tagName === 'td').map(e => shown(textContent(e)));
        for (const i of [3, 7, 13, 14, 15, 16]) expect(cells, PAYLOADS[i]).toContain(shown(PAYLOADS[i]));
    });

    it('a 100 KB title and doc comment: the SVG and the page stay well-formed, every character of the title is in the tooltip', async () => {
        const long = `${'A'.repeat(50_000)}${PAYLOADS.slice(0, 11).join(' ')}${'B'.repeat(50_000)}`;
        const dir = workspace({ 'hostile/j.copis': model(i => PAYLOADS[i], long).replace(doc(PAYLOADS[11]), doc(long)), 'plain/j.copis': benign });
        const run = await copis(dir, 'export', 'hostile/j.copis', '--to', 'html');
        expect(run.code).toBe(0);
        expect(parseHtml(run.stdout).errors).toEqual([]);
        const svg = run.stdout.slice(run.stdout.indexOf('<svg '), run.stdout.indexOf('</svg>') + 6);
        const root = checkSvg(svg, (await copis(dir, 'export', 'plain/j.copis', '--to', 'svg')).stdout, '100 KB');
        expect(root.children.find(c => c.name === 'title')!.text).toBe(long);
        const md = await copis(dir, 'export', 'hostile/j.copis', '--to', 'md');
        const h1 = htmlElements(parseFragment(marked.parse(md.stdout, { async: false })) as Node).find(e => e.tagName === 'h1')!;
        expect(textContent(h1)).toBe(long);
    }, 60_000);
});
