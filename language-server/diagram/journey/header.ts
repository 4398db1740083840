/** The title and the stage headers above the lanes. */
import type { JourneyModel } from '../../model/journey-model.js';
import { Stack, labelOf, tooltip } from '../kit.js';
import type { DiagramBox } from '../types.js';
import { plural, type Names } from './names.js';
import { spanX, type Columns } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';

/** The journey's title and subtitle at `y`; returns the box. */
export function titleBox(model: JourneyModel, columns: Columns, width: number, y: number, names: Names, customer: string | undefined): DiagramBox {
    const subtitle = [
        `${model.stages.length} ${plural(model.stages.length, 'stage')}`,
        `${columns.touchpoints.length} ${plural(columns.touchpoints.length, 'touchpoint')}`,
        `${model.moments.length} ${plural(model.moments.length, 'moment')} of truth`,
        customer !== undefined ? `path of ${names.get(customer) ?? customer}` : undefined
    ].filter(Boolean).join(' · ');
    const title = new Stack(width, 0, 0).text(labelOf(model), 'heading', 'fg', 1).text(subtitle, 'small', 'muted', 1);
    return { kind: 'journey', id: model.id, x: S.margin, y, width, height: title.height, tooltip: tooltip('journey', model), parts: title.draw(S.margin, y) };
}

/** One header per stage (and one for the trailing slot) at `top`; returns the boxes and their height. */
export function stageHeaders(model: JourneyModel, columns: Columns, top: number, dimmed: ReadonlySet<string>, customer: string | undefined): { boxes: DiagramBox[]; height: number } {
    const { slots, stageSpan } = columns;
    const headers = model.stages.map(stage => {
        const [start, end] = stageSpan.get(stage.id)!;
        const { x, width } = spanX(slots, start, end);
        const stack = new Stack(width, 4, 6)
            .text(stage.category ? stage.category.toUpperCase() : 'STAGE', 'tag', 'muted', 1)
            .text(labelOf(stage), 'header', 'fg', 2);
        if (dimmed.has(stage.id)) stack.text(customer !== undefined ? 'not on this path' : 'no touchpoints', 'small', 'muted', 1);
        return { stage, x, width, stack };
    });
    const last = slots[slots.length - 1];
    const trailingHeader = last.trailing
        ? new Stack(last.width - 2 * S.inset, 4, 6).text('NOT PLACED', 'tag', 'muted', 1).text('Not at a touchpoint', 'header', 'muted', 2)
        : undefined;
    const height = Math.max(40, ...headers.map(h => h.stack.height), trailingHeader?.height ?? 0);
    const boxes: DiagramBox[] = [];
    for (const h of headers) {
        boxes.push({
            kind: 'stage', id: h.stage.id, x: h.x, y: top, width: h.width, height,
            tooltip: tooltip('stage', h.stage, [h.stage.category, `${h.stage.touchpoints.length} ${plural(h.stage.touchpoints.length, 'touchpoint')}`]),
            ...(dimmed.has(h.stage.id) ? { dimmed: true } : {}),
            parts: [...h.stack.draw(h.x, top), { type: 'rect', x: h.x, y: top + height - 3, width: h.width, height: 3, rx: 1.5, fill: 'accent', fillOpacity: dimmed.has(h.stage.id) ? 0.3 : 0.8 }]
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
