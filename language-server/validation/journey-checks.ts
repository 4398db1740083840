import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { buildJourneyModel } from '../model/build-model.js';
import type { Element, JourneyModel } from '../model/journey-model.js';
import { CATEGORY_RANK, INSECURE_CHANNELS, MOMENT_KIND_CATEGORIES, MOMENT_KIND_LABEL } from '../model/lifecycle.js';
import { findProp, refsOf, textProp } from '../model/props.js';
import { report } from './codes.js';
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
    const { model, nodeOf: node } = buildJourneyModel(journey, { details: false });

    checkLifecycle(journey, model, accept, node);
    checkMoments(journey, model, accept, node);
    // A moment whose `at` does not resolve may be meant for the touchpoint where emotion falls.
    if (!journey.moments.some(m => hasUnresolved(m, 'at'))) checkEmotionCurve(model, accept, node);
    checkSensitiveChannels(model, accept, node);

    // An `addresses` that does not resolve may be meant for any pain: stay silent until it does.
    if (journey.opportunities.some(o => hasUnresolved(o, 'addresses'))) return;
    for (const pain of model.pains) {
        if ((pain.severity === 'high' || pain.severity === 'critical') && !model.opportunities.some(o => o.addresses.includes(pain.id))) {
            report(accept, 'pain-unaddressed',
                `Pain \`${pain.name}\` is ${pain.severity} and no opportunity addresses it; add an \`opportunity\` with \`addresses ${pain.name}\`.`,
                { node: node<ast.Pain>(pain), property: 'name' });
        }
    }
}

type NodeOf = <T extends ast.Declaration>(element: Element) => T;

/** Whether a reference of `key` names nothing (or something of another kind): its rules stay silent. */
function hasUnresolved(node: ast.Declaration, key: string): boolean {
    return refsOf(node, key).some(r => !r.ref);
}

function checkLifecycle(journey: ast.Journey, model: JourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
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

function checkMoments(journey: ast.Journey, model: JourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
    // Whether an opportunity or a pain addresses a moment is unknown while one of their references does not resolve.
    const addressingUnknown = journey.opportunities.some(o => hasUnresolved(o, 'addresses')) || journey.pains.some(p => hasUnresolved(p, 'at'));
    const stageById = new Map(model.stages.map(s => [s.id, s]));
    const touchpointById = new Map(model.touchpoints.map(t => [t.id, t]));
    for (const moment of model.moments) {
        const momentNode = node<ast.Moment>(moment);
        const tp = moment.at ? touchpointById.get(moment.at) : undefined;
        const category = moment.stage ? stageById.get(moment.stage)?.category : undefined;
        if (moment.momentKind && category && !MOMENT_KIND_CATEGORIES[moment.momentKind].includes(category)) {
            report(accept, 'moment-kind-mismatch',
                `A ${moment.momentKind} moment of truth (${MOMENT_KIND_LABEL[moment.momentKind]}) belongs in ${MOMENT_KIND_CATEGORIES[moment.momentKind].join(', ')}, but \`${moment.name}\` is at a ${category} stage; change its kind or its touchpoint.`,
                { node: findProp(momentNode, 'kind')!, property: 'value' });
        }
        if (tp?.emotion !== undefined && ((moment.polarity === 'positive' && tp.emotion < 0) || (moment.polarity === 'negative' && tp.emotion > 0))) {
            report(accept, 'polarity-emotion-mismatch',
                `Moment of truth \`${moment.name}\` is ${moment.polarity}, but the emotion at \`${tp.name}\` is ${tp.emotion}; check the polarity or the emotion.`,
                { node: findProp(momentNode, 'polarity')!, property: 'value' });
        }
        // Without a resolved touchpoint we cannot know whether a pain sits there: stay silent.
        if (moment.polarity === 'negative' && tp && !addressingUnknown && refsOf(momentNode, 'recovery').length === 0
            && !model.opportunities.some(o => o.addresses.includes(moment.id))
            && !model.pains.some(p => p.at === tp.id)) {
            report(accept, 'negative-moment-unaddressed',
                `Negative moment of truth \`${moment.name}\` has no recovery, no opportunity and no pain recorded at \`${tp.name}\`; add \`recovery\` with the process that saves it.`,
                { node: momentNode, property: 'name' });
        }
    }
}

function checkEmotionCurve(model: JourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
    let previous: JourneyModel['touchpoints'][number] | undefined;
    for (const tp of model.touchpoints) {
        if (tp.emotion === undefined) continue;
        if (previous?.emotion !== undefined && previous.emotion - tp.emotion >= 3 && tp.moments.length === 0) {
            report(accept, 'hidden-moment',
                `Emotion falls from ${previous.emotion} at \`${previous.name}\` to ${tp.emotion} at \`${tp.name}\` with no moment of truth there; is this one? Add a \`moment\` at \`${tp.name}\`.`,
                { node: findProp(node<ast.Touchpoint>(tp), 'emotion')!, property: 'value' });
        }
        previous = tp;
    }
}

function checkSensitiveChannels(model: JourneyModel, accept: ValidationAcceptor, node: NodeOf): void {
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
