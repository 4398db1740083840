/**
 * Phase 4, the connectors: a touchpoint to each process it uses, an opportunity to each pain or
 * moment it addresses, and (drawn only on hover: the moment's card names the process in a
 * badge) a moment to its recovery process. Orthogonal routes down the lanes, from the bottom of
 * one box to the top of another, on tracks of their own: straight down where nothing is in the
 * way; otherwise sideways in the free band at a lane boundary to a free track in the nearest
 * gutter between columns, down that track, and back under the target. No route runs through a
 * box (cards, emotion points), along a line of the blueprint or a lane's rule, or near a track
 * another connector holds there.
 *
 * A touchpoint's connectors are one bundle, as a designer draws them: one trunk from the card
 * down its column's spine, each connector leaving it where its own way parts (a tree, not two or
 * three lines side by side, which read as one double line). Distinct runs keep TRACK apart, and
 * CLEARANCE from rules, lines and the edges of cards they pass.
 */
import type { JourneyModel, MomentModel } from '../../model/journey-model.js';
import { clamp } from '../kit.js';
import type { DiagramBox, DiagramLine, LanePosition, Point } from '../types.js';
import type { Placed } from './lanes.js';
import type { Columns, Slot } from './slots.js';
import { JOURNEY_SIZES as S } from './sizes.js';
import { LINE_STYLES, type ConnectorKind, type LineStyle } from './styles.js';

