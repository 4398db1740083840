import { relative, sep } from 'node:path';

/*
 * Everything the CLI prints is read by a terminal or a CI runner line by line. A file name can hold a
 * line break and any control character (`x\n::error file=README.md::forged` is a valid name), so a
 * name printed as it is can start a line of its own: a forged GitHub annotation, `::stop-commands::`
 * that hides the real ones, or escape sequences that rewrite the terminal. Every path the CLI prints,
 * in every output and on both streams, goes through `shownPath`; every message line through
 * `shownMessage`.
 */

/** Line breaks as terminals and CI runners see them: CR, LF, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR. */
const LINE_BREAKS = /[\r\n\v\f\u0085\u2028\u2029]/;
/**
 * What a path may not show as it is: the backslash (the escape character itself), control characters
 * (C0, DEL, C1), line and paragraph separators, the bidirectional controls that reorder what follows
 * (a name can then read as another), bytes that are not UTF-8 (U+DC80–U+DCFF, see byte-names.ts) and
 * any other lone surrogate.
 */
const UNSAFE_IN_PATH = /[\\\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const NAMED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCharacter(c: string): string {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    // A byte of a name that is not UTF-8 (byte-names.ts), and the C0 controls and DEL: as the byte they are.
    if (code >= 0xdc80 && code <= 0xdcff) return `\\x${hex(code - 0xdc00)}`;
    if (code < 0x20 || code === 0x7f) return `\\x${hex(code)}`;
    // A character (C1 controls, separators, bidi controls, lone surrogates): by its code point, never as a
    // `\xHH` that would read as a byte.
    return `\\u{${hex(code)}}`;
}

function hex(n: number): string {
    return n.toString(16).toUpperCase().padStart(2, '0');
}

/** `path` relative to `cwd`, with `/` separators (unescaped: for comparing and sorting, not for printing). */
export function relativePath(cwd: string, path: string): string {
    return relative(cwd, path).split(sep).join('/');
}

/**
 * A path as every output of the CLI prints it: relative to `cwd` when given (with `/` separators), with
 * `\`, control characters, line breaks, bidi controls and bytes that are not UTF-8 escaped (`\n`, `\x1B`,
 * `\xFF`, `\u{202E}`), so that it stays on its line and reads as what it is. An ordinary path is printed as
 * it is. An argument as the user typed it (`-o PATH`, a pattern) is shown the same way.
 */
export function shownPath(path: string, cwd?: string): string {
    return (cwd === undefined ? path : relativePath(cwd, path)).replace(UNSAFE_IN_PATH, escapeCharacter);
}

/**
 * A message on one line: each line break (with the white space around it) becomes one space, and the
 * other control characters are escaped as in `shownPath` (a backslash in a message is left as it is).
 */
export function shownMessage(text: string): string {
    return text
        .replace(new RegExp(`\\s*${LINE_BREAKS.source}\\s*`, 'g'), ' ')
        .replace(/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, c => c === '\t' ? c : escapeCharacter(c));
}
