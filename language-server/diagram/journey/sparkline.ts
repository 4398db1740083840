/**
 * A KPI's measurements as a sparkline (language §7: the series of its actuals): one line from the
 * oldest to the actual, a dot on each measurement (the actual's larger, in the KPI's status
 * colour), and the target as a dashed rule when it falls within the drawn range or near it.
 * Numbers only: what to plot comes from model/kpi-status.ts (kpiSeriesPoints).
 */
import type { KpiModel } from '../../model/journey-model.js';
import { kpiMeasurements, kpiSeriesPoints, kpiStatus, targetText } from '../../model/kpi-status.js';
import { label } from '../../model/labels.js';
import { renderPartsSvg, type SvgOptions } from '../svg.js';
import type { Colour } from '../theme.js';
import type { Part } from '../types.js';
import { KPI_STATUS, SPARKLINE } from './styles.js';

export const SPARKLINE_HEIGHT = 22;

export function sparkline(points: ReadonlyArray<{ value: number }>, target: number | undefined, x: number, y: number, width: number, height: number, colour: Colour): Part[] {
    const values = points.map(p => p.value);
    // The target widens the range so that the line reads against it (kept when it is not far off).
    let low = Math.min(...values);
    let high = Math.max(...values);
    const showTarget = target !== undefined && (high === low || (target >= low - (high - low) && target <= high + (high - low)));
    if (showTarget) {
        low = Math.min(low, target!);
        high = Math.max(high, target!);
    }
    const pad = 3;
    const xOf = (i: number) => x + pad + (points.length === 1 ? 0 : i * (width - 2 * pad) / (points.length - 1));
    const yOf = (v: number) => high === low ? y + height / 2 : y + pad + (high - v) * (height - 2 * pad) / (high - low);
    const round = (n: number) => Math.round(n * 100) / 100;
    const parts: Part[] = [];
    if (showTarget) parts.push({ type: 'line', x1: x, y1: round(yOf(target!)), x2: x + width, y2: round(yOf(target!)), ...SPARKLINE.target });
    for (let i = 1; i < points.length; i++) {
        parts.push({ type: 'line', x1: round(xOf(i - 1)), y1: round(yOf(values[i - 1])), x2: round(xOf(i)), y2: round(yOf(values[i])), ...SPARKLINE.line });
    }
    points.forEach((p, i) => {
        const last = i === points.length - 1;
        parts.push({ type: 'circle', cx: round(xOf(i)), cy: round(yOf(p.value)), r: last ? 3 : 1.75, fill: last ? colour : SPARKLINE.line.stroke });
    });
    return parts;
}

export interface KpiSparkline {
    /** An `<svg class="copis-sparkline">` of its own. */
    svg: string;
    /** What it shows, in words (its title): each measurement with its date, and the target. */
    text: string;
}

/**
 * A KPI's sparkline as an SVG of its own, for a page beside the diagram (the site's KPI tables and
 * details panel): the objectives panel's drawing, by the same writer. Undefined when there is nothing
 * to plot (kpiSeriesPoints).
 */
export function renderKpiSparkline(kpi: KpiModel, width = 120, height = SPARKLINE_HEIGHT, options: SvgOptions = {}): KpiSparkline | undefined {
    const series = kpiSeriesPoints(kpi);
    const measured = kpiMeasurements(kpi);
    if (!series || !measured) return undefined;
    const target = targetText(kpi);
    const text = `${label(kpi)}: ${measured.points.map(p => `${p.value.text} on ${p.date}`).join(', ')}${target ? `; target ${target}` : ''}`;
    const parts = sparkline(series.points, series.target, 0, 0, width, height, KPI_STATUS[kpiStatus(kpi)].colour);
    return { svg: renderPartsSvg(parts, width, height, text, 'copis-sparkline', options), text };
}
