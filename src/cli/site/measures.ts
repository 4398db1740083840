/**
 * What the portfolio shows in a cell (one lifecycle category of one journey) and in a journey's total.
 * A cell is a slice of the journey: its stages of that category, the moments of truth at them, and the
 * KPIs those moments are measured by. The moments are drawn as marks (polarity by shape and colour,
 * impact by letter and weight); every other figure is one row of CELL_MEASURES (the KPIs, the value at
 * risk): a figure that model/ gives is one more row there, and the cell, the total, the legend and the
 * test data attributes follow. Figures come from model/ (value-at-stake.ts), never computed here.
 */
import type { KpiModel, MomentModel, StageModel } from '../../../language-server/model/journey-model.js';
import { plural } from '../../../language-server/model/labels.js';
import { formatMoney, formatMoneyCompact } from '../../../language-server/model/money.js';
import { momentsAtRisk, type MomentsAtRisk } from '../../../language-server/model/value-at-stake.js';
import type { CategoryColumn, SiteJourney } from './site-model.js';

export interface Slice {
    journey: SiteJourney;
    stages: StageModel[];
    moments: MomentModel[];
    kpis: KpiModel[];
}

/** A figure of a slice: its text, and the data attributes that name it for tests and scripts. */
export interface Figure {
    text: string;
    /** A class for its colour: `good`, `bad`, `muted`. */
    tone?: 'good' | 'bad' | 'muted';
    /** A longer reading, for the tooltip. */
    title?: string;
    data: Record<string, number | string>;
}

export interface Measure {
    id: string;
    /** What the legend says about it. */
    legend: string;
    of(slice: Slice): Figure | undefined;
}

export const CELL_MEASURES: readonly Measure[] = [
    {
        id: 'kpis',
        legend: 'KPIs that the moments of truth are measured by: ✓ met, ✗ missed, ? not judged (in the total: every KPI of the journey)',
        of: slice => kpiFigure(slice.kpis)
    },
    {
        id: 'at-risk',
        legend: 'Value at risk of the negative and mixed moments of truth (count × CLV × reach; k thousands, M millions, the exact amount in the tooltip), per currency, never added across currencies; +? some inputs are missing (the tooltip says which); unknown: none is known',
        of: slice => atRiskFigure(momentsAtRisk(slice.moments))
    }
];

/** Reasons listed in a cell's tooltip; the rest are counted. */
const MAX_REASONS = 8;

function atRiskFigure(v: MomentsAtRisk): Figure | undefined {
    if (v.moments === 0) return undefined;
    const known = v.total.length > 0;
    const partly = known && v.unknown.length > 0;
    const moments = plural(v.moments, 'negative or mixed moment of truth', 'negative or mixed moments of truth');
    const reasons = v.unknown.slice(0, MAX_REASONS).map(u => `not counted: ${u.reason}`);
    if (v.unknown.length > MAX_REASONS) reasons.push(`and ${v.unknown.length - MAX_REASONS} more missing inputs`);
    return {
        // At a glance (the exact amounts in the tooltip); a line may break between currencies, never inside an amount.
        text: known ? `at risk ${v.total.map(m => formatMoneyCompact([m]).replace(/ /g, '\u00a0')).join(' + ')}${partly ? '\u00a0+?' : ''}` : 'at risk unknown',
        tone: known ? 'bad' : 'muted',
        title: [
            `Value at risk: ${known ? formatMoney(v.total) : 'unknown'} (${moments}${v.noneKnown > 0 ? `; ${v.noneKnown} with none known` : ''})`,
            ...reasons
        ].join('\n'),
        // Per currency, never summed: `EUR:43701000 USD:1200`.
        data: { 'at-risk': v.total.map(m => `${m.currency}:${m.amount}`).join(' '), 'at-risk-moments': v.moments, 'at-risk-unknown': v.unknown.length }
    };
}

