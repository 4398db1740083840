import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel, objectiveModel } from '../../../language-server/model/build-model.js';
import { buildRootReport } from '../../../language-server/model/root-report.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { readActualsFiles } from '../actuals/read-actuals.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { findFiles, relativePath } from '../files/find-files.js';
import { readSources } from '../files/read-files.js';
import { writeAtomically, writeProblem } from '../files/write-file.js';
import { formatProblem, type CliIO } from '../io.js';
import { renderReport, type ReportFormat } from './formats/index.js';

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
 * ranked by priority across journeys; what is not known and why. It does not validate (that is
 * `copis validate`): a file with syntax errors is left out and reported (exit 1).
 */
export async function runReport(options: ReportOptions, io: CliIO): Promise<ExitCode> {
    const found = await findFiles(options.paths, io.cwd);
    const contents = await readSources(found.files);
    let problems = found.problems.length;
    for (const problem of found.problems) io.stderr(formatProblem(problem));
    const sources: Array<{ file: string; uri: string; text: string }> = [];
    found.files.forEach((path, i) => {
        const content = contents[i];
        const file = relativePath(io.cwd, path);
        if ('text' in content) sources.push({ file, uri: URI.file(path).toString(), text: content.text });
        else {
            io.stderr(formatProblem({ path: file, message: content.problem }));
            problems++;
        }
    });
    const read = await readActualsFiles(options.actuals, io.cwd);
    for (const problem of read.problems) io.stderr(formatProblem(problem));
    problems += read.problems.length;
    if (sources.length === 0) {
        io.stderr('copis: nothing to report: no readable .copis file found; pass the files or folders that hold your models (copis report --help)\n');
        return EXIT_USAGE;
    }
    const output = options.output === undefined || options.output === '-' ? undefined : resolve(io.cwd, options.output);

    const { documents, services } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), { batch: true, asOf: options.asOf, actuals: read.actuals, validate: false });
    const actualsOf = services.validation.Actuals.lookup;
    const journeys = [];
    const objectives = [];
    for (const [i, document] of documents.entries()) {
        if (hasSyntaxErrors(document)) {
            io.stderr(formatProblem({ path: sources[i].file, message: 'has syntax errors, so it is left out of the report; fix them first (copis validate shows them)' }));
            problems++;
            continue;
        }
        for (const element of (document.parseResult.value as ast.Model).elements) {
            if (!element.name) continue;
            if (ast.isJourney(element)) journeys.push(buildJourneyModel(element, { actualsOf }).model);
            else if (ast.isObjective(element)) objectives.push(objectiveModel(element, true, undefined, actualsOf));
        }
    }
    const actualsProblems = read.actuals.reduce((n, a) => n + services.validation.Actuals.diagnostics(a.uri).filter(d => d.severity === 1).length, 0);
    const fileOfUri = new Map([...sources, ...read.actuals].map(s => [s.uri, s.file]));
    const content = renderReport(options.to, {
        report: buildRootReport(journeys, objectives),
        asOf: services.validation.AsOf.get(),
        files: sources.map(s => s.file),
        actuals: read.actuals.map(a => a.file),
        actualsProblems,
        staleAfterDays: services.validation.Actuals.staleAfterDays,
        fileOf: uri => fileOfUri.get(uri) ?? relativePath(io.cwd, URI.parse(uri).fsPath)
    });
    if (actualsProblems > 0) io.stderr(`copis: the actuals files have ${actualsProblems} ${actualsProblems === 1 ? 'error' : 'errors'}: those rows are left out; copis validate --actuals … lists them\n`);

    if (output === undefined) {
        io.stdout(content);
    } else {
        try {
            await mkdir(dirname(output), { recursive: true });
            const written = await writeAtomically(output, content);
            if (written === 'file') io.stdout(`reported: ${options.output}\n`);
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
