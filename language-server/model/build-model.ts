import { AstUtils, CstUtils, GrammarUtils, isJSDoc, parseJSDoc, type AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import { enclosingJourney } from '../references/declarations.js';
import type {
    CheckedCustomerModel, CheckedJourneyModel, CustomerModel, Element, InformationModel, JourneyModel, KpiData, KpiModel, KpiPoint, MomentModel, ObjectiveModel, OpportunityModel,
    PainModel, ProcessModel, SourceLocation, StageModel, SystemModel, TouchpointModel
} from './journey-model.js';
import { effectiveComparator, isMet, kpiDirection, magnitude, type Direction } from './metrics.js';
import { hasProp, listProp, quantityProp, targetsOf, textProp } from './props.js';
import { attachValueAtStake } from './value-at-stake.js';
import type { Value } from './values.js';
import { PROPERTY_EXPECTATIONS, metricExpectation, quantityIssue } from './value-rules.js';

/** The model's id of a declaration: `Name` at top level, `Container.Name` inside a journey or top-level objective. */
export function idOf(node: ast.Declaration): string {
    const journey = enclosingJourney(node.$container);
    if (journey) return `${journey.name}.${node.name}`;
    if (ast.isKpi(node)) return `${node.$container.name}.${node.name}`;
    return node.name;
}

/** The text of a `/** doc *\/` comment right before a declaration. */
export function docOf(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !isJSDoc(comment)) return undefined;
    const text = parseJSDoc(comment).toMarkdown().trim();
    return text || undefined;
}

function sourceOf(node: ast.Declaration): SourceLocation | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const location: SourceLocation = { uri: AstUtils.getDocument(node).uri.toString(), range: cst.range };
    const nameNode = GrammarUtils.findNodeForProperty(cst, 'name');
    if (nameNode) location.nameRange = nameNode.range;
    return location;
}

/**
 * The element of `node` as the start of a model of `kind`: its fields, then `kind`; the builders add theirs in
 * order (`put` those that may be missing), which gives the keys the order the JSON exports show. (Spreading
 * `{ ...element(), kind, ...opt(key, value) }` made an object per optional field and copied each: the journey
 * models were a tenth of `copis validate`.)
 * `details`: doc comments and source locations, which the preview and exports need and validation does not.
 */
function element<E extends Element & { kind: string }>(node: ast.Declaration, details: boolean, kind: E['kind']): E {
    const e = { id: idOf(node), name: node.name } as E;
    if (node.title !== undefined) e.title = node.title;
    if (details) {
        const doc = docOf(node);
        if (doc) e.doc = doc;
        const location = sourceOf(node);
        if (location) e.location = location;
    }
    e.kind = kind;
    return e;
}

export function customerModel(node: ast.Customer, details = true): CustomerModel {
    const c = element<CustomerModel>(node, details, 'customer');
    put(c, 'segment', textProp(node, 'segment'));
    put(c, 'tier', textProp(node, 'value') as CustomerModel['tier']);
    put(c, 'clv', validValue(quantityProp(node, 'clv')?.value, 'clv'));
    c.needs = listProp(node, 'needs');
    put(c, 'count', validValue(quantityProp(node, 'count')?.value, 'count')?.value as number | undefined);
    return c;
}

export function systemModel(node: ast.System, details = true): SystemModel {
    const s = element<SystemModel>(node, details, 'system');
    put(s, 'type', textProp(node, 'type'));
    put(s, 'owner', textProp(node, 'owner'));
    put(s, 'approved', textProp(node, 'approved'));
    return s;
}

export function informationModel(node: ast.Information, details = true): InformationModel {
    const source = targetsOf(node, 'source', ast.isSystem)[0];
    const i = element<InformationModel>(node, details, 'information');
    put(i, 'source', source && idOf(source));
    put(i, 'owner', textProp(node, 'owner'));
    put(i, 'classification', textProp(node, 'classification'));
    return i;
}

/** The actuals of a KPI (language §7), from the actuals service; none when it has no row. */
export type ActualsOf = (kpi: ast.Kpi) => KpiData | undefined;

