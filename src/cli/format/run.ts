import { formatText } from '../../../language-server/formatting/format-text.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { findFiles } from '../files/find-files.js';
import { formatProblem, type CliIO } from '../io.js';
import { readAhead } from '../files/pool.js';
import { readSource } from '../files/read-files.js';
import { WriteRefused, writeAtomically, writeProblem } from '../files/write-file.js';
import { readsStdin } from '../files/stdin.js';
import { relativePath, shownPath } from '../shown.js';
import { formatStdin } from './stdin.js';
import { whyNotReplace } from './replace-policy.js';
import { plural } from '../../../language-server/model/labels.js';

const READ_AHEAD = 8;

export interface FormatOptions {
    paths: string[];
    /** Report the files that are not formatted (exit 1) instead of rewriting them. */
    check: boolean;
    /** Replace read-only files too. */
    force?: boolean;
    /** The file standard input (`-`) stands for, in messages. */
    stdinFilepath?: string;
}

/**
 * `copis format`: rewrites files into the canonical layout. A file that does not parse is left
 * untouched and reported; a file is replaced atomically, so an interrupted run never leaves half a file.
 * Files are formatted and written one at a time (memory holds a few models, whatever their number), and
 * each is checked again just before it is replaced: a file written by something else meanwhile is
 * left with what was written, and reported.
 */
export async function runFormat(options: FormatOptions, io: CliIO): Promise<ExitCode> {
    if (readsStdin(options.paths, options.stdinFilepath)) return formatStdin(options, io);
    const found = await findFiles(options.paths, io.cwd);
    let problems = found.problems.length;
    for (const problem of found.problems) io.stderr(formatProblem(problem));
    if (found.stopped) {
        io.stderr(formatProblem(found.stopped));
        return EXIT_USAGE;
    }
    let readable = 0;
    const changed: string[] = [];
    // The next few files are read while one is formatted: at most READ_AHEAD models in memory, whatever their number.
    const reads = readAhead(found.files, READ_AHEAD, async path => ({ path, content: await readSource(path) }));
    for await (const { path, content } of reads) {
        const file = relativePath(io.cwd, path);
        const problem = (message: string) => {
            io.stderr(formatProblem({ path: file, message }));
            problems++;
        };
        if (!('text' in content)) {
            problem(content.problem);
            continue;
        }
        readable++;
        const formatted = formatText(content.text);
        if (formatted === undefined) {
            problem('has syntax errors, left as it is; fix them first (copis validate shows them)');
            continue;
        }
        if (formatted === content.text) continue;
        if (!options.check) {
            const refused = await whyNotReplace(path, content.stamp, options.force ?? false);
            if (refused) {
                problem(refused);
                continue;
            }
            try {
                // A byte order mark stays: editors that wrote it may rely on it.
                await writeAtomically(path, content.bom ? `\uFEFF${formatted}` : formatted, { expected: { stamp: content.stamp }, requireOwner: true });
            } catch (error) {
                // Not "formatted": it is not.
                if (error instanceof WriteRefused && error.reason === 'changed') problem(`${error.message} while copis formatted it, so it is left as it is, with what was written; run copis format again`);
                else if (error instanceof WriteRefused) problem(`${error.message}, so it is left as it is; format it as its owner`);
                else problem(`could not be written: ${writeProblem(error)}; it is unchanged`);
                continue;
            }
        }
        changed.push(shownPath(path, io.cwd));
    }
    if (readable === 0) {
        io.stderr('copis: nothing to format: no readable .copis file found; pass the files or folders that hold your models (copis format --help)\n');
        return EXIT_USAGE;
    }
    for (const file of changed) io.stdout(`${options.check ? 'not formatted' : 'formatted'}: ${file}\n`);
    if (options.check) {
        io.stdout(changed.length === 0 ? `${plural(readable, 'file')}: all formatted\n` : `${changed.length} of ${readable} files not formatted; run copis format to fix\n`);
        return changed.length > 0 || problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
    }
    io.stdout(`${plural(readable, 'file')}: ${changed.length} formatted\n`);
    return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
