/**
 * The site's style sheet (assets/site.css). Light colours with text at 4.5:1 or more on its
 * background; every signal carried by colour is carried by a glyph or word too. The diagram's own
 * colours are the `--copis-*` variables of its SVG (with light fallbacks), as in the preview.
 */
import { revealStyle } from '../../../../language-server/diagram/svg.js';

export const SITE_CSS = String.raw`
:root {
    color-scheme: light;
    --fg: #1f2328;
    --muted: #59636e;
    --bg: #ffffff;
    --surface: #f6f8fa;
    --border: #d0d7de;
    --accent: #0b5cad;
    --good: #1a7f37;
    --bad: #c62828;
    --warn: #8a5a00;
    --mixed: #b35c00;
    --copis-highlight: #0078d4;
    --header-height: 52px;
}

[hidden] { display: none !important; }

/* What a link or a script scrolls to stays clear of the sticky header. */
[id], .diagram-section { scroll-margin-top: calc(var(--header-height) + 12px); }

* { box-sizing: border-box; }

html { font-size: 15px; }

body {
    margin: 0;
    color: var(--fg);
    background: var(--bg);
    font: 1rem/1.5 system-ui, -apple-system, 'Segoe UI', Ubuntu, 'Liberation Sans', Helvetica, Arial, sans-serif;
}

a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, .viewport:focus-visible {
    outline: 2px solid var(--copis-highlight);
    outline-offset: 1px;
}

code {
    font-family: ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Menlo, monospace;
    font-size: 0.88em;
    background: var(--surface);
    padding: 0 0.25em;
    border-radius: 3px;
}

.sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
}

.muted, .meta, .hint, .note, .note-inline { color: var(--muted); }
.note { display: block; font-size: 0.87em; }
.bad { color: var(--bad); }
.good { color: var(--good); }
.warn { color: var(--warn); }

/* ---- header ---------------------------------------------------------------------------- */

.site-header {
    position: sticky;
    top: 0;
    z-index: 20;
    display: flex;
    align-items: center;
    gap: 8px 24px;
    flex-wrap: wrap;
    min-height: var(--header-height);
    padding: 8px 24px;
    background: #24292f;
    color: #ffffff;
}

.brand {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    color: #ffffff;
    font-weight: 600;
    font-size: 1.07rem;
}

.brand img { background: #ffffff; border-radius: 4px; padding: 2px; }

.site-nav { display: flex; gap: 4px 16px; flex-wrap: wrap; }
.site-nav a { color: #e6edf3; padding: 4px 2px; border-bottom: 2px solid transparent; }
.site-nav a[aria-current='page'] { color: #ffffff; border-bottom-color: #f2994a; }
.site-nav .count {
    display: inline-block;
    min-width: 1.6em;
    padding: 0 0.4em;
    border-radius: 1em;
    background: #57606a;
    color: #ffffff;
    font-size: 0.8em;
    text-align: center;
}

.search { position: relative; margin-left: auto; }

#site-search {
    width: 18em;
    max-width: 60vw;
    padding: 5px 10px;
    border: 1px solid #57606a;
    border-radius: 6px;
    background: #ffffff;
    color: var(--fg);
    font: inherit;
}

.search-results {
    position: absolute;
    right: 0;
    top: calc(100% + 4px);
    width: 30em;
    max-width: 90vw;
    max-height: 70vh;
    overflow: auto;
    margin: 0;
    padding: 4px 0;
    list-style: none;
    background: #ffffff;
    color: var(--fg);
    border: 1px solid var(--border);
    border-radius: 6px;
    box-shadow: 0 8px 24px rgba(31, 35, 40, 0.2);
}

.search-results li a, .search-results li.empty {
    display: block;
    padding: 5px 12px;
    color: var(--fg);
}

.search-results li a[aria-selected='true'], .search-results li a:hover {
    background: #ddf4ff;
    text-decoration: none;
}

.search-results .kind {
    display: inline-block;
    min-width: 7.5em;
    color: var(--muted);
    font-size: 0.85em;
}

.search-results .where { color: var(--muted); font-size: 0.85em; }

/* ---- pages ----------------------------------------------------------------------------- */

main { padding: 16px 24px 40px; max-width: 1600px; }
main.journey { max-width: none; }

h1 { font-size: 1.75rem; line-height: 1.25; margin: 8px 0 4px; }
h2 { font-size: 1.3rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.07rem; margin: 16px 0 4px; }

.crumbs { margin: 0; font-size: 0.9em; color: var(--muted); }
.meta { margin: 0 0 8px; }
.doc { max-width: 60em; white-space: pre-line; }

.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.at-risk { margin: 6px 0; }
.figure-big { font-size: 1.35rem; font-weight: 600; margin-right: 6px; }
.series { min-width: 124px; }
.series svg.copis-sparkline { display: block; margin: 2px 0; }
.series .series-values { display: block; font-size: 0.9em; }
.series .note { display: block; font-size: 0.85em; }
.nowrap { white-space: nowrap; }
.not-counted { margin: 4px 0; padding-left: 1.2em; color: var(--muted); font-size: 0.92em; }

.table-wrap { overflow-x: auto; position: relative; }

table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--border); padding: 5px 9px; text-align: left; vertical-align: top; }
thead th { background: var(--surface); font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.referenced td { border-style: dashed; }
tr:target td, li:target, article:target { background: #fff8c5; }

.status { font-weight: 600; white-space: nowrap; }
.status-met { color: var(--good); }
.status-missed, .status-overdue { color: var(--bad); }
.status-unknown { color: var(--muted); font-weight: normal; }

.severity { font-weight: 600; }
.severity-error { color: var(--bad); }
.severity-warning { color: var(--warn); }
.severity-information { color: var(--accent); }

.category-tag {
    display: inline-block;
    margin-left: 6px;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--surface);
    border: 1px solid var(--border);
    color: var(--muted);
    font-size: 0.8em;
    font-weight: normal;
}

.pain-mark {
    display: inline-block;
    width: 1.2em;
    text-align: center;
    border-radius: 3px;
    background: var(--bad);
    color: #ffffff;
    font-weight: 700;
}

/* ---- moments of truth: shape for polarity, letter for impact --------------------------- */

.mark {
    position: relative;
    display: inline-block;
    min-width: 1.9em;
    margin: 1px 2px 1px 0;
    padding: 0 3px;
    border: 1px solid currentColor;
    border-radius: 4px;
    background: #ffffff;
    font-size: 0.82em;
    line-height: 1.45;
    text-align: center;
    white-space: nowrap;
}
.mark-negative { color: var(--bad); }
.mark-mixed { color: var(--mixed); }
.mark-positive { color: var(--good); }
.mark-none { color: var(--muted); }
.mark.impact-critical { font-weight: 800; border-width: 2px; }
.mark.impact-high { font-weight: 700; }

/* ---- the portfolio ------------------------------------------------------------------------ */

.heatmap { width: 100%; }
.heatmap th.journey { min-width: 10em; font-weight: 600; }
.heatmap th.journey .meta { display: block; font-weight: normal; font-size: 0.85em; margin: 0; }
.heatmap th.category, .heatmap th.total { font-size: 0.87em; white-space: nowrap; }
.heatmap th.total { min-width: 8em; }
.heatmap .problems { display: block; font-weight: normal; font-size: 0.85em; }
.heatmap td.cell { padding: 0; }
.heatmap .cell-link { display: block; height: 100%; min-height: 4.2em; padding: 6px 8px; color: var(--fg); }
.heatmap .cell-link:hover { text-decoration: none; box-shadow: inset 0 0 0 2px var(--copis-highlight); }
.heatmap .stage-names { display: block; font-size: 0.8em; line-height: 1.3; margin-bottom: 2px; color: var(--muted); }
.heatmap .marks { display: block; }
.heatmap .figure { display: block; font-size: 0.85em; white-space: nowrap; }
.heatmap .figure-at-risk { white-space: normal; }
.heatmap .none { color: var(--muted); font-size: 0.85em; white-space: nowrap; }
.heatmap td.empty { background: repeating-linear-gradient(135deg, #ffffff 0 6px, var(--surface) 6px 12px); text-align: center; vertical-align: middle; }
.heatmap td.total { border-left: 2px solid var(--fg); }
.heat-0 { background: var(--surface); }
.heat-1 { background: #fff6d9; }
.heat-2 { background: #ffe4bf; }
.heat-3 { background: #ffd0c2; }
.heat-4 { background: #ffb8ad; }

.legend { display: flex; flex-wrap: wrap; gap: 8px 40px; margin: 12px 0; font-size: 0.9em; }
.legend h3 { font-size: 0.9em; margin: 0 0 4px; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { margin: 2px 0; }
.swatch { display: inline-block; width: 1.2em; height: 1em; vertical-align: -0.15em; border: 1px solid var(--border); }

/* ---- a journey: toolbar, diagram, details -------------------------------------------------- */

.toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 14px;
    padding: 6px 10px;
    border: 1px solid var(--border);
    border-bottom: none;
    border-radius: 6px 6px 0 0;
    background: var(--surface);
}

.group { display: inline-flex; align-items: center; gap: 4px; }
.label { color: var(--muted); margin-right: 2px; }

button, select {
    font: inherit;
    font-size: 0.93rem;
    color: var(--fg);
    background: #ffffff;
    border: 1px solid var(--border);
    border-radius: 4px;
    padding: 2px 9px;
    min-height: 26px;
    cursor: pointer;
}
button:hover:not(:disabled) { background: #eaeef2; }
button[aria-pressed='true'], button[aria-pressed='true']:hover:not(:disabled) { color: #ffffff; background: var(--accent); border-color: var(--accent); }
button:disabled, select:disabled { opacity: 0.5; cursor: default; }
#zoom-reset { min-width: 4.4em; font-variant-numeric: tabular-nums; }

.banner { padding: 5px 10px; background: #fff4ce; border: 1px solid #b89500; }

.diagram-area {
    display: flex;
    height: min(78vh, 900px);
    min-height: 320px;
    border: 1px solid var(--border);
    border-radius: 0 0 6px 6px;
}
.toolbar[hidden] + .banner + .diagram-area, .toolbar[hidden] + .banner[hidden] + .diagram-area { border-radius: 6px; }

.viewport { flex: 1 1 auto; overflow: auto; position: relative; background: #ffffff; cursor: grab; }
.viewport.panning { cursor: grabbing; user-select: none; }
.canvas { display: inline-block; padding: 16px; vertical-align: top; }
.canvas > svg { display: block; }
.empty, .noscript { margin: 2em; color: var(--muted); }

.copis-el { cursor: pointer; }
.copis-el:hover > :nth-child(1 of rect, circle) { stroke: var(--copis-highlight); stroke-opacity: 0.6; }
.copis-el.copis-highlight > :nth-child(1 of rect, circle) { stroke: var(--copis-highlight); stroke-width: 3px; stroke-opacity: 1; }
/* A moment's recovery link: shown while the page's script reveals it (either end pointed at or highlighted), or its badge is pointed at or has the focus. */
${revealStyle('themed')}

.details {
    flex: 0 0 min(380px, 40%);
    overflow: auto;
    padding: 12px 16px;
    border-left: 1px solid var(--border);
    background: #ffffff;
}
.details .kind { color: var(--muted); font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.04em; }
.details h2 { margin: 2px 0 4px; border: none; padding: 0; font-size: 1.2rem; }
.details .close { float: right; padding: 0 8px; }
.details h3 { font-size: 0.95rem; margin: 14px 0 4px; color: var(--muted); }
.details dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 12px; margin: 6px 0; }
.details dt { color: var(--muted); }
.details dd { margin: 0; overflow-wrap: anywhere; }
.details dd .line { display: block; }
.details dd .line.sub { color: var(--muted); font-size: 0.92em; }
.details dd svg.copis-sparkline { display: block; margin: 2px 0; }
.details ul { margin: 4px 0; padding-left: 1.2em; }
.details .ref { color: var(--accent); background: none; border: none; padding: 0; min-height: 0; font-size: inherit; text-align: left; cursor: pointer; }
.details .ref:hover { text-decoration: underline; background: none; }
.details .diagnostic { margin: 4px 0; }

@media (max-width: 900px) {
    .diagram-area { flex-direction: column; height: auto; }
    .viewport { height: 60vh; }
    .details { flex: none; border-left: none; border-top: 1px solid var(--border); }
    .site-header { position: static; }
}

/* ---- a journey's text: stages, pains ---------------------------------------------------- */

.stage { border-left: 3px solid var(--border); padding: 0 0 4px 12px; margin: 12px 0; }
.stage h3 { margin-top: 0; }
.stage p { margin: 0 0 4px; }
.touchpoints, .pains, .journey-list { margin: 4px 0; padding-left: 1.3em; }
.touchpoints ul { padding-left: 1.3em; }

.site-footer { padding: 16px 24px; color: var(--muted); border-top: 1px solid var(--border); font-size: 0.9em; }

@media print {
    .site-header, .toolbar, .details, .search { display: none !important; }
    .diagram-area { height: auto; border: none; }
    .viewport { overflow: visible; }
}
`.trimStart();
