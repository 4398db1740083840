import { createRequire } from 'node:module';

interface SaxTag { name: string; attributes: Record<string, { value: string }> }
interface SaxParser {
    onerror: (error: Error) => void;
    onopentag: (tag: SaxTag) => void;
    onclosetag: () => void;
    ontext: (text: string) => void;
    onprocessinginstruction: (pi: unknown) => void;
    oncdata: (text: string) => void;
    oncomment: (text: string) => void;
    ondoctype: (text: string) => void;
    write(xml: string): SaxParser;
    close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean, options: { xmlns: boolean }): SaxParser };

export interface XmlElement { name: string; attributes: Record<string, string>; text: string; children: XmlElement[] }

/**
 * `xml` parsed by a strict XML parser (sax): a document that is not well-formed throws. With `elementsOnly`,
 * a processing instruction, CDATA section, comment or doctype throws too (what an export must never hold).
 */
export function parseXml(xml: string, options: { elementsOnly?: boolean } = {}): XmlElement {
    const parser = sax.parser(true, { xmlns: true });
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    const problems: string[] = [];
    parser.onerror = error => { throw error; };
    if (options.elementsOnly) {
        parser.onprocessinginstruction = () => problems.push('a processing instruction');
        parser.oncdata = () => problems.push('a CDATA section');
        parser.oncomment = () => problems.push('a comment');
        parser.ondoctype = () => problems.push('a doctype');
    }
    parser.onopentag = tag => {
        const element: XmlElement = { name: tag.name, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value])), text: '', children: [] };
        if (stack.length > 0) stack[stack.length - 1].children.push(element);
        else root = element;
        stack.push(element);
    };
    parser.onclosetag = () => { stack.pop(); };
    parser.ontext = text => { if (stack.length > 0) stack[stack.length - 1].text += text; };
    parser.write(xml).close();
    if (problems.length > 0) throw new Error(`the SVG holds ${problems.join(', ')}`);
    if (!root) throw new Error('no root element');
    return root;
}

export function xmlElements(root: XmlElement): XmlElement[] {
    return [root, ...root.children.flatMap(xmlElements)];
}
