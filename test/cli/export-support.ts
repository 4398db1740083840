// Shared by the export suites: the model the CLI should export, built in-process, and readers of what it writes.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import * as ast from '../../language-server/generated/ast.js';
import { buildJourneyModel } from '../../language-server/model/build-model.js';
import type { JourneyModel } from '../../language-server/model/journey-model.js';
import { loadWorkspace } from '../../language-server/workspace/validate-workspace.js';
import { readRunActuals } from '../../src/cli/actuals/read-actuals.js';
import { findFiles } from '../../src/cli/files/find-files.js';
import { nodeLocator } from '../../src/cli/files/model-file-system.js';
import { ROOT } from './helpers.js';

/**
 * The journey of `file` (the first, or `journey`) resolved with the .copis files below `folder`, as the
 * export loads them: with the KPI actuals its model root's config names, as of `asOf` (default today).
 */
export async function journeyModel(file: string, options: { folder?: string; journey?: string; asOf?: string } = {}): Promise<JourneyModel> {
    const path = resolve(file);
    const { files } = await findFiles([options.folder ?? resolve(path, '..'), path], '/');
    const sources = [path, ...files.filter(f => f !== path)].map(f => ({ uri: URI.file(f).toString(), text: readFileSync(f, 'utf8') }));
    const root = options.folder === undefined ? await nodeLocator().rootOf(URI.file(dirname(path))) : undefined;
    const roots = root ? [root] : [];
    const { actuals } = await readRunActuals(roots, [], '/');
    const { documents, services } = await loadWorkspace(sources, { batch: true, roots, actuals, asOf: options.asOf });
    const journeys = (documents[0].parseResult.value as ast.Model).elements.filter(ast.isJourney);
    const journey = options.journey === undefined ? journeys[0] : journeys.find(j => j.name === options.journey);
    if (!journey) throw new Error(`no journey in ${file}`);
    return buildJourneyModel(journey, { actualsOf: services.validation.Actuals.lookup }).model;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Width and height of an SVG's root element. */
export function svgSize(svg: string): { width: number; height: number } {
    const root = /<svg\b[^>]*>/.exec(svg)![0];
    return { width: Number(/ width="([\d.]+)"/.exec(root)![1]), height: Number(/ height="([\d.]+)"/.exec(root)![1]) };
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface MermaidJourney {
    title?: string;
    sections: string[];
    tasks: { section: string; task: string; data: string }[];
}

/**
 * Parses Mermaid `journey` text with Mermaid's own parser (the jison grammar shipped in the mermaid
 * package). Mermaid's public `parse` needs a DOM (DOMPurify) to sanitise; the grammar does not, so the
 * parser runs with a recorder for its callbacks. Throws Mermaid's parse error.
 */
export async function parseMermaidJourney(text: string): Promise<MermaidJourney> {
    const chunks = join(ROOT, 'node_modules', 'mermaid', 'dist', 'chunks', 'mermaid.core');
    const chunk = readdirSync(chunks).find(name => /^journeyDiagram-[\w-]+\.mjs$/.test(name));
    if (!chunk) throw new Error(`no journeyDiagram chunk in ${chunks}: has the mermaid package changed its layout?`);
    const { diagram } = await import(pathToFileURL(join(chunks, chunk)).href) as { diagram: { parser: { yy: unknown; parse(text: string): unknown } } };
    const result: MermaidJourney = { sections: [], tasks: [] };
    let section = '';
    diagram.parser.yy = {
        setDiagramTitle: (title: string) => { result.title = title; },
        setAccTitle: () => undefined,
        setAccDescription: () => undefined,
        addSection: (name: string) => { section = name; result.sections.push(name); },
        addTask: (task: string, data: string) => { result.tasks.push({ section, task, data }); }
    };
    diagram.parser.parse(text);
    return result;
}
