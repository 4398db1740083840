import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_TRACE, copis, workspace } from '../helpers.js';
import { diffJson } from './diff-json.js';
import { commit, git, repository, write } from './git-repo.js';
import { BUY, SHARED, edit } from './models.js';

const model = { 'models/shared.copis': SHARED, 'models/buy.copis': BUY };

describe('copis diff: revisions', () => {
    it('compares BASE with the working tree by default: uncommitted and untracked files count', async () => {
        const dir = repository(model);
        write(dir, { 'models/buy.copis': edit(BUY, ['emotion -1', 'emotion 1']), 'models/extra.copis': 'system Crm "CRM" { type crm  owner "Sales" }\n' });
        const json = await diffJson(dir, 'HEAD');
        expect(json.base).toEqual({ label: 'HEAD', commit: git(dir, 'rev-parse', 'HEAD').trim(), files: 2, actuals: 0 });
        expect(json.head).toEqual({ label: 'working tree', files: 3, actuals: 0 });
        expect(json.journeys[0].elements).toEqual([expect.objectContaining({ id: 'Buy.Checkout', properties: [{ property: 'emotion', from: '-1', to: '1' }] })]);
        expect(json.elements).toEqual([expect.objectContaining({ change: 'added', kind: 'system', id: 'Crm', file: 'models/extra.copis' })]);
    });

    it('defaults BASE to the merge base with main: what the branch changes, not what main did since', async () => {
        const dir = repository(model);
        git(dir, 'checkout', '-q', '-b', 'feature');
        commit(dir, { 'models/buy.copis': edit(BUY, ['severity high', 'severity critical']) });
        git(dir, 'checkout', '-q', 'main');
        const mainTip = commit(dir, { 'models/shared.copis': edit(SHARED, ['owner "IT"', 'owner "Platform"']) });
        git(dir, 'checkout', '-q', 'feature');
        const json = await diffJson(dir);
        expect(json.base.label).toBe('merge base with main');
        expect(json.base.commit).not.toBe(mainTip);
        expect(json.elements).toEqual([]); // main's change of Oms is not this branch's
        expect(json.journeys[0].elements).toEqual([expect.objectContaining({ id: 'Buy.SlowPay', properties: [{ property: 'severity', from: 'high', to: 'critical' }] })]);
    });

    it('prefers origin/HEAD as the default branch', async () => {
        const upstream = repository(model);
        git(upstream, 'branch', '-q', 'develop');
        git(upstream, 'symbolic-ref', 'HEAD', 'refs/heads/develop');
        const clone = workspace();
        git(clone, 'clone', '-q', `file://${upstream}`, 'work');
        const dir = join(clone, 'work');
        git(dir, 'checkout', '-q', '-b', 'feature');
        commit(dir, { 'models/buy.copis': edit(BUY, ['owner "Logistics"', 'owner "Carrier"']) });
        const json = await diffJson(dir);
        expect(json.base.label).toBe('merge base with origin/develop');
        expect(json.journeys[0].elements[0].properties).toEqual([{ property: 'owner', from: 'Logistics', to: 'Carrier' }]);
    });

    it('compares two commits, whatever the working tree holds', async () => {
        const dir = repository(model);
        const first = git(dir, 'rev-parse', 'HEAD').trim();
        const second = commit(dir, { 'models/buy.copis': edit(BUY, ['impact high', 'impact critical']) });
        write(dir, { 'models/buy.copis': 'not even copis {' });
        const json = await diffJson(dir, first, second);
        expect(json.head).toEqual({ label: second, commit: second, files: 2, actuals: 0 });
        expect(json.journeys[0].elements[0].properties).toEqual([{ property: 'impact', from: 'high', to: 'critical' }]);
        expect(json.notCompared).toEqual([]);
    });

    it('takes ranges as git writes them: A..B, and A...B from the merge base', async () => {
        const dir = repository(model);
        git(dir, 'checkout', '-q', '-b', 'feature');
        const feature = commit(dir, { 'models/buy.copis': edit(BUY, ['severity high', 'severity low']) });
        git(dir, 'checkout', '-q', 'main');
        const main = commit(dir, { 'models/shared.copis': edit(SHARED, ['owner "IT"', 'owner "Platform"']) });
        const twoDots = await diffJson(dir, 'main..feature');
        expect(twoDots.base).toMatchObject({ label: 'main', commit: main });
        expect(twoDots.head).toMatchObject({ label: 'feature', commit: feature });
        expect(twoDots.elements.map((e: { id: string }) => e.id)).toEqual(['Oms']); // main's change, undone on feature's side
        const threeDots = await diffJson(dir, 'main...feature');
        expect(threeDots.base.label).toBe('merge base of main and feature');
        expect(threeDots.elements).toEqual([]);
        expect(threeDots.journeys[0].elements[0].properties).toEqual([{ property: 'severity', from: 'high', to: 'low' }]);
    });

    it('says that a path is not a revision, and where paths go', async () => {
        const dir = repository(model);
        const run = await copis(dir, 'diff', 'models');
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'copis: models: is a path, not a revision; paths go after --: copis diff -- models (or copis diff BASE -- models)\n' });
    });

    it('runs from a subfolder, paths relative to it, and compares the whole repository by default', async () => {
        const dir = repository(model);
        write(dir, { 'models/shared.copis': edit(SHARED, ['clv 300 EUR', 'clv 350 EUR']) });
        const json = await diffJson(join(dir, 'models'), 'HEAD');
        expect(json.elements).toEqual([expect.objectContaining({ id: 'Gifter', file: 'shared.copis', properties: [{ property: 'clv', from: '300 EUR', to: '350 EUR' }] })]);
    });

    it('limits the model to the paths after --', async () => {
        const dir = repository({ ...model, 'other/x.copis': 'system X "X" { type web  owner "A" }\n' });
        write(dir, { 'other/x.copis': 'system X "X" { type web  owner "B" }\n', 'models/shared.copis': edit(SHARED, ['clv 300 EUR', 'clv 350 EUR']) });
        const only = await diffJson(dir, 'HEAD', '--', 'other');
        expect(only.base.files).toBe(1);
        expect(only.elements.map((e: { id: string }) => e.id)).toEqual(['X']);
        const both = await diffJson(dir, 'HEAD', '--', 'models', 'other/x.copis');
        expect(both.elements.map((e: { id: string }) => e.id)).toEqual(['Gifter', 'X']);
        // A path with nothing at either revision is most likely mistyped: said, and the rest compared.
        const typo = await copis(dir, 'diff', 'HEAD', '--', 'model', 'other');
        expect(typo.code).toBe(0);
        expect(typo.stderr).toBe('copis: model: no .copis file there at HEAD or in the working tree; check the path\n');
        expect(typo.stdout).toMatch(/^ {2}~ changed {2}system X "X"$/m);
    });

    it('skips node_modules and dot-folders, as copis validate does', async () => {
        const dir = repository({ ...model, 'node_modules/pkg/x.copis': 'system X', '.hidden/y.copis': 'system Y' });
        write(dir, { 'node_modules/pkg/x.copis': 'system X2', '.hidden/y.copis': 'system Y2' });
        const json = await diffJson(dir, 'HEAD');
        expect(json.base.files).toBe(2);
        expect(json.elements).toEqual([]);
    });
});

