// Text bound for a terminal. A file name or a message may hold escape sequences (a file named
// `\x1b]0;…` retitles the window, `\x1b[2J` clears it) or bidirectional overrides that make a line
// read differently from what it is; they are shown by their code point instead.

// C0 controls but tab, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every control character and bidi control written as `\u{…}`, so that it prints as itself. */
export function terminalSafe(text: string): string {
    return text.replace(UNSAFE, c => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

export type Colour = 'red' | 'yellow' | 'cyan' | 'dim' | 'bold';

const SGR: Record<Colour, [number, number]> = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22] };

/** `text` in `colour` (an SGR escape sequence and its reset) when `enabled`, else as it is. */
export function paint(text: string, colour: Colour, enabled: boolean): string {
    if (!enabled) return text;
    const [on, off] = SGR[colour];
    return `\x1b[${on}m${text}\x1b[${off}m`;
}
