/**
 * Whether `offset` lies inside a string or a comment of `text` (§2: strings do not span lines;
 * `//` runs to the end of the line, `/* … *\/` may span lines). The start of a string or
 * comment is outside it, its end (after the closing quote or `*\/`) too; an unterminated
 * string ends at the end of its line, and the cursor there is still inside it.
 */
export function insideStringOrComment(text: string, offset: number): boolean {
    let i = 0;
    const end = Math.min(offset, text.length);
    while (i < end) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
            i++;
            while (i < text.length && text.charCodeAt(i) !== QUOTE && !isLineBreak(text.charCodeAt(i))) {
                // `\\.` escapes any character but a line break (the lexer's STRING).
                i += text.charCodeAt(i) === BACKSLASH && i + 1 < text.length && !isLineBreak(text.charCodeAt(i + 1)) ? 2 : 1;
            }
            if (offset <= i) return true;                   // inside, or at the closing quote / end of line
            i++;                                            // past the closing quote (or the line break)
        } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
            i += 2;
            while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
            if (offset <= i) return true;
        } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
            const close = text.indexOf('*/', i + 2);
            const stop = close < 0 ? text.length : close + 2;
            if (offset < stop || close < 0) return true;
            i = stop;
        } else {
            i++;
        }
    }
    return false;
}

/**
 * The qualified name being typed just before `offset` (`Journey.`, `Journey.Na`), when it
 * has a dot: Langium's completion only sees the fragment after the dot there. Its start and
 * end (the end runs on past the cursor over the rest of the name).
 */
export function qualifiedNameAt(text: string, offset: number): { start: number; end: number } | undefined {
    let start = offset;
    while (start > 0 && isNameOrDot(text.charCodeAt(start - 1))) start--;
    const typed = text.slice(start, offset);
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]*)+$/.test(typed)) return undefined;
    let end = offset;
    while (end < text.length && isNameOrDot(text.charCodeAt(end))) end++;
    return { start, end };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;

function isLineBreak(c: number): boolean {
    return c === 0x0a || c === 0x0d;
}

function isNameOrDot(c: number): boolean {
    return c === 0x2e || c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
