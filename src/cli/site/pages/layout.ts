/**
 * The frame of every page: the Content-Security-Policy, the style sheet and the one script, the header
 * with the site's navigation and search. Links are relative to the page (`root` is `''` or `../`).
 */
import { plural } from '../../../../language-server/model/labels.js';
import { html, raw, type Html } from '../html.js';
import { DIAGNOSTICS_PAGE, ICON_FILE, INDEX_PAGE, KPIS_PAGE, OPPORTUNITIES_PAGE, SCRIPT_FILE, STYLE_FILE, rootOf } from '../paths.js';
import type { SiteModel } from '../site-model.js';

export interface PageOptions {
    /** Served by `copis site --serve`: the page may connect to the server for reload events. */
    live: boolean;
}

/**
 * Nothing but the site's own script, style sheet and icon (`'self'`: the site's folder on a static host,
 * the same folder tree from `file://`), no inline script or style, nothing remote, no forms, no frames.
 * `copis site --serve` adds a connection to itself, for the reload events.
 */
export function contentSecurityPolicy(live: boolean): string {
    return [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        ...(live ? ["connect-src 'self'"] : []),
        "base-uri 'none'",
        "form-action 'none'"
    ].join('; ');
}

export type Section = 'index' | 'customers' | 'kpis' | 'opportunities' | 'diagnostics' | 'journey' | 'customer';

export interface PageContent {
    /** The page's path from the site's root. */
    path: string;
    /** The document title (the site's title is added). */
    title: string;
    section: Section;
    body: Html;
    /** The page's kind, for the script (`data-page`). */
    kind: string;
}

export function page(site: SiteModel, content: PageContent, options: PageOptions): string {
    const root = rootOf(content.path);
    // A journey belongs to the portfolio, a customer to the customers.
    const shownAs: Section = content.section === 'journey' ? 'index' : content.section === 'customer' ? 'customers' : content.section;
    const current = (section: Section) => shownAs === section ? raw(' aria-current="page"') : '';
    const problems = site.summary.errors + site.summary.warnings;
    const title = content.title === site.title ? site.title : `${content.title} · ${site.title}`;
    return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.live)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="copis site">
<title>${title}</title>
<link rel="icon" href="${root}${ICON_FILE}" type="image/svg+xml">
<link rel="stylesheet" href="${root}${STYLE_FILE}">
<script src="${root}${SCRIPT_FILE}" defer></script>
</head>
<body data-page="${content.kind}" data-root="${root}"${options.live ? raw(' data-live="true"') : ''}>
<header class="site-header">
<a class="brand" href="${root}${INDEX_PAGE}"><img src="${root}${ICON_FILE}" alt="" width="22" height="22"><span>${site.title}</span></a>
<nav class="site-nav" aria-label="Site">
<a href="${root}${INDEX_PAGE}"${current('index')}>Portfolio</a>
<a href="${root}${INDEX_PAGE}#customers"${current('customers')}>Customers</a>
<a href="${root}${KPIS_PAGE}"${current('kpis')}>KPIs</a>
<a href="${root}${OPPORTUNITIES_PAGE}"${current('opportunities')}>Opportunities</a>
<a href="${root}${DIAGNOSTICS_PAGE}"${current('diagnostics')}>Diagnostics${problems > 0 ? html` <span class="count">${problems}</span>` : ''}</a>
</nav>
<div class="search" role="search" hidden>
<input id="site-search" type="search" placeholder="Search by name or title" autocomplete="off" spellcheck="false" aria-label="Search the model's elements by name or title" aria-controls="search-results" aria-expanded="false">
<ul id="search-results" class="search-results" role="listbox" aria-label="Search results" hidden></ul>
</div>
</header>
<main id="main" class="${content.kind}">
${content.body}
</main>
<footer class="site-footer">${footer(site)}</footer>
</body>
</html>
`.text;
}

function footer(site: SiteModel): Html {
    return html`Made by <code>copis site</code> from ${plural(site.files.length, 'file')}${site.asOf ? html` \u00b7 as of ${site.asOf}` : ''}.`;
}
