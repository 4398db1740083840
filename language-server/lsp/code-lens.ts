import { interruptAndCheck, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import { CancellationToken, type CodeLens, type CodeLensParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { CopisAddedServices } from '../copis-module.js';
import { buildJourneyModel, objectiveModel, type ActualsOf } from '../model/build-model.js';
import type { JourneyModel, ObjectiveModel } from '../model/journey-model.js';
import { opportunityLens } from '../model/value-text.js';
import { nameNodeOf } from './symbols/name-at.js';

/**
 * Summaries above the declarations where they help:
 * - a journey: "5 stages · 6 touchpoints · 2 moments of truth"
 * - a stage: "1 touchpoint · 1 moment of truth"
 * - an objective (in a journey or at top level): "1 of 2 KPIs on target", with the KPIs
 *   that cannot be judged (no current or no target) counted apart;
 * - an opportunity: its rank by priority among the journey's, and what is at risk where it
 *   works: "priority 1 of 6 · 54,000 EUR at risk addressed" (language §7).
 * A lens is information, not an action: its command is `''`, which VS Code shows as plain text.
 */
export class CopisCodeLensProvider implements CodeLensProvider {
    /** KPI actuals (language §7): an objective's lens counts a KPI by its latest actual. */
    private readonly actualsOf?: ActualsOf;

    constructor(services?: Partial<CopisAddedServices>) {
        this.actualsOf = services?.validation?.Actuals.lookup;
    }

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken = CancellationToken.None): Promise<CodeLens[]> {
        const model = document.parseResult?.value as ast.Model | undefined;
        const lenses: CodeLens[] = [];
        const lens = (node: ast.Declaration, title: string) => {
            const name = nameNodeOf(node);
            if (node.name && name) lenses.push({ range: name.range, command: { title, command: '' } });
        };
        for (const element of model?.elements ?? []) {
            await interruptAndCheck(cancelToken);
            if (ast.isObjective(element)) {
                lens(element, objectiveLens(objectiveModel(element, false, undefined, this.actualsOf)));
            } else if (ast.isJourney(element) && element.name) {
                const { model: journey, nodeOf } = buildJourneyModel(element, { details: false, actualsOf: this.actualsOf });
                lens(element, journeyLens(journey));
                for (const o of journey.objectives) {
                    const node = nodeOf<ast.Objective>(o);
                    // Top-level objectives that the journey's processes support get their lens where they are declared.
                    if (node.$container === element) lens(node, objectiveLens(o));
                }
                for (const s of journey.stages) lens(nodeOf<ast.Stage>(s), stageLens(journey, s.id));
                for (const o of journey.opportunities) if (o.value) lens(nodeOf<ast.Opportunity>(o), opportunityLens(o.value, o.status));
            }
        }
        return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
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

function moments(n: number): string {
    return plural(n, 'moment of truth', 'moments of truth');
}

function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}
