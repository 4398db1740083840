/** Objectives and their KPIs (current vs target, met, missed or unknown). */
import type { KpiModel, ObjectiveModel } from '../../model/journey-model.js';
import { FONTS, Stack, baseline, labelOf, textWidth, tooltip } from '../kit.js';
import type { ProblemIndex } from '../problems.js';
import type { Band, DiagramBox } from '../types.js';
import { finishBox } from './cards.js';
import { nameOf, plural, type Names } from './names.js';
import { JOURNEY_SIZES as S } from './sizes.js';
import { kpiCounts, kpiSeriesPoints, kpiStatus } from '../../model/kpi-status.js';
import { SPARKLINE_HEIGHT, sparkline } from './sparkline.js';
import { kpiValues } from './kpi-text.js';
import { KPI_STATUS } from './styles.js';
import { referencedFrom } from '../../model/origin.js';

/**
 * The full panel at the start of the diagram (under the lanes, from the left edge): a heading
 * with the count of KPIs met and missed, then one column per objective with its KPIs under it,
 * the columns wrapping before `maxWidth` so the panel is never wider than the map.
 */
export function objectivesPanel(objectives: ObjectiveModel[], x: number, top: number, maxWidth: number, names: Names, problems: ProblemIndex): { boxes: DiagramBox[]; band: Band; bottom: number; right: number; kpis: KpiModel[] } {
    const boxes: DiagramBox[] = [];
    const column = S.panelWidth - 24;
    const gap = 16;
    const perRow = Math.max(1, Math.floor((maxWidth - 24 + gap) / (column + gap)));
    // The journey's own objectives, then those it only refers to (a KPI of theirs is named here), under a heading of their own.
    const owned = objectives.filter(o => !o.referenced);
    const referenced = objectives.filter(o => o.referenced);
    const width = Math.min(Math.max(1, owned.length, referenced.length), perRow) * (column + gap) - gap + 24;
    const header = new Stack(width - 24, 0, 0).text('Objectives and KPIs', 'header', 'fg', 1).text(kpiSummary(owned), 'small', 'muted', 1);
    boxes.push({ kind: 'panel-header', x: x + 12, y: top + 10, width: width - 24, height: header.height, parts: header.draw(x + 12, top + 10) });
    let bottom = top + 10 + header.height + 10;
    if (owned.length === 0) {
        const none = new Stack(column, 0, 0).text('No objectives of its own', 'body', 'muted', 1);
        boxes.push({ kind: 'panel-note', x: x + 12, y: bottom, width: column, height: none.height, parts: none.draw(x + 12, bottom) });
        bottom += none.height + 10;
    }
    // One column per objective with its KPIs under it, wrapping after `perRow` columns.
    const grid = (list: ObjectiveModel[], start: number): number => {
        let rowTop = start;
        let end = start;
        list.forEach((objective, i) => {
            if (i > 0 && i % perRow === 0) rowTop = end + 8;
            const left = x + 12 + (i % perRow) * (column + gap);
            let y = rowTop;
            const box = objectiveBox(objective, left, y, column, names, problems);
            boxes.push(box);
            y += box.height + 6;
            for (const kpi of objective.kpis) {
                const k = kpiBox(kpi, left + 12, y, column - 12, problems);
                boxes.push(k);
                y += k.height + 6;
            }
            end = Math.max(end, y + 4);
        });
        return end;
    };
    bottom = grid(owned, bottom);
    if (referenced.length > 0) {
        const note = new Stack(width - 24, 0, 0).text('Referenced, not owned', 'bold', 'fg', 1)
            .text('KPIs named here, of objectives the journey does not own', 'small', 'muted', 2)
            .text(kpiSummary(referenced), 'small', 'muted', 1);
        boxes.push({ kind: 'panel-header', x: x + 12, y: bottom + 4, width: width - 24, height: note.height, parts: note.draw(x + 12, bottom + 4) });
        bottom = grid(referenced, bottom + 4 + note.height + 10);
    }
    return { boxes, band: { kind: 'panel', x, y: top, width, height: bottom - top, fill: 'surface', opacity: 1 }, bottom, right: x + width, kpis: objectives.flatMap(o => o.kpis) };
}

