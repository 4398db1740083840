/** The journey view's measures, in diagram units (px at 100%). */
import { IMPACT_RADIUS } from './styles.js';

export const JOURNEY_SIZES = {
    margin: 20,
    labelWidth: 170,
    slotMin: 180,
    slotMax: 232,
    /** A box's inset in its slot: adjacent slots' boxes are 2 × inset apart. */
    inset: 8,
    /** Above and below the boxes of a lane: a connector's sideways run in the band at a lane boundary stays 6 px from the rule and from the boxes. */
    lanePad: 12,
    /** Between boxes stacked in a lane: a run through the middle is 6 px from both. */
    stackGap: 12,
    /** On the customer's side below the touchpoints, a column's right edge is left free: the touchpoint's connectors run down it. */
    spine: 14,
    minLane: 44,
    emotionLane: 150,
    panelGap: 28,
    panelWidth: 300,
    personaWidth: 240,
    legendGap: 28
} as const;

/** Compact mode: narrower columns (only touchpoints, emotion, moments and pains are drawn). */
export const COMPACT_SIZES = { slotMin: 112, slotMax: 112 } as const;

/** The moment card's marker column: room for the largest marker. */
export const MARKER_COLUMN = 2 * IMPACT_RADIUS.critical;
