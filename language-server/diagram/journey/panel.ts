/** Objectives and their KPIs (current vs target, met, missed or unknown). */
import type { KpiModel, ObjectiveModel } from '../../model/journey-model.js';
import { FONTS, Stack, baseline, labelOf, tooltip } from '../kit.js';
import type { Colour } from '../theme.js';
import type { Band, DiagramBox } from '../types.js';
import { plural, type Names } from './names.js';
import { JOURNEY_SIZES as S } from './sizes.js';

/** The side panel at `x`, from `top`; returns its boxes, its band and its bottom. */
export function objectivesPanel(objectives: ObjectiveModel[], x: number, top: number, gridBottom: number, names: Names): { boxes: DiagramBox[]; band: Band; bottom: number } {
    const boxes: DiagramBox[] = [];
    let y = top;
    const header = new Stack(S.panelWidth - 24, 0, 0).text('Objectives and KPIs', 'header', 'fg', 1).text(kpiSummary(objectives), 'small', 'muted', 1);
    boxes.push({ kind: 'panel-header', x: x + 12, y: y + 10, width: S.panelWidth - 24, height: header.height, parts: header.draw(x + 12, y + 10) });
    y += 10 + header.height + 10;
    if (objectives.length === 0) {
        const none = new Stack(S.panelWidth - 24, 0, 0).text('No objectives', 'body', 'muted', 1);
        boxes.push({ kind: 'panel-note', x: x + 12, y, width: S.panelWidth - 24, height: none.height, parts: none.draw(x + 12, y) });
        y += none.height + 10;
    }
    for (const objective of objectives) {
        const box = objectiveBox(objective, x + 12, y, S.panelWidth - 24, names);
        boxes.push(box);
        y += box.height + 6;
        for (const kpi of objective.kpis) {
            const k = kpiBox(kpi, x + 24, y, S.panelWidth - 36);
            boxes.push(k);
            y += k.height + 6;
        }
        y += 8;
    }
    const bottom = Math.max(gridBottom, y);
    return { boxes, band: { kind: 'panel', x, y: top - 6, width: S.panelWidth, height: bottom - top + 6, fill: 'surface', opacity: 1 }, bottom };
}

function objectiveBox(o: ObjectiveModel, x: number, y: number, width: number, names: Names): DiagramBox {
    const stack = new Stack(width, 12, 7).text(labelOf(o), 'title', 'fg', 2);
    if (o.for.length) stack.text(`for ${o.for.map(c => names.get(c) ?? c).join(', ')}`, 'small', 'muted', 2);
    const height = Math.ceil(stack.height);
    return {
        kind: 'objective', id: o.id, x, y, width, height,
        tooltip: tooltip('objective', o, [o.for.length ? `for ${o.for.map(c => names.get(c) ?? c).join(', ')}` : undefined, `${o.kpis.length} ${plural(o.kpis.length, 'KPI')}`]),
        parts: [
            { type: 'rect', x, y, width, height, rx: 6, fill: 'bg', stroke: 'border', strokeWidth: 1 },
            { type: 'rect', x, y, width: 4, height, rx: 2, fill: 'objective' },
            ...stack.draw(x, y)
        ]
    };
}

/** Met, missed or unknown (no current value or target, or values that do not compare). */
export function kpiStatus(kpi: KpiModel): 'met' | 'missed' | 'unknown' {
    return kpi.met === true ? 'met' : kpi.met === false ? 'missed' : 'unknown';
}

const STATUS_GLYPH = { met: '\u2713', missed: '\u2717', unknown: '?' } as const;
const STATUS_COLOUR: Record<string, Colour> = { met: 'positive', missed: 'negative', unknown: 'neutral' };
const OPERATOR: Record<string, string> = { '>=': '\u2265', '<=': '\u2264', '=': '=' };

export function kpiValues(kpi: KpiModel): string {
    const unit = kpi.unit ? ` ${kpi.unit}` : '';
    const current = kpi.current ? `now ${kpi.current.text}${unit}` : 'now \u2014';
    const target = kpi.target ? `target ${OPERATOR[kpi.target.op] ?? kpi.target.op} ${kpi.target.value.text}${unit}` : 'no target';
    return `${current} · ${target}`;
}

function kpiBox(kpi: KpiModel, x: number, y: number, width: number): DiagramBox {
    const status = kpiStatus(kpi);
    const indent = 26;
    const stack = new Stack(width, 8, 6).text(labelOf(kpi), 'bold', 'fg', 2, indent).text(kpiValues(kpi), 'small', 'fg', 2, indent);
    const meta = [kpi.metric, kpi.due && `due ${kpi.due}`].filter(Boolean).join(' · ');
    if (meta) stack.text(meta, 'small', 'muted', 1, indent);
    const height = Math.ceil(stack.height);
    const colour = STATUS_COLOUR[status];
    return {
        kind: 'kpi', id: kpi.id, x, y, width, height, status,
        tooltip: tooltip('kpi', kpi, [kpi.metric && `metric ${kpi.metric}`, kpiValues(kpi), status === 'unknown' ? 'met: unknown' : status, kpi.due && `due ${kpi.due}`]),
        parts: [
            { type: 'rect', x, y, width, height, rx: 5, fill: 'bg', stroke: 'border', strokeWidth: 1 },
            { type: 'circle', cx: x + 8 + 9, cy: y + 6 + 9, r: 9, fill: colour },
            { type: 'text', x: x + 8 + 9, y: baseline(y + 6 + 9 - FONTS.bold.lineHeight / 2, 'bold'), text: STATUS_GLYPH[status], font: 'bold', fill: 'bg', anchor: 'middle' },
            ...stack.draw(x, y)
        ]
    };
}

function kpiSummary(objectives: ObjectiveModel[]): string {
    const kpis = objectives.flatMap(o => o.kpis);
    const met = kpis.filter(k => k.met === true).length;
    const missed = kpis.filter(k => k.met === false).length;
    return `${kpis.length} ${plural(kpis.length, 'KPI')} · ${met} met · ${missed} missed · ${kpis.length - met - missed} unknown`;
}
