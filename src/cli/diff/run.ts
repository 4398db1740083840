import { existsSync } from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { localDate } from '../../../language-server/validation/as-of.js';
import { EXTENSION } from '../files/find-files.js';
import { writeAtomically, writeProblem } from '../files/write-file.js';
import { formatProblem, type CliIO } from '../io.js';
import { buildWorkspaceModel } from './build-workspace-model.js';
import { compareWorkspaces } from './compare/compare-workspaces.js';
import type { WorkspaceDiff } from './compare/diff-types.js';
import type { WorkspaceModel } from './compare/workspace-model.js';
import { renderDiffDiagram, type DiagramTarget } from './diagram/render.js';
import { DiffUsageError } from './git/git.js';
import { defaultBase, mergeBase, openRepository, resolveCommit, type Repository } from './git/revisions.js';
import { emptyPaths, modelPaths } from './model-root.js';
import { readRevision, type Revision } from './read-revision.js';
import type { DiffReport, RevisionInfo } from './report.js';
import { renderDiff, type DiffFormat } from './reporters/index.js';

export const FAIL_ON = ['introduced-errors', 'introduced-warnings'] as const;
export type FailOn = typeof FAIL_ON[number];

export interface DiffOptions {
    /** A revision; default: the merge base of HEAD with the default branch. */
    base?: string;
    /** A revision; default: the working tree. */
    head?: string;
    /** Files and folders of the model; default: the whole repository. */
    paths: string[];
    format: DiffFormat;
    failOn?: FailOn;
    /** Colour the text output; default: when stdout is a terminal and NO_COLOR is not set. */
    colour?: boolean;
    /** Instead of the report: the journey view of HEAD with the changes marked. */
    to?: DiagramTarget;
    /** With `to`: the journey to draw. */
    journey?: string;
    /** With `to`: the file to write (default, or `-`: stdout). */
    output?: string;
    /** `--actuals FILE`: CSV files of KPI actuals read from the disk, for both revisions' models. */
    actuals?: readonly string[];
    /** `--as-of DATE`: the day both revisions' KPIs are judged as of; default today. */
    asOf?: string;
    toolVersion?: string;
}

/**
 * `copis diff`: reads the model at two revisions through git, builds and validates each with the
 * services `copis validate` uses, compares them by meaning and prints the report.
 * Exit codes: 0; 1 with --fail-on when the change introduces what it names; 2 when the revisions
 * cannot be read (not a repository, no such revision, no merge base) or on bad usage.
 */
export async function runDiff(options: DiffOptions, io: CliIO): Promise<ExitCode> {
    try {
        if (options.to === undefined && (options.journey !== undefined || options.output !== undefined)) {
            throw new DiffUsageError(`${options.journey !== undefined ? '--journey' : '-o'} goes with --to svg or --to html (the marked journey); leave it out, or add --to`);
        }
        const built = await diffReport(options, io);
        if (built === undefined) return EXIT_USAGE;
        const { report } = built;
        if (options.to !== undefined) {
            const picture = renderDiffDiagram(report, built.base, built.head, options.to, options.journey);
            if (picture.note) io.stderr(`copis: ${picture.note}\n`);
            if (!await writeOutput(picture.content, options.output, io)) return EXIT_USAGE;
        } else {
            io.stdout(renderDiff(options.format, report, { colour: options.colour ?? io.color ?? false }));
        }
        return failed(report.diff, options.failOn) ? EXIT_PROBLEMS : EXIT_OK;
    } catch (error) {
        if (error instanceof DiffUsageError) {
            io.stderr(`copis: ${error.message}\n`);
            return EXIT_USAGE;
        }
        throw error;
    }
}

async function diffReport(options: DiffOptions, io: CliIO): Promise<{ report: DiffReport; base: WorkspaceModel; head: WorkspaceModel } | undefined> {
    const cwd = await realpath(io.cwd).catch(() => io.cwd);
    const repo = await openRepository(cwd);
    const paths = modelPaths(repo, options.paths, cwd);
    const { base, head } = await revisions(repo, options, cwd);

    const actuals = options.actuals ?? [];
    const [baseFiles, headFiles] = await Promise.all([readRevision(repo, base.revision, paths, cwd, actuals), readRevision(repo, head.revision, paths, cwd, actuals)]);
    for (const problem of [...baseFiles.problems, ...headFiles.problems]) io.stderr(formatProblem(problem));
    const count = (files: typeof baseFiles) => files.sources.filter(s => s.named).length + files.unreadable.length;
    const empty = emptyPaths(paths, [...baseFiles.paths, ...headFiles.paths]);
    const where = (r: typeof base) => r.revision.kind === 'worktree' ? `in the ${r.label}` : `at ${r.label}`;
    if (empty.length < paths.args.length) {
        for (const path of empty) io.stderr(formatProblem({ path, message: `no .copis file there ${where(base)} or ${where(head)}; check the path` }));
    }
    if (count(baseFiles) === 0 && count(headFiles) === 0) {
        const below = options.paths.length > 0 ? ` below ${options.paths.join(', ')}` : '';
        io.stderr(`copis: nothing to compare: no .copis file${below} ${where(base)} or ${where(head)}; name the files or folders that hold your models (copis diff --help)\n`);
        return undefined;
    }
    // One day for both revisions, should the run cross midnight.
    const asOf = options.asOf ?? localDate(new Date());
    // One workspace at a time: the first is plain data before the second is built.
    const baseModel = await buildWorkspaceModel(baseFiles, cwd, { asOf });
    const headModel = await buildWorkspaceModel(headFiles, cwd, { asOf });
    const info = (r: { revision: Revision; label: string }, files: typeof baseFiles): RevisionInfo => ({
        label: r.label, ...(r.revision.kind === 'commit' ? { commit: r.revision.commit } : {}), files: count(files), actuals: files.actuals.length
    });
    const report = { base: info(base, baseFiles), head: info(head, headFiles), diff: compareWorkspaces(baseModel, headModel), asOf, toolVersion: options.toolVersion ?? '0.0.0' };
    return { report, base: baseModel, head: headModel };
}

