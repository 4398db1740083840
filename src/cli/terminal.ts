// Colour for a terminal; what may be printed at all is shown.ts's business.

export type Colour = 'red' | 'yellow' | 'cyan' | 'dim' | 'bold';

const SGR: Record<Colour, [number, number]> = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22] };

/** `text` in `colour` (an SGR escape sequence and its reset) when `enabled`, else as it is. */
export function paint(text: string, colour: Colour, enabled: boolean): string {
    if (!enabled) return text;
    const [on, off] = SGR[colour];
    return `\x1b[${on}m${text}\x1b[${off}m`;
}
