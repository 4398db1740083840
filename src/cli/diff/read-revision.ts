import { URI } from 'langium';
import type { ModelRoot } from '../../../language-server/workspace/model-roots.js';
import { readRunActuals, type ReadActuals } from '../actuals/read-actuals.js';
import { decode, readSources } from '../files/read-files.js';
import type { InputProblem } from '../io.js';
import { CommitTree } from './git/commit-tree.js';
import { readBlobs } from './git/read-tree.js';
import { commitActualsReader } from './revision-actuals.js';
import type { Repository } from './git/revisions.js';
import { modelOfTree, modelOfWorkTree, repositoryPath, shownPath, type ModelPaths, type RevisionModel } from './model-root.js';

/** A commit, or the working tree (files as they are on disk now, committed or not). */
export type Revision = { kind: 'commit'; commit: string } | { kind: 'worktree' };

export interface RevisionSource {
    /** As every output shows it: relative to the working directory. */
    file: string;
    uri: string;
    text: string;
    /** Named by the paths (compared), not only loaded because it is in the same model root. */
    named: boolean;
}

export interface RevisionFiles {
    sources: RevisionSource[];
    /** Named model files that are there but cannot be used as text (binary, not UTF-8, unreadable). */
    unreadable: InputProblem[];
    /** Paths of the working tree that could not be walked. */
    problems: InputProblem[];
    /** Every named model file found, readable or not, from the repository's top (with `/`). */
    paths: string[];
    /** The model roots (config files of this revision) the named files are in: each is a model of its own. */
    roots: ModelRoot[];
    /** URIs of named files that their root's rules leave out: each is a model of its own, as in validate. */
    isolated: string[];
    /** The CSV files of KPI actuals read: those the roots' configs name at this revision, and `--actuals`. */
    actuals: ReadActuals[];
    /** The actuals files that could not be read (the KPIs are judged without them, as validate judges them). */
    unreadableActuals: InputProblem[];
}

/**
 * The model's files at `revision`, read through git (a commit) or from the disk (the working tree),
 * and its KPI actuals: the CSV files its configs' `actuals` name at that revision, and `actuals`
 * (`--actuals FILE`, from the disk for either revision).
 */
export async function readRevision(repo: Repository, revision: Revision, paths: ModelPaths, cwd: string, actuals: readonly string[] = []): Promise<RevisionFiles> {
    if (revision.kind === 'worktree') {
        const model = await modelOfWorkTree(paths, cwd);
        const [contents, read] = await Promise.all([readSources(model.files), readRunActuals(model.roots, actuals, cwd)]);
        return collect(repo, model, cwd, i => contents[i], read);
    }
    const tree = await CommitTree.read(repo, revision.commit);
    const model = await modelOfTree(tree, paths, cwd);
    const oids = model.files.map(file => tree.files.get(repositoryPath(repo, file))!.oid);
    const [blobs, read] = await Promise.all([readBlobs(repo, oids), readRunActuals(model.roots, actuals, cwd, [], commitActualsReader(tree))]);
    return collect(repo, model, cwd, i => {
        const bytes = blobs.get(oids[i]);
        return bytes ? decode(bytes) : { problem: 'its content is missing from this clone (a partial clone?); fetch it: git fetch' };
    }, read);
}

function collect(repo: Repository, model: RevisionModel, cwd: string, content: (i: number) => { text: string } | { problem: string }, read: { actuals: ReadActuals[]; problems: InputProblem[] }): RevisionFiles {
    const named = new Set(model.named);
    const sources: RevisionSource[] = [];
    const unreadable: InputProblem[] = [];
    model.files.forEach((path, i) => {
        const file = shownPath(repo, repositoryPath(repo, path), cwd);
        const read = content(i);
        if ('text' in read) sources.push({ file, uri: URI.file(path).toString(), text: read.text, named: named.has(path) });
        // A file loaded only for its root's sake is not compared: that it cannot be read is the named files' concern.
        else if (named.has(path)) unreadable.push({ path: file, message: read.problem });
    });
    return {
        sources, unreadable, problems: model.problems, paths: model.named.map(p => repositoryPath(repo, p)), roots: model.roots, isolated: model.isolated,
        actuals: read.actuals, unreadableActuals: read.problems
    };
}
