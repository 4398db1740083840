/** The banner of a diagram drawn while the model has errors (both views). */
import { Stack } from './kit.js';
import { plural } from '../model/labels.js';
import { PROBLEM_MARK } from './journey/styles.js';
import type { DiagramBox } from './types.js';

/** While the model has errors: how many, and what the marks mean. */
export function problemsBanner(count: number, x: number, y: number, width: number): DiagramBox | undefined {
    if (count === 0) return undefined;
    const stack = new Stack(width, 12, 8)
        .glyphText(PROBLEM_MARK.glyph, PROBLEM_MARK.colour, `The model has ${plural(count, 'error')}. Elements with a dashed red frame and ${PROBLEM_MARK.glyph} have one (hover for it); what does not resolve is left out of the picture.`, 'bold', 'fg', 3);
    const height = Math.ceil(stack.height);
    return {
        kind: 'problems', x, y, width, height,
        parts: [
            { type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: PROBLEM_MARK.colour, strokeWidth: 1.5 },
            { type: 'rect', x, y, width, height, rx: 6, fill: PROBLEM_MARK.colour, fillOpacity: 0.06 },
            ...stack.draw(x, y)
        ]
    };
}
