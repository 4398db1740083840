/**
 * The diagram as an SVG file: the preview's renderer, with the light colours written out
 * (`renderStandaloneSvg`), so that any viewer or converter shows it as the preview does in a
 * light theme.
 */
import { renderStandaloneSvg, type DiagramProblem, type DiagramView } from '../../../../language-server/diagram/index.js';
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
}

export function renderSvgFile(input: SvgExportInput): string {
    return renderStandaloneSvg(input.model, {
        view: input.view,
        ...(input.customer !== undefined ? { customer: input.customer } : {}),
        ...(input.problems ? { problems: input.problems } : {}),
        ...(input.compact ? { compact: true } : {}),
        ...(input.stages ? { stages: input.stages } : {})
    });
}
