/**
 * Where each page of the site is, and links between them. Every link is relative (the site works from
 * any folder, `file://` included); paths here are from the site's root, with `/`.
 */
import { ELEMENT_FRAGMENT } from '../../site-page/data.js';

export const INDEX_PAGE = 'index.html';
export const KPIS_PAGE = 'kpis.html';
export const OPPORTUNITIES_PAGE = 'opportunities.html';
export const DIAGNOSTICS_PAGE = 'diagnostics.html';
export const SCRIPT_FILE = 'assets/site.js';
export const STYLE_FILE = 'assets/site.css';
export const ICON_FILE = 'assets/icon.svg';

// Names Windows will not give a file, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * One file name per name, in order: the name itself (copis names are `[A-Za-z_][A-Za-z0-9_]*`, safe
 * anywhere), with `-2`, `-3`, ... for a name that a case-insensitive file system would take for one
 * already given (two journeys `Buy` and `buy`, or a duplicate name).
 */
export function uniqueFileNames(names: readonly string[]): string[] {
    const taken = new Set<string>();
    return names.map(name => {
        const base = (/^[A-Za-z0-9_]+$/.test(name) ? name : name.replace(/[^A-Za-z0-9_]+/g, '_') || 'page') + (RESERVED.test(name) ? '_' : '');
        let candidate = base;
        for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}`;
        taken.add(candidate.toLowerCase());
        return candidate;
    });
}

/** The link from the page at `from` to `to` (both from the site's root, `to` may hold a fragment). */
export function relativeHref(from: string, to: string): string {
    const depth = from.split('/').length - 1;
    return '../'.repeat(depth) + to;
}

/** From the page at `path` to the site's root: `''` or `../`. */
export function rootOf(path: string): string {
    return '../'.repeat(path.split('/').length - 1);
}

/** The fragment that names an element on the page that shows it. */
export function elementFragment(id: string): string {
    return `${ELEMENT_FRAGMENT}${id}`;
}
