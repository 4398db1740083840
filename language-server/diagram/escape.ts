/**
 * XML escaping for every string that comes from a model. One function serves text content
 * and attribute values alike: it escapes all five XML specials, so an escaped string is
 * safe in both places, and it replaces what XML 1.0 cannot hold at all (control
 * characters, lone surrogates, U+FFFE/U+FFFF) by U+FFFD, so the SVG stays well-formed
 * whatever a title contains.
 */
export function escapeXml(value: string): string {
    // Most strings (kinds, ids, plain titles) need nothing: one test instead of two replacements.
    if (!NEEDS_ESCAPE.test(value)) return value;
    return sanitizeXmlChars(value).replace(/[&<>"']/g, c => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};

// Characters that XML 1.0 does not allow anywhere: C0 controls but tab, line feed and
// carriage return; unpaired surrogates; the two non-characters U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether a string holds an XML special or a character XML cannot carry (a lone surrogate is any surrogate, for the test). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Replaces the characters XML cannot carry by U+FFFD (the text is otherwise unchanged). */
export function sanitizeXmlChars(value: string): string {
    return value.replace(INVALID_XML, '\uFFFD');
}