describe('copis diff: moves, renames and files', () => {
    it('finds no change in meaning when declarations move to other files (git mv and a split)', async () => {
        const dir = repository(model);
        const [customers, rest] = [SHARED.split('\n').slice(0, 2).join('\n') + '\n', SHARED.split('\n').slice(2).join('\n')];
        commit(dir, { 'models/buy.copis': null, 'models/journeys/buy-online.copis': BUY, 'models/shared.copis': rest, 'models/people.copis': customers });
        expect(git(dir, 'diff', '--name-status', '-M', 'HEAD~1', 'HEAD')).toMatch(/^R100\tmodels\/buy\.copis\tmodels\/journeys\/buy-online\.copis$/m);
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.journeys).toEqual([]);
        expect(json.elements).toEqual([]);
        expect(json.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect((await copis(dir, 'diff', 'HEAD~1', 'HEAD')).stdout).toMatch(/^No changes in meaning\.$/m);
    });

    it('reports a rename across a commit, and a near-rename as removed and added', async () => {
        const dir = repository(model);
        commit(dir, {
            'models/buy.copis': edit(BUY,
                ['touchpoint Parcel "Parcel', 'touchpoint Doorstep "Parcel'], ['at Parcel', 'at Doorstep'],
                ['touchpoint Confirm "Confirmation e-mail" { channel email', 'touchpoint ConfirmSms "Confirmation text" { channel sms'])
        });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.journeys[0].elements.map((e: { change: string; id: string }) => `${e.change} ${e.id}`))
            .toEqual(['removed Buy.Confirm', 'added Buy.ConfirmSms', 'renamed Buy.Doorstep']);
    });

    it('reports a file that does not parse at BASE as such, and compares the rest', async () => {
        const dir = repository({ ...model, 'models/crm.copis': 'system Crm "CRM" { type crm  owner \n' });
        commit(dir, { 'models/crm.copis': 'system Crm "CRM" { type crm  owner "Sales" }\n', 'models/shared.copis': edit(SHARED, ['owner "IT"', 'owner "Platform"']) });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.notCompared).toEqual([expect.objectContaining({ revision: 'base', file: 'models/crm.copis', reason: 'syntax', declarations: ['Crm'] })]);
        expect(json.elements).toEqual([expect.objectContaining({ id: 'Oms', properties: [{ property: 'owner', from: 'IT', to: 'Platform' }] })]);
        const text = await copis(dir, 'diff', 'HEAD~1', 'HEAD');
        expect(text.stdout).toMatch(/^ {2}models\/crm\.copis does not parse at HEAD~1 \(1:35: Expected a quoted string but found the end of the file\.\); left out of the comparison: Crm$/m);
    });

    it('reads binary and non-UTF-8 files in the history as unreadable, and compares the rest', async () => {
        const latin1 = Buffer.from('system Caf\xe9 "Caf\xe9" { type web  owner "A" }\n', 'latin1');
        const dir = repository({ ...model, 'models/logo.copis': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), 'models/latin.copis': latin1, 'images/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]) });
        commit(dir, { 'models/logo.copis': null, 'models/latin.copis': 'system Cafe "Cafe" { type web  owner "A" }\n', 'models/buy.copis': edit(BUY, ['emotion 2', 'emotion 1']) });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.base.files).toBe(4);
        expect(json.notCompared).toEqual([
            expect.objectContaining({ revision: 'base', file: 'models/latin.copis', reason: 'unreadable', message: expect.stringContaining('not valid UTF-8'), declarations: ['Cafe'] }),
            expect.objectContaining({ revision: 'base', file: 'models/logo.copis', reason: 'unreadable', message: expect.stringContaining('binary'), declarations: [] })
        ]);
        expect(json.journeys[0].elements).toEqual([expect.objectContaining({ id: 'Buy.Parcel', properties: [{ property: 'emotion', from: '2', to: '1' }] })]);
        expect(json.elements).toEqual([]);
    });

    it('follows a symbolic link to a model file in a commit, as a checkout does', async () => {
        const dir = repository({ 'models/shared.copis': SHARED, 'real/buy.copis': BUY });
        git(dir, 'rm', '-q', 'real/buy.copis');
        write(dir, { 'elsewhere/buy.copis': edit(BUY, ['emotion 2', 'emotion 0']) });
        const { symlinkSync } = await import('node:fs');
        symlinkSync('../elsewhere/buy.copis', join(dir, 'models', 'buy.copis'));
        commit(dir, {});
        const json = await diffJson(dir, 'HEAD~1', 'HEAD', '--', 'models', 'real');
        expect(json.journeys[0].elements).toEqual([expect.objectContaining({ id: 'Buy.Parcel', file: 'models/buy.copis', properties: [{ property: 'emotion', from: '2', to: '0' }] })]);
    });
});

