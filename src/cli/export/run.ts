import { mkdir } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { errorsOf, type DiagramView } from '../../../language-server/diagram/index.js';
import { filterByCustomer, sliceStages } from '../../../language-server/model/filter.js';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel } from '../../../language-server/model/build-model.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { closestName } from '../../../language-server/validation/did-you-mean.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { realOrSame } from '../files/byte-names.js';
import { removeEmptyFolders } from '../files/empty-folders.js';
import { stampNow } from '../files/file-stamp.js';
import { isFolder, nameExists } from '../files/path-kind.js';
import { EXTENSION } from '../files/find-files.js';
import { nodeLocator } from '../files/model-file-system.js';
import { configProblemDiagnostics } from '../validate/config-problems.js';
import { textLine } from '../validate/reporters/text.js';
import { formatProblem, type CliIO } from '../io.js';
import { readSource } from '../files/read-files.js';
import { loadModel } from '../load-model.js';
import { WriteRefused, writeAtomically, writeProblem } from '../files/write-file.js';
import { relativePath, shownMessage, shownPath } from '../shown.js';
import { DIAGRAM_FORMATS, ExportFailure, PngUnavailableError, exportFormat, type ExportFormat } from './formats/index.js';
import { label } from './formats/model-text.js';
import { plural } from '../../../language-server/model/labels.js';

export interface ExportOptions {
    /** The .copis file that declares the journey. */
    file: string;
    to: ExportFormat;
    /** svg, png and html only; default `journey`. */
    view?: DiagramView;
    /** The journey's name; default: the first journey in the file. */
    journey?: string;
    /** A customer's name: only that customer's path. */
    customer?: string;
    /** `A..B`, `A..`, `..B` or `A`: only those stages (by name, in stage order). */
    stages?: string;
    /** The journey view in compact mode (diagram formats). */
    compact?: boolean;
    /** Where to write; `-` or none: stdout (text formats only). */
    output?: string;
    /** The folder whose .copis files are loaded with FILE; default: FILE's folder. */
    workspace?: string;
    /** `YYYY-MM-DD`: judge KPI due dates (in the listed diagnostics) and read actuals as of this date instead of today. */
    asOf?: string;
    /** CSV files of KPI actuals (`--actuals`): a KPI's latest row takes the place of its current value. */
    actuals?: string[];
}

class UsageError extends Error {}

/**
 * `copis export`: loads FILE with the .copis files around it (so that references across files
 * resolve), resolves one journey and writes it in one format, to a file (atomically: an existing
 * output is replaced only once the export has succeeded) or to stdout. Problems in the model do not
 * stop it: what does not resolve is left out, and the problems are listed on stderr.
 * Exit codes: 0 exported; 1 FILE has syntax errors (nothing written); 2 bad usage, FILE
 * unreadable, no such journey or customer, or the output cannot be written.
 */
export async function runExport(options: ExportOptions, io: CliIO): Promise<ExitCode> {
    try {
        return await exportJourney(options, io);
    } catch (error) {
        if (error instanceof UsageError || error instanceof PngUnavailableError) {
            // The paths in it are shown already; a --journey or --customer as typed is kept on one line here.
            io.stderr(`copis: ${shownMessage(error.message)}\n`);
            return EXIT_USAGE;
        }
        throw error;
    }
}

