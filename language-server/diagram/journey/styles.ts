/**
 * How the journey view draws each signal: one table per signal, read by the cards, the
 * connectors, the emotion curve and the legend alike, so the legend cannot drift from the
 * picture (and it lists only the entries a picture draws: drawn.ts). Every signal that a colour
 * carries is carried by a shape, a glyph or a word too.
 */
import { MOMENT_KIND_LABEL } from '../../model/lifecycle.js';
import type { Colour } from '../theme.js';
import type { LineKind, ShapeName } from '../types.js';

export interface LineStyle {
    stroke: Colour;
    width: number;
    dash?: string;
    opacity?: number;
    arrow?: boolean;
    /** What the legend says it means. */
    label: string;
}

/** Connectors and the lines of the blueprint. */
export const LINE_STYLES = {
    uses: { stroke: 'muted', width: 1.2, arrow: true, label: 'touchpoint uses process' },
    recovery: { stroke: 'negative', width: 1.2, dash: '5 3', arrow: true, label: 'recovery link: shown while its moment or badge \u21ba is pointed at or focused' },
    addresses: { stroke: 'opportunity', width: 1.2, dash: '4 3', arrow: true, label: 'opportunity addresses' },
    emotion: { stroke: 'accent', width: 2, label: 'emotion curve' },
    interaction: { stroke: 'line', width: 1.5, label: 'line of interaction: the customer meets the organisation' },
    visibility: { stroke: 'line', width: 1.5, dash: '8 5', label: 'line of visibility: the customer sees nothing below' },
    internal: { stroke: 'line', width: 1.5, dash: '2 3', label: 'line of internal interaction: other teams below' }
} as const satisfies Partial<Record<LineKind, LineStyle>>;

export type ConnectorKind = 'uses' | 'recovery' | 'addresses';
export type BlueprintLine = 'interaction' | 'visibility' | 'internal';

export interface SignalStyle {
    colour: Colour;
    /** A glyph drawn on the marker (white on the colour). */
    glyph: string;
    label: string;
}

export type PolarityKey = 'positive' | 'negative' | 'mixed' | 'none';

/** A moment's polarity: the marker's colour and glyph, the card's border. */
export const POLARITY: Record<PolarityKey, SignalStyle> = {
    positive: { colour: 'positive', glyph: '+', label: 'positive moment' },
    negative: { colour: 'negative', glyph: '\u2212', label: 'negative moment' },
    mixed: { colour: 'mixed', glyph: '\u00b1', label: 'mixed moment' },
    none: { colour: 'neutral', glyph: '', label: 'moment without a polarity' }
};

export function polarityKey(polarity: string | undefined): PolarityKey {
    return polarity === 'positive' || polarity === 'negative' || polarity === 'mixed' ? polarity : 'none';
}

export function polarityStyle(polarity: string | undefined): SignalStyle {
    return POLARITY[polarityKey(polarity)];
}

export interface EmotionStyle {
    colour: Colour;
    shape: ShapeName;
    label: string;
}

export type EmotionKey = 'positive' | 'neutral' | 'negative';

/** An emotion's sign: the colour and the shape of its point on the curve and on the card. */
export const EMOTION: Record<EmotionKey, EmotionStyle> = {
    positive: { colour: 'positive', shape: 'up', label: 'emotion above 0' },
    neutral: { colour: 'neutral', shape: 'circle', label: 'emotion 0' },
    negative: { colour: 'negative', shape: 'down', label: 'emotion below 0' }
};

export function emotionKey(emotion: number): EmotionKey {
    return emotion > 0 ? 'positive' : emotion < 0 ? 'negative' : 'neutral';
}

export function emotionStyle(emotion: number): EmotionStyle {
    return EMOTION[emotionKey(emotion)];
}

/** A moment marker's radius by impact: low < medium < high < critical. */
export const IMPACT_RADIUS: Record<string, number> = { low: 6, medium: 9, high: 12, critical: 15 };
export const DEFAULT_RADIUS = 8;