export function kpiModel(node: ast.Kpi, details = true, actualsOf?: ActualsOf): KpiModel {
    const metric = textProp(node, 'metric');
    const direction = kpiDirection(metric, textProp(node, 'better'));
    const expected = metric ? metricExpectation(metric) : undefined;
    // Values that break their metric's rules are left out: the model never shows them as met or missed.
    const valid = (v: Value | undefined) => v && (!expected || !quantityIssue(v, expected, '')) ? v : undefined;
    const written = valid(quantityProp(node, 'current')?.value);
    const data = actualsOf?.(node);
    const actual = data?.actual;
    // The latest actual takes the place of `current` wherever met or missed is judged or shown.
    const current = actual ? actual.value : written;
    const targetProp = quantityProp(node, 'target');
    const targetValue = valid(targetProp?.value);
    const target = targetProp && targetValue ? { op: effectiveComparator(targetProp.prop.op, direction), value: targetValue } : undefined;
    const due = validValue(quantityProp(node, 'due')?.value, 'due');
    const met = current && target ? isMet(current, target.op, target.value) : undefined;
    const k = element<KpiModel>(node, details, 'kpi');
    k.objective = idOf(node.$container);
    put(k, 'metric', metric);
    put(k, 'direction', direction);
    put(k, 'current', current);
    put(k, 'writtenCurrent', actual ? written : undefined);
    put(k, 'actual', actual);
    put(k, 'series', data ? data.series : undefined);
    put(k, 'trend', actual ? trendOf(actual, data!.series, direction) : undefined);
    put(k, 'target', target);
    put(k, 'due', due?.form === 'date' ? due.value : undefined);
    put(k, 'unit', textProp(node, 'unit'));
    put(k, 'owner', textProp(node, 'owner'));
    put(k, 'met', met);
    return k;
}

/** How an actual compares with the measurement before it (none without one, or when they cannot be compared). */
function trendOf(actual: KpiPoint, series: readonly KpiPoint[], direction: Direction | undefined): KpiModel['trend'] {
    const previous = series[series.length - 1];
    if (!previous || previous.value.form !== actual.value.form) return undefined;
    if (previous.value.form === 'money' && actual.value.form === 'money' && previous.value.currency !== actual.value.currency) return undefined;
    const a = magnitude(previous.value);
    const b = magnitude(actual.value);
    if (a === undefined || b === undefined) return undefined;
    const change = b > a ? 'up' : b < a ? 'down' : 'flat';
    const improving = direction === undefined || change === 'flat' ? undefined : (change === 'up') === (direction === 'higher');
    const trend: NonNullable<KpiModel['trend']> = { from: previous.date, change };
    put(trend, 'improving', improving);
    return trend;
}

/** `only`: the KPIs to hold (a referenced objective holds just the KPIs the journey names). */
export function objectiveModel(node: ast.Objective, details = true, only?: ReadonlySet<ast.Kpi>, actualsOf?: ActualsOf): ObjectiveModel {
    const o = element<ObjectiveModel>(node, details, 'objective');
    o.for = targetsOf(node, 'for', ast.isCustomer).map(idOf);
    o.kpis = kpisOf(node, only).map(k => kpiModel(k, details, actualsOf));
    if (only) o.referenced = true;
    return o;
}

function kpisOf(node: ast.Objective, only?: ReadonlySet<ast.Kpi>): ast.Kpi[] {
    return node.kpis.filter(k => k.name && (!only || only.has(k)));
}

export function processModel(node: ast.Process, details = true): ProcessModel {
    const p = element<ProcessModel>(node, details, 'process');
    put(p, 'owner', textProp(node, 'owner'));
    put(p, 'lane', textProp(node, 'lane') as ProcessModel['lane']);
    p.systems = targetsOf(node, 'systems', ast.isSystem).map(idOf);
    p.reads = targetsOf(node, 'reads', ast.isInformation).map(idOf);
    p.writes = targetsOf(node, 'writes', ast.isInformation).map(idOf);
    p.supports = targetsOf(node, 'supports', ast.isObjective).map(idOf);
    p.steps = listProp(node, 'steps');
    put(p, 'sla', validValue(quantityProp(node, 'sla')?.value, 'sla'));
    return p;
}

