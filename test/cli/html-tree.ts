import { marked } from 'marked';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];

/** Every element of a parse5 tree, in document order (template contents too). */
export function htmlElements(node: Node): HtmlElement[] {
    const own = 'tagName' in node ? [node as HtmlElement] : [];
    const children = 'childNodes' in node ? (node.childNodes as Node[]).flatMap(htmlElements) : [];
    const content = 'content' in node && node.content ? htmlElements(node.content as Node) : [];
    return [...own, ...children, ...content];
}

export function textContent(node: Node): string {
    if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
    return 'childNodes' in node ? (node.childNodes as Node[]).map(textContent).join('') : '';
}

/** Markdown as GitHub-flavoured Markdown renders it, parsed as a browser parses that HTML. */
export function renderMarkdown(md: string): HtmlElement[] {
    return htmlElements(parseFragment(marked.parse(md, { gfm: true, async: false })) as Node);
}