async function exportJourney(options: ExportOptions, io: CliIO): Promise<ExitCode> {
    const format = options.to;
    const file = resolve(io.cwd, options.file);
    const shownFile = shownPath(file, io.cwd);
    const toStdout = options.output === undefined || options.output === '-';
    const output = toStdout ? undefined : resolve(io.cwd, options.output!);
    const shownOutput = toStdout ? '' : shownPath(options.output!);

    // ---- usage, before anything is read
    if (extname(file) !== EXTENSION) throw new UsageError(`${shownPath(options.file)}: not a ${EXTENSION} file; export takes the ${EXTENSION} file that declares the journey`);
    if (options.view !== undefined && !DIAGRAM_FORMATS.includes(format)) {
        throw new UsageError(`--view applies to the diagram formats (${DIAGRAM_FORMATS.join(', ')}), not to --to ${format}; leave it out`);
    }
    if (options.compact && !DIAGRAM_FORMATS.includes(format)) {
        throw new UsageError(`--compact applies to the journey view of the diagram formats (${DIAGRAM_FORMATS.join(', ')}), not to --to ${format}; leave it out`);
    }
    if (options.compact && options.view === 'copis') throw new UsageError('--compact applies to the journey view, not to --view copis; leave one of them out');
    if (options.stages !== undefined && !STAGE_RANGE.test(options.stages)) {
        throw new UsageError(`--stages ${options.stages}: write a range of stage names, e.g. --stages Browse..Pay (or Browse.., ..Pay, or Browse alone)`);
    }
    if (exportFormat(format).binary && toStdout) throw new UsageError(`--to ${format} writes a binary file: name it with -o, e.g. -o journey.${format}`);
    if (output !== undefined) await checkOutput(output, options.output!, shownOutput);
    // The output as it is now: if something else writes it while the export runs, that is not overwritten.
    const outputBefore = output === undefined ? undefined : await stampNow(output, false);

    // ---- FILE and the files around it
    if (!await nameExists(file)) throw new UsageError(`${shownPath(options.file)}: no such file; check the path`);
    // Read here to refuse an unusable FILE before the files around it are looked at (the model reads it again).
    const read = await readSource(file);
    if ('problem' in read) throw new UsageError(`${shownFile}: ${read.problem}`);
    if (options.workspace !== undefined && !await isFolder(resolve(io.cwd, options.workspace))) throw new UsageError(`--workspace ${shownPath(options.workspace)}: not a folder; name the folder that holds the .copis files to load with ${shownFile}`);
    // FILE's model, loaded as copis validate loads a model (the same function): its model root when it is in one
    // (a FILE its root's rules leave out is a model of its own), else the files below its folder; with --workspace,
    // FILE and the files below DIR as one model, whatever the config files say, read with their roots' actuals.
    const fileRoot = await nodeLocator().rootOf(URI.file(dirname(file)));
    const context = options.workspace !== undefined ? [resolve(io.cwd, options.workspace)] : fileRoot ? [] : [dirname(file)];
    const loaded = await loadModel([file], io, {
        asOf: options.asOf, command: 'export', actuals: options.actuals, context, oneModel: options.workspace !== undefined, leftOut: '; exporting without it'
    });
    if ('exit' in loaded) return loaded.exit;
    // FILE that became unreadable since it was read above is said on stderr already.
    if (!loaded.sources.some(s => s.named)) return EXIT_USAGE;
    if (loaded.unreadActuals > 0) {
        io.stderr(`copis: nothing was exported${output ? ` (${shownOutput} is unchanged)` : ''}: ${loaded.unreadActuals === 1 ? 'an actuals file' : `${loaded.unreadActuals} actuals files`} could not be read (above); fix the path, or leave it out\n`);
        return EXIT_USAGE;
    }
    // FILE first: the formats name the files in this order.
    const sources = [...loaded.sources.filter(s => s.named), ...loaded.sources.filter(s => !s.named)];
    const documentOf = new Map(loaded.documents.map(d => [d.uri.toString(), d]));
    const documents = sources.map(s => documentOf.get(URI.parse(s.uri).toString())!);
    const { services, actuals } = loaded;
    if (output !== undefined) {
        const outputReal = await realOrSame(output);
        for (const s of sources) if (await realOrSame(s.path) === outputReal) throw new UsageError(`-o ${shownOutput}: that is a model file (${s.file}); name another output`);
    }
    const diagnostics: CliDiagnostic[] = options.workspace !== undefined ? [] : configProblemDiagnostics(services.shared.workspace.ModelRoots.all(), io.cwd);
    documents.forEach((document, i) => {
        for (const d of document.diagnostics ?? []) diagnostics.push(toCliDiagnostic(sources[i].file, d));
    });
    for (const a of actuals) for (const d of services.validation.Actuals.diagnostics(a.uri)) diagnostics.push(toCliDiagnostic(a.file, d));
    diagnostics.sort(compareDiagnostics);
    const summary = summarize(sources.length + actuals.length, diagnostics);
    const problems = documents.flatMap(d => errorsOf(d.uri.toString(), d.diagnostics));

    // ---- FILE must parse
    const document = documents[0];
    if (hasSyntaxErrors(document)) {
        for (const d of diagnostics) if (d.file === shownFile && d.code === 'syntax') io.stderr(`${textLine(d)}\n`);
        io.stderr(formatProblem({ path: relativePath(io.cwd, file), message: `has syntax errors, so nothing was exported${output ? ` (${shownOutput} is unchanged)` : ''}; fix them first (copis validate shows them)` }));
        return EXIT_PROBLEMS;
    }

    // ---- the journey and the customer
    const journey = pickJourney(document, options.journey, shownFile);
    const { model } = buildJourneyModel(journey, { actualsOf: services.validation.Actuals.lookup });
    const customer = options.customer === undefined ? undefined : pickCustomer(model, options.customer);
    const stages = options.stages === undefined ? undefined : pickStages(model, options.stages);
    const part = stages === undefined ? model : sliceStages(model, stages.from, stages.to)!;
    const shown = customer === undefined ? part : filterByCustomer(part, customer).model;
    const customerLabel = customer === undefined ? undefined : label(model.customerDetails.find(c => c.id === customer)!);
    const view = options.view ?? 'journey';

    // ---- render, then write
    const files = [...sources.map(s => s.file), ...actuals.map(a => a.file)];
    const fileOfUri = new Map([...sources, ...actuals].map(s => [s.uri, s.file]));
    const fileOf = (uri: string) => fileOfUri.get(uri) ?? shownPath(URI.parse(uri).fsPath, io.cwd);
    let content: string | Uint8Array;
    try {
        content = await exportFormat(format).render({
            model, shown, view, customer, customerLabel, files, diagnostics, problems, summary, fileOf,
            ...(stages ? { stages } : {}), ...(options.compact ? { compact: true } : {}),
            warn: message => io.stderr(`copis: warning: ${message}\n`)
        });
    } catch (error) {
        if (error instanceof ExportFailure) throw new UsageError(error.message.replace(/so nothing was written/, `so nothing was written${output ? ` (${shownOutput} is unchanged)` : ''}`));
        throw error;
    }

    reportProblems(diagnostics, io);
    if (output === undefined) {
        io.stdout(typeof content === 'string' ? content : '');
        return EXIT_OK;
    }
    let created: string | undefined;
    let written;
    try {
        created = await mkdir(dirname(output), { recursive: true });
        written = await writeAtomically(output, content, { expected: { stamp: outputBefore } });
    } catch (error) {
        // Nothing is left behind: not the temporary file (writeAtomically removes it), nor the folders made for it.
        await removeEmptyFolders(dirname(output), created);
        const message = error instanceof WriteRefused
            ? `${error.message} while copis exported, so it is left as it is, with what was written; export again`
            : `could not be written: ${writeProblem(error)}; it is unchanged`;
        io.stderr(formatProblem({ path: options.output!, message }));
        return EXIT_USAGE;
    }
    // Into a FIFO or a device (`-o /dev/stdout`) the export is the whole output, as with `-o -`.
    if (written === 'file') io.stdout(`exported: ${shownOutput}\n`);
    return EXIT_OK;
}