export interface BuiltJourney<M = JourneyModel> {
    model: M;
    /** The declaration behind each element of the model, for rules that report on the AST. */
    nodeOf: <T extends ast.Declaration>(element: Element) => T;
    /**
     * The journey's touchpoints that have a `customers` property, in document order, named or not (the model leaves out
     * what has no name): the only ones with customers of their own. Found while the model is built, so that the rules do
     * not search every touchpoint's properties again (in journeys of 24 touchpoints that search made two rules hot enough
     * for V8 to optimise them, one of them twice).
     */
    namingCustomers: ast.Touchpoint[];
}

export interface BuildOptions {
    /** Doc comments and source locations (default true); validation needs none. */
    details?: boolean;
    actualsOf?: ActualsOf;
}

/**
 * Resolves one journey, with everything it refers to, into plain data.
 * `details: false` leaves out doc comments and source locations (cheaper, for validation).
 * `forChecks`: only what the validation rules read (CheckedJourneyModel): the objectives, processes, systems
 * and information and the value at stake were half of building each journey's model for its checks.
 */
export function buildJourneyModel(journey: ast.Journey, options: BuildOptions & { forChecks: true }): BuiltJourney<CheckedJourneyModel>;
export function buildJourneyModel(journey: ast.Journey, options?: BuildOptions & { forChecks?: false }): BuiltJourney;
export function buildJourneyModel(journey: ast.Journey, options: BuildOptions & { forChecks?: boolean } = {}): BuiltJourney<JourneyModel | CheckedJourneyModel> {
    const details = options.details ?? true;
    const whole = !options.forChecks;
    const nodes = new Map<Element, ast.Declaration>();
    // Builds the element of a node and remembers which node it came from.
    const make = <N extends ast.Declaration, E extends Element>(n: N, build: (n: N) => E): E => {
        const e = build(n);
        nodes.set(e, n);
        return e;
    };

    const journeyCustomers = targetsOf(journey, 'customers', ast.isCustomer);
    const customerIds = journeyCustomers.map(idOf);
    const usedCustomers = new Set<ast.Customer>(journeyCustomers);
    const usedSystems = new Set<ast.System>();
    const usedInformation = new Set<ast.Information>();
    const usedProcesses = new Set<ast.Process>();
    const usedObjectives = new Set<ast.Objective>();

    const stages: StageModel[] = [];
    const touchpoints: TouchpointModel[] = [];
    const namingCustomers: ast.Touchpoint[] = [];
    const touchpointByNode = new Map<ast.Touchpoint, TouchpointModel>();
    for (const stageNode of journey.stages) {
        if (!stageNode.name) {
            for (const tpNode of stageNode.touchpoints) if (hasProp(tpNode, 'customers')) namingCustomers.push(tpNode);
            continue;
        }
        const stage = make(stageNode, n => {
            const st = element<StageModel>(n, details, 'stage');
            st.index = stages.length;
            put(st, 'category', textProp(n, 'category'));
            st.touchpoints = [];
            return st;
        });
        for (const tpNode of stageNode.touchpoints) {
            if (hasProp(tpNode, 'customers')) namingCustomers.push(tpNode);
            if (!tpNode.name) continue;
            const explicitCustomers = targetsOf(tpNode, 'customers', ast.isCustomer);
            explicitCustomers.forEach(c => usedCustomers.add(c));
            const tp = make(tpNode, n => {
                const t = element<TouchpointModel>(n, details, 'touchpoint');
                t.stage = stage.id;
                t.index = touchpoints.length;
                put(t, 'channel', textProp(n, 'channel'));
                t.customers = explicitCustomers.length > 0 ? explicitCustomers.map(idOf) : customerIds;
                if (whole) {
                    const processes = targetsOf(n, 'processes', ast.isProcess);
                    const systems = targetsOf(n, 'systems', ast.isSystem);
                    const information = targetsOf(n, 'information', ast.isInformation);
                    processes.forEach(p => usedProcesses.add(p));
                    systems.forEach(x => usedSystems.add(x));
                    information.forEach(i => usedInformation.add(i));
                    t.processes = processes.map(idOf);
                    t.systems = systems.map(idOf);
                    t.information = information.map(idOf);
                }
                put(t, 'emotion', validValue(quantityProp(n, 'emotion')?.value, 'emotion')?.value as number | undefined);
                if (whole) put(t, 'reach', validValue(quantityProp(n, 'reach')?.value, 'reach')?.value as number | undefined);
                t.moments = [];
                return t;
            });
            stage.touchpoints.push(tp.id);
            touchpoints.push(tp);
            touchpointByNode.set(tpNode, tp);
        }
        stages.push(stage);
    }

    const moments: MomentModel[] = journey.moments.filter(m => m.name).map(mNode => {
        const at = targetsOf(mNode, 'at', ast.isTouchpoint)[0];
        const tp = at ? touchpointByNode.get(at) : undefined;
        const explicit = targetsOf(mNode, 'customers', ast.isCustomer);
        explicit.forEach(c => usedCustomers.add(c));
        const recovery = whole ? targetsOf(mNode, 'recovery', ast.isProcess)[0] : undefined;
        if (recovery) usedProcesses.add(recovery);
        const m = make(mNode, n => {
            const mo = element<MomentModel>(n, details, 'moment');
            put(mo, 'at', tp?.id);
            put(mo, 'stage', tp?.stage);
            put(mo, 'momentKind', textProp(n, 'kind') as MomentModel['momentKind']);
            put(mo, 'polarity', textProp(n, 'polarity') as MomentModel['polarity']);
            if (!whole) return mo;
            put(mo, 'impact', textProp(n, 'impact') as MomentModel['impact']);
            mo.customers = explicit.length > 0 ? explicit.map(idOf) : (tp?.customers ?? customerIds);
            mo.kpis = targetsOf(n, 'kpis', ast.isKpi).map(idOf);
            put(mo, 'recovery', recovery && idOf(recovery));
            put(mo, 'owner', textProp(n, 'owner'));
            return mo;
        });
        tp?.moments.push(m.id);
        return m;
    });

    const pains: PainModel[] = journey.pains.filter(p => p.name).map(pNode => make(pNode, n => {
        const at = targetsOf(n, 'at', ast.isPainTarget)[0];
        const pain = element<PainModel>(n, details, 'pain');
        put(pain, 'at', at && enclosingJourney(at) === journey ? idOf(at) : undefined);
        put(pain, 'severity', textProp(n, 'severity') as PainModel['severity']);
        return pain;
    }));

    const opportunities: OpportunityModel[] = journey.opportunities.filter(o => o.name).map(oNode => make(oNode, n => {
        const o = element<OpportunityModel>(n, details, 'opportunity');
        o.addresses = targetsOf(n, 'addresses', ast.isAddressable).map(idOf);
        if (!whole) return o;
        o.improves = targetsOf(n, 'improves', ast.isKpi).map(idOf);
        put(o, 'owner', textProp(n, 'owner'));
        put(o, 'effort', textProp(n, 'effort') as OpportunityModel['effort']);
        put(o, 'confidence', validValue(quantityProp(n, 'confidence')?.value, 'confidence')?.value as number | undefined);
        put(o, 'status', textProp(n, 'status') as OpportunityModel['status']);
        return o;
    }));

    // Both models begin alike, in the whole model's order of keys: the journey's customers and its own members.
    const putMembers = (j: Pick<CheckedJourneyModel, 'customers' | 'stages' | 'touchpoints' | 'moments' | 'pains' | 'opportunities'>): void => {
        j.customers = customerIds;
        j.stages = stages;
        j.touchpoints = touchpoints;
        j.moments = moments;
        j.pains = pains;
        j.opportunities = opportunities;
    };

    if (!whole) {
        const model: CheckedJourneyModel = make(journey, n => {
            const j = element<CheckedJourneyModel>(n, details, 'journey');
            putMembers(j);
            j.customerDetails = [...usedCustomers].map(c => make(c, x => element<CheckedCustomerModel>(x, details, 'customer')));
            return j;
        });
        return { model, nodeOf: <T extends ast.Declaration>(e: Element) => nodes.get(e) as T, namingCustomers };
    }

    // Journey-local processes come first; top-level ones join when the journey uses them.
    const processNodes = unique([...journey.processes.filter(p => p.name), ...[...usedProcesses].filter(p => !enclosingJourney(p))]);
    const processes = processNodes.map(p => {
        targetsOf(p, 'systems', ast.isSystem).forEach(x => usedSystems.add(x));
        targetsOf(p, 'reads', ast.isInformation).forEach(i => usedInformation.add(i));
        targetsOf(p, 'writes', ast.isInformation).forEach(i => usedInformation.add(i));
        targetsOf(p, 'supports', ast.isObjective).forEach(o => usedObjectives.add(o));
        return make(p, x => processModel(x, details));
    });

    const objectiveNodes = unique([...journey.objectives.filter(o => o.name), ...[...usedObjectives].filter(o => !enclosingJourney(o))]);
    // The objectives of the other KPIs the journey names, in the order it first names them: the
    // model holds them too (as referenced), so that no export shows a KPI without its status.
    const owned = new Set(objectiveNodes);
    const referencedKpis = new Map<ast.Objective, Set<ast.Kpi>>();
    const namedKpis = [...journey.moments.map(m => ({ node: m as ast.Declaration, key: 'kpis' })), ...journey.opportunities.map(o => ({ node: o as ast.Declaration, key: 'improves' }))]
        .filter(({ node }) => node.name)
        .flatMap(({ node, key }) => targetsOf(node, key, ast.isKpi));
    for (const kpi of namedKpis) {
        const objective = kpi.$container;
        if (owned.has(objective) || !objective.name) continue;
        let kpis = referencedKpis.get(objective);
        if (!kpis) referencedKpis.set(objective, kpis = new Set());
        kpis.add(kpi);
    }
    const objectives = [...objectiveNodes.map(o => [o, undefined] as const), ...referencedKpis].map(([o, only]) => {
        targetsOf(o, 'for', ast.isCustomer).forEach(c => usedCustomers.add(c));
        const objective = make(o, x => objectiveModel(x, details, only, options.actualsOf));
        const kpiNodes = kpisOf(o, only);
        objective.kpis.forEach((k, i) => nodes.set(k, kpiNodes[i]));
        return objective;
    });

    for (const info of usedInformation) {
        const source = targetsOf(info, 'source', ast.isSystem)[0];
        if (source) usedSystems.add(source);
    }

    const model: JourneyModel = make(journey, n => {
        const j = element<JourneyModel>(n, details, 'journey');
        putMembers(j);
        j.objectives = objectives;
        j.processes = processes;
        j.customerDetails = [...usedCustomers].map(c => make(c, x => customerModel(x, details)));
        j.systems = [...usedSystems].map(x => make(x, x => systemModel(x, details)));
        j.information = [...usedInformation].map(i => make(i, x => informationModel(x, details)));
        return j;
    });
    attachValueAtStake(model);
    return { model, nodeOf: <T extends ast.Declaration>(e: Element) => nodes.get(e) as T, namingCustomers };
}

/** A property's value when it meets the property's rules (form and range), else nothing. */
function validValue(v: Value | undefined, key: keyof typeof PROPERTY_EXPECTATIONS): Value | undefined {
    return v && !quantityIssue(v, PROPERTY_EXPECTATIONS[key], '') ? v : undefined;
}

function unique<T>(items: T[]): T[] {
    return [...new Set(items)];
}

/** `target[key] = value` when value is defined, else nothing: keeps the model free of `undefined` fields. */
function put<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
    if (value !== undefined) target[key] = value;
}
