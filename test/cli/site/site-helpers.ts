import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { JOURNEY_DATA_ID, type JourneyPageData } from '../../../src/site-page/data.js';
import { exampleFolders, journeyModels } from '../../language-server/diagram/helpers.js';

export type HtmlElement = DefaultTreeAdapterMap['element'];
type HtmlNode = DefaultTreeAdapterMap['node'];

/** Every file below `dir`, as paths from it with `/`, sorted; dot-files too. */
export function filesIn(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
        for (const name of readdirSync(d)) {
            const path = join(d, name);
            if (statSync(path).isDirectory()) walk(path);
            else out.push(relative(dir, path).split(sep).join('/'));
        }
    };
    walk(dir);
    return out.sort();
}

/** The folder's files and their text. */
export function readSite(dir: string): Map<string, string> {
    return new Map(filesIn(dir).map(path => [path, readFileSync(join(dir, path), 'utf8')]));
}

/** Every element of an HTML page, as the HTML5 parser of browsers builds them (parse5), in document order. */
export function elementsOf(html: string): HtmlElement[] {
    const out: HtmlElement[] = [];
    const visit = (node: HtmlNode) => {
        if ('tagName' in node) out.push(node);
        const children = 'childNodes' in node ? node.childNodes : [];
        for (const child of children) visit(child);
        if ('content' in node && node.content) visit(node.content as unknown as HtmlNode);
    };
    visit(parse(html) as unknown as HtmlNode);
    return out;
}

/** The elements below `element`, in document order. */
export function descendants(element: HtmlElement): HtmlElement[] {
    const out: HtmlElement[] = [];
    for (const child of element.childNodes) {
        if ('tagName' in child) out.push(child, ...descendants(child));
    }
    return out;
}

export function attr(element: HtmlElement, name: string): string | undefined {
    return element.attrs.find(a => a.name === name)?.value;
}

export function textOf(node: HtmlNode): string {
    if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
    return ('childNodes' in node ? node.childNodes : []).map(textOf).join('');
}

/** A journey page's data block. */
export function journeyData(html: string): JourneyPageData {
    const block = elementsOf(html).find(e => e.tagName === 'script' && attr(e, 'id') === JOURNEY_DATA_ID);
    if (!block) throw new Error('no journey data in the page');
    return JSON.parse(textOf(block)) as JourneyPageData;
}

/** The examples' journeys as the site loads them: each folder a model root, with the actuals its config names. */
export function exampleModels(): Promise<JourneyModel[]> {
    const folders = exampleFolders();
    return journeyModels(folders.flatMap(f => f.sources), { roots: folders.map(f => f.root), actuals: folders.flatMap(f => f.actuals) });
}
