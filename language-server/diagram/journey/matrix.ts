/**
 * The technology layer as a usage matrix: one row per system and per information item, its name
 * on the left (beside the lane labels, in view while the picture scrolls), and a mark under each
 * touchpoint that uses it: at the touchpoint itself, or through a process placed there (for
 * information: read, written, or both). One row instead of a box per run of columns, so 16
 * systems are 16 rows, and the marks say which touchpoints use each.
 */
import type { InformationModel, ProcessModel, SystemModel } from '../../model/journey-model.js';
import { Stack, baseline, labelOf, tooltip } from '../kit.js';
import type { ProblemIndex } from '../problems.js';
import type { Band, DiagramBox, Part } from '../types.js';
import { problemTooltip } from './cards.js';
import { nameOf, type Names } from './names.js';
import type { Slot } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';
import { PROBLEM_MARK, USAGE_MARKS, type UsageMark } from './styles.js';
import { plural } from '../../model/labels.js';

export type UsageHow = 'touchpoint' | 'reads' | 'writes' | 'process';

export interface UsageRow {
    lane: 'systems' | 'information';
    element: SystemModel | InformationModel;
    /** Per slot, how it is used there, and by which processes. */
    uses: Map<number, { how: Set<UsageHow>; processes: Set<string> }>;
}

export const MATRIX_ROW = 22;

/** Records a use of `row` in `slot`. */
export function addUse(row: UsageRow, slot: number, how: UsageHow, process?: ProcessModel): void {
    let use = row.uses.get(slot);
    if (!use) {
        use = { how: new Set(), processes: new Set() };
        row.uses.set(slot, use);
    }
    use.how.add(how);
    if (process) use.processes.add(process.id);
}

/** The mark of a use: at the touchpoint beats through a process; reads and writes are told apart. */
export function usageMark(how: ReadonlySet<UsageHow>): UsageMark {
    if (how.has('touchpoint')) return 'touchpoint';
    if (how.has('reads') && how.has('writes')) return 'readsWrites';
    if (how.has('reads')) return 'reads';
    if (how.has('writes')) return 'writes';
    return 'process';
}

/** The parts of a mark centred on (cx, cy). */
export function usageMarkParts(mark: UsageMark, cx: number, cy: number): Part[] {
    const style = USAGE_MARKS[mark];
    if (style.glyph) {
        const width = style.glyph.length > 1 ? 22 : 15;
        return [
            { type: 'rect', x: cx - width / 2, y: cy - 8, width, height: 16, rx: 3, fill: 'bg', stroke: style.colour, strokeWidth: 1.2 },
            { type: 'text', x: cx, y: baseline(cy - 7, 'smallBold'), text: style.glyph, font: 'smallBold', fill: style.colour, anchor: 'middle' }
        ];
    }
    return style.filled
        ? [{ type: 'circle', cx, cy, r: 5.5, fill: style.colour }]
        : [{ type: 'circle', cx, cy, r: 5, fill: 'bg', stroke: style.colour, strokeWidth: 2 }];
}

/** The height of a matrix lane of `rows` rows under a label of `labelHeight`. */
export function matrixHeight(rows: number, labelHeight: number): number {
    return S.lanePad + labelHeight + 4 + rows * MATRIX_ROW + S.lanePad;
}

/** The rows' labels, marks and stripes, in a lane whose rows start at `top`. */
export function drawMatrix(rows: UsageRow[], slots: Slot[], top: number, gridLeft: number, gridRight: number, names: Names, problems: ProblemIndex): { boxes: DiagramBox[]; bands: Band[] } {
    const boxes: DiagramBox[] = [];
    const bands: Band[] = [];
    const labelX = S.margin + 10;
    const labelWidth = S.labelWidth - 16 - 10;
    rows.forEach((row, r) => {
        const y = top + r * MATRIX_ROW;
        const cy = y + MATRIX_ROW / 2;
        if (r % 2 === 0) bands.push({ kind: 'matrix-row', x: S.margin, y, width: gridRight - S.margin, height: MATRIX_ROW, fill: 'stripe', opacity: 0.04 });
        const e = row.element;
        const messages = problems.of(e);
        const kind = row.lane === 'systems' ? 'system' : 'information';
        const facts = e.kind === 'system'
            ? [e.type, e.owner && `owner ${e.owner}`, e.approved && `approved for ${e.approved}`]
            : [e.classification, e.source && `source ${nameOf(names, e.source)}`, e.owner && `owner ${e.owner}`];
        const where = [...row.uses.keys()].filter(s => slots[s]?.touchpoint).length;
        const base = tooltip(kind, e, [...facts, where > 0 ? `used at ${plural(where, 'touchpoint')}` : 'used at no touchpoint']);
        const label = new Stack(labelWidth, 0, 0).text(`${messages ? `${PROBLEM_MARK.glyph} ` : ''}${labelOf(e)}`, 'small', messages ? PROBLEM_MARK.colour : 'fg', 1);
        boxes.push({
            kind, id: e.id, x: labelX, y: y + 2, width: labelWidth, height: MATRIX_ROW - 4,
            tooltip: messages ? problemTooltip(base, messages) : base,
            ...(messages ? { problem: 'error' as const } : {}),
            parts: [{ type: 'rect', x: labelX, y: y + 2, width: labelWidth, height: MATRIX_ROW - 4, fill: 'bg', fillOpacity: 0 }, ...label.draw(labelX, y + 2 + (MATRIX_ROW - 4 - label.height) / 2)]
        });
        for (const [slot, use] of [...row.uses].sort((a, b) => a[0] - b[0])) {
            const s = slots[slot];
            if (!s) continue;
            const cx = s.x + s.width / 2;
            const mark = usageMark(use.how);
            const at = s.touchpoint ? labelOf(s.touchpoint) : 'not at a touchpoint';
            const by = [...use.processes].map(p => nameOf(names, p));
            boxes.push({
                kind: 'usage', id: e.id, x: cx - 12, y: y + 2, width: 24, height: MATRIX_ROW - 4,
                tooltip: [`${labelOf(e)} at ${at}`, USAGE_MARKS[mark].label, ...(by.length ? [`by ${by.join(', ')}`] : [])].join('\n'),
                parts: usageMarkParts(mark, cx, cy)
            });
        }
    });
    return { boxes, bands };
}