/** Writes the picture to `output` atomically (never over a model file), or to stdout; false when it cannot be written. */
async function writeOutput(content: string, output: string | undefined, io: CliIO): Promise<boolean> {
    if (output === undefined || output === '-') {
        io.stdout(content);
        return true;
    }
    const path = resolve(io.cwd, output);
    if (extname(path) === EXTENSION) throw new DiffUsageError(`-o ${output}: would overwrite a ${EXTENSION} file; name the output with the format's extension`);
    try {
        await mkdir(dirname(path), { recursive: true });
        if (await writeAtomically(path, content) === 'file') io.stdout(`written: ${output}\n`);
        return true;
    } catch (error) {
        io.stderr(formatProblem({ path: output, message: `could not be written: ${writeProblem(error)}; it is unchanged` }));
        return false;
    }
}

type Side = { revision: Revision; label: string };
type CommitSide = { revision: { kind: 'commit'; commit: string }; label: string };

/**
 * BASE and HEAD from the command line. One argument may be a range as git writes it: `A..B` is A
 * and B, `A...B` the merge base of A and B, and B (what `git diff A...B` compares).
 */
async function revisions(repo: Repository, options: DiffOptions, cwd: string): Promise<{ base: Side; head: Side }> {
    const range = options.head === undefined && options.base !== undefined ? /^(.+?)(\.\.\.?)(.+)$/.exec(options.base) : null;
    if (range && !await isRevision(repo, options.base!)) {
        const [, from, dots, to] = range;
        const head = await commitRevision(repo, to, to, cwd);
        if (dots === '..') return { base: await commitRevision(repo, from, from, cwd), head };
        const fromCommit = await commitRevision(repo, from, from, cwd);
        const found = await mergeBase(repo, fromCommit.revision.commit, head.revision.commit);
        if (found === undefined) throw new DiffUsageError(`${options.base}: ${from} and ${to} have no merge base${repo.shallow ? ' (this clone is shallow: fetch more history, git fetch --deepen=50)' : ''}; name both revisions: copis diff ${from} ${to}`);
        return { base: { revision: { kind: 'commit', commit: found }, label: `merge base of ${from} and ${to}` }, head };
    }
    const head = options.head === undefined ? { revision: { kind: 'worktree' } as Revision, label: 'working tree' } : await commitRevision(repo, options.head, options.head, cwd);
    const base = options.base !== undefined ? await commitRevision(repo, options.base, options.base, cwd) : await defaultBaseRevision(repo, head.revision);
    return { base, head };
}

async function isRevision(repo: Repository, revision: string): Promise<boolean> {
    try {
        await resolveCommit(repo, revision);
        return true;
    } catch {
        return false;
    }
}

async function commitRevision(repo: Repository, revision: string, label: string, cwd: string): Promise<CommitSide> {
    try {
        return { revision: { kind: 'commit', commit: await resolveCommit(repo, revision) }, label };
    } catch (error) {
        // `copis diff models/`: a path where a revision goes.
        if (error instanceof DiffUsageError && existsSync(resolve(cwd, revision))) {
            throw new DiffUsageError(`${revision}: is a path, not a revision; paths go after --: copis diff -- ${revision} (or copis diff BASE -- ${revision})`);
        }
        throw error;
    }
}

async function defaultBaseRevision(repo: Repository, head: Revision): Promise<Side> {
    let headCommit: string;
    if (head.kind === 'commit') headCommit = head.commit;
    else {
        try {
            headCommit = await resolveCommit(repo, 'HEAD');
        } catch {
            throw new DiffUsageError('no BASE given, and HEAD names no commit yet (a repository without commits): commit your models first, or name BASE');
        }
    }
    const found = await defaultBase(repo, headCommit);
    return { revision: { kind: 'commit', commit: found.commit }, label: found.description };
}

/** Whether `--fail-on` fails this diff: what it names was introduced, or a file cannot be read or parsed any more. */
export function failed(diff: WorkspaceDiff, failOn: FailOn | undefined): boolean {
    if (failOn === undefined) return false;
    const introduced = diff.summary.diagnostics.introduced;
    const unreadableNow = diff.notCompared.some(n => n.revision === 'head' && n.reason === 'unreadable'
        && !diff.notCompared.some(b => b.revision === 'base' && b.file === n.file && b.reason === 'unreadable'));
    if (introduced.errors > 0 || unreadableNow) return true;
    return failOn === 'introduced-warnings' && introduced.warnings > 0;
}