function kpiFigure(kpis: readonly KpiModel[]): Figure | undefined {
    if (kpis.length === 0) return undefined;
    const met = kpis.filter(k => k.met === true).length;
    const missed = kpis.filter(k => k.met === false).length;
    const unknown = kpis.length - met - missed;
    const parts = [`KPIs ✓${met}`, `✗${missed}`];
    if (unknown > 0) parts.push(`?${unknown}`);
    return {
        text: parts.join(' '),
        tone: missed > 0 ? 'bad' : met > 0 ? 'good' : 'muted',
        title: `${plural(kpis.length, 'KPI')}: ${met} met, ${missed} missed${unknown > 0 ? `, ${unknown} not judged (no current value, no target, or not comparable)` : ''}`,
        data: { 'kpis-met': met, 'kpis-missed': missed, 'kpis-unknown': unknown }
    };
}

/** The slice of a journey in one portfolio column: its stages of that category (or without one). */
export function cellOf(journey: SiteJourney, column: CategoryColumn): Slice {
    const m = journey.model;
    const stages = m.stages.filter(s => s.category === column.category);
    const ids = new Set(stages.map(s => s.id));
    const moments = m.moments.filter(x => x.stage !== undefined && ids.has(x.stage));
    return { journey, stages, moments, kpis: kpisOf(journey, moments) };
}

/** The whole journey: every stage and moment, and every KPI it owns or names. */
export function totalOf(journey: SiteJourney): Slice {
    const m = journey.model;
    return { journey, stages: m.stages, moments: m.moments, kpis: m.objectives.flatMap(o => o.kpis) };
}

/** The KPIs the moments are measured by, once each, as the journey model resolves them. */
function kpisOf(journey: SiteJourney, moments: readonly MomentModel[]): KpiModel[] {
    const all = new Map(journey.model.objectives.flatMap(o => o.kpis).map(k => [k.id, k]));
    const out = new Map<string, KpiModel>();
    for (const m of moments) {
        for (const id of m.kpis) {
            const kpi = all.get(id);
            if (kpi && !out.has(id)) out.set(id, kpi);
        }
    }
    return [...out.values()];
}

export const POLARITIES = ['negative', 'mixed', 'positive'] as const;
export const IMPACTS = ['critical', 'high', 'medium', 'low'] as const;

/** How a moment of truth is marked: the shape says its polarity, the letter its impact. */
export const POLARITY_MARK: Record<string, { glyph: string; label: string }> = {
    negative: { glyph: '▼', label: 'negative' },
    mixed: { glyph: '◆', label: 'mixed' },
    positive: { glyph: '▲', label: 'positive' },
    none: { glyph: '●', label: 'no polarity' }
};
export const IMPACT_LETTER: Record<string, string> = { critical: 'C', high: 'H', medium: 'M', low: 'L' };

/** The moments of a slice as they are marked: the worst first (negative before mixed before positive, higher impact first), then declaration order. */
export function markedMoments(slice: Slice): MomentModel[] {
    const rank = (m: MomentModel) => {
        const p = POLARITIES.indexOf(m.polarity as typeof POLARITIES[number]);
        const i = IMPACTS.indexOf(m.impact as typeof IMPACTS[number]);
        return (p < 0 ? POLARITIES.length : p) * 10 + (i < 0 ? IMPACTS.length : i);
    };
    return slice.moments.map((m, index) => ({ m, index })).sort((a, b) => rank(a.m) - rank(b.m) || a.index - b.index).map(x => x.m);
}

/** Counts of the moments by polarity (`none`: no polarity given). */
export function polarityCounts(moments: readonly MomentModel[]): Record<'negative' | 'mixed' | 'positive' | 'none', number> {
    const counts = { negative: 0, mixed: 0, positive: 0, none: 0 };
    for (const m of moments) {
        const p = m.polarity as keyof typeof counts | undefined;
        if (p && p in counts) counts[p]++;
        else counts.none++;
    }
    return counts;
}

/**
 * How hot a cell is drawn, 0 to 4: the highest impact among its negative and mixed moments of truth
 * (low 1 … critical 4; one without an impact counts as low). Positive moments and KPIs do not heat a cell.
 */
export function heatOf(slice: Slice): number {
    let heat = 0;
    for (const m of slice.moments) {
        if (m.polarity !== 'negative' && m.polarity !== 'mixed') continue;
        const i = IMPACTS.indexOf(m.impact as typeof IMPACTS[number]);
        heat = Math.max(heat, i < 0 ? 1 : IMPACTS.length - i);
    }
    return heat;
}
