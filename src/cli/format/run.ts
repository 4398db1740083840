import { formatText } from '../../../language-server/formatting/format-text.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { findFiles, relativePath } from '../files/find-files.js';
import { formatProblem, type CliIO } from '../io.js';
import { readSources } from '../files/read-files.js';
import { writeAtomically, writeProblem } from '../files/write-file.js';
import { readsStdin } from '../files/stdin.js';
import { formatStdin } from './stdin.js';

export interface FormatOptions {
    paths: string[];
    /** Report the files that are not formatted (exit 1) instead of rewriting them. */
    check: boolean;
    /** The file standard input (`-`) stands for, in messages. */
    stdinFilepath?: string;
}

/**
 * `copis format`: rewrites files into the canonical layout. A file that does not parse is left
 * untouched and reported; a file is replaced atomically, so an interrupted run never leaves half a file.
 */
export async function runFormat(options: FormatOptions, io: CliIO): Promise<ExitCode> {
    if (readsStdin(options.paths, options.stdinFilepath)) return formatStdin(options, io);
    const found = await findFiles(options.paths, io.cwd);
    const contents = await readSources(found.files);
    let problems = found.problems.length;
    for (const problem of found.problems) io.stderr(formatProblem(problem));
    let readable = 0;
    const changed: string[] = [];
    for (const [i, path] of found.files.entries()) {
        const file = relativePath(io.cwd, path);
        const content = contents[i];
        if (!('text' in content)) {
            io.stderr(formatProblem({ path: file, message: content.problem }));
            problems++;
            continue;
        }
        readable++;
        const formatted = formatText(content.text);
        if (formatted === undefined) {
            io.stderr(formatProblem({ path: file, message: 'has syntax errors, left as it is; fix them first (copis validate shows them)' }));
            problems++;
            continue;
        }
        if (formatted === content.text) continue;
        if (!options.check) {
            try {
                // A byte order mark stays: editors that wrote it may rely on it.
                await writeAtomically(path, content.bom ? `\uFEFF${formatted}` : formatted);
            } catch (error) {
                // Not "formatted": it is not.
                io.stderr(formatProblem({ path: file, message: `could not be written: ${writeProblem(error)}; it is unchanged` }));
                problems++;
                continue;
            }
        }
        changed.push(file);
    }
    if (readable === 0) {
        io.stderr('copis: nothing to format: no readable .copis file found; pass the files or folders that hold your models (copis format --help)\n');
        return EXIT_USAGE;
    }
    for (const file of changed) io.stdout(`${options.check ? 'not formatted' : 'formatted'}: ${file}\n`);
    if (options.check) {
        io.stdout(changed.length === 0 ? `${readable} ${readable === 1 ? 'file' : 'files'}: all formatted\n` : `${changed.length} of ${readable} files not formatted; run copis format to fix\n`);
        return changed.length > 0 || problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
    }
    io.stdout(`${readable} ${readable === 1 ? 'file' : 'files'}: ${changed.length} formatted\n`);
    return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
