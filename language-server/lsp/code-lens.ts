import { interruptAndCheck, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import { CancellationToken, type CodeLens, type CodeLensParams, type Position, type Range } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { CopisAddedServices } from '../copis-module.js';
import { buildJourneyModel, objectiveModel, type ActualsOf } from '../model/build-model.js';
import type { JourneyModel, KpiModel, ObjectiveModel } from '../model/journey-model.js';
import { opportunityLens, opportunityLines } from '../model/value-text.js';
import { nameNodeOf } from './symbols/name-at.js';
import { plural } from '../model/labels.js';

/** The command of every lens: the server shows the lens's details (see lens-command.ts). */
export const SHOW_LENS_DETAILS = 'copis.showLensDetails';

/** What a lens's command is given: where its declaration's name starts. */
export interface LensDetailsArguments {
    uri: string;
    position: Position;
}

/** A lens: its range (the declaration's name), its line, and the details its command shows. */
export interface Lens {
    range: Range;
    title: string;
    details: string;
}

/**
 * Summaries above the declarations where they help:
 * - a journey: "5 stages · 6 touchpoints · 2 moments of truth"
 * - a stage: "1 touchpoint · 1 moment of truth"
 * - an objective (in a journey or at top level): "1 of 2 KPIs on target", with the KPIs
 *   that cannot be judged (no current or no target) counted apart;
 * - an opportunity: its rank by priority among the journey's, and what is at risk where it
 *   works: "priority 1 of 6 · 54,000 EUR at risk addressed" (language §7).
 * A KPI with actuals (language §7) is counted by its latest actual.
 * Each carries a command that the server runs (`workspace/executeCommand`) to show what the summary
 * counted, by name. The command used to be `''`, which VS Code shows as plain text but other
 * editors run, and Neovim then said it "does not support command ``".
 */
export class CopisCodeLensProvider implements CodeLensProvider {
    /** KPI actuals (language §7): an objective's lens counts a KPI by its latest actual. */
    private readonly actualsOf?: ActualsOf;

    constructor(services?: Partial<CopisAddedServices>) {
        this.actualsOf = services?.validation?.Actuals.lookup;
    }

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken = CancellationToken.None): Promise<CodeLens[]> {
        const uri = document.uri.toString();
        return (await lensesOf(document, this.actualsOf, cancelToken)).map(lens => ({
            range: lens.range,
            command: { title: lens.title, command: SHOW_LENS_DETAILS, arguments: [{ uri, position: lens.range.start } satisfies LensDetailsArguments] }
        }));
    }
}

/** The document's lenses, in source order. */
export async function lensesOf(document: LangiumDocument, actualsOf?: ActualsOf, cancelToken = CancellationToken.None): Promise<Lens[]> {
    const model = document.parseResult?.value as ast.Model | undefined;
    const lenses: Lens[] = [];
    const lens = (node: ast.Declaration, title: string, details: () => string) => {
        const name = nameNodeOf(node);
        if (node.name && name) lenses.push({ range: name.range, title, details: `${title}. ${details()}` });
    };
    for (const element of model?.elements ?? []) {
        await interruptAndCheck(cancelToken);
        if (ast.isObjective(element)) {
            const o = objectiveModel(element, false, undefined, actualsOf);
            lens(element, objectiveLens(o), () => objectiveDetails(o));
        } else if (ast.isJourney(element) && element.name) {
            const { model: journey, nodeOf } = buildJourneyModel(element, { details: false, actualsOf });
            lens(element, journeyLens(journey), () => journeyDetails(journey));
            for (const o of journey.objectives) {
                const node = nodeOf<ast.Objective>(o);
                // Top-level objectives that the journey's processes support get their lens where they are declared.
                if (node.$container === element) lens(node, objectiveLens(o), () => objectiveDetails(o));
            }
            for (const s of journey.stages) lens(nodeOf<ast.Stage>(s), stageLens(journey, s.id), () => stageDetails(journey, s.id));
            for (const o of journey.opportunities) {
                const value = o.value;
                if (value) lens(nodeOf<ast.Opportunity>(o), opportunityLens(value, o.status), () => `\`${o.name}\`: ${opportunityLines(value).map(line => line.replace(/^- /, '')).join('; ')}.`);
            }
        }
    }
    return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function journeyLens(j: JourneyModel): string {
    return [plural(j.stages.length, 'stage'), plural(j.touchpoints.length, 'touchpoint'), moments(j.moments.length)].join(' · ');
}

export function stageLens(j: JourneyModel, stageId: string): string {
    const stage = j.stages.find(s => s.id === stageId);
    const count = j.moments.filter(m => m.stage === stageId).length;
    return `${plural(stage?.touchpoints.length ?? 0, 'touchpoint')} · ${moments(count)}`;
}

export function objectiveLens(o: ObjectiveModel): string {
    if (o.kpis.length === 0) return 'no KPIs';
    const judged = o.kpis.filter(k => k.met !== undefined);
    const met = judged.filter(k => k.met).length;
    const unjudged = o.kpis.length - judged.length;
    if (judged.length === 0) return `${plural(o.kpis.length, 'KPI')} · none with both current and target`;
    const head = `${met} of ${plural(o.kpis.length, 'KPI')} on target`;
    return unjudged > 0 ? `${head} · ${unjudged} without current or target` : head;
}

/** "Stages: Browse (2 touchpoints · 1 moment of truth), Get (…)." */
export function journeyDetails(j: JourneyModel): string {
    if (j.stages.length === 0) return `Journey \`${j.name}\` has no stages.`;
    return `Stages of \`${j.name}\`: ${j.stages.map(s => `${s.name} (${stageLens(j, s.id)})`).join(', ')}.`;
}

/** "Touchpoints: Page, Cart. Moments of truth: Arrives." */
export function stageDetails(j: JourneyModel, stageId: string): string {
    const stage = j.stages.find(s => s.id === stageId);
    const touchpoints = (stage?.touchpoints ?? []).map(id => j.touchpoints.find(t => t.id === id)?.name ?? id);
    const here = j.moments.filter(m => m.stage === stageId).map(m => m.name);
    return `Touchpoints of \`${stage?.name ?? stageId}\`: ${touchpoints.join(', ') || 'none'}. Moments of truth: ${here.join(', ') || 'none'}.`;
}

/** "`Met`: 3%, target <= 5%, on target; `Missed`: 70%, target >= 80%, off target; `New`: no current value." */
export function objectiveDetails(o: ObjectiveModel): string {
    if (o.kpis.length === 0) return `Objective \`${o.name}\` has no KPIs; add one with \`kpi\`.`;
    return o.kpis.map(kpiDetails).join('; ') + '.';
}

function kpiDetails(k: KpiModel): string {
    const target = k.target ? `target ${k.target.op} ${k.target.value.text}` : undefined;
    const current = k.current ? (k.actual ? `actual ${k.current.text} on ${k.actual.date}` : k.current.text) : 'no current value';
    const facts = [current, target ?? 'no target'];
    const verdict = k.met === undefined ? [] : [k.met ? 'on target' : 'off target'];
    return `\`${k.name}\`: ${[...facts, ...verdict].join(', ')}`;
}

function moments(n: number): string {
    return plural(n, 'moment of truth', 'moments of truth');
}