describe('copis diff: exit codes and what they say', () => {
    it('exits 0 with introduced errors, 1 with --fail-on introduced-errors', async () => {
        const dir = repository(model);
        write(dir, { 'models/buy.copis': edit(BUY, ['processes Pay  information', 'processes Pay, Nope  information']) });
        const plain = await copis(dir, 'diff', 'HEAD');
        expect(plain.code).toBe(0);
        expect(plain.stdout).toMatch(/^ {2}\+ models\/buy\.copis:\d+:\d+ {2}error {2}`Nope` is not declared.* {2}unresolved-reference \[Buy\.Checkout\]$/m);
        expect((await copis(dir, 'diff', 'HEAD', '--fail-on', 'introduced-errors')).code).toBe(1);
        expect((await copis(dir, 'diff', 'HEAD', '--fail-on', 'introduced-warnings')).code).toBe(1);
    });

    it('--fail-on introduced-errors passes a change that fixes errors and adds a warning; introduced-warnings does not', async () => {
        const dir = repository({ ...model, 'models/buy.copis': edit(BUY, ['processes Pay  information', 'processes Pay, Nope  information']) });
        write(dir, { 'models/buy.copis': edit(BUY, ['{ channel web  systems Shop  emotion 1 }', '{ systems Shop  emotion 1 }']) });
        expect((await copis(dir, 'diff', 'HEAD', '--fail-on', 'introduced-errors')).code).toBe(0);
        expect((await copis(dir, 'diff', 'HEAD', '--fail-on', 'introduced-warnings')).code).toBe(1);
    });

    it('--fail-on introduced-errors fails a file that stops parsing, or can no longer be read', async () => {
        const dir = repository(model);
        write(dir, { 'models/buy.copis': BUY.slice(0, -3) });
        expect((await copis(dir, 'diff', 'HEAD', '--fail-on', 'introduced-errors')).code).toBe(1);
        write(dir, { 'models/buy.copis': Buffer.from([0xff, 0xfe, 0x41, 0]) });
        const run = await copis(dir, 'diff', 'HEAD', '--fail-on', 'introduced-errors');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/models\/buy\.copis cannot be read in the working tree: is UTF-16 text; save it as UTF-8; left out of the comparison: Buy/);
    });

    it('exits 2 for a revision that does not exist, saying how to find one', async () => {
        const dir = repository(model);
        const run = await copis(dir, 'diff', 'no-such-branch');
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'copis: no-such-branch: no such revision in this repository; check the name (git log --oneline, git branch -a)\n' });
        const remote = await copis(dir, 'diff', 'origin/develop');
        expect(remote.code).toBe(2);
        expect(remote.stderr).toMatch(/if it is a branch of origin, fetch it: git fetch origin develop/);
        const tree = await copis(dir, 'diff', 'HEAD:models');
        expect(tree.stderr).toBe('copis: HEAD:models: names a tree, not a commit; name a branch, tag or commit\n');
        const option = await copis(dir, 'diff', 'HEAD', '--', 'models');
        expect(option.code).toBe(0);
    });

    it('exits 2 outside a git repository, saying what to do', async () => {
        const dir = workspace(model);
        const run = await copis(dir, 'diff');
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^copis: not in a git repository \(.+\): copis diff compares git revisions of your models; run it inside the repository's work tree/);
        expect(run.stderr).not.toMatch(STACK_TRACE);
    });

    it('exits 2 with more than two revisions, or nothing to compare', async () => {
        const dir = repository(model);
        const many = await copis(dir, 'diff', 'HEAD', 'HEAD', 'HEAD');
        expect(many.code).toBe(2);
        expect(many.stderr).toMatch(/at most two revisions .* put paths after --/);
        const none = await copis(dir, 'diff', 'HEAD', '--', 'docs');
        expect(none.code).toBe(2);
        expect(none.stderr).toBe('copis: nothing to compare: no .copis file below docs at HEAD or in the working tree; name the files or folders that hold your models (copis diff --help)\n');
    });

    it('exits 2 in a repository without commits when BASE is not given', async () => {
        const dir = workspace(model);
        git(dir, 'init', '-q', '-b', 'main');
        const run = await copis(dir, 'diff');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/HEAD names no commit yet/);
    });

    it('exits 2 when there is no default branch, and names BASE as the way out', async () => {
        const dir = workspace(model);
        git(dir, 'init', '-q', '-b', 'trunk');
        commit(dir, {});
        const run = await copis(dir, 'diff');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/no default branch to compare with \(no origin\/HEAD, main or master\); name BASE/);
    });

    it('exits 2 when HEAD and the default branch share no history', async () => {
        const dir = repository(model);
        git(dir, 'checkout', '-q', '--orphan', 'island');
        commit(dir, { 'models/buy.copis': BUY });
        const run = await copis(dir, 'diff');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/HEAD has no merge base with main \(their histories are unrelated\); name BASE, e.g\. copis diff main/);
    });
});

