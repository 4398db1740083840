// Markdown escaping, in plain JavaScript: copis's Markdown outputs (export, report, validate and diff
// reporters, through escape-markdown.d.mts) and the GitHub Action's job summary (scripts/action/workflow.mjs,
// which Node runs from the action's checkout, unbundled) escape by these same rules.

/** Line breaks (with the spaces around them) and other control characters (C0, DEL, C1): each run becomes one space. */
// eslint-disable-next-line no-control-regex
export const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*|[\u0000-\u001F\u007F-\u009F]+/g;

/**
 * Text from a model, safe anywhere inline in Markdown, table cells included: the inline specials
 * (`\\ \` * _ [ ] | ~`) get a backslash, `&` and `<` become entities (no HTML, no `<…>` autolink),
 * and a start that would open a block (`#`, `>`, `- `, `+ `, `1. `, `---`) is escaped too. GitHub's
 * extended autolinks (a bare `https://…`, `www.…` or `name@host`) are broken by a backslash before
 * their `:`, `.` or `@`: a report shows a model's URL as text, never as a link. `$` is escaped too, so
 * that GitHub does not typeset `$…$` as math. No markup, link, HTML or line of its own can come from it.
 */
export function escapeMarkdown(text) {
    return String(text)
        .replace(LINE_BREAKS, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/[\\`*_[\]|~@$]/g, c => `\\${c}`)
        .replace(/:(?=\/\/)/g, '\\:')
        .replace(/(^|[^\p{L}\p{N}])(www)\./giu, '$1$2\\.')
        .replace(/^(\s*)([#>])/, '$1\\$2')
        .replace(/^(\s*)([-+=])(?=[\s\-+=]|$)/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}
