import type { DiagramProblem, DiagramView } from '../../../../language-server/diagram/index.js';
import type { JourneyModel } from '../../../../language-server/model/journey-model.js';
import type { CliDiagnostic, Summary } from '../../diagnostics.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderMermaid } from './mermaid.js';
import { PngUnavailableError, canDrawText, pngFontFiles, renderPng, scaledNote } from './png.js';
import { renderDiagramFile } from './svg.js';

/** What every export format is given: the resolved journey and what the validator found. */
export interface ExportInput {
    /** The whole journey (the diagram dims what the customer filter leaves out). */
    model: JourneyModel;
    /** The journey as the customer filter leaves it (the whole journey without a filter). */
    shown: JourneyModel;
    view: DiagramView;
    customer?: string;
    /** The customer's label, for titles. */
    customerLabel?: string;
    /** Only these stages (ids, inclusive): `shown` holds them alone, the diagram draws them alone. */
    stages?: { from: string; to: string };
    /** The journey view in compact mode. */
    compact?: boolean;
    files: string[];
    diagnostics: CliDiagnostic[];
    /** The errors of the loaded files, where they are: the diagram marks them. */
    problems: DiagramProblem[];
    summary: Summary;
    /** A document URI as the file path the user knows. */
    fileOf(uri: string): string;
    /** A warning for stderr (the export still succeeds). */
    warn(message: string): void;
}

/** Why an export cannot be made, in words the user can act on (exit 2, nothing written). */
export class ExportFailure extends Error {}

/** One row per `--to` format: its id, whether it draws the diagram (and so takes `--view`), whether it is binary (and so needs `-o`), its help, and how it renders. */
export interface ExportFormatRow {
    id: string;
    draws: boolean;
    binary: boolean;
    help: string;
    render(input: ExportInput): string | Uint8Array | Promise<string | Uint8Array>;
}

const diagramOf = (input: ExportInput, revealStyle = false) => renderDiagramFile({
    model: input.model, view: input.view, customer: input.customer, problems: input.problems, compact: input.compact, stages: input.stages, revealStyle
});
const svgOf = (input: ExportInput) => diagramOf(input).svg;

export const EXPORT_FORMAT_TABLE = [
    {
        id: 'svg', draws: true, binary: false,
        help: 'the diagram, as the preview draws it (light colours written out;\nopened in a browser, a recovery badge shows its link while\npointed at or focused)',
        render: (input: ExportInput) => diagramOf(input, true).svg
    },
    {
        id: 'png', draws: true, binary: true,
        help: 'the same, rasterised at twice its size (needs -o, and the\n@resvg/resvg-js package); text in the font shipped with copis,\nso a PNG is the same on every machine',
        render: async input => {
            const svg = svgOf(input);
            const size = svgSize(svg);
            let bytes: Uint8Array;
            try {
                bytes = (await renderPng(svg, size.width, size.height)).bytes;
            } catch (error) {
                if (error instanceof PngUnavailableError) throw error;
                const why = error instanceof Error ? error.message.split(/\r?\n/)[0] : String(error);
                throw new ExportFailure(`--to png: the diagram could not be rasterised (${why}), so nothing was written; export svg instead`);
            }
            const note = scaledNote(size.width, size.height);
            if (note) input.warn(note);
            if (pngFontFiles().length === 0) input.warn('the font shipped with copis (fonts/Arimo-*.ttf beside the CLI) is missing, so the PNG uses the system\'s fonts; reinstall copis');
            if (!await canDrawText()) input.warn('no font was found to draw text with, so the PNG has no text; install one (e.g. apt-get install fonts-liberation), or export svg');
            return bytes;
        }
    },
    {
        id: 'html', draws: true, binary: false,
        help: 'one standalone page: the diagram, the KPIs (met or missed), the\nvalue at stake and the problems of the loaded files; no script,\nnothing remote',
        render: input => {
            const { svg, panes } = diagramOf(input);
            return renderHtml({ model: input.shown, svg, ...(panes ? { panes } : {}), view: input.view, customer: input.customerLabel, diagnostics: input.diagnostics, summary: input.summary });
        }
    },
    {
        id: 'mermaid', draws: false, binary: false,
        help: 'a Mermaid journey diagram for Markdown: stages are sections,\ntouchpoints tasks, emotion -2..2 the score 1..5, customers actors',
        render: input => renderMermaid(input.shown)
    },
    {
        id: 'json', draws: false, binary: false,
        help: 'the resolved model (schema: docs/model.schema.json)',
        render: input => renderJson({ model: input.shown, customer: input.customer, files: input.files, diagnostics: input.diagnostics, fileOf: input.fileOf })
    },
    {
        id: 'md', draws: false, binary: false,
        help: 'a Markdown report: objectives and KPIs, moments of truth per\nstage, pains and opportunities, what the validator found',
        render: input => renderMarkdown({ model: input.shown, customer: input.customerLabel, diagnostics: input.diagnostics, summary: input.summary })
    }
] as const satisfies readonly ExportFormatRow[];

export type ExportFormat = typeof EXPORT_FORMAT_TABLE[number]['id'];
export const EXPORT_FORMATS: readonly ExportFormat[] = EXPORT_FORMAT_TABLE.map(f => f.id);
/** The formats that draw the diagram, and so take `--view`. */
export const DIAGRAM_FORMATS: readonly ExportFormat[] = EXPORT_FORMAT_TABLE.filter(f => f.draws).map(f => f.id);

export function exportFormat(id: ExportFormat): ExportFormatRow {
    return EXPORT_FORMAT_TABLE.find(f => f.id === id)!;
}

/** The help text of `--to`: one line (or more) per format, from the table. */
export function exportFormatsHelp(): string {
    return EXPORT_FORMAT_TABLE.map(f => {
        const [first, ...rest] = f.help.split('\n');
        return [`  ${f.id.padEnd(8)} ${first}`, ...rest.map(line => `           ${line}`)].join('\n');
    }).join('\n');
}

function svgSize(svg: string): { width: number; height: number } {
    const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
    const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
    const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
    return { width: Number.isFinite(width) && width > 0 ? width : 1, height: Number.isFinite(height) && height > 0 ? height : 1 };
}

export { PngUnavailableError } from './png.js';
