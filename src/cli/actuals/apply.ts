import { URI, type LangiumDocument } from 'langium';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { toCliDiagnostic } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { findFiles, relativePath } from '../files/find-files.js';
import { readSources } from '../files/read-files.js';
import { writeAtomically, writeProblem } from '../files/write-file.js';
import { formatProblem, type CliIO } from '../io.js';
import { textLine } from '../validate/reporters/text.js';
import type * as ast from '../../../language-server/generated/ast.js';
import { applyCurrentEdits, currentEdits } from './current-edits.js';
import { readActualsFiles } from './read-actuals.js';

export interface ApplyOptions {
    /** The .copis files, folders and globs to update (default: `.`). */
    paths: string[];
    /** The CSV files of actuals. */
    actuals: string[];
    asOf?: string;
    /** List what would change (exit 1 if anything would), write nothing. */
    check: boolean;
}

/**
 * `copis actuals apply`: rewrites `current` in the .copis files from each KPI's latest actual, so
 * that a scheduled job can propose the fresh numbers as a change. Only the value tokens change;
 * a file that does not parse is left as it is (and reported); files are replaced atomically, and
 * a second run changes nothing.
 */
export async function runActualsApply(options: ApplyOptions, io: CliIO): Promise<ExitCode> {
    if (options.actuals.length === 0) {
        io.stderr('copis: actuals apply needs the CSV files of actuals: --actuals FILE (repeatable); see copis actuals apply --help\n');
        return EXIT_USAGE;
    }
    const found = await findFiles(options.paths, io.cwd);
    const contents = await readSources(found.files);
    let problems = found.problems.length;
    for (const problem of found.problems) io.stderr(formatProblem(problem));
    const sources: Array<{ path: string; file: string; uri: string; text: string; bom: boolean }> = [];
    found.files.forEach((path, i) => {
        const content = contents[i];
        const file = relativePath(io.cwd, path);
        if ('text' in content) sources.push({ path, file, uri: URI.file(path).toString(), text: content.text, bom: content.bom === true });
        else {
            io.stderr(formatProblem({ path: file, message: content.problem }));
            problems++;
        }
    });
    const read = await readActualsFiles(options.actuals, io.cwd);
    for (const problem of read.problems) io.stderr(formatProblem(problem));
    problems += read.problems.length;
    if (sources.length === 0 || read.actuals.length === 0) {
        io.stderr(`copis: nothing to apply: ${sources.length === 0 ? 'no readable .copis file found' : 'no readable actuals file'}; see copis actuals apply --help\n`);
        return EXIT_USAGE;
    }

    const { documents, services } = await loadWorkspace(sources.map(({ uri, text }) => ({ uri, text })), { batch: true, asOf: options.asOf, actuals: read.actuals, validate: false });
    const actuals = services.validation.Actuals;
    // The actuals files' errors: their rows are not used, and the run fails (the good rows are still applied).
    for (const a of read.actuals) {
        for (const d of actuals.diagnostics(a.uri)) {
            const line = toCliDiagnostic(a.file, d);
            if (line.severity === 'error') problems++;
            io.stderr(`${textLine(line)}\n`);
        }
    }

    let changedFiles = 0;
    let changedValues = 0;
    for (const [i, document] of documents.entries()) {
        const source = sources[i];
        if (hasSyntaxErrors(document)) {
            io.stderr(formatProblem({ path: source.file, message: 'has syntax errors, left as it is; fix them first (copis validate shows them)' }));
            problems++;
            continue;
        }
        const { edits, skipped } = currentEdits(document.parseResult.value as ast.Model, actuals.lookup);
        for (const s of skipped) io.stderr(`${source.file}:${s.line + 1}:${s.character + 1}  KPI \`${s.kpi}\` ${s.reason}\n`);
        if (edits.length === 0) continue;
        for (const e of edits) {
            io.stdout(`${source.file}:${e.line + 1}:${e.character + 1}  ${e.kpi}: current ${e.from} → ${e.to} (actual of ${e.date})\n`);
        }
        if (!options.check) {
            const text = applyCurrentEdits(source.text, edits);
            try {
                await writeAtomically(source.path, source.bom ? `\uFEFF${text}` : text);
            } catch (error) {
                io.stderr(formatProblem({ path: source.file, message: `could not be written: ${writeProblem(error)}; it is unchanged` }));
                problems++;
                continue;
            }
        }
        changedFiles++;
        changedValues += edits.length;
    }
    const files = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
    const values = (n: number) => `${n} ${n === 1 ? 'value' : 'values'}`;
    if (options.check) {
        io.stdout(changedValues === 0 ? `${files(sources.length)}: every current value is up to date\n` : `${values(changedValues)} in ${files(changedFiles)} would change; run copis actuals apply to write them\n`);
        return changedValues > 0 || problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
    }
    io.stdout(`${files(sources.length)}: ${values(changedValues)} updated in ${files(changedFiles)}\n`);
    return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}