/** An output path that cannot be right: a folder, or a model file (also through a symbolic link). */
async function checkOutput(output: string, typed: string, given: string): Promise<void> {
    if (extname(output) === EXTENSION || extname(await realOrSame(output)) === EXTENSION) {
        throw new UsageError(`-o ${given}: would overwrite a ${EXTENSION} file; name the output with the format's extension`);
    }
    if (!await isFolder(output) && /[\\/]$/.test(typed)) throw new UsageError(`-o ${given}: names a folder (it ends with a slash); name the output file, e.g. -o ${given.replace(/[\\/]+$/, '')}/journey.svg`);
    if (await isFolder(output)) throw new UsageError(`-o ${given}: is a folder; name the output file, e.g. -o ${given.replace(/[\\/]+$/, '')}/journey.svg`);
}

function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}

function pickJourney(document: LangiumDocument, name: string | undefined, shownFile: string): ast.Journey {
    const journeys = (document.parseResult.value as ast.Model).elements.filter(ast.isJourney).filter(j => j.name);
    if (journeys.length === 0) throw new UsageError(`${shownFile}: declares no journey; export draws a journey: name the file that declares it (its customers, systems and processes may live in the files around it)`);
    if (name === undefined) return journeys[0];
    const journey = journeys.find(j => j.name === name);
    if (journey) return journey;
    const names = journeys.map(j => j.name);
    const suggestion = closestName(name, names);
    throw new UsageError(`--journey ${name}: ${shownFile} declares no such journey${suggestion ? ` (did you mean ${suggestion}?)` : ''}; it declares: ${names.join(', ')}`);
}

