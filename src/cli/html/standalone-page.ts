/**
 * The frame of the CLI's standalone HTML pages (`copis export --to html`, `copis report --to html`,
 * `copis diff --to html`): one file that opens anywhere, with inline CSS, no script, nothing remote,
 * and a Content-Security-Policy that forbids everything else. The page's own parts escape what they
 * hold (escapeXml); the whole page then goes through htmlSafeChars.
 */
import { escapeXml } from '../../../language-server/diagram/escape.js';

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// DEL, the C1 controls and the non-characters: XML (and so escapeXml) lets them through, HTML calls each
// a parse error. The page's own text has none: only model strings can bring them.
const NOT_IN_HTML = /[\u007F-\u009F]|\p{Noncharacter_Code_Point}/gu;

/** `html` with what an HTML page may not contain replaced by U+FFFD, as escapeXml does for XML. */
export function htmlSafeChars(html: string): string {
    return html.replace(NOT_IN_HTML, '\uFFFD');
}

/** The rules every standalone page starts with: light colours, the page's font and margins. */
export const PAGE_STYLE = `
:root { color-scheme: light; }
body { margin: 0; padding: 24px 32px; font: 14px/1.45 Helvetica, Arial, 'Liberation Sans', sans-serif; color: #1f2328; background: #ffffff; }
`.trim();

/** Tables with ruled cells and a shaded header row. */
export const TABLE_STYLE = `
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
`.trim();

/** `code` spans, in a monospace font on a shaded ground. */
export const CODE_STYLE = "code { font-family: ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 90%; background: #f6f8fa; padding: 0 3px; border-radius: 3px; }";

export interface StandalonePage {
    /** The document's title, as text (escaped here). */
    title: string;
    /** The whole style sheet (put inline). */
    style: string;
    /** The body's lines, as HTML: every string from a model in them escaped. */
    body: string[];
}

export function standalonePage(page: StandalonePage): string {
    const out = [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="copis">',
        `<title>${escapeXml(page.title)}</title>`,
        `<style>\n${page.style}\n</style>`,
        '</head>',
        '<body>',
        ...page.body,
        '</body>',
        '</html>'
    ];
    return htmlSafeChars(out.join('\n') + '\n');
}
