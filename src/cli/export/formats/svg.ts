/**
 * The diagram as an SVG file: the preview's renderer, with the light colours written out
 * (`renderStandaloneSvg`), so that any viewer or converter shows it as the preview does in a
 * light theme.
 */
import { renderStandalone, type DiagramOptions, type DiagramProblem, type DiagramView, type Panes } from '../../../../language-server/diagram/index.js';
import type { JourneyModel } from '../../../../language-server/model/journey-model.js';

export interface SvgExportInput {
    /** The whole journey: the customer filter is the renderer's (it dims the stages the path skips). */
    model: JourneyModel;
    view: DiagramView;
    customer?: string;
    /** The model's errors: the diagram marks them and says how many. */
    problems?: DiagramProblem[];
    compact?: boolean;
    stages?: { from: string; to: string };
    /** The SVG holds the rules that show a recovery badge's link while it is pointed at or focused (a file; a page has them in its own style sheet). */
    revealStyle?: boolean;
}

export function renderSvgFile(input: SvgExportInput): string {
    return renderDiagramFile(input).svg;
}

/** The SVG and, for the journey view, the lane labels and stage headers apart (the HTML page keeps them in view). */
export function renderDiagramFile(input: SvgExportInput): { svg: string; panes?: Panes } {
    const options: DiagramOptions = {
        view: input.view,
        ...(input.customer !== undefined ? { customer: input.customer } : {}),
        ...(input.problems ? { problems: input.problems } : {}),
        ...(input.compact ? { compact: true } : {}),
        ...(input.stages ? { stages: input.stages } : {})
    };
    return renderStandalone(input.model, options, { revealStyle: input.revealStyle === true });
}
