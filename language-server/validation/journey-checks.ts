import type { AstNode, Reference, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { buildJourneyModel } from '../model/build-model.js';
import type { CheckedJourneyModel, CheckedTouchpointModel, Element } from '../model/journey-model.js';
import { CATEGORY_RANK, INSECURE_CHANNELS, MOMENT_KIND_CATEGORIES, MOMENT_KIND_LABEL } from '../model/lifecycle.js';
import { orList } from '../model/labels.js';
import { findProp, refsOf, textProp } from '../model/props.js';
import { mayMean, referenceStatus } from '../references/reference-status.js';
import { report } from './codes.js';
import { checkCustomerPaths } from './customer-path-checks.js';
import { forEachReference } from '../references/reference-walk.js';

/**
 * The rules that need a whole journey: they read the resolved model, built once per check.
 *
 * A journey whose text did not change keeps its node across edits (parser/incremental-parse.ts),
 * and its verdicts depend only on that text and on what its references resolve to: when those
 * are the same as at its last check, its reports are given again (at today's positions) instead of
 * the model being rebuilt. In a file of 45 journeys, a keystroke in one had every other rebuilt:
 * three quarters of validating the file.
 */
export function checkJourneyModel(journey: ast.Journey, accept: ValidationAcceptor): void {
    if (!journey.name) return;
    const inputs = resolvedTargets(journey);
    const last = verdicts.get(journey);
    if (last && sameTargets(last.inputs, inputs)) {
        for (const [severity, message, info] of last.reports) accept(severity, message, info);
        return;
    }
    const reports: Array<Parameters<ValidationAcceptor>> = [];
    checkJourneyModelAnew(journey, (severity, message, info) => {
        reports.push([severity, message, info] as Parameters<ValidationAcceptor>);
        accept(severity, message, info);
    });
    verdicts.set(journey, { inputs, reports });
}

/**
 * The same rules for a one-shot run (the CLI), where each journey is checked once: nothing is kept for a next
 * check, and what its references resolve to is not collected (a walk of every journey, 2 % of `copis validate`).
 */
export function checkJourneyModelOnce(journey: ast.Journey, accept: ValidationAcceptor): void {
    if (!journey.name) return;
    checkJourneyModelAnew(journey, accept);
}

const verdicts = new WeakMap<ast.Journey, { inputs: Array<AstNode | undefined>; reports: Array<Parameters<ValidationAcceptor>> }>();

/** What every reference in the journey resolves to, in order (undefined: it does not). */
function resolvedTargets(journey: ast.Journey): Array<AstNode | undefined> {
    const targets: Array<AstNode | undefined> = [];
    forEachReference(journey, ({ reference }) => { targets.push('ref' in reference ? reference.ref : undefined); });
    return targets;
}

function sameTargets(a: Array<AstNode | undefined>, b: Array<AstNode | undefined>): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}

function checkJourneyModelAnew(journey: ast.Journey, accept: ValidationAcceptor): void {
    const { model, nodeOf: node, namingCustomers } = buildJourneyModel(journey, { details: false, forChecks: true });

    checkLifecycle(journey, model, accept, node);
    checkMoments(journey, model, accept, node);
    checkEmotionCurve(journey, model, accept, node, namingCustomers);
    checkSensitiveChannels(model, accept, node);
    checkCustomerPaths(journey, model, accept, node, namingCustomers);
    checkPains(journey, model, accept, node);
}

export type NodeOf = <T extends ast.Declaration>(element: Element) => T;

/** The references of property `key` in `nodes` that name nothing of the expected kind (usually none: rules then look at no reference at all). */
function brokenReferencesOf(nodes: readonly ast.Declaration[], key: string): Reference[] {
    return nodes.flatMap(n => refsOf(n, key).filter(r => !r.ref));
}

/** Whether one of `references` names nothing yet may be meant for `candidate` (see mayMean): rules about it stay silent. */
function mayBeMeant(references: readonly Reference[], candidate: AstNode): boolean {
    return references.some(r => mayMean(r, candidate));
}

