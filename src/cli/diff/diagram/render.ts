import { renderStandaloneSvg } from '../../../../language-server/diagram/index.js';
import type { Marks } from '../../../../language-server/diagram/marks.js';
import type { JourneyModel } from '../../../../language-server/model/journey-model.js';
import { label } from '../../../../language-server/model/labels.js';
import { closestName } from '../../../../language-server/validation/did-you-mean.js';
import type { WorkspaceModel } from '../compare/workspace-model.js';
import { DiffUsageError } from '../git/git.js';
import type { DiffReport } from '../report.js';
import { renderDiffHtml } from './html-page.js';
import { journeyWithGhosts } from './journey-with-ghosts.js';

export const DIAGRAM_TARGETS = ['svg', 'html'] as const;
export type DiagramTarget = typeof DIAGRAM_TARGETS[number];

/**
 * The journey view of HEAD with the changes marked (the preview's renderer, with `marks`), as an
 * SVG file or a page. The journey is `--journey NAME` (at HEAD, or a removed one at BASE), else the
 * first that changed, else the first there is; `note` says which when there was a choice.
 */
export function renderDiffDiagram(report: DiffReport, base: WorkspaceModel, head: WorkspaceModel, to: DiagramTarget, name?: string): { content: string; note?: string } {
    const { journey, note } = pickJourney(report, base, head, name);
    const headJourney = head.journeys.includes(journey) ? journey : undefined;
    const change = report.diff.journeys.find(j => j.id === journey.id);
    const baseJourney = base.journeys.find(j => j.id === (change?.previous?.id ?? journey.id));
    const { model, marks } = journeyWithGhosts(report.diff, headJourney, baseJourney);
    // HEAD's errors marked as `copis export` marks them (a banner, the element's frame); a removed journey has none.
    const problems = headJourney ? head.errors ?? [] : [];
    const drawn = problems.length > 0 ? withoutGhostLocations(model, marks) : model;
    // A file holds the rules that show a recovery badge's link; the page has them in its style sheet.
    const svg = renderStandaloneSvg(drawn, { view: 'journey', marks, problems }, { revealStyle: to === 'svg' });
    if (to === 'svg') return { content: svg, ...(note ? { note } : {}) };
    const title = label(model);
    return { content: renderDiffHtml({ report, svg, title, ...(change ? { journey: change } : {}) }), ...(note ? { note } : {}) };
}

/**
 * The model with the ghosts' source locations left out: they are BASE's, in files whose URIs HEAD's have too,
 * and an error of HEAD must not be matched to a ghost by where it is.
 */
function withoutGhostLocations(model: JourneyModel, marks: Marks): JourneyModel {
    const strip = <T extends { id: string; location?: unknown }>(e: T): T => {
        if (marks[e.id] !== 'removed' || e.location === undefined) return e;
        const { location: _location, ...rest } = e;
        return rest as T;
    };
    return {
        ...model, stages: model.stages.map(strip), touchpoints: model.touchpoints.map(strip), moments: model.moments.map(strip),
        pains: model.pains.map(strip), opportunities: model.opportunities.map(strip), processes: model.processes.map(strip),
        objectives: model.objectives.map(o => ({ ...strip(o), kpis: o.kpis.map(strip) }))
    };
}

function pickJourney(report: DiffReport, base: WorkspaceModel, head: WorkspaceModel, name: string | undefined): { journey: JourneyModel; note?: string } {
    if (name !== undefined) {
        const found = head.journeys.find(j => j.name === name) ?? base.journeys.find(j => j.name === name && !head.journeys.some(h => h.id === j.id));
        if (found) return { journey: found };
        const names = [...new Set([...head.journeys, ...base.journeys].map(j => j.name))];
        const suggestion = closestName(name, names);
        throw new DiffUsageError(`--journey ${name}: no such journey at either revision${suggestion ? ` (did you mean ${suggestion}?)` : ''}${names.length > 0 ? `; the journeys: ${names.join(', ')}` : ''}`);
    }
    const changed = report.diff.journeys.map(c => head.journeys.find(j => j.id === c.id)).filter((j): j is JourneyModel => j !== undefined);
    const journey = changed[0] ?? head.journeys[0];
    if (!journey) throw new DiffUsageError('--to draws a journey, and there is none at HEAD; name a removed one with --journey NAME');
    if (changed.length > 1) return { journey, note: `${changed.length} journeys changed; this draws ${journey.name}; choose another with --journey NAME (${changed.map(j => j.name).join(', ')})` };
    return { journey };
}
