/**
 * What stands above the lanes: the title, the errors banner (while the model has errors), the
 * persona header (who travels the journey) and the stage headers.
 */
import type { CustomerModel, JourneyModel } from '../../model/journey-model.js';
import { Stack, labelOf, tooltip } from '../kit.js';
import type { ProblemIndex } from '../problems.js';
import type { DiagramBox } from '../types.js';
import { addProblemRow, finishBox, problemTooltip } from './cards.js';
import { customersText } from '../../model/labels.js';
import { nameOf, plural, type Names } from './names.js';
import { spanX, type Columns } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';
import { PROBLEM_MARK } from './styles.js';

/** The journey's title and subtitle at `y`. */
export function titleBox(model: JourneyModel, columns: Columns, width: number, y: number, names: Names, view: { customer?: string; range?: string; compact?: boolean }, problems: ProblemIndex): DiagramBox {
    const subtitle = [
        plural(model.stages.length, 'stage'),
        plural(columns.touchpoints.length, 'touchpoint'),
        plural(model.moments.length, 'moment of truth', 'moments of truth'),
        view.range,
        view.customer !== undefined ? `the path of ${nameOf(names, view.customer)}` : undefined,
        view.compact ? 'compact: touchpoints, emotion, moments and pains' : undefined
    ].filter(Boolean).join(' · ');
    const title = new Stack(width, 0, 0).text(labelOf(model), 'heading', 'fg', 1).text(subtitle, 'small', 'muted', 1);
    return finishBox({ kind: 'journey', id: model.id, x: S.margin, y, tooltip: tooltip('journey', model), width }, title, () => [], problems.of(model));
}

/** The customers who travel the journey: its own, and any a touchpoint names (the customer filter leaves one). */
export function travellers(model: JourneyModel): CustomerModel[] {
    const ids = new Set([...model.customers, ...model.touchpoints.flatMap(t => t.customers)]);
    return model.customerDetails.filter(c => ids.has(c.id));
}

/** One card per customer, left to right from `left`, wrapping before `right`; with the lane label. */
export function personaRow(model: JourneyModel, left: number, right: number, top: number, problems: ProblemIndex): { boxes: DiagramBox[]; height: number } {
    const customers = travellers(model);
    if (customers.length === 0) return { boxes: [], height: 0 };
    const perRow = Math.max(1, Math.floor((right - left + 12) / (S.personaWidth + 12)));
    const boxes: DiagramBox[] = [];
    let rowTop = top;
    let rowHeight = 0;
    customers.forEach((c, i) => {
        if (i > 0 && i % perRow === 0) {
            rowTop += rowHeight + 8;
            rowHeight = 0;
        }
        const x = left + (i % perRow) * (S.personaWidth + 12);
        const count = c.count !== undefined ? customersText(c.count) : undefined;
        // The figures on lines of their own: a long segment is cut, never them, and a count is not split from its noun.
        const value = [c.tier && `${c.tier} value`, c.clv && `CLV ${c.clv.text}`].filter(Boolean).join(' · ');
        const stack = new Stack(S.personaWidth, 10, 7).iconRow('person', 'customer', 'muted').text(labelOf(c), 'title', 'fg', 2)
            .text(c.segment, 'small', 'muted', 2).text(value || undefined, 'small', 'muted', 2).text(count, 'small', 'muted', 1);
        const box = finishBox({
            kind: 'customer', id: c.id, x, y: rowTop, width: S.personaWidth,
            tooltip: tooltip('customer', c, [c.segment && `segment ${c.segment}`, c.tier && `value ${c.tier}`, c.clv && `CLV ${c.clv.text}`, count, c.needs.length ? `needs: ${c.needs.join('; ')}` : undefined])
        }, stack, h => [{ type: 'rect', x, y: rowTop, width: S.personaWidth, height: h, rx: 6, fill: 'bg', stroke: 'border', strokeWidth: 1 },
            { type: 'rect', x, y: rowTop, width: 4, height: h, rx: 2, fill: 'accent' }], problems.of(c));
        boxes.push(box);
        rowHeight = Math.max(rowHeight, box.height);
    });
    const height = rowTop + rowHeight - top;
    const label = new Stack(S.labelWidth - 16, 0, 0).text(customers.length === 1 ? 'Customer' : 'Customers', 'bold', 'fg', 1);
    boxes.unshift({ kind: 'row-label', x: S.margin, y: top + 8, width: S.labelWidth - 16, height: label.height, parts: label.draw(S.margin, top + 8) });
    return { boxes, height };
}

/** One header per stage (and one for the trailing slot) at `top`; returns the boxes and their height. */
export function stageHeaders(model: JourneyModel, columns: Columns, top: number, dimmed: ReadonlySet<string>, customer: string | undefined, problems: ProblemIndex): { boxes: DiagramBox[]; height: number } {
    const { slots, stageSpans } = columns;
    const headers = model.stages.map((stage, i) => {
        const [start, end] = stageSpans[i];
        const { x, width } = spanX(slots, start, end);
        const stack = new Stack(width, 4, 6)
            .text(stage.category ? stage.category.toUpperCase() : 'STAGE', 'tag', 'muted', 1)
            .text(labelOf(stage), 'header', 'fg', 2);
        if (dimmed.has(stage.id)) stack.text(customer !== undefined ? 'not on this path' : 'no touchpoints', 'small', 'muted', 1);
        const messages = problems.of(stage);
        if (messages) addProblemRow(stack, messages);
        return { stage, x, width, stack, messages };
    });
    const last = slots[slots.length - 1];
    const trailingHeader = last.trailing
        ? new Stack(last.width - 2 * S.inset, 4, 6).text('NOT PLACED', 'tag', 'muted', 1).text('Not at a touchpoint', 'header', 'muted', 2)
        : undefined;
    const height = Math.max(40, ...headers.map(h => h.stack.height), trailingHeader?.height ?? 0);
    const boxes: DiagramBox[] = [];
    for (const h of headers) {
        const base = tooltip('stage', h.stage, [h.stage.category, plural(h.stage.touchpoints.length, 'touchpoint')]);
        boxes.push({
            kind: 'stage', id: h.stage.id, x: h.x, y: top, width: h.width, height,
            tooltip: h.messages ? problemTooltip(base, h.messages) : base,
            ...(dimmed.has(h.stage.id) ? { dimmed: true } : {}),
            ...(h.messages ? { problem: 'error' as const } : {}),
            parts: [...h.stack.draw(h.x, top), { type: 'rect', x: h.x, y: top + height - 3, width: h.width, height: 3, rx: 1.5, fill: h.messages ? PROBLEM_MARK.colour : 'accent', fillOpacity: dimmed.has(h.stage.id) ? 0.3 : 0.8 }]
        });
    }
    if (trailingHeader) {
        boxes.push({
            kind: 'column-header', x: last.x + S.inset, y: top, width: last.width - 2 * S.inset, height,
            tooltip: 'Elements that no touchpoint places on the journey', parts: trailingHeader.draw(last.x + S.inset, top)
        });
    }
    return { boxes, height };
}
