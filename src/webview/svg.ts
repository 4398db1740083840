/// <reference lib="dom" />
/**
 * Turns the server's SVG text into a node of this page without ever treating it as HTML: it is
 * parsed as `image/svg+xml` and imported. The renderer already escapes every model string; as
 * a second line of defence, anything that could run or load is dropped (scripts, foreign
 * content, event-handler attributes, links that leave the document).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const DROPPED = new Set(['script', 'foreignObject', 'iframe', 'object', 'embed', 'style', 'image', 'use', 'animate', 'set', 'animateTransform', 'animateMotion']);

export function parseSvg(text: string, into: Document = document): SVGSVGElement | undefined {
    if (!text) return undefined;
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = parsed.documentElement;
    if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) return undefined;
    sanitize(root);
    return into.importNode(root, true) as unknown as SVGSVGElement;
}

function sanitize(root: Element): void {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    const remove: Element[] = [];
    for (let node = walker.currentNode as Element | null; node; node = walker.nextNode() as Element | null) {
        if (node.namespaceURI !== SVG_NS || DROPPED.has(node.localName)) {
            remove.push(node);
            continue;
        }
        for (const attribute of [...node.attributes]) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.trim().toLowerCase();
            if (name.startsWith('on') || name === 'style'
                || ((name === 'href' || name === 'xlink:href') && !value.startsWith('#'))
                || value.includes('javascript:') || /url\(\s*['"]?(?!#)/.test(value)) {
                node.removeAttribute(attribute.name);
            }
        }
    }
    for (const node of remove) if (node !== root) node.remove();
}
