import type * as ast from '../../generated/ast.js';
import type { CustomerModel, InformationModel, JourneyModel, KpiModel, ObjectiveModel, ProcessModel, SystemModel } from '../../model/journey-model.js';
import { targetText } from '../../model/kpi-status.js';
import { customersText, label, plural } from '../../model/labels.js';
import { MOMENT_KIND_LABEL } from '../../model/lifecycle.js';
import { METRICS } from '../../model/metrics.js';
import { formatMoney, formatNumber } from '../../model/money.js';
import { DEFAULT_CONFIDENCE, type CustomerAtRisk } from '../../model/value-at-stake.js';
import { figureLines, opportunityLines } from '../../model/value-text.js';
import { kindOf } from '../../references/declarations.js';

export interface HoverFacts {
    id: string;
    doc?: string;
    /** The model of the declaration's journey, when it is inside one. */
    journey?: JourneyModel;
    references: number;
    /** `YYYY-MM-DD`: a missed KPI due before it is overdue. */
    asOf?: string;
    standalone: { customer?: CustomerModel; system?: SystemModel; information?: InformationModel; process?: ProcessModel; objective?: ObjectiveModel };
    /** A customer's share of the value at risk of every journey of the workspace. */
    customerAtRisk?: CustomerAtRisk;
}


/** The hover text (Markdown) of a declaration: a pure function of the declaration and its facts. */
export function describeDeclaration(node: ast.Declaration, facts: HoverFacts): string {
    const heading = `**${kindOf(node)}** \`${facts.id}\`${node.title ? ` — ${node.title}` : ''}`;
    const lines = factsOf(node, facts).filter(Boolean);
    const parts = [heading];
    if (facts.doc) parts.push(facts.doc);
    if (lines.length > 0) parts.push(lines.join('  \n'));
    // Nothing refers to a journey itself (only to its members, as `Journey.Name`).
    if (node.$type !== 'Journey') parts.push(`_${plural(facts.references, 'reference')}_`);
    return parts.join('\n\n');
}

