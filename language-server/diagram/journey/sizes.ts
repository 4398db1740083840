/** The journey view's measures, in diagram units (px at 100%). */
export const JOURNEY_SIZES = {
    margin: 20,
    labelWidth: 124,
    slotMin: 172,
    slotMax: 224,
    /** A box's inset in its slot: adjacent slots' boxes are 2 × inset apart. */
    inset: 8,
    lanePad: 10,
    stackGap: 8,
    minLane: 44,
    emotionLane: 96,
    visibilityLane: 30,
    panelGap: 28,
    panelWidth: 300
} as const;

/** Marker radius by impact: low < medium < high < critical. */
export const IMPACT_RADIUS: Record<string, number> = { low: 6, medium: 9, high: 12, critical: 15 };
export const DEFAULT_RADIUS = 8;
/** The moment card's marker column: room for the largest marker. */
export const MARKER_COLUMN = 2 * IMPACT_RADIUS.critical;
