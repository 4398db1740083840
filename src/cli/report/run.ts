import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel, objectiveModel } from '../../../language-server/model/build-model.js';
import { buildRootReport } from '../../../language-server/model/root-report.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { writeAtomically, writeProblem } from '../files/write-file.js';
import { formatProblem, type CliIO } from '../io.js';
import { loadModel } from '../load-model.js';
import { relativePath, shownPath } from '../shown.js';
import { renderReport, type ReportFormat } from './formats/index.js';
import { plural } from '../../../language-server/model/labels.js';

export interface ReportOptions {
    /** Files, folders and globs: the model root (default `.`). */
    paths: string[];
    to: ReportFormat;
    actuals: string[];
    asOf?: string;
    /** Where to write; `-` or none: stdout. */
    output?: string;
}

/**
 * `copis report`: one report of a whole model root (language §7): every KPI with its actual,
 * target, trend and staleness; the moments of truth ranked by value at risk; the opportunities
 * ranked by priority across journeys; what is not known and why. The model is the one copis
 * validate loads (loadModel: model roots, the config's `actuals`, `--actuals`). It does not
 * validate (that is `copis validate`): a file with syntax errors is left out and reported (exit 1).
 */
export async function runReport(options: ReportOptions, io: CliIO): Promise<ExitCode> {
    const loaded = await loadModel(options.paths, io, { asOf: options.asOf, command: 'report', actuals: options.actuals, validate: false });
    if ('exit' in loaded) return loaded.exit;
    const { sources, documents, services, actuals } = loaded;
    let problems = loaded.inputProblems;
    const output = options.output === undefined || options.output === '-' ? undefined : resolve(io.cwd, options.output);

    const actualsOf = services.validation.Actuals.lookup;
    const journeys = [];
    const objectives = [];
    for (const [i, document] of documents.entries()) {
        if (hasSyntaxErrors(document)) {
            io.stderr(formatProblem({ path: relativePath(io.cwd, sources[i].path), message: 'has syntax errors, so it is left out of the report; fix them first (copis validate shows them)' }));
            problems++;
            continue;
        }
        for (const element of (document.parseResult.value as ast.Model).elements) {
            if (!element.name) continue;
            if (ast.isJourney(element)) journeys.push(buildJourneyModel(element, { actualsOf }).model);
            else if (ast.isObjective(element)) objectives.push(objectiveModel(element, true, undefined, actualsOf));
        }
    }
    const actualsProblems = actuals.reduce((n, a) => n + services.validation.Actuals.diagnostics(a.uri).filter(d => d.severity === 1).length, 0);
    const fileOfUri = new Map<string, string>([...sources, ...actuals].map(s => [s.uri, s.file]));
    const content = renderReport(options.to, {
        report: buildRootReport(journeys, objectives),
        asOf: services.validation.AsOf.get(),
        files: sources.map(s => s.file),
        actuals: actuals.map(a => a.file),
        actualsProblems,
        fileOf: uri => fileOfUri.get(uri) ?? shownPath(URI.parse(uri).fsPath, io.cwd)
    });
    if (actualsProblems > 0) io.stderr(`copis: the actuals files have ${plural(actualsProblems, 'error')}: those rows are left out; copis validate lists them\n`);

    if (output === undefined) {
        io.stdout(content);
    } else {
        try {
            await mkdir(dirname(output), { recursive: true });
            const written = await writeAtomically(output, content);
            if (written === 'file') io.stdout(`reported: ${shownPath(options.output!)}\n`);
        } catch (error) {
            io.stderr(formatProblem({ path: options.output!, message: `could not be written: ${writeProblem(error)}; it is unchanged` }));
            return EXIT_USAGE;
        }
    }
    return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}