function factsOf(node: ast.Declaration, facts: HoverFacts): string[] {
    const j = facts.journey;
    const id = facts.id;
    switch (node.$type) {
        case 'Customer': {
            const c = j?.customerDetails.find(x => x.id === id) ?? facts.standalone.customer;
            return c ? [c.segment && `Segment: ${c.segment}`, c.tier && `Value tier: ${c.tier}`, c.clv && `CLV: ${c.clv.text}`,
                c.count !== undefined ? `Count: ${customersText(c.count)}` : '', c.needs.length > 0 ? `Needs: ${c.needs.join(', ')}` : '',
                ...customerAtRiskLines(c, facts.customerAtRisk)] as string[] : [];
        }
        case 'System': {
            const s = facts.standalone.system;
            return s ? [s.type && `Type: ${s.type}`, s.owner && `Owner: ${s.owner}`, s.approved && `Approved for: ${s.approved} data`] as string[] : [];
        }
        case 'Information': {
            const i = facts.standalone.information;
            return i ? [i.classification && `Classification: ${i.classification}`, i.source && `System of record: \`${i.source}\``, i.owner && `Owner: ${i.owner}`] as string[] : [];
        }
        case 'Process': {
            const p = j?.processes.find(x => x.id === id) ?? facts.standalone.process;
            return p ? [
                p.owner && `Owner: ${p.owner}`, p.lane && `Lane: ${p.lane}`, p.sla && `SLA: ${p.sla.text}`,
                p.systems.length > 0 ? `Systems: ${p.systems.map(code).join(', ')}` : '',
                p.steps.length > 0 ? `Steps: ${p.steps.join(' → ')}` : ''
            ] as string[] : [];
        }
        case 'Kpi': {
            const k = (j?.objectives ?? [facts.standalone.objective]).flatMap(o => o?.kpis ?? []).find(x => x.id === id);
            return k ? [kpiLine(k, facts.asOf), seriesLine(k), k.owner ? `Owner: ${k.owner}` : ''] : [];
        }
        case 'Objective': {
            const o = j?.objectives.find(x => x.id === id) ?? facts.standalone.objective;
            if (!o) return [];
            const judged = o.kpis.filter(k => k.met !== undefined);
            return [
                o.for.length > 0 ? `For: ${o.for.map(code).join(', ')}` : '',
                judged.length > 0 ? `${judged.filter(k => k.met).length} of ${o.kpis.length} KPIs on target` : `${o.kpis.length} KPIs`,
                ...o.kpis.map(k => `- \`${k.name}\`: ${kpiLine(k, facts.asOf)}${k.owner ? ` · owner ${k.owner}` : ''}`)
            ];
        }
        case 'Stage': {
            const s = j?.stages.find(x => x.id === id);
            if (!s || !j) return [];
            const moments = j.moments.filter(m => m.stage === s.id).length;
            return [s.category && `Category: ${s.category}`, `${plural(s.touchpoints.length, 'touchpoint')} · ${plural(moments, 'moment of truth', 'moments of truth')}`] as string[];
        }
        case 'Touchpoint': {
            const t = j?.touchpoints.find(x => x.id === id);
            if (!t || !j) return [];
            const stage = j.stages.find(s => s.id === t.stage);
            const moments = j.moments.filter(m => m.at === t.id);
            return [
                stage && `Stage: ${label(stage)}${stage.category ? ` (${stage.category})` : ''}`,
                t.channel && `Channel: ${t.channel}`,
                t.emotion !== undefined ? `Emotion: ${t.emotion > 0 ? '+' : ''}${t.emotion}` : '',
                t.reach !== undefined ? `Reach: ${t.reach}% of its customers` : '',
                moments.length > 0 ? `Moments of truth: ${moments.map(m => `\`${m.name}\`${m.momentKind ? ` (${MOMENT_KIND_LABEL[m.momentKind]})` : ''}`).join(', ')}` : ''
            ] as string[];
        }
        case 'Moment': {
            const m = j?.moments.find(x => x.id === id);
            if (!m || !j) return [];
            const tp = j.touchpoints.find(t => t.id === m.at);
            return [
                m.momentKind && `Kind: ${m.momentKind} (${MOMENT_KIND_LABEL[m.momentKind]})`,
                [m.polarity, m.impact && `${m.impact} impact`].filter(Boolean).join(' · '),
                tp && `At: \`${tp.name}\`${tp.title ? ` — ${tp.title}` : ''}`,
                m.kpis.length > 0 ? `Measured by: ${m.kpis.map(k => kpiRef(j, k)).join(', ')}` : '',
                m.recovery && `Recovery: \`${m.recovery}\``,
                ...(m.valueAtRisk ? figureLines('Value at risk', m.valueAtRisk) : [])
            ] as string[];
        }
        case 'Pain': {
            const p = j?.pains.find(x => x.id === id);
            return p ? [p.severity && `Severity: ${p.severity}`, p.at && `At: \`${p.at}\``, ...(p.exposure ? figureLines('Exposure', p.exposure) : [])] as string[] : [];
        }
        case 'Opportunity': {
            const o = j?.opportunities.find(x => x.id === id);
            return o ? [
                o.addresses.length > 0 ? `Addresses: ${o.addresses.map(code).join(', ')}` : '',
                o.improves.length > 0 ? `Improves: ${o.improves.map(k => kpiRef(j!, k)).join(', ')}` : '',
                o.owner && `Owner: ${o.owner}`,
                [o.status && `Status: ${o.status}`, o.effort ? `effort ${o.effort}` : 'no effort given',
                    `confidence ${o.confidence ?? DEFAULT_CONFIDENCE}%${o.confidence === undefined ? ' (default)' : ''}`].filter(Boolean).join(' · '),
                ...(o.value ? opportunityLines(o.value) : [])
            ] as string[] : [];
        }
        case 'Journey': {
            if (!j) return [];
            return [`${plural(j.stages.length, 'stage')} · ${plural(j.touchpoints.length, 'touchpoint')} · ${plural(j.moments.length, 'moment of truth', 'moments of truth')}`,
                j.customers.length > 0 ? `Customers: ${j.customers.map(code).join(', ')}` : ''];
        }
        default:
            return [];
    }
}