describe('copis diff: a shallow clone', () => {
    /** An upstream with main, and a branch two commits ahead of where it left main. */
    function upstream(): string {
        const dir = repository(model);
        git(dir, 'checkout', '-q', '-b', 'feature');
        commit(dir, { 'models/buy.copis': edit(BUY, ['emotion 2', 'emotion 1']) });
        commit(dir, { 'models/buy.copis': edit(BUY, ['emotion 2', 'emotion 0']) });
        git(dir, 'checkout', '-q', 'main');
        commit(dir, { 'models/shared.copis': edit(SHARED, ['owner "IT"', 'owner "Platform"']) });
        return dir;
    }

    it('says the clone is shallow when the default branch or the merge base is missing, and works once BASE is named', async () => {
        const origin = upstream();
        const parent = workspace();
        git(parent, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, 'clone');
        const dir = join(parent, 'clone');
        expect(git(dir, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');

        const noBranch = await copis(dir, 'diff');
        expect(noBranch.code).toBe(2);
        expect(noBranch.stderr).toMatch(/no default branch to compare with .*this clone is shallow \(fetch more history: git fetch --deepen=50 or git fetch --unshallow; in GitHub Actions, actions\/checkout with fetch-depth: 0\)/);

        const parentCommit = await copis(dir, 'diff', 'HEAD~1');
        expect(parentCommit.code).toBe(2);
        expect(parentCommit.stderr).toMatch(/^copis: HEAD~1: no such revision in this repository; .*this clone is shallow/);

        git(dir, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
        const noBase = await copis(dir, 'diff');
        expect(noBase.code).toBe(2);
        expect(noBase.stderr).toMatch(/HEAD has no merge base with origin\/main \(the history that joins them is missing: this clone is shallow/);

        const named = await diffJson(dir, 'origin/main');
        expect(named.elements).toEqual([expect.objectContaining({ id: 'Oms', properties: [{ property: 'owner', from: 'Platform', to: 'IT' }] })]);
        expect(named.journeys[0].elements[0].properties).toEqual([{ property: 'emotion', from: '2', to: '0' }]);

        git(dir, 'fetch', '-q', '--unshallow', 'origin', 'main:refs/remotes/origin/main', 'feature');
        const merged = await diffJson(dir);
        expect(merged.base.label).toBe('merge base with origin/main');
        expect(merged.elements).toEqual([]);
    });
});

describe('copis diff --help', () => {
    it('documents the revisions, the rename rule and the exit codes', async () => {
        const run = await copis(workspace(), 'diff', '--help');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^Usage: copis diff \[options\] \[BASE \[HEAD\]\] \[-- PATH\.\.\.\]$/m);
        expect(run.stdout).toContain('at least 80% of the properties set');
        expect(run.stdout).toMatch(/^ {2}2 {2}not a git repository, no such revision, no merge base, bad usage$/m);
    });
});
