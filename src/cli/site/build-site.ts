/**
 * The site as files: path (from the site's root, with `/`) → content. A pure function of the site's
 * model and the script: the same model gives the same bytes (no time stamps; the date appears only
 * when --as-of gives one), in the same order.
 */
import { ICON_SVG } from './assets/icon.js';
import { SITE_CSS } from './assets/style.js';
import { customerPage } from './pages/customer-page.js';
import { diagnosticsPage } from './pages/diagnostics-page.js';
import { indexPage } from './pages/index-page.js';
import { journeyPage } from './pages/journey-page.js';
import { kpisPage } from './pages/kpis-page.js';
import { page, type PageContent } from './pages/layout.js';
import { opportunitiesPage } from './pages/opportunities-page.js';
import { ICON_FILE, SCRIPT_FILE, STYLE_FILE } from './paths.js';
import { SEARCH_INDEX_PATH } from '../../site-page/data.js';
import { searchIndexScript } from './search-index.js';
import type { SiteModel } from './site-model.js';

export interface BuildOptions {
    /** The page script (assets/site.js). */
    script: string;
    /** For `copis site --serve`: pages that may connect to the server and reload. */
    live?: boolean;
}

export type SiteFiles = Map<string, string>;

export function buildSite(site: SiteModel, options: BuildOptions): SiteFiles {
    const pages: PageContent[] = [
        indexPage(site),
        kpisPage(site),
        opportunitiesPage(site),
        diagnosticsPage(site),
        ...site.journeys.map(j => journeyPage(site, j)),
        ...site.customers.map(c => customerPage(site, c))
    ];
    const files: Array<[string, string]> = pages.map(p => [p.path, page(site, p, { live: options.live ?? false })]);
    files.push([SCRIPT_FILE, options.script], [STYLE_FILE, SITE_CSS], [ICON_FILE, ICON_SVG], [SEARCH_INDEX_PATH, searchIndexScript(site)]);
    files.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return new Map(files);
}