function checkPains(journey: ast.Journey, model: CheckedJourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
    const addresses = brokenReferencesOf(journey.opportunities, 'addresses');
    for (const pain of model.pains) {
        if (pain.severity !== 'high' && pain.severity !== 'critical') continue;
        if (model.opportunities.some(o => o.addresses.includes(pain.id))) continue;
        const painNode = node<ast.Pain>(pain);
        // An `addresses` that does not resolve may be meant for this pain: stay silent until it does.
        if (mayBeMeant(addresses, painNode)) continue;
        report(accept, 'pain-unaddressed',
            `Pain \`${pain.name}\` is ${pain.severity} and no opportunity addresses it; add an \`opportunity\` with \`addresses ${pain.name}\`.`,
            { node: painNode, property: 'name' });
    }
}

function checkLifecycle(journey: ast.Journey, model: CheckedJourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
    let latest: { rank: number; stage: string; category: string } | undefined;
    for (const stage of model.stages) {
        const rank = stage.category !== undefined ? CATEGORY_RANK[stage.category] : undefined;
        if (rank === undefined) continue;
        if (latest && rank < latest.rank) {
            report(accept, 'stage-order',
                `Stage \`${stage.name}\` (${stage.category}) comes after \`${latest.stage}\` (${latest.category}), earlier in the customer lifecycle; move it before \`${latest.stage}\`.`,
                { node: findProp(node<ast.Stage>(stage), 'category')!, property: 'value' });
        }
        if (!latest || rank > latest.rank) latest = { rank, stage: stage.name, category: stage.category! };
    }
    const ranks = model.stages.map(s => s.category !== undefined ? CATEGORY_RANK[s.category] : undefined).filter((r): r is number => r !== undefined);
    if (model.stages.some(s => s.category === 'purchase') && !ranks.some(r => r > CATEGORY_RANK.purchase)) {
        report(accept, 'journey-ends-at-purchase',
            `Journey \`${journey.name}\` ends at the purchase; add what comes after (delivery, onboarding, usage, support, retention).`,
            { node: journey, property: 'name' });
    }
    if (model.stages.length > 0 && model.moments.length === 0) {
        report(accept, 'journey-without-moments',
            `Journey \`${journey.name}\` has no moment of truth; mark where the customer is won or lost with \`moment\`.`,
            { node: journey, property: 'name' });
    }
    const hosting = new Set(model.moments.map(m => m.at).filter(Boolean));
    if (model.touchpoints.length >= 4 && hosting.size > model.touchpoints.length / 2) {
        report(accept, 'too-many-moments',
            `Journey \`${journey.name}\` has moments of truth at ${hosting.size} of its ${model.touchpoints.length} touchpoints; keep them for the critical few.`,
            { node: journey, property: 'name' });
    }
}

