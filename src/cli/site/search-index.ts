/** The prebuilt search index: every named declaration, by name and title, with the page that shows it. */
import { SEARCH_GLOBAL, type SearchIndex } from '../../site-page/data.js';
import { safeJson } from './html.js';
import type { SiteModel } from './site-model.js';

export function searchIndex(site: SiteModel): SearchIndex {
    return {
        entries: site.declarations.map(d => [d.kind, d.name, d.id, d.label, d.journey && d.journey.declaration !== d ? d.journey.declaration.label : '', d.href ?? ''])
    };
}

/**
 * The index as a script file: loaded with a `<script src>` when the search is first used (a page opened
 * from `file://` may load scripts of its folder, not fetch files). It only assigns a JSON value.
 */
export function searchIndexScript(site: SiteModel): string {
    return `window.${SEARCH_GLOBAL}=${safeJson(searchIndex(site))};\n`;
}
