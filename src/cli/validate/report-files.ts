import { InvalidArgumentError } from 'commander';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { closestName } from '../../../language-server/validation/did-you-mean.js';
import type { Report } from '../diagnostics.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { removeEmptyFolders } from '../files/empty-folders.js';
import { writeAtomically, writeProblem } from '../files/write-file.js';
import { formatProblem, type CliIO } from '../io.js';
import { FORMATS, format, isFormat, type Format } from './reporters/index.js';

/** `--report FORMAT=FILE`: the same run's report in another format, written to a file. */
export interface ReportFile {
    format: Format;
    file: string;
}

/**
 * One `--report` value, added to those before it. A CI job that wants annotations, a job summary and
 * SARIF validates once instead of three times: each extra format costs a rendering, not a run.
 */
export function collectReportFile(value: string, previous: ReportFile[] = []): ReportFile[] {
    const split = value.indexOf('=');
    const name = split > 0 ? value.slice(0, split).trim().toLowerCase() : '';
    const file = split > 0 ? value.slice(split + 1) : '';
    if (name !== '' && !isFormat(name) && file.trim() !== '') {
        const suggestion = closestName(name, FORMATS);
        throw new InvalidArgumentError(`${name} is not a report format${suggestion ? ` (did you mean ${suggestion}?)` : ''}; the formats: ${FORMATS.join(', ')}.`);
    }
    if (!isFormat(name) || file.trim() === '') {
        throw new InvalidArgumentError(`Expected FORMAT=FILE, e.g. sarif=copis.sarif (formats: ${FORMATS.join(', ')}).`);
    }
    if (previous.some(p => resolve(p.file) === resolve(file))) {
        throw new InvalidArgumentError(`${file} is named by two reports; give each report a file of its own.`);
    }
    return [...previous, { format: name, file }];
}

/**
 * Writes each report file (atomically: a reader sees the old file or the new one), its folder made if need be. A
 * file that cannot be written is said on stderr and makes the exit code 2, as an export's output does, and leaves
 * nothing behind (no folder made for it); the others are still written.
 */
export async function writeReportFiles(files: readonly ReportFile[], report: Report, io: CliIO): Promise<ExitCode> {
    let code: ExitCode = EXIT_OK;
    for (const { format: name, file } of files) {
        const path = resolve(io.cwd, file);
        let created: string | undefined;
        try {
            created = await mkdir(dirname(path), { recursive: true });
            // A file is never coloured: colour is for a terminal.
            await writeAtomically(path, format(name, report, { cwd: io.cwd, color: false }));
        } catch (error) {
            await removeEmptyFolders(dirname(path), created);
            io.stderr(formatProblem({ path: file, message: `could not be written: ${writeProblem(error)}; it is unchanged` }));
            code = EXIT_USAGE;
        }
    }
    return code;
}
