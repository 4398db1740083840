/**
 * The 1-based line and column of an offset, as the lexer counts them: `\r\n`, `\r` and `\n` end a
 * line, columns are UTF-16 units (LSP positions are these minus one).
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: offset - lineStart + 1 };
}
