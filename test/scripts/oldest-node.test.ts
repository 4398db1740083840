// The bundles on the oldest Node that package.json's `engines` admits, not only on the project's own Node 22:
// a user's `npx copis` runs on whatever Node they have. Each command runs on both, and must print the same.
// That Node comes from the npm registry (node-<platform>-<arch>, the package the devDependency `node` installs
// from), once, into node_modules/.cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, ROOT } from '../cli/helpers.js';
import { diagnosticsOfOpened } from './npm-package.js';

const ENGINES = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node as string;
const SERVER = join(ROOT, 'dist', 'server.cjs');

/** `>=22` → 22.0.0, `>=22.3` → 22.3.0: the oldest version the range admits. */
export function oldestAdmitted(range: string): string {
    const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
    if (!match) throw new Error(`engines.node is "${range}": this test reads only ">=MAJOR[.MINOR[.PATCH]]"`);
    return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

/** The oldest admitted Node's binary, fetched with `npm pack` the first time. */
function oldestNode(version: string): string {
    const cache = join(ROOT, 'node_modules', '.cache', 'copis-oldest-node', version);
    const binary = join(cache, 'package', 'bin', 'node');
    if (existsSync(binary)) return binary;
    const download = mkdtempSync(join(tmpdir(), 'copis-node-'));
    try {
        const spec = `node-${process.platform}-${process.arch}@${version}`;
        const tarball = execFileSync('npm', ['pack', spec, '--pack-destination', download, '--silent'], { cwd: download, encoding: 'utf8' }).trim().split('\n').at(-1)!;
        execFileSync('tar', ['-xzf', join(download, tarball), '-C', download]);
        mkdirSync(join(cache, '..'), { recursive: true });
        rmSync(cache, { recursive: true, force: true });
        // Renamed into place whole: a run stopped halfway leaves no half a Node behind.
        renameSync(download, cache);
    } catch (error) {
        rmSync(download, { recursive: true, force: true });
        throw new Error(`could not fetch Node ${version} from the npm registry (npm pack node-${process.platform}-${process.arch}@${version}): ${(error as Error).message}`);
    }
    return binary;
}

let oldest: string;
let repo: string;

beforeAll(() => {
    for (const bundle of [BUNDLE, SERVER]) {
        if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does)`);
    }
    oldest = oldestNode(oldestAdmitted(ENGINES));
    // A git repository of the examples with one change committed, for `copis diff`.
    repo = mkdtempSync(join(tmpdir(), 'copis-oldest-'));
    cpSync(join(ROOT, 'examples'), repo, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'examples');
    const file = join(repo, 'retail', 'buy-and-return.copis');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"[^"\n]*"/, '"A title changed in review"'));
    git('commit', '-q', '-am', 'a change');
}, 300000);

afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
});

function cli(node: string, args: string[], cwd = repo) {
    const result = spawnSync(node, [BUNDLE, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe(`the CLI on the oldest Node that engines admits (${ENGINES})`, () => {
    it('is that version', () => {
        expect(execFileSync(oldest, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${oldestAdmitted(ENGINES)}`);
    });

    const commands: Array<[string, string[]]> = [
        ['validate (text)', ['validate', '--as-of', '2026-12-01']],
        ['validate --format json', ['validate', '--format', 'json', '--as-of', '2026-12-01']],
        ['validate --format sarif (git, hashing)', ['validate', '--format', 'sarif', '--as-of', '2026-12-01']],
        ['validate --format github', ['validate', '--format', 'github', '--as-of', '2026-12-01']],
        ['validate --format markdown', ['validate', '--format', 'markdown', '--as-of', '2026-12-01']],
        ['format --check', ['format', '--check']],
        ['export --to svg', ['export', 'retail/buy-and-return.copis', '--to', 'svg', '--as-of', '2026-12-01']],
        ['export --to html', ['export', 'retail/buy-and-return.copis', '--to', 'html', '--as-of', '2026-12-01']],
        ['export --to json', ['export', 'saas/renewal.copis', '--to', 'json', '--as-of', '2026-12-01']],
        ['export --to mermaid', ['export', 'saas/renewal.copis', '--to', 'mermaid']],
        ['report', ['report', '--as-of', '2026-12-01']],
        ['diff HEAD~1 HEAD (git)', ['diff', 'HEAD~1', 'HEAD', '--as-of', '2026-12-01']]
    ];
    for (const [name, args] of commands) {
        it(`${name} prints what it prints on the project's Node`, () => {
            const expected = cli(process.execPath, args);
            const actual = cli(oldest, args);
            expect(actual.stderr).toBe(expected.stderr);
            expect(actual.stdout).toBe(expected.stdout);
            expect(actual.code).toBe(expected.code);
            // Something was compared: no command here fails or prints nothing.
            expect(expected.stdout.length).toBeGreaterThan(0);
            expect(expected.code).toBe(0);
        }, 60000);
    }

    it('site writes the same files (a temporary name per file: node:crypto, loaded when first used)', () => {
        const out = (node: string) => {
            const dir = join(repo, `site-${node === oldest ? 'oldest' : 'project'}`);
            const result = cli(node, ['site', '.', '-o', dir, '--as-of', '2026-12-01']);
            expect(result.stderr).not.toMatch(/internal error|TypeError|is not a function/);
            expect(result.code).toBe(0);
            const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(f => f.isFile()).map(f => join(f.parentPath, f.name));
            const contents = Object.fromEntries(files.map(f => [f.slice(dir.length), readFileSync(f, 'utf8')]));
            rmSync(dir, { recursive: true, force: true });
            return contents;
        };
        const expected = out(process.execPath);
        expect(Object.keys(expected).length).toBeGreaterThan(3);
        expect(out(oldest)).toEqual(expected);
    }, 60000);

    it('the language server loads the workspace and publishes diagnostics for an opened file', async () => {
        const uri = pathToFileURL(join(repo, 'retail', 'open.copis')).toString();
        // One name the workspace declares (retail/shared.copis), one it does not.
        const known = /customer\s+(\w+)/.exec(readFileSync(join(repo, 'retail', 'shared.copis'), 'utf8'))![1];
        const { capabilities, diagnostics, stderr } = await diagnosticsOfOpened(oldest, [SERVER, '--stdio'], repo, uri,
            `journey Open "Open" {\n  customers ${known}, Nope\n}\n`);
        expect(capabilities.hoverProvider).toBeTruthy();
        expect(diagnostics.filter(d => d.code === 'unresolved-reference').map(d => d.message)).toEqual([expect.stringContaining('`Nope`')]);
        expect(stderr).toBe('');
    }, 60000);
});
