// The bundles that Node runs from dist/ (the CLI, the language server) must be ASCII: V8 keeps a file's text
// as a one-byte string only when every character fits in one byte, and a single `·` makes the whole
// 1.2 MB bundle a two-byte string (twice the memory, and more work for the garbage collector and for the
// code cache's hash at every start; docs/performance.md, "Starting copis"). esbuild writes most characters as
// escapes, but not in a regular expression or the literal parts of a tagged template (`html\`…\``), where
// only the source can: `\u00b7` there means the same.

/** The first character of `text` outside ASCII, with its offset, line and column (1-based), or undefined. */
export function firstNonAscii(text) {
    const offset = text.search(/[^\x00-\x7f]/);
    if (offset < 0) return undefined;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const codePoint = text.codePointAt(offset);
    return { offset, line, column, char: String.fromCodePoint(codePoint), codePoint };
}

/** The message for `file` whose text is `text`, when it is not ASCII; undefined when it is. */
export function nonAsciiMessage(file, text) {
    const found = firstNonAscii(text);
    if (found === undefined) return undefined;
    const hex = found.codePoint.toString(16).toUpperCase().padStart(4, '0');
    const context = JSON.stringify(text.slice(Math.max(0, found.offset - 40), found.offset + 20));
    return `${file} must be ASCII, but has '${found.char}' (U+${hex}) at offset ${found.offset} (line ${found.line}, column ${found.column}): ${context}. `
        + `Write it as \\u${hex.length > 4 ? `{${hex}}` : hex} in the source (a regular expression or a tagged template, which esbuild leaves as written); `
        + 'COPIS_NO_MINIFY=1 and the source map give the source file.';
}