/** What a customer stands to lose: its share of every negative or mixed moment, with the inputs; and what is left out, as model/ says. */
function customerAtRiskLines(c: CustomerModel, atRisk: CustomerAtRisk | undefined): string[] {
    if (!atRisk || (atRisk.terms.length === 0 && atRisk.unknown.length === 0)) return ['Value at risk: none (no negative or mixed moment of truth concerns it)'];
    // The customer's own gaps briefly (its hover says which customer); a moment's in the model's words.
    const reasons = [...new Set(atRisk.unknown.map(u => u.element === c.id ? `no \`${u.missing}\`` : u.reason))];
    if (atRisk.terms.length === 0) return [`Value at risk: unknown (${reasons.join('; ')})`];
    return [
        `Value at risk: ${formatMoney(atRisk.total)} (${plural(atRisk.terms.length, 'moment of truth', 'moments of truth')})`,
        ...atRisk.terms.map(t => `- \`${t.moment}\`: ${formatNumber(t.term.count)} × ${formatMoney([t.term.clv])} × ${formatNumber(t.term.reach)}% = ${formatMoney([t.term.amount])}`),
        ...reasons.map(r => `- not counted: ${r}`)
    ];
}

/** "metric nps · better higher · current 32 · target ≥ 45 · due 2026-10-31 · **missed** ✗ · **overdue**" */
export function kpiLine(k: KpiModel, asOf?: string): string {
    // `better` where it says more than the metric does (a count, a custom metric, or the other way round).
    const better = k.direction && k.direction !== (k.metric ? METRICS[k.metric]?.direction : undefined) ? `better ${k.direction}` : undefined;
    const value = k.current && (k.actual
        ? `actual ${k.current.text} on ${k.actual.date}${k.writtenCurrent ? ` (the file says ${k.writtenCurrent.text})` : ''}`
        : `current ${k.current.text}`);
    const parts = [k.metric && `metric ${k.metric}`, better, value,
        k.target && `target ${targetText(k)}`, k.due && `due ${k.due}`];
    if (k.met !== undefined) parts.push(k.met ? '**met** ✓' : '**missed** ✗');
    if (k.met === false && k.due && asOf && k.due < asOf) parts.push('**overdue**');
    if (k.trend) parts.push(`${TREND[k.trend.change]} since ${k.trend.from}${k.trend.improving === undefined ? '' : k.trend.improving ? ' (better)' : ' (worse)'}`);
    if (k.actual?.stale) parts.push(`**stale**: measured ${k.actual.ageDays} days ago`);
    return parts.filter(Boolean).join(' · ');
}

const TREND = { up: '↑ up', down: '↓ down', flat: '→ flat' } as const;

/** The KPI's measurements, oldest first, its actual last: `Series: 2026-09-30 92% → 2026-10-31 93.5% → 2026-11-30 95.1%`. */
export function seriesLine(k: KpiModel): string {
    if (!k.actual || !k.series) return '';
    const points = [...k.series, k.actual].slice(-6);
    const more = k.series.length + 1 > points.length ? '… → ' : '';
    return `Series: ${more}${points.map(p => `${p.date} ${p.value.text}`).join(' → ')}`;
}

/** A KPI the journey names, with its status: `` `Nps` (missed) ``. */
function kpiRef(j: JourneyModel, id: string): string {
    const k = j.objectives.flatMap(o => o.kpis).find(x => x.id === id);
    return k?.met === undefined ? code(id) : `${code(id)} (${k.met ? 'met' : 'missed'})`;
}

function code(id: string): string {
    return `\`${id}\``;
}


