// .pre-commit-hooks.yaml run by pre-commit itself (Debian's package; .ci/run installs it) in a scratch
// repository that installed the npm tarball: `pre-commit run` and a real `git commit` through the hook.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatText } from '../../language-server/formatting/format-text.js';
import { ROOT, fixture } from '../cli/helpers.js';
import { ENV, installedRepository, packNpm, tempDir, type Result } from '../scripts/npm-package.js';

const havePreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!havePreCommit) console.warn('pre-commit hooks: NOT RUN — pre-commit is not installed (apt-get install -y pre-commit; .ci/run does it)');

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; pass_filenames?: boolean }[];
const GIT = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid' };
let env: Record<string, string | undefined>;
let repo: string;

function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

function sh(cwd: string, command: string, ...args: string[]): Result {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120000 });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('.pre-commit-hooks.yaml', () => {
    it('declares copis-validate (the whole model: no file names) and copis-format (the changed files), for .copis files', () => {
        expect(hooks.map(h => h.id)).toEqual(['copis-validate', 'copis-format']);
        for (const hook of hooks) {
            expect(hook.language).toBe('system');
            expect(new RegExp(hook.files).test('models/shop.copis')).toBe(true);
            expect(new RegExp(hook.files).test('README.md')).toBe(false);
        }
        // A change to a config or to a CSV of actuals can break the model too: copis-validate runs for them.
        const validate = new RegExp(hooks[0].files);
        for (const path of ['copis.config.json', 'models/copis.config.json', 'data/kpis.csv']) expect(validate.test(path), path).toBe(true);
        for (const path of ['my-copis.config.json', 'copis.config.json.bak', 'package.json']) expect(validate.test(path), path).toBe(false);
        // Only .copis files are formatted.
        for (const path of ['copis.config.json', 'data/kpis.csv']) expect(new RegExp(hooks[1].files).test(path), path).toBe(false);
        expect(hooks[0].pass_filenames).toBe(false);
        expect(hooks[1].pass_filenames).toBeUndefined();
    });
});

describe('the README', () => {
    it('configures the hooks by the ids they have', () => {
        const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
        const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]).find(b => b.includes('repos:'));
        const config = parse(block!) as { repos: { hooks: { id: string }[] }[] };
        expect(config.repos[0].hooks.map(h => h.id)).toEqual(hooks.map(h => h.id));
    });
});

describe.skipIf(!havePreCommit)('the hooks, run by pre-commit in a repository with copis installed', () => {
    beforeAll(() => {
        env = { ...ENV, ...GIT, PRE_COMMIT_HOME: tempDir('copis-pre-commit-home-') };
        // The hooks' repository, as pre-commit clones it: this .pre-commit-hooks.yaml, committed.
        const hooksRepo = tempDir('copis-hooks-');
        git(hooksRepo, 'init', '-q');
        copyFileSync(join(ROOT, '.pre-commit-hooks.yaml'), join(hooksRepo, '.pre-commit-hooks.yaml'));
        git(hooksRepo, 'add', '.');
        git(hooksRepo, 'commit', '-qm', 'hooks');
        const rev = git(hooksRepo, 'rev-parse', 'HEAD').trim();

        repo = installedRepository(packNpm().tarball);
        writeFileSync(join(repo, '.gitignore'), 'node_modules/\n*.tgz\n');
        writeFileSync(join(repo, 'shop.copis'), formatText(fixture('shop.copis'))!);
        writeFileSync(join(repo, 'returns.copis'), formatText(fixture('returns.copis'))!);
        writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooksRepo}\n    rev: ${rev}\n    hooks:\n      - id: copis-validate\n      - id: copis-format\n`);
        git(repo, 'add', '.');
    }, 180000);

    it('pass on a clean, formatted model', () => {
        const run = sh(repo, 'pre-commit', 'run', '--all-files');
        expect(run.stdout).toMatch(/^copis validate\.+Passed$/m);
        expect(run.stdout).toMatch(/^copis format\.+Passed$/m);
        expect(run.code).toBe(0);
    });

    it('fail on a broken reference (with the diagnostic) and reformat a messy file', () => {
        writeFileSync(join(repo, 'broken.copis'), fixture('broken.copis'));
        writeFileSync(join(repo, 'messy.copis'), 'customer   Gifter "Gifter"   { value low }\n');
        git(repo, 'add', '.');
        const run = sh(repo, 'pre-commit', 'run', '--all-files');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^copis validate\.+Failed$/m);
        expect(run.stdout).toContain('broken.copis:2:77  error  `Nope` is not declared');
        expect(run.stdout).toMatch(/^copis format\.+Failed$/m);
        expect(run.stdout).toContain('files were modified by this hook');
        expect(readFileSync(join(repo, 'messy.copis'), 'utf8')).toBe('customer Gifter "Gifter" { value low }\n');
    });

    it('stop a git commit through the installed hook until the model is fixed', () => {
        expect(sh(repo, 'pre-commit', 'install').code).toBe(0);
        git(repo, 'add', '.');
        const refused = sh(repo, 'git', 'commit', '-qm', 'broken model');
        expect(refused.code).toBe(1);
        expect(refused.stdout + refused.stderr).toContain('unresolved-reference');
        writeFileSync(join(repo, 'broken.copis'), formatText(fixture('broken.copis').replace('processes Nope', ''))!);
        git(repo, 'add', '.');
        const accepted = sh(repo, 'git', 'commit', '-qm', 'fixed model');
        expect(accepted.stdout + accepted.stderr).toMatch(/copis validate\.+Passed/);
        expect(accepted.code).toBe(0);
        expect(git(repo, 'log', '--oneline')).toContain('fixed model');
    });
    it('stop a commit that breaks only copis.config.json, or only a CSV of actuals it names', () => {
        writeFileSync(join(repo, 'copis.config.json'), '{ "actuals": ["kpis.csv"], "rules": { "no-such-code": "off" } }\n');
        writeFileSync(join(repo, 'kpis.csv'), 'kpi,date,value\n');
        git(repo, 'add', '.');
        const badConfig = sh(repo, 'git', 'commit', '-qm', 'a config with an unknown code');
        expect(badConfig.stdout + badConfig.stderr).toMatch(/copis validate\.+Failed/);
        expect(badConfig.stdout + badConfig.stderr).toContain('invalid-config');
        expect(badConfig.code).toBe(1);

        writeFileSync(join(repo, 'copis.config.json'), '{ "actuals": ["kpis.csv"] }\n');
        git(repo, 'add', '.');
        const good = sh(repo, 'git', 'commit', '-qm', 'a config and its actuals');
        expect(good.stdout + good.stderr).toMatch(/copis validate\.+Passed/);
        expect(good.code).toBe(0);

        writeFileSync(join(repo, 'kpis.csv'), 'kpi,date,value\nBuy.Nope,2026-11-30,3\n');
        git(repo, 'add', 'kpis.csv');
        // Only the CSV is staged: the hook runs for it, and validates the model root that reads it.
        expect(git(repo, 'diff', '--cached', '--name-only').trim()).toBe('kpis.csv');
        const badCsv = sh(repo, 'git', 'commit', '-qm', 'an actual of no KPI');
        expect(badCsv.stdout + badCsv.stderr).toMatch(/copis validate\.+Failed/);
        expect(badCsv.stdout + badCsv.stderr).toContain('actuals-unknown-kpi');
        expect(badCsv.code).toBe(1);
        expect(git(repo, 'log', '-1', '--format=%s').trim()).toBe('a config and its actuals');
    });
});
