// Which files copis diff reads at each revision: the model roots' rules of copis validate, applied to
// each revision's own tree (its .gitignore and copis.config.json files), read through git.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommitTree } from '../../../src/cli/diff/git/commit-tree.js';
import { openRepository } from '../../../src/cli/diff/git/revisions.js';
import { modelOfTree, modelOfWorkTree, modelPaths, type RevisionModel } from '../../../src/cli/diff/model-root.js';
import { copis } from '../helpers.js';
import { commit, git, repository, write } from './git-repo.js';
import { BUY, SHARED, edit } from './models.js';

interface Json {
    base: { files: number };
    head: { files: number };
    elements: { id: string; change: string; file?: string }[];
    journeys: { id: string; elements: { id: string }[] }[];
    diagnostics: { introduced: { code: string; severity: string; file: string; element?: string }[]; fixed: { code: string; severity: string; file: string; element?: string }[] };
}

async function diffJson(dir: string, ...args: string[]): Promise<Json> {
    const run = await copis(dir, 'diff', '--format', 'json', ...args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Json;
}

const model = { 'models/shared.copis': SHARED, 'models/buy.copis': BUY };
const FIXTURE = 'system Fixture "Fixture" { type web  owner "Tests" }\ncustomer Shopper "A copy" { value low }\n';

/** What a test compares of a revision's model: paths from the repository's top, roots by their config file. */
function shape(dir: string, m: RevisionModel) {
    const rel = (p: string) => p.slice(dir.length + 1);
    return {
        files: m.files.map(rel), named: m.named.map(rel), isolated: m.isolated.map(u => rel(decodeURIComponent(new URL(u).pathname))),
        roots: m.roots.map(r => ({ config: rel(decodeURIComponent(new URL(r.configUri!).pathname)), exclude: r.config.exclude, include: r.config.include }))
    };
}

describe('copis diff reads the model roots of each revision', () => {
    it('a commit\'s tree gives the files, roots and isolated files a checkout of it gives copis validate', async () => {
        const dir = repository({});
        write(dir, {
            '.gitignore': 'build/\n*.tmp.copis\n',
            'build/shop.copis': SHARED, 'scratch.tmp.copis': SHARED, 'node_modules/m/x.copis': SHARED, '.hidden/y.copis': SHARED,
            'gen/.gitignore': '*\n!keep.copis\n', 'gen/x.copis': SHARED, 'gen/keep.copis': 'system K "K" { type crm  owner "IT" }\n',
            'models/copis.config.json': '{ "exclude": ["drafts/**"] }', 'models/shared.copis': SHARED, 'models/journeys/buy.copis': BUY, 'models/drafts/old.copis': BUY,
            'models/nested/copis.config.json': '{}', 'models/nested/n.copis': 'system N "N" { type crm  owner "IT" }\n',
            'other/copis.config.json': '{ "include": ["only/**/*.copis"] }', 'other/only/a.copis': SHARED, 'other/b.copis': SHARED,
            'local/z.copis': SHARED, 'top.copis': 'system T "T" { type crm  owner "IT" }\n'
        });
        symlinkSync('shared.copis', join(dir, 'models', 'alias.copis'));
        // Tracked although ignored (force-added): the rules leave them out of the model all the same, as on the disk.
        git(dir, 'add', '-A', '-f');
        git(dir, 'commit', '-q', '-m', 'layout');
        // A clone's own exclusions (.git/info/exclude) hold for both revisions.
        write(dir, { '.git/info/exclude': 'local/\n' });

        const repo = await openRepository(dir);
        const tree = await CommitTree.read(repo, git(dir, 'rev-parse', 'HEAD').trim());
        for (const args of [[], ['models/journeys/buy.copis', 'models/drafts/old.copis'], ['other'], ['models/nested', 'gen']]) {
            const paths = modelPaths(repo, args, dir);
            const onDisk = shape(dir, await modelOfWorkTree(paths, dir));
            expect(shape(dir, await modelOfTree(tree, paths, dir)), args.join(' ')).toEqual(onDisk);
        }
        const whole = shape(dir, await modelOfWorkTree(modelPaths(repo, [], dir), dir));
        expect(whole.named).toEqual(['gen/keep.copis', 'models/alias.copis', 'models/journeys/buy.copis', 'models/nested/n.copis', 'other/only/a.copis', 'top.copis']);
        expect(whole.roots.map(r => r.config)).toEqual(['models/copis.config.json', 'models/nested/copis.config.json', 'other/copis.config.json']);
        const drafts = shape(dir, await modelOfTree(tree, modelPaths(repo, ['models/journeys/buy.copis', 'models/drafts/old.copis'], dir), dir));
        expect(drafts.isolated).toEqual(['models/drafts/old.copis']);
        // The named journey is loaded with its root: the alias of shared.copis once (as realpath does), and nested's file is its own root's.
        expect(drafts.files).toEqual(['models/drafts/old.copis', 'models/journeys/buy.copis', 'models/alias.copis', 'models/nested/n.copis']);
    });

    it('leaves out what the config excludes (test fixtures), at both revisions', async () => {
        const dir = repository({ ...model, 'copis.config.json': '{ "exclude": ["test/**"] }', 'test/fixtures/dupe.copis': FIXTURE, 'test/fixtures/broken.copis': 'journey {' });
        commit(dir, { 'test/fixtures/dupe.copis': edit(FIXTURE, ['owner "Tests"', 'owner "QA"']), 'test/fixtures/broken.copis': 'system {' });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.base.files).toBe(2);
        expect(json.head.files).toBe(2);
        expect(json.elements).toEqual([]);
        expect(json.diagnostics).toEqual({ introduced: [], fixed: [] });
        // And the working tree, walked on the disk, agrees.
        write(dir, { 'test/fixtures/dupe.copis': 'system Other "O" { type web  owner "X" }\n' });
        expect((await diffJson(dir, 'HEAD')).elements).toEqual([]);
    });

    it('reads each revision\'s own config: a fixture folder excluded at HEAD leaves the model there', async () => {
        const dir = repository({ ...model, 'test/fixtures/dupe.copis': FIXTURE });
        commit(dir, { 'copis.config.json': '{ "exclude": ["test/**"] }' });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.base.files).toBe(3);
        expect(json.head.files).toBe(2);
        expect(json.elements).toEqual([expect.objectContaining({ id: 'Fixture', change: 'removed', file: 'test/fixtures/dupe.copis' })]);
        expect(json.diagnostics.fixed.map(d => d.code)).toContain('duplicate-name');
        expect(json.diagnostics.introduced).toEqual([]);
        // The other way round, BASE's config holds at BASE only.
        const back = await diffJson(dir, 'HEAD', 'HEAD~1');
        expect(back.elements).toEqual([expect.objectContaining({ id: 'Fixture', change: 'added' })]);
    });

    it('reads each revision\'s own .gitignore: a tracked build/ copy is left out once it is ignored', async () => {
        const dir = repository({ ...model, 'build/shared.copis': SHARED, 'build/buy.copis': BUY });
        const withCopy = await copis(dir, 'validate', '--format', 'json');
        expect(JSON.parse(withCopy.stdout).diagnostics.some((d: { code: string }) => d.code === 'duplicate-name')).toBe(true);
        // The copy stays tracked; the .gitignore of HEAD leaves it out, and so changes to it are no changes of the model.
        commit(dir, { '.gitignore': 'build/\n' });
        write(dir, { 'build/buy.copis': edit(BUY, ['emotion -1', 'emotion 1']) });
        git(dir, 'add', '-f', 'build/buy.copis');
        git(dir, 'commit', '-q', '-m', 'copy changed');
        const json = await diffJson(dir, 'HEAD~2', 'HEAD');
        expect(json.base.files).toBe(4);
        expect(json.head.files).toBe(2);
        expect(json.journeys).toEqual([]);
        expect(json.diagnostics.fixed.filter(d => d.code === 'duplicate-name').length).toBeGreaterThan(0);
        expect(json.diagnostics.introduced).toEqual([]);
        const later = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(later).toMatchObject({ base: { files: 2 }, head: { files: 2 }, journeys: [], elements: [] });
    });

    it('builds each model root as a model of its own, with the rule severities of that revision', async () => {
        const saas = 'journey Onboard "Onboard" {\n  customers Shopper\n  stage Sign "Sign up" { category onboarding\n    touchpoint Form "Form" { channel web  systems Shop  emotion 1 }\n  }\n}\n';
        const dir = repository({ 'retail/shared.copis': SHARED, 'retail/buy.copis': BUY, 'saas/onboard.copis': saas });
        // HEAD makes each folder a root: saas no longer sees retail's names.
        commit(dir, { 'retail/copis.config.json': '{}', 'saas/copis.config.json': '{}' });
        const split = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(split.diagnostics.introduced.filter(d => d.code === 'unresolved-reference').map(d => d.file)).toEqual(['saas/onboard.copis', 'saas/onboard.copis']);
        // A severity that the config of HEAD raises is a change of the diagnostic.
        commit(dir, { 'retail/copis.config.json': '{ "rules": { "unused-declaration": "error" } }', 'retail/lonely.copis': 'system Lonely "Lonely" { type crm  owner "IT" }\n' });
        const raised = await diffJson(dir, 'HEAD~1', 'HEAD');
        // Lonely's is new; Buy.Convert's was information at BASE, and is an error now: fixed as the one, introduced as the other.
        expect(raised.diagnostics.introduced).toEqual([
            expect.objectContaining({ code: 'unused-declaration', severity: 'error', file: 'retail/buy.copis', element: 'Buy.Convert' }),
            expect.objectContaining({ code: 'unused-declaration', severity: 'error', file: 'retail/lonely.copis', element: 'Lonely' })
        ]);
        expect(raised.diagnostics.fixed).toEqual([expect.objectContaining({ code: 'unused-declaration', severity: 'information', element: 'Buy.Convert' })]);
        expect((await copis(dir, 'diff', 'HEAD~1', 'HEAD', '--fail-on', 'introduced-errors')).code).toBe(1);
        commit(dir, { 'retail/copis.config.json': '{ "rules": { "unused-declaration": "off" } }' });
        const off = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(off.diagnostics.introduced).toEqual([]);
        expect(off.diagnostics.fixed.map(d => `${d.code} ${d.file}`)).toEqual(['unused-declaration retail/buy.copis', 'unused-declaration retail/lonely.copis']);
    });

    it('a named file is compared with its whole root loaded, and only its declarations are compared', async () => {
        const dir = repository({ 'models/copis.config.json': '{}', ...model });
        write(dir, { 'models/buy.copis': edit(BUY, ['emotion -1', 'emotion 1']), 'models/shared.copis': edit(SHARED, ['owner "IT"', 'owner "Platform"']) });
        const json = await diffJson(dir, 'HEAD', '--', 'models/buy.copis');
        expect(json.base.files).toBe(1);
        expect(json.head.files).toBe(1);
        expect(json.elements).toEqual([]); // Oms's owner changed in shared.copis, which was not named
        expect(json.journeys[0].elements).toEqual([expect.objectContaining({ id: 'Buy.Checkout' })]);
        // Shopper, Shop, Oms... resolve in the root: no reference is broken by naming one file.
        expect(json.diagnostics).toEqual({ introduced: [], fixed: [] });
    });

    it('a config file that becomes invalid is an introduced invalid-config diagnostic, and the defaults hold', async () => {
        const dir = repository({ 'models/copis.config.json': '{}', ...model });
        commit(dir, { 'models/copis.config.json': '{ "exclude": 3 }' });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.diagnostics.introduced).toEqual([expect.objectContaining({ code: 'invalid-config', severity: 'error', file: 'models/copis.config.json' })]);
        expect(json.head.files).toBe(2);
    });
});
