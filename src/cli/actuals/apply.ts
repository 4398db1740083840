import type { LangiumDocument } from 'langium';
import { toCliDiagnostic } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { WriteRefused, writeAtomically, writeProblem } from '../files/write-file.js';
import { formatProblem, type CliIO } from '../io.js';
import { loadModel } from '../load-model.js';
import { relativePath } from '../shown.js';
import { textLine } from '../validate/reporters/text.js';
import type * as ast from '../../../language-server/generated/ast.js';
import { applyCurrentEdits, currentEdits } from './current-edits.js';
import { plural } from '../../../language-server/model/labels.js';

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
    const loaded = await loadModel(options.paths, io, { asOf: options.asOf, command: 'actuals apply', actuals: options.actuals, validate: false });
    if ('exit' in loaded) return loaded.exit;
    if (loaded.reported.length === 0) {
        // Only CSV files named: they say where the numbers come from, not which files to rewrite.
        io.stderr('copis: nothing to apply to: no .copis file named; name the .copis files or folders to update (copis actuals apply models/): the CSV files their copis.config.json names in `actuals` are read for them, and so are CSV files named beside them (copis actuals apply models/ data/kpis.csv)\n');
        return EXIT_USAGE;
    }
    let problems = loaded.inputProblems;
    if (loaded.actuals.length === 0 && loaded.unreadActuals > 0) {
        io.stderr(`copis: nothing applied: ${loaded.unreadActuals === 1 ? 'the actuals file could not be read' : 'none of the actuals files could be read'} (see above); fix the path, or name the CSV files with --actuals FILE\n`);
        return EXIT_PROBLEMS;
    }
    if (loaded.actuals.length === 0) {
        io.stderr('copis: nothing to apply: no actuals file; name the CSV files with --actuals FILE (repeatable), or with `actuals` in copis.config.json; see copis actuals apply --help\n');
        return EXIT_USAGE;
    }
    const { documents, services, sources } = loaded;
    const actuals = services.validation.Actuals;
    // The actuals files' errors: their rows are not used, and the run fails (the good rows are still applied).
    for (const a of loaded.actuals) {
        for (const d of actuals.diagnostics(a.uri)) {
            const line = toCliDiagnostic(a.file, d);
            if (line.severity === 'error') problems++;
            io.stderr(`${textLine(line)}\n`);
        }
    }

    let changedFiles = 0;
    let changedValues = 0;
    let named = 0;
    for (const [i, document] of documents.entries()) {
        const source = sources[i];
        // Only the files the paths name are rewritten; the rest of their model roots is loaded for its KPIs' names.
        if (!source.named) continue;
        named++;
        if (hasSyntaxErrors(document)) {
            io.stderr(formatProblem({ path: relativePath(io.cwd, source.path), message: 'has syntax errors, left as it is; fix them first (copis validate shows them)' }));
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
                await writeAtomically(source.path, source.bom ? `\uFEFF${text}` : text, { expected: { stamp: source.stamp } });
            } catch (error) {
                const message = error instanceof WriteRefused
                    ? error.reason === 'changed' ? `${error.message} while copis applied the actuals, so it is left as it is; run copis actuals apply again` : `${error.message}; it is unchanged`
                    : `could not be written: ${writeProblem(error)}; it is unchanged`;
                io.stderr(formatProblem({ path: relativePath(io.cwd, source.path), message }));
                problems++;
                continue;
            }
        }
        changedFiles++;
        changedValues += edits.length;
    }
    const files = (n: number) => plural(n, 'file');
    const values = (n: number) => plural(n, 'value');
    if (options.check) {
        io.stdout(changedValues > 0 ? `${values(changedValues)} in ${files(changedFiles)} would change; run copis actuals apply to write them\n`
            : problems === 0 ? `${files(named)}: every current value is up to date\n`
                // What could not be read or used may hold newer values: "up to date" is not known.
                : loaded.unreadActuals > 0 ? `${files(named)}: no current value would change from the actuals read, but ${loaded.unreadActuals === 1 ? 'an actuals file' : `${loaded.unreadActuals} actuals files`} could not be read (see above), so whether every value is up to date is not known\n`
                    : `${files(named)}: no current value would change from what could be used, but the problems above leave it unknown whether every value is up to date\n`);
        return changedValues > 0 || problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
    }
    io.stdout(`${files(named)}: ${values(changedValues)} updated in ${files(changedFiles)}\n`);
    return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}