export function connectors(
    model: JourneyModel, columns: Columns, momentSlot: (m: MomentModel) => number, placed: Placed[], lanes: LanePosition[],
    obstacles: DiagramBox[], lineYs: number[]
): DiagramLine[] {
    const line = (kind: ConnectorKind, from: string, to: string, points: Point[]): DiagramLine => {
        const s: LineStyle = LINE_STYLES[kind];
        return {
            kind, from, to, points, shape: 'polyline', stroke: s.stroke, width: s.width,
            ...(s.dash ? { dash: s.dash } : {}), ...(s.opacity !== undefined ? { opacity: s.opacity } : {}), ...(s.arrow ? { arrow: true } : {}),
            ...(kind === 'recovery' ? { hidden: true } : {})
        };
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
    const router = new Router([...placed.map(p => p.box), ...obstacles], lanes, columns.slots, lineYs);
    columns.touchpoints.forEach((tp, index) => {
        const slot = columns.touchpointSlots[index];
        const card = nearest(tp.id, slot);
        if (!card) return;
        const targets = tp.processes.filter(p => boxesOf.has(p));
        for (const p of targets) {
            const target = nearest(p, slot)!;
            // Down the middle of the column's spine, the right edge that the cards below leave free: one trunk for them all.
            const cx = clamp(card.x + card.width - S.spine / 2, card.x + 8, card.x + card.width - 3);
            lines.push(line('uses', tp.id, p, router.route(card, cx, laneOfBox.get(card)!, target, laneOfBox.get(target)!, { bundle: index })));
        }
    });
    for (const o of model.opportunities) {
        const source = boxesOf.get(o.id)?.[0];
        if (!source) continue;
        for (const a of o.addresses) {
            if (!boxesOf.has(a)) continue;
            // Routed from the pain or moment down to the opportunity, drawn the other way.
            const target = nearest(a, source.item.start)!;
            const tx = clamp(source.box.x + source.box.width / 2, target.x + 10, target.x + target.width - 10);
            lines.push(line('addresses', o.id, a, router.route(target, tx, laneOfBox.get(target)!, source.box, laneOfBox.get(source.box)!).reverse()));
        }
    }
    // Last, and holding no track: drawn only while the moment or the process is pointed at.
    for (const m of model.moments) {
        if (!m.recovery || !boxesOf.has(m.recovery)) continue;
        const slot = momentSlot(m);
        const source = nearest(m.id, slot);
        const target = nearest(m.recovery, slot);
        if (!source || !target) continue;
        const sx = clamp(target.x + target.width / 2, source.x + 10, source.x + source.width - 10);
        lines.push(line('recovery', m.id, m.recovery, router.route(source, sx, laneOfBox.get(source)!, target, laneOfBox.get(target)!, { hold: false })));
    }
    return lines;
}

/** Distinct runs are at least this far apart (closer, two lines read as one double line). */
export const TRACK = 6;
/** A run keeps at least this far from a rule or a line of the blueprint it runs beside, and from the edge of a card it passes. */
export const CLEARANCE = 6;

/** A run held by a route: where it is (x or y), from, to, and the bundle it belongs to (-1: none). */
type Run = [number, number, number, number];

/**
 * How far apart routes keep, and the gutters' tracks that gives. A route that cannot be made at
 * TRACK and CLEARANCE (a crowded corner of a dense journey) is made again at the narrow spacing,
 * rather than left running through a box or ending beside its target.
 */
interface Spacing {
    track: number;
    clearance: number;
    /** The x of every gutter track, sorted. */
    tracks: number[];
}
const NARROW = { track: 3, clearance: 3 };

class Router {
    private readonly wide: Spacing;
    private readonly narrow: Spacing;
    /** The spacing of the route being made. */
    private spacing: Spacing;
    /** The route being made found no free way somewhere (and took the direct one). */
    private failed = false;
    /** Boxes by horizontal bucket, so that a look-up does not scan the whole diagram. */
    private buckets = new Map<number, DiagramBox[]>();
    private static readonly BUCKET = 128;
    /** The vertical and horizontal runs routed so far: [x (or y), from, to], by the whole pixel of their x (or y). */
    private verticals = new Map<number, Run[]>();
    private horizontals = new Map<number, Run[]>();
    /** The bundle of the route being made: runs of its own bundle it may share (exactly), no others. */
    private bundle = -1;

    constructor(boxes: DiagramBox[], private readonly lanes: LanePosition[], slots: Slot[], private readonly lineYs: number[]) {
        const boundaries = slots.length > 0 ? [...slots.map(slot => slot.x), slots[slots.length - 1].x + slots[slots.length - 1].width] : [];
        // A gutter is 2 × inset wide between the cards of two columns: as many tracks as fit `clearance` from both cards, centred.
        const spacing = (track: number, clearance: number): Spacing => {
            const perGutter = Math.max(1, Math.floor((2 * S.inset - 2 * clearance) / track) + 1);
            const tracks = boundaries.flatMap(b => Array.from({ length: perGutter }, (_, k) => b + (k - (perGutter - 1) / 2) * track));
            return { track, clearance, tracks: tracks.sort((a, b) => a - b) };
        };
        this.wide = spacing(TRACK, CLEARANCE);
        this.narrow = spacing(NARROW.track, NARROW.clearance);
        this.spacing = this.wide;
        this.inColumn = slots.flatMap(slot => [1, 2, 3, 4, 5].map(k => slot.x + slot.width * k / 6));
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

    private boxesNear(x1: number, x2: number): DiagramBox[] {
        const first = Math.floor(Math.min(x1, x2) / Router.BUCKET);
        const last = Math.floor(Math.max(x1, x2) / Router.BUCKET);
        if (first === last) return this.buckets.get(first) ?? [];
        const out = new Set<DiagramBox>();
        for (let k = first; k <= last; k++) for (const b of this.buckets.get(k) ?? []) out.add(b);
        return [...out];
    }

    /** A run routed before lies closer than `track` to `at` and overlaps `a`..`b`; a run of `bundle` exactly on `at` is shared, not in the way. */
    private static taken(runs: Map<number, Run[]>, at: number, a: number, b: number, bundle: number, track: number): boolean {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        for (let key = Math.floor(at - track); key <= Math.floor(at + track); key++) {
            const list = runs.get(key);
            if (!list) continue;
            for (const [r, p, q, owner] of list) {
                if (Math.abs(r - at) < track - 0.01 && p < hi - 0.5 && lo + 0.5 < q && !(bundle >= 0 && owner === bundle && Math.abs(r - at) < 0.01)) return true;
            }
        }
        return false;
    }

    private static hold(runs: Map<number, Run[]>, at: number, a: number, b: number, bundle: number): void {
        const key = Math.floor(at);
        const list = runs.get(key);
        const run: Run = [at, Math.min(a, b), Math.max(a, b), bundle];
        if (list) list.push(run);
        else runs.set(key, [run]);
    }

    /** A vertical run at `x` from `y1` to `y2` keeps the clearance from every box other than `a` and `b`, and the track spacing from runs routed before. */
    private clearV(x: number, y1: number, y2: number, a: DiagramBox, b: DiagramBox): boolean {
        const lo = Math.min(y1, y2);
        const hi = Math.max(y1, y2);
        const { clearance, track } = this.spacing;
        if (this.boxesNear(x - clearance, x + clearance).some(o => o !== a && o !== b && o.x - clearance < x && x < o.x + o.width + clearance && o.y < hi && lo < o.y + o.height)) return false;
        return !Router.taken(this.verticals, x, lo, hi, this.bundle, track);
    }

    /** A horizontal run at `y` from `x1` to `x2` keeps the clearance from the lines and from every box other than `a` and `b`, and the track spacing from runs routed before. */
    private clearH(y: number, x1: number, x2: number, a: DiagramBox, b: DiagramBox): boolean {
        const lo = Math.min(x1, x2);
        const hi = Math.max(x1, x2);
        const { clearance, track } = this.spacing;
        if (this.lineYs.some(ly => Math.abs(ly - y) < clearance)) return false;
        if (this.boxesNear(lo, hi).some(o => o !== a && o !== b && o.x < hi && lo < o.x + o.width && o.y - clearance < y && y < o.y + o.height + clearance)) return false;
        return !Router.taken(this.horizontals, y, lo, hi, this.bundle, track);
    }

    private inColumn: number[];

    /** A free track nearest `x` for a vertical run from `y1` to `y2`, reached sideways at `y` (ties: the left one). */
    private gutter(x: number, y: number, y1: number, y2: number, a: DiagramBox, b: DiagramBox): number | undefined {
        return this.gutterChoices(x).find(gx => this.clearV(gx, y1, y2, a, b) && this.clearH(y, x, gx, a, b));
    }

    /** A free track for a sideways run from `x1` to `x2` in the band at the lane boundary `top`. */
    private channel(top: number, x1: number, x2: number, a: DiagramBox, b: DiagramBox): number | undefined {
        const { clearance: c, track: t } = this.spacing;
        const offsets = [c, -c, c + t, -c - t, c + 2 * t, -c - 2 * t];
        for (const d of offsets) if (this.clearH(top + d, x1, x2, a, b)) return top + d;
        return undefined;
    }

    /**
     * The route from the bottom of `from` at `fx` to the top of `to`. `bundle`: the connectors of one
     * source, which share their runs where their ways are the same; `hold: false`: a route drawn only
     * on demand, which keeps clear of the others but holds nothing.
     */
    route(from: DiagramBox, fx: number, fromLane: LanePosition, to: DiagramBox, toLane: LanePosition, { bundle = -1, hold = true }: { bundle?: number; hold?: boolean } = {}): Point[] {
        this.bundle = bundle;
        this.spacing = this.wide;
        let route = this.attempt(from, fx, fromLane, to, toLane);
        if (this.failed) {
            this.spacing = this.narrow;
            const narrow = this.attempt(from, fx, fromLane, to, toLane);
            if (!this.failed) route = narrow;
            this.spacing = this.wide;
        }
        if (hold) this.holdRoute(route, bundle);
        return route;
    }

    /** One try at the route, at the current spacing; `failed` says whether it found its way. */
    private attempt(from: DiagramBox, fx: number, fromLane: LanePosition, to: DiagramBox, toLane: LanePosition): Point[] {
        this.failed = false;
        const points: Point[] = [{ x: fx, y: from.y + from.height }];
        let x = fx;
        let y = from.y + from.height;
        const down = (ny: number) => {
            points.push({ x, y: ny });
            y = ny;
        };
        const across = (nx: number) => {
            points.push({ x: nx, y });
            x = nx;
        };
        const fromLaneBottom = fromLane.y + fromLane.height;
        if (fromLane !== toLane) {
            // out of the source's lane
            if (!this.clearV(x, y, fromLaneBottom, from, to)) {
                // A box stacked under the source: out sideways through the middle of the gap between them.
                const gy = y + S.stackGap / 2;
                const gx = this.gutter(x, gy, gy, fromLaneBottom, from, to);
                if (gx === undefined) this.failed = true;
                else {
                    down(gy);
                    across(gx);
                }
            }
            // across the lanes in between
            const first = this.lanes.indexOf(fromLane) + 1;
            const last = this.lanes.indexOf(toLane);
            for (let i = first; i < last; i++) {
                const lane = this.lanes[i];
                if (this.clearV(x, y, lane.y + lane.height, from, to)) continue;
                let found = false;
                for (const gx of this.gutterChoices(x)) {
                    const cy = this.channel(lane.y, x, gx, from, to);
                    if (cy === undefined || !this.clearV(x, y, cy, from, to) || !this.clearV(gx, cy, lane.y + lane.height, from, to)) continue;
                    down(cy);
                    across(gx);
                    found = true;
                    break;
                }
                if (!found) this.failed = true;
            }
        }
        this.finish(points, x, y, toLane.y, to, from, down, across);
        return simplify(points);
    }

    /** The tracks nearest `x` first: the gutters' within two columns, then the columns' own. */
    private gutterChoices(x: number): number[] {
        return [...nearest(this.spacing.tracks, x, 24), ...nearest(this.inColumn, x, 20)];
    }

    /** Into the target from (x, y), `top` being the top of its lane; a free entry on its top edge. */
    private finish(points: Point[], x: number, y: number, top: number, to: DiagramBox, from: DiagramBox, down: (y: number) => void, across: (x: number) => void): void {
        const entries = [clamp(x, to.x + 4, to.x + to.width - 4)];
        for (let k = 1; k <= 6; k++) entries.push(entries[0] + 8 * k, entries[0] - 8 * k);
        const inside = entries.filter(e => e >= to.x + 4 && e <= to.x + to.width - 4);
        if (Math.abs(inside[0] - x) < 0.01 && this.clearV(x, y, to.y, from, to)) {
            down(to.y);
            return;
        }
        for (const tx of inside) {
            const cy = this.channel(top, x, tx, from, to);
            if (cy !== undefined && cy < to.y && this.clearV(x, y, cy, from, to) && this.clearV(tx, cy, to.y, from, to)) {
                down(cy);
                across(tx);
                down(to.y);
                return;
            }
        }
        // Stacked under another box of its lane: down a gutter to the gap above the target, then in.
        for (const tx of inside) {
            const gy = to.y - S.stackGap / 2;
            for (const gx of this.gutterChoices(tx)) {
                const cy = this.channel(top, x, gx, from, to);
                // (the channel above the gap, never on the target's own top edge or below it)
                if (cy === undefined || cy >= gy || !this.clearV(x, y, cy, from, to) || !this.clearV(gx, cy, gy, from, to) || !this.clearH(gy, gx, tx, from, to) || !this.clearV(tx, gy, to.y, from, to)) continue;
                down(cy);
                across(gx);
                down(gy);
                across(tx);
                down(to.y);
                return;
            }
        }
        this.failed = true;
        points.push({ x, y: to.y });
    }

    private holdRoute(route: Point[], bundle: number): void {
        for (let i = 1; i < route.length; i++) {
            const [a, b] = [route[i - 1], route[i]];
            if (Math.abs(a.x - b.x) < 0.01) Router.hold(this.verticals, a.x, a.y, b.y, bundle);
            else if (Math.abs(a.y - b.y) < 0.01) Router.hold(this.horizontals, a.y, a.x, b.x, bundle);
        }
    }
}

/** The `n` values of the sorted `list` nearest `x`, nearest first (ties: the smaller). */
function nearest(list: number[], x: number, n: number): number[] {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    let left = lo - 1;
    let right = lo;
    const out: number[] = [];
    while (out.length < n && (left >= 0 || right < list.length)) {
        const dl = left >= 0 ? x - list[left] : Infinity;
        const dr = right < list.length ? list[right] - x : Infinity;
        out.push(dl <= dr ? list[left--] : list[right++]);
    }
    return out;
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
