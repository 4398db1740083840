/**
 * The legend: every row drawn from the tables in styles.ts, with the same colours, dashes,
 * shapes and glyphs the picture uses, so it cannot say something the picture does not; and only
 * the rows of what this picture draws (drawn.ts), so it never explains what is not there.
 */
import { Stack, baseline } from '../kit.js';
import type { DiagramBox, Part } from '../types.js';
import type { Drawn } from './drawn.js';
import { MOMENT_RING } from './emotion.js';
import { sparkline } from './sparkline.js';
import { usageMarkParts } from './matrix.js';
import {
    CARD_STYLES, CURVE_RING, EMOTION, IMPACT_RADIUS, KPI_STATUS, LINE_STYLES, MOMENT_KINDS, POLARITY, PROBLEM_MARK, RECOVERY_BADGE, SPARKLINE, USAGE_MARKS,
    type EmotionKey, type PolarityKey, type UsageMark
} from './styles.js';

const ROW = 20;
const SAMPLE = 40;
const COLUMN = 300;
const GAP = 24;
const PAD = 12;
const LEGEND_SERIES = [{ value: 1 }, { value: 2 }, { value: 1.5 }, { value: 3 }];

interface Row {
    sample: (x: number, cy: number) => Part[];
    label: string;
    height?: number;
}

interface Section {
    title: string;
    rows: Row[];
}

/** The entries of `table` that `shown` keeps, in the table's order. */
function entries<K extends string, V>(table: Record<K, V>, shown: (key: K) => boolean): Array<[K, V]> {
    return (Object.entries(table) as Array<[K, V]>).filter(([key]) => shown(key));
}

function sections(drawn: Drawn): Section[] {
    const disc = (colour: Parameters<typeof discParts>[0], glyph: string, r = 8) => (x: number, cy: number) => discParts(colour, glyph, x + SAMPLE / 2, cy, r);
    const all: Section[] = [
        {
            title: 'Lines',
            rows: entries(LINE_STYLES, kind => drawn.lines.has(kind)).map(([, style]) => ({
                label: style.label,
                sample: (x: number, cy: number): Part[] => [{ type: 'line', x1: x, y1: cy, x2: x + SAMPLE, y2: cy, stroke: style.stroke, width: style.width, ...('dash' in style ? { dash: style.dash } : {}) }]
            }))
        },
        {
            title: 'Moments of truth',
            rows: [
                ...entries(POLARITY, (p: PolarityKey) => drawn.polarities.has(p)).map(([, p]) => ({ label: p.label, sample: disc(p.colour, p.glyph) })),
                ...entries(IMPACT_RADIUS, impact => drawn.impacts.has(impact)).map(([impact, r]) => ({ label: `${impact} impact (marker size)`, sample: disc('neutral', '', r), height: 2 * r + 4 })),
                ...(drawn.rings ? [{ label: CURVE_RING.label, sample: (x: number, cy: number): Part[] => [{ type: 'circle', cx: x + SAMPLE / 2, cy, r: MOMENT_RING * 0.8, fill: 'bg', stroke: POLARITY.negative.colour, strokeWidth: 2 }] }] : []),
                ...MOMENT_KINDS.filter(k => drawn.momentKinds.has(k.kind)).map(k => ({ label: k.label, sample: (x: number, cy: number): Part[] => [{ type: 'text', x, y: baseline(cy - 7, 'tag'), text: k.short, font: 'tag', fill: 'fg' }] })),
                ...(drawn.recovery ? [{ label: RECOVERY_BADGE.label, sample: (x: number, cy: number): Part[] => [{ type: 'text', x: x + SAMPLE / 2, y: baseline(cy - 7, 'smallBold'), text: RECOVERY_BADGE.glyph, font: 'smallBold', fill: RECOVERY_BADGE.colour, anchor: 'middle' }] }] : [])
            ]
        },
        {
            title: 'Emotion and KPIs',
            rows: [
                ...entries(EMOTION, (e: EmotionKey) => drawn.emotions.has(e)).map(([, e]) => ({ label: e.label, sample: (x: number, cy: number): Part[] => [{ type: 'shape', shape: e.shape, cx: x + SAMPLE / 2, cy, r: 6, fill: e.colour }] })),
                ...entries(KPI_STATUS, s => drawn.kpiStatuses.has(s)).map(([, s]) => ({ label: s.label, sample: disc(s.colour, s.glyph) })),
                ...(drawn.sparkline ? [{ label: SPARKLINE.label, sample: (x: number, cy: number) => sparkline(LEGEND_SERIES, 2.5, x, cy - 8, SAMPLE, 16, KPI_STATUS.met.colour) }] : [])
            ]
        },
        {
            title: 'Cards and marks',
            rows: [
                ...entries(USAGE_MARKS, (mark: UsageMark) => drawn.usage.has(mark)).map(([mark, style]) => ({ label: `system or information ${style.label}`, sample: (x: number, cy: number) => usageMarkParts(mark, x + SAMPLE / 2, cy) })),
                ...(['pain', 'opportunity'] as const).filter(kind => drawn.cards.has(kind)).map(kind => {
                    const style = CARD_STYLES[kind];
                    return {
                        label: style.label, sample: (x: number, cy: number): Part[] => [
                            { type: 'rect', x, y: cy - 7, width: SAMPLE, height: 14, rx: 3, fill: 'bg', stroke: style.stroke, strokeWidth: 1 },
                            { type: 'rect', x, y: cy - 7, width: SAMPLE, height: 14, rx: 3, fill: style.fill, fillOpacity: style.tint }
                        ]
                    };
                }),
                ...(drawn.problems ? [{
                    label: PROBLEM_MARK.label, sample: (x: number, cy: number): Part[] => [
                        { type: 'rect', x, y: cy - 7, width: SAMPLE, height: 14, rx: 3, fill: 'bg', stroke: PROBLEM_MARK.colour, strokeWidth: 2, dash: '5 2' },
                        { type: 'text', x: x + SAMPLE / 2, y: baseline(cy - 7, 'smallBold'), text: PROBLEM_MARK.glyph, font: 'smallBold', fill: PROBLEM_MARK.colour, anchor: 'middle' }
                    ]
                }] : [])
            ]
        }
    ];
    return all.filter(section => section.rows.length > 0);
}