/** A KPI's status: a glyph on a disc of its colour. */
export const KPI_STATUS: Record<'met' | 'missed' | 'unknown', SignalStyle> = {
    met: { colour: 'positive', glyph: '\u2713', label: 'KPI met' },
    missed: { colour: 'negative', glyph: '\u2717', label: 'KPI missed' },
    unknown: { colour: 'neutral', glyph: '?', label: 'KPI unknown (no current value or target)' }
};

/** The kinds of moments of truth, as the cards abbreviate them and the legend spells them out. */
export const MOMENT_KINDS: Array<{ kind: string; short: string; label: string }> = [
    { kind: 'zero', short: MOMENT_KIND_LABEL.zero, label: 'zero: researching before buying' },
    { kind: 'first', short: MOMENT_KIND_LABEL.first, label: 'first: the choice' },
    { kind: 'actual', short: MOMENT_KIND_LABEL.actual, label: 'actual: from order to receipt' },
    { kind: 'second', short: MOMENT_KIND_LABEL.second, label: 'second: using it' },
    { kind: 'third', short: MOMENT_KIND_LABEL.third, label: 'third: telling others' },
    { kind: 'ultimate', short: MOMENT_KIND_LABEL.ultimate, label: 'ultimate: loyalty and advocacy' }
];

export interface CardStyle {
    fill: Colour;
    stroke: Colour;
    /** The fill's opacity over the background (a tinted card); none: opaque. */
    tint?: number;
    /** The tag in the card's corner, in the stroke's colour. */
    tag?: string;
    label: string;
}

/** The cards: their fill, border and tag. */
export const CARD_STYLES = {
    touchpoint: { fill: 'surface', stroke: 'border', label: 'touchpoint: channel, title, emotion' },
    pain: { fill: 'pain', stroke: 'pain', tint: 0.08, tag: 'PAIN', label: 'pain, with its severity' },
    opportunity: { fill: 'opportunity', stroke: 'opportunity', tint: 0.08, tag: 'OPPORTUNITY', label: 'opportunity, with its owner' },
    process: { fill: 'surface', stroke: 'border', label: 'process: owner, SLA' },
    system: { fill: 'surface', stroke: 'border', label: 'system' },
    information: { fill: 'surface', stroke: 'border', label: 'information' }
} as const satisfies Record<string, CardStyle>;

export type UsageMark = 'touchpoint' | 'process' | 'reads' | 'writes' | 'readsWrites';

/** The marks of the usage matrix (systems and information under the touchpoints that use them). */
export const USAGE_MARKS: Record<UsageMark, { colour: Colour; filled?: boolean; glyph?: string; label: string }> = {
    touchpoint: { colour: 'fg', filled: true, label: 'used at the touchpoint itself' },
    process: { colour: 'fg', label: 'used by a process at the touchpoint' },
    reads: { colour: 'accent', glyph: 'R', label: 'read by a process at the touchpoint' },
    writes: { colour: 'accent', glyph: 'W', label: 'written by a process at the touchpoint' },
    readsWrites: { colour: 'accent', glyph: 'RW', label: 'read and written there' }
};

/** A moment's recovery process, named on its card (pointing at the card draws the link). */
export const RECOVERY_BADGE: SignalStyle = { colour: 'accent', glyph: '\u21ba', label: 'recovery: the process that recovers the moment' };

/** The mark of an element with an error in the model. */
export const PROBLEM_MARK: SignalStyle = { colour: 'negative', glyph: '!', label: 'has an error in the model (hover for it)' };

/** A KPI's measurements drawn as a sparkline (sparkline.ts): the line through them, and its target. */
export const SPARKLINE = {
    line: { stroke: 'accent' as Colour, width: 1.5 },
    target: { stroke: 'muted' as Colour, width: 1, dash: '3 2' },
    label: 'a KPI\'s measurements from its actuals, the latest last; dashed: its target'
} as const;

/** The ring around a point of the emotion curve where a moment of truth is, in the moment's polarity colour. */
export const CURVE_RING = { label: 'ring on the curve: a moment there' } as const;
