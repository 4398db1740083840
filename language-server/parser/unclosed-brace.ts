/**
 * Which `{` of a text with more `{` than `}` is the one never closed. The parser matches each `}`
 * with the innermost open block, so it always finds the outermost block open at the end of the file:
 * in
 *
 *     journey J {
 *       stage S { category usage
 *         touchpoint T { channel chat }
 *     }
 *
 * it takes the last `}` for the stage's and says the journey is not closed. The writer's
 * indentation says otherwise: a `}` first on its line, less indented than the line of the block it
 * would close, and as indented as a block further out (or less), closes that one; the block it
 * skips is the one never closed. Without such a `}`, the innermost block open at the end is.
 */
export interface Brace {
    open: boolean;
    /** 0-based, as LSP ranges count. */
    line: number;
    character: number;
}

/** The index in `braces` (in text order) of the `{` never closed; undefined when every `{` is. */
export function unclosedBrace(text: string, braces: readonly Brace[]): number | undefined {
    const lines = text.split(/\r\n|\r|\n/);
    const indentation = (line: number) => /^[ \t]*/.exec(lines[line] ?? '')![0].length;
    const open: number[] = [];
    for (let i = 0; i < braces.length; i++) {
        const brace = braces[i];
        if (brace.open) {
            open.push(i);
            continue;
        }
        if (open.length > 1 && brace.character === indentation(brace.line)) {
            const inner = indentation(braces[open[open.length - 1]].line);
            if (brace.character < inner && open.slice(0, -1).some(o => indentation(braces[o].line) <= brace.character)) return open[open.length - 1];
        }
        open.pop();
    }
    return open.length > 0 ? open[open.length - 1] : undefined;
}