function checkMoments(journey: ast.Journey, model: CheckedJourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
    const stageById = new Map(model.stages.map(s => [s.id, s]));
    const touchpointById = new Map(model.touchpoints.map(t => [t.id, t]));
    const addresses = brokenReferencesOf(journey.opportunities, 'addresses');
    const painsAt = brokenReferencesOf(journey.pains, 'at');
    for (const moment of model.moments) {
        const momentNode = node<ast.Moment>(moment);
        const tp = moment.at ? touchpointById.get(moment.at) : undefined;
        const category = moment.stage ? stageById.get(moment.stage)?.category : undefined;
        if (moment.momentKind && category && !MOMENT_KIND_CATEGORIES[moment.momentKind].includes(category)) {
            report(accept, 'moment-kind-mismatch',
                `A ${moment.momentKind} moment of truth (${MOMENT_KIND_LABEL[moment.momentKind]}) belongs in ${orList(MOMENT_KIND_CATEGORIES[moment.momentKind])}, but \`${moment.name}\` is at a ${category} stage; change its kind or its touchpoint.`,
                { node: findProp(momentNode, 'kind')!, property: 'value' });
        }
        if (tp?.emotion !== undefined && ((moment.polarity === 'positive' && tp.emotion < 0) || (moment.polarity === 'negative' && tp.emotion > 0))) {
            report(accept, 'polarity-emotion-mismatch',
                `Moment of truth \`${moment.name}\` is ${moment.polarity}, but the emotion at \`${tp.name}\` is ${tp.emotion}; check the polarity or the emotion.`,
                { node: findProp(momentNode, 'polarity')!, property: 'value' });
        }
        // Without a resolved touchpoint we cannot know whether a pain sits there: stay silent. A
        // `recovery` that names another kind is no recovery; one that names nothing may be one.
        if (moment.polarity === 'negative' && tp
            && refsOf(momentNode, 'recovery').every(r => referenceStatus(r).state === 'wrong-kind')
            && !model.opportunities.some(o => o.addresses.includes(moment.id))
            && !model.pains.some(p => p.at === tp.id)
            && !mayBeMeant(addresses, momentNode)
            && !mayBeMeant(painsAt, node<ast.Touchpoint>(tp))) {
            report(accept, 'negative-moment-unaddressed',
                `Negative moment of truth \`${moment.name}\` has no recovery, no opportunity and no pain recorded at \`${tp.name}\`; add \`recovery\` with the process that saves it.`,
                { node: momentNode, property: 'name' });
        }
    }
}

/**
 * `hidden-moment`: a fall of 3 or more along one customer's path (the touchpoints that customer
 * passes, in declaration order; touchpoints for no named customer form a path of their own).
 * Each lower touchpoint is reported once, for the first path on which it falls.
 */
function checkEmotionCurve(journey: ast.Journey, model: CheckedJourneyModel, accept: ValidationAcceptor, node: NodeOf, namingCustomers: readonly ast.Touchpoint[]): void {
    // A customer that does not resolve may put a touchpoint on another path: stay silent.
    if ([journey, ...namingCustomers].some(n => refsOf(n, 'customers').some(r => referenceStatus(r).state === 'unresolved'))) return;
    const momentsAt = brokenReferencesOf(journey.moments, 'at');
    const names = new Map(model.customerDetails.map(c => [c.id, c.name]));
    const previous = new Map<string, CheckedTouchpointModel>();
    const reported = new Set<string>();
    for (const tp of model.touchpoints) {
        if (tp.emotion === undefined) continue;
        for (const customer of tp.customers.length > 0 ? tp.customers : ['']) {
            const before = previous.get(customer);
            previous.set(customer, tp);
            if (before?.emotion === undefined || before.emotion - tp.emotion < 3 || tp.moments.length > 0 || reported.has(tp.id)) continue;
            const tpNode = node<ast.Touchpoint>(tp);
            // A moment whose `at` does not resolve may be meant for this touchpoint.
            if (mayBeMeant(momentsAt, tpNode)) continue;
            reported.add(tp.id);
            const path = customer ? ` on the path of \`${names.get(customer) ?? customer}\`` : '';
            report(accept, 'hidden-moment',
                `Emotion falls from ${before.emotion} at \`${before.name}\` to ${tp.emotion} at \`${tp.name}\`${path} with no moment of truth there; is this one? Add a \`moment\` at \`${tp.name}\`.`,
                { node: findProp(tpNode, 'emotion')!, property: 'value' });
        }
    }
}

function checkSensitiveChannels(model: CheckedJourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
    for (const tp of model.touchpoints) {
        if (!tp.channel || !INSECURE_CHANNELS.has(tp.channel)) continue;
        for (const prop of node<ast.Touchpoint>(tp).props) {
            if (!ast.isInfoRefsProp(prop)) continue;
            prop.refs.forEach((ref, index) => {
                const info = ref.ref;
                if (ast.isInformation(info) && textProp(info, 'classification') === 'sensitive') {
                    report(accept, 'sensitive-data-insecure-channel',
                        `\`${info.name}\` is sensitive, but touchpoint \`${tp.name}\` shows it over ${tp.channel}; use a secure channel or leave the data out.`,
                        { node: prop, property: 'refs', index });
                }
            });
        }
    }
}
