/**
 * Phase 4, the connectors: a touchpoint to each process it uses, a moment to its recovery
 * process, an opportunity to each pain or moment it addresses. Orthogonal routes down the
 * lanes, from the bottom of one box to the top of another, without running behind any other
 * box: straight down where nothing is in the way; otherwise sideways along the free band at a
 * lane boundary (boxes keep a padding from their lane's edges) to the nearest free gutter
 * between columns, and back under the target.
 */
import type { JourneyModel, MomentModel } from '../../model/journey-model.js';
import { clamp } from '../kit.js';
import type { DiagramBox, DiagramLine, LanePosition, Point } from '../types.js';
import type { Placed } from './lanes.js';
import type { Columns, Slot } from './slots.js';
import { LINE_STYLES, type ConnectorKind, type LineStyle } from './styles.js';

export function connectors(
    model: JourneyModel, columns: Columns, momentSlot: (m: MomentModel) => number, placed: Placed[], lanes: LanePosition[]
): DiagramLine[] {
    const { slots } = columns;
    const line = (kind: ConnectorKind, from: string, to: string, points: Point[]): DiagramLine => {
        const s: LineStyle = LINE_STYLES[kind];
        return { kind, from, to, points, shape: 'polyline', stroke: s.stroke, width: s.width, ...(s.dash ? { dash: s.dash } : {}), ...(s.opacity !== undefined ? { opacity: s.opacity } : {}), ...(s.arrow ? { arrow: true } : {}) };
    };
    const lines: DiagramLine[] = [];
    const boxesOf = new Map<string, Placed[]>();
    for (const p of placed) {
        const list = boxesOf.get(p.item.id);
        if (list) list.push(p);
        else boxesOf.set(p.item.id, [p]);
    }
    /** The box of `id` nearest to slot `slot` (the one covering it, if any). */
    const nearest = (id: string, slot: number): DiagramBox | undefined => {
        let best: Placed | undefined;
        let bestDistance = Infinity;
        for (const c of boxesOf.get(id) ?? []) {
            const d = slot < c.item.start ? c.item.start - slot : slot > c.item.end ? slot - c.item.end : 0;
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best?.box;
    };
    const laneOfBox = new Map<DiagramBox, LanePosition>();
    const laneById = new Map(lanes.map(l => [l.lane, l]));
    for (const p of placed) laneOfBox.set(p.box, laneById.get(p.item.lane)!);
    const router = new Router(placed.map(p => p.box), lanes, slots);
    columns.touchpoints.forEach((tp, index) => {
        const slot = columns.touchpointSlots[index];
        const card = nearest(tp.id, slot);
        if (!card) return;
        const targets = tp.processes.filter(p => boxesOf.has(p));
        targets.forEach((p, i) => {
            const target = nearest(p, slot)!;
            const cx = clamp(card.x + card.width / 2 + (i - (targets.length - 1) / 2) * 10, card.x + 8, card.x + card.width - 8);
            const points = router.route(card, cx, laneOfBox.get(card)!, target, laneOfBox.get(target)!);
            lines.push(line('uses', tp.id, p, points));
        });
    });
    for (const m of model.moments) {
        if (!m.recovery || !boxesOf.has(m.recovery)) continue;
        const slot = momentSlot(m);
        const source = nearest(m.id, slot)!;
        const target = nearest(m.recovery, slot)!;
        const sx = clamp(target.x + target.width / 2, source.x + 10, source.x + source.width - 10);
        const points = router.route(source, sx, laneOfBox.get(source)!, target, laneOfBox.get(target)!);
        lines.push(line('recovery', m.id, m.recovery, points));
    }
    for (const o of model.opportunities) {
        const source = boxesOf.get(o.id)?.[0];
        if (!source) continue;
        for (const a of o.addresses) {
            if (!boxesOf.has(a)) continue;
            // Routed from the pain or moment down to the opportunity, drawn the other way.
            const target = nearest(a, source.item.start)!;
            const tx = clamp(source.box.x + source.box.width / 2, target.x + 10, target.x + target.width - 10);
            const points = router.route(target, tx, laneOfBox.get(target)!, source.box, laneOfBox.get(source.box)!).reverse();
            lines.push(line('addresses', o.id, a, points));
        }
    }
    return lines;
}

class Router {
    private gutterUse = new Map<number, number>();
    private channelUse = new Map<number, number>();
    /** Gutters left to right: both sides of every slot boundary. */
    private gutters: Array<{ index: number; x: number; side: -1 | 1 }> = [];
    /** Boxes by horizontal bucket, so that a look-up does not scan the whole diagram. */
    private buckets = new Map<number, DiagramBox[]>();
    private static readonly BUCKET = 128;

    constructor(boxes: DiagramBox[], private readonly lanes: LanePosition[], slots: Slot[]) {
        slots.forEach((slot, i) => {
            this.gutters.push({ index: 2 * i, x: slot.x, side: 1 });
            this.gutters.push({ index: 2 * i + 1, x: slot.x + slot.width, side: -1 });
        });
        this.gutters.sort((a, b) => a.x + a.side - (b.x + b.side));
        for (const box of boxes) {
            const first = Math.floor(box.x / Router.BUCKET);
            const last = Math.floor((box.x + box.width) / Router.BUCKET);
            for (let k = first; k <= last; k++) {
                const list = this.buckets.get(k);
                if (list) list.push(box);
                else this.buckets.set(k, [box]);
            }
        }
    }

    /** A vertical segment at `x` from `y1` to `y2` meets no box other than `a` and `b`. */
    private free(x: number, y1: number, y2: number, a: DiagramBox, b: DiagramBox): boolean {
        const list = this.buckets.get(Math.floor(x / Router.BUCKET)) ?? [];
        return !list.some(o => o !== a && o !== b && o.x < x && x < o.x + o.width && o.y < y2 && y1 < o.y + o.height);
    }

    private gutterX(i: number): number {
        const g = this.gutters[i];
        return g.x + g.side * (2 + ((this.gutterUse.get(g.index) ?? 0) % 3) * 2.5);
    }

    /** The free gutter nearest `x` for a vertical run from `y1` to `y2` (ties: the left one). */
    private gutter(x: number, y1: number, y2: number, a: DiagramBox, b: DiagramBox): number | undefined {
        // Walk outwards from x, nearest first.
        let right = this.gutters.findIndex(g => g.x + g.side * 2 >= x);
        if (right < 0) right = this.gutters.length;
        let left = right - 1;
        while (left >= 0 || right < this.gutters.length) {
            const dl = left >= 0 ? Math.abs(x - this.gutterX(left)) : Infinity;
            const dr = right < this.gutters.length ? Math.abs(this.gutterX(right) - x) : Infinity;
            const i = dl <= dr ? left-- : right++;
            const gx = this.gutterX(i);
            if (!this.free(gx, y1, y2, a, b)) continue;
            const index = this.gutters[i].index;
            this.gutterUse.set(index, (this.gutterUse.get(index) ?? 0) + 1);
            return gx;
        }
        return undefined;
    }

    /** The y of a sideways run in the free band just above `laneTop`. */
    private channel(laneTop: number): number {
        const used = this.channelUse.get(laneTop) ?? 0;
        this.channelUse.set(laneTop, used + 1);
        return laneTop - 3 - (used % 3) * 2;
    }

    route(from: DiagramBox, fx: number, fromLane: LanePosition, to: DiagramBox, toLane: LanePosition): Point[] {
        const points: Point[] = [{ x: fx, y: from.y + from.height }];
        let x = fx;
        const move = (nx: number, y: number) => {
            points.push({ x, y }, { x: nx, y });
            x = nx;
        };
        const fromBottom = from.y + from.height;
        const fromLaneBottom = fromLane.y + fromLane.height;
        if (fromLane === toLane) return this.finish(points, x, fromBottom, to, from);
        // out of the source's lane
        if (!this.free(x, fromBottom, fromLaneBottom, from, to)) {
            const gx = this.gutter(x, fromBottom + 4, fromLaneBottom, from, to);
            if (gx !== undefined) move(gx, fromBottom + 4);
        }
        // across the lanes in between
        const first = this.lanes.indexOf(fromLane) + 1;
        const last = this.lanes.indexOf(toLane);
        for (let i = first; i < last; i++) {
            const lane = this.lanes[i];
            if (this.free(x, lane.y, lane.y + lane.height, from, to)) continue;
            const gx = this.gutter(x, lane.y, lane.y + lane.height, from, to);
            if (gx !== undefined) move(gx, this.channel(lane.y));
        }
        return this.finish(points, x, toLane.y, to, from);
    }

    /** Into the target from `x` at `top` (the top of its lane). */
    private finish(points: Point[], x: number, top: number, to: DiagramBox, from: DiagramBox): Point[] {
        const inside = (v: number) => v >= to.x + 6 && v <= to.x + to.width - 6;
        const tx = clamp(x, to.x + 10, to.x + to.width - 10);
        if (inside(x) && this.free(x, top, to.y, from, to)) {
            points.push({ x, y: to.y });
        } else if (this.free(tx, top, to.y, from, to)) {
            const cy = this.channel(top);
            points.push({ x, y: cy }, { x: tx, y: cy }, { x: tx, y: to.y });
        } else {
            const gx = this.gutter(tx, top, to.y - 4, from, to);
            const cy = this.channel(top);
            if (gx !== undefined) points.push({ x, y: cy }, { x: gx, y: cy }, { x: gx, y: to.y - 4 }, { x: tx, y: to.y - 4 }, { x: tx, y: to.y });
            else points.push({ x: tx, y: to.y });
        }
        return simplify(points);
    }
}

/** Drops repeated points and middle points of straight runs. */
function simplify(points: Point[]): Point[] {
    const out: Point[] = [];
    for (const p of points) {
        const last = out[out.length - 1];
        if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
        const before = out[out.length - 2];
        if (before && last && ((Math.abs(before.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) || (Math.abs(before.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))) {
            out[out.length - 1] = p;
            continue;
        }
        out.push(p);
    }
    return out;
}
