/**
 * HTML for the site's pages, escaped by construction: `html\`…\`` escapes every value put into it
 * (model strings, file names, messages), in text and in attribute values alike, unless the value is
 * itself `Html` made by this module. No page writes a model string any other way. Data for the page's
 * script goes into a `<script type="application/json">` block (`jsonBlock`), which the browser never runs
 * and in which no text can close the element.
 */
import { escapeXml } from '../../../language-server/diagram/escape.js';
import { htmlSafeChars } from '../html/standalone-page.js';

/** Markup that is already safe: made by `html`, `raw` (for the pages' own constant markup) or `jsonBlock`. */
export class Html {
    constructor(readonly text: string) {}
    toString(): string {
        return this.text;
    }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

/** A string or number as HTML text or an attribute value: the five XML specials escaped, what HTML may not hold replaced by U+FFFD. */
export function escapeHtml(value: string | number): string {
    return htmlSafeChars(escapeXml(String(value)));
}

function render(value: HtmlValue): string {
    if (value instanceof Html) return value.text;
    if (Array.isArray(value)) return value.map(render).join('');
    if (value === undefined || value === null || value === false || value === true) return '';
    return escapeHtml(value as string | number);
}

/** A tagged template: the literal parts are markup, every `${value}` is escaped (arrays joined, nothing for undefined, null and booleans). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
    let out = strings[0];
    for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
    return new Html(out);
}

/** The page's own markup, written in this code (never a model string). */
export function raw(markup: string): Html {
    return new Html(markup);
}

/** Joins pieces of markup with `separator` (markup too). */
export function joinHtml(items: readonly HtmlValue[], separator: string): Html {
    return new Html(items.map(render).filter(s => s !== '').join(separator));
}

/**
 * JSON that can sit in HTML or in a script file: `<`, `>` and `&` (so no `</script>` and no `<!--` can
 * appear), DEL and the C1 controls, the line and paragraph separators and the non-characters written
 * as `\uXXXX` escapes. JSON.parse gives back exactly the value.
 */
export function safeJson(value: unknown): string {
    return JSON.stringify(value).replace(/[<>&\u007F-\u009F\u2028\u2029]|\p{Noncharacter_Code_Point}/gu, c => {
        let out = '';
        for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
        return out;
    });
}

/** Data for the page's script: a JSON block the browser does not run (and the Content-Security-Policy need not allow). */
export function jsonBlock(id: string, value: unknown): Html {
    return new Html(`<script type="application/json" id="${escapeHtml(id)}">${safeJson(value)}</script>`);
}