function pickCustomer(model: JourneyModel, name: string): string {
    const ids = model.customerDetails.map(c => c.id);
    if (ids.includes(name)) return name;
    if (ids.length === 0) throw new UsageError(`--customer ${name}: journey ${model.name} has no customers; leave --customer out`);
    const suggestion = closestName(name, ids);
    throw new UsageError(`--customer ${name}: no such customer in journey ${model.name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; its customers: ${ids.join(', ')}`);
}

/** `A..B`, `A..`, `..B` or `A`, with stage names. */
const STAGE_RANGE = /^(?:[A-Za-z_][A-Za-z0-9_]*(?:\.\.(?:[A-Za-z_][A-Za-z0-9_]*)?)?|\.\.[A-Za-z_][A-Za-z0-9_]*)$/;

/** The first and last stage (ids) of `--stages`, in stage order. */
function pickStages(model: JourneyModel, range: string): { from: string; to: string } {
    const [fromName, toName] = range.includes('..') ? range.split('..') : [range, range];
    const names = model.stages.map(s => s.name);
    if (names.length === 0) throw new UsageError(`--stages ${range}: journey ${model.name} has no stages; leave --stages out`);
    const index = (name: string, fallback: number) => {
        if (name === '') return fallback;
        const i = names.indexOf(name);
        if (i >= 0) return i;
        const suggestion = closestName(name, names);
        throw new UsageError(`--stages ${range}: journey ${model.name} has no stage ${name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; its stages, in order: ${names.join(', ')}`);
    };
    const first = index(fromName, 0);
    const last = index(toName, names.length - 1);
    if (first > last) throw new UsageError(`--stages ${range}: ${fromName} comes after ${toName} in the journey; write the range in stage order (--stages ${toName}..${fromName})`);
    return { from: model.stages[first].id, to: model.stages[last].id };
}

/** Errors and warnings of the loaded files on stderr (information is in the html, json and md reports only). */
function reportProblems(diagnostics: CliDiagnostic[], io: CliIO): void {
    const problems = diagnostics.filter(d => d.severity !== 'information');
    if (problems.length === 0) return;
    for (const d of problems) io.stderr(`${textLine(d)}\n`);
    const errors = problems.filter(d => d.severity === 'error').length;
    const warnings = problems.length - errors;
    const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(' and ');
    io.stderr(`copis: exported despite ${counts} in the model${errors > 0 ? ' (what does not resolve is left out)' : ''}; copis validate lists every problem\n`);
}

