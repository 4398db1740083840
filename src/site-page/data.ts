/**
 * What `copis site` hands to the page's script: types only, shared by the generator (src/cli/site/) and
 * the script (this folder), so that neither gets code from the other. The generator decides every fact;
 * the script only shows them (as text: never as markup).
 */
import type { JourneyModel } from '../../language-server/model/journey-model.js';
import type { PlacedProblems } from '../../language-server/diagram/problems.js';

/** The id of the JSON block that holds a journey page's `JourneyPageData`. */
export const JOURNEY_DATA_ID = 'copis-journey-data';
/** The global the search index file (`assets/search-index.js`) sets. */
export const SEARCH_GLOBAL = 'copisSearchIndex';
/** The search index, from the site's root. */
export const SEARCH_INDEX_PATH = 'assets/search-index.js';
/** Where `copis site --serve` sends `reload` events, from the site's root. */
export const EVENTS_PATH = '__copis/events';
/** A fragment naming an element: `#el-Journey.Touchpoint`. */
export const ELEMENT_FRAGMENT = 'el-';
/** A fragment asking a journey page for one customer's path: `#for-Shopper`. */
export const CUSTOMER_FRAGMENT = 'for-';

export type Severity = 'error' | 'warning' | 'information';

/** One line of an element's details: a label, and text or the elements it names (ids). */
export interface Fact {
    label: string;
    /** One line or several (`\n`). */
    text?: string;
    refs?: string[];
    /** The text's `code spans` are code (a figure's reasons, as model/ words them). */
    message?: boolean;
    /** A KPI's id: its measurements drawn as a sparkline (the diagram's renderer, from the KPI in the page's model) above the text. */
    sparkline?: string;
}

export interface DetailsDiagnostic {
    severity: Severity;
    code: string;
    message: string;
    /** `file:line:column`. */
    where: string;
}

/**
 * Who an element is, where it is declared and which page shows it: what the generator knows of every
 * declaration (src/cli/site/site-model.ts) and what heads its entry in the details panel.
 */
export interface ElementHeading {
    id: string;
    /** As written in `.copis`: `touchpoint`, `moment of truth`, `kpi`, ... */
    kind: string;
    name: string;
    /** Its title, or its name when it has none. */
    label: string;
    doc?: string;
    /** `file:line` of its declaration. */
    where?: string;
    /** The page that shows it, from the site's root, with its fragment (`journeys/Buy.html#el-Buy.Checkout`); absent when none does. */
    href?: string;
}

/** Everything the details panel shows of one element. */
export interface ElementDetails extends ElementHeading {
    /** Drawn on this page: a click on a reference to it opens it here. */
    local?: boolean;
    /** Absent for an element this page does not draw (it is named here, and shown elsewhere). */
    facts?: Fact[];
    /** The elements of this journey, or of no journey, that refer to it, with the property they do it with. */
    referrers?: Array<{ id: string; property: string }>;
    /** Referrers left out of `referrers` (a long list is cut). */
    moreReferrers?: number;
    /** The other journeys whose elements refer to it (journey ids), and how many of their elements do. */
    elsewhere?: Array<{ journey: string; count: number }>;
    /** Journeys left out of `elsewhere`. */
    moreElsewhere?: number;
    diagnostics?: DetailsDiagnostic[];
}

export interface JourneyPageData {
    /** The journey's id. */
    journey: string;
    /** The model the diagrams are drawn from (without source locations). */
    model: JourneyModel;
    /**
     * Every element the page can show details of, by id: the journey's, and (with a few facts only) those
     * they name or are named by elsewhere.
     */
    elements: Record<string, ElementDetails>;
    /** The renderer has a compact journey view. */
    compact: boolean;
    /** The journey's errors by the element they are in, which the diagram marks as the export does (none: no errors). */
    problems?: PlacedProblems;
}

/** One searchable element: kind, name, id, label (title or name), where (journey or kind), href from the site's root (empty: no page). */
export type SearchEntry = [kind: string, name: string, id: string, label: string, where: string, href: string];

export interface SearchIndex {
    entries: SearchEntry[];
}
