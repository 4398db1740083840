/**
 * What one journey picture draws, by the keys of the style tables (styles.ts): which line styles,
 * polarities, impacts, moment kinds, emotion signs, KPI statuses, usage marks and cards appear in
 * it. The legend lists these entries and no others, so a tiny journey or the compact mode gets a
 * legend of what it shows, not of everything the view can show.
 */
import type { KpiModel, MomentModel, TouchpointModel } from '../../model/journey-model.js';
import { kpiSeriesPoints, kpiStatus, type KpiStatus } from '../../model/kpi-status.js';
import type { DiagramBox, DiagramLine, LineKind } from '../types.js';
import type { Item } from './item.js';
import { usageMark, type UsageRow } from './matrix.js';
import { IMPACT_RADIUS, MOMENT_KINDS, emotionKey, polarityKey, type EmotionKey, type PolarityKey, type UsageMark } from './styles.js';

export interface Drawn {
    lines: ReadonlySet<LineKind>;
    polarities: ReadonlySet<PolarityKey>;
    /** The impacts of IMPACT_RADIUS that size a drawn moment's marker. */
    impacts: ReadonlySet<string>;
    /** The kinds of MOMENT_KINDS that a drawn moment's tag names. */
    momentKinds: ReadonlySet<string>;
    /** A ring on the emotion curve: a moment at a touchpoint with an emotion. */
    rings: boolean;
    emotions: ReadonlySet<EmotionKey>;
    kpiStatuses: ReadonlySet<KpiStatus>;
    /** A KPI drawn with the sparkline of its actuals. */
    sparkline: boolean;
    /** A moment's card with its recovery badge. */
    recovery: boolean;
    usage: ReadonlySet<UsageMark>;
    cards: ReadonlySet<'pain' | 'opportunity'>;
    /** An element marked for an error in the model. */
    problems: boolean;
}

export interface DrawnInput {
    /** The items placed in the lanes. */
    items: readonly Item[];
    usage: readonly UsageRow[];
    lines: readonly DiagramLine[];
    boxes: readonly DiagramBox[];
    /** The KPIs a moment's card or the KPIs lane may name, by id. */
    kpis: ReadonlyMap<string, KpiModel>;
    /** The KPIs of the objectives panel, when it is drawn. */
    panelKpis: readonly KpiModel[];
    rings: boolean;
}

export function drawnSignals(input: DrawnInput): Drawn {
    const polarities = new Set<PolarityKey>();
    const impacts = new Set<string>();
    const momentKinds = new Set<string>();
    const emotions = new Set<EmotionKey>();
    const kpiStatuses = new Set<KpiStatus>();
    const cards = new Set<'pain' | 'opportunity'>();
    let recovery = false;
    let sparkline = false;
    const kinds = new Set(MOMENT_KINDS.map(k => k.kind));
    for (const item of input.items) {
        if (item.kind === 'moment') {
            const m = item.element as MomentModel;
            polarities.add(polarityKey(m.polarity));
            if (m.impact !== undefined && m.impact in IMPACT_RADIUS) impacts.add(m.impact);
            if (m.momentKind !== undefined && kinds.has(m.momentKind)) momentKinds.add(m.momentKind);
            if (m.recovery) recovery = true;
            for (const id of m.kpis) {
                const kpi = input.kpis.get(id);
                kpiStatuses.add(kpi ? kpiStatus(kpi) : 'unknown');
            }
        } else if (item.kind === 'touchpoint') {
            const tp = item.element as TouchpointModel;
            if (tp.emotion !== undefined) emotions.add(emotionKey(tp.emotion));
        } else if (item.kind === 'kpi') {
            kpiStatuses.add(kpiStatus(item.element as KpiModel));
        } else if (item.kind === 'pain' || item.kind === 'opportunity') {
            cards.add(item.kind);
        }
    }
    for (const kpi of input.panelKpis) {
        kpiStatuses.add(kpiStatus(kpi));
        if (kpiSeriesPoints(kpi)) sparkline = true;
    }
    const usage = new Set<UsageMark>();
    for (const row of input.usage) for (const use of row.uses.values()) usage.add(usageMark(use.how));
    return {
        lines: new Set(input.lines.map(l => l.kind)),
        polarities, impacts, momentKinds, rings: input.rings, emotions, kpiStatuses, sparkline, recovery, usage, cards,
        problems: input.boxes.some(b => b.problem !== undefined)
    };
}