/** In place of the panel when the journey has no objectives at all: one line, not an empty panel under a small map. */
export function noObjectivesNote(x: number, top: number, maxWidth: number): DiagramBox {
    const text = 'No objectives or KPIs';
    const width = Math.min(maxWidth, Math.ceil(textWidth(text, 'body')) + 2);
    const note = new Stack(width, 0, 0).text(text, 'body', 'muted', 1);
    return { kind: 'panel-note', x, y: top, width, height: note.height, parts: note.draw(x, top) };
}

function objectiveBox(o: ObjectiveModel, x: number, y: number, width: number, names: Names, problems: ProblemIndex): DiagramBox {
    const stack = new Stack(width, 12, 7).text(labelOf(o), 'title', 'fg', 2);
    if (o.referenced) stack.text(`referenced · ${referencedFrom(o)}`, 'small', 'muted', 1);
    if (o.for.length) stack.text(`for ${o.for.map(c => nameOf(names, c)).join(', ')}`, 'small', 'muted', 2);
    return finishBox({
        kind: 'objective', id: o.id, x, y, width,
        tooltip: tooltip('objective', o, [
            o.referenced ? 'referenced, not owned: this journey names some of its KPIs' : undefined,
            o.for.length ? `for ${o.for.map(c => nameOf(names, c)).join(', ')}` : undefined,
            `${plural(o.kpis.length, 'KPI')}${o.referenced ? ' named here' : ''}`
        ])
    }, stack, height => [
        { type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: 'border', strokeWidth: 1, ...(o.referenced ? { dash: '4 3' } : {}) },
        { type: 'rect', x, y, width: 4, height, rx: 2, fill: 'objective' }
    ], problems.of(o));
}

export function kpiBox(kpi: KpiModel, x: number, y: number, width: number, problems: ProblemIndex): DiagramBox {
    const status = kpiStatus(kpi);
    const indent = 26;
    const stack = new Stack(width, 8, 6).text(labelOf(kpi), 'bold', 'fg', 2, indent).text(kpiValues(kpi), 'small', 'fg', 2, indent);
    const meta = [kpi.metric, kpi.due && `due ${kpi.due}`, kpi.owner && `owner ${kpi.owner}`].filter(Boolean).join(' · ');
    if (meta) stack.text(meta, 'small', 'muted', 1, indent);
    const style = KPI_STATUS[status];
    // Its actuals (language §7): the measurements up to the actual, and when they run.
    const series = kpiSeriesPoints(kpi);
    if (series) {
        const first = series.points[0].date;
        stack.gap(4).custom(SPARKLINE_HEIGHT, (left, top, inner) => sparkline(series.points, series.target, left + indent, top, Math.min(inner - indent, 150), SPARKLINE_HEIGHT, style.colour))
            .gap(2).text(`${plural(series.points.length, 'measurement')} since ${first}${kpi.actual?.stale ? ' · stale' : ''}`, 'small', 'muted', 1, indent);
    }
    return finishBox({
        kind: 'kpi', id: kpi.id, x, y, width, status,
        tooltip: tooltip('kpi', kpi, [kpi.metric && `metric ${kpi.metric}`, kpiValues(kpi), status === 'unknown' ? 'met: unknown' : status, kpi.due && `due ${kpi.due}`, kpi.owner && `owner ${kpi.owner}`,
            kpi.actual && `actual of ${kpi.actual.date}${kpi.actual.stale ? ` (stale: ${kpi.actual.ageDays} days old)` : ''}`,
            kpi.actual && kpi.series && kpi.series.length > 0 ? `series ${[...kpi.series, kpi.actual].map(p => `${p.date} ${p.value.text}`).join(' → ')}` : undefined])
    }, stack, height => [
        { type: 'rect', x, y, width, height, rx: 5, fill: 'bg', stroke: 'border', strokeWidth: 1 },
        { type: 'circle', cx: x + 8 + 9, cy: y + 6 + 9, r: 9, fill: style.colour },
        { type: 'text', x: x + 8 + 9, y: baseline(y + 6 + 9 - FONTS.bold.lineHeight / 2, 'bold'), text: style.glyph, font: 'bold', fill: 'bg', anchor: 'middle' }
    ], problems.of(kpi));
}

function kpiSummary(objectives: ObjectiveModel[]): string {
    const kpis = objectives.flatMap(o => o.kpis);
    const { met, missed, unknown } = kpiCounts(kpis);
    return `${plural(kpis.length, 'KPI')} · ${met} met · ${missed} missed · ${unknown} unknown`;
}