function discParts(colour: typeof POLARITY.positive.colour, glyph: string, cx: number, cy: number, r: number): Part[] {
    const parts: Part[] = [{ type: 'circle', cx, cy, r, fill: colour }];
    if (glyph) parts.push({ type: 'text', x: cx, y: baseline(cy - 7, 'smallBold'), text: glyph, font: 'smallBold', fill: 'bg', anchor: 'middle' });
    return parts;
}

/**
 * The legend of what `drawn` says the picture draws, at (x, y), its sections in columns that wrap
 * before `maxWidth`; and how many rows of sections it has. None when the picture draws nothing it
 * would explain.
 */
export function legendBox(drawn: Drawn, x: number, y: number, maxWidth: number): { box: DiagramBox; rows: number } | undefined {
    const all = sections(drawn);
    if (all.length === 0) return undefined;
    const perRow = Math.max(1, Math.floor((maxWidth - 2 * PAD + GAP) / (COLUMN + GAP)));
    const width = Math.min(all.length, perRow) * (COLUMN + GAP) - GAP + 2 * PAD;
    const parts: Part[] = [];
    const heading = new Stack(width, PAD, 0).text('Legend', 'header', 'fg', 1);
    let top = y + PAD + heading.height + 6;
    parts.push(...heading.draw(x, y + PAD));
    let rowBottom = top;
    all.forEach((section, i) => {
        if (i > 0 && i % perRow === 0) top = rowBottom + GAP;
        const left = x + PAD + (i % perRow) * (COLUMN + GAP);
        parts.push({ type: 'text', x: left, y: baseline(top, 'smallBold'), text: section.title, font: 'smallBold', fill: 'muted' });
        let rowTop = top + 16;
        for (const row of section.rows) {
            const label = new Stack(COLUMN - SAMPLE - 10, 0, 0).text(row.label, 'small', 'fg', 2);
            const height = Math.max(ROW, row.height ?? 0, label.height + 6);
            const cy = rowTop + height / 2;
            parts.push(...row.sample(left, cy));
            parts.push(...label.draw(left + SAMPLE + 10, cy - label.height / 2));
            rowTop += height;
        }
        rowBottom = Math.max(rowBottom, rowTop);
    });
    const height = Math.ceil(rowBottom + PAD - y);
    return {
        box: { kind: 'legend', x, y, width, height, parts: [{ type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: 'border', strokeWidth: 1 }, ...parts] },
        rows: Math.ceil(all.length / perRow)
    };
}
