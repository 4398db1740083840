import { URI, UriUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import { ModelRootLocator, type ModelFileSystem } from '../../../language-server/workspace/model-files.js';

/** An in-memory file system: paths below /repo (or wherever) → text; folders are implied. */
function memoryFs(files: Record<string, string>): ModelFileSystem & { reads: string[] } {
    const reads: string[] = [];
    const paths = Object.keys(files);
    const isFolder = (path: string) => paths.some(p => p.startsWith(`${path}/`));
    return {
        reads,
        async readText(uri) {
            reads.push(uri.path);
            return files[uri.path];
        },
        async exists(uri) {
            return uri.path in files || isFolder(uri.path);
        }
    };
}

/** Walks `folder` as the workspace manager and the CLI do: entries of each folder, skipped by its rules. */
async function walk(fs: ReturnType<typeof memoryFs>, files: Record<string, string>, folder: string): Promise<string[]> {
    const locator = new ModelRootLocator(fs);
    const found: string[] = [];
    const visit = async (path: string) => {
        const names = new Set<string>();
        const folders = new Set<string>();
        for (const p of Object.keys(files)) {
            if (!p.startsWith(`${path}/`)) continue;
            const [first, ...rest] = p.slice(path.length + 1).split('/');
            names.add(first);
            if (rest.length > 0) folders.add(first);
        }
        const rules = await locator.rulesFor(URI.file(path), [...names]);
        for (const name of [...names].sort()) {
            if (folders.has(name)) {
                if (!rules.skips(name, true)) await visit(`${path}/${name}`);
            } else if (!rules.skips(name, false)) {
                found.push(`${path}/${name}`.slice(folder.length + 1));
            }
        }
    };
    await visit(folder);
    return found;
}

async function loaded(files: Record<string, string>, folder = '/repo'): Promise<string[]> {
    return walk(memoryFs(files), files, folder);
}

describe('the files a model holds', () => {
    test('every .copis file, but not node_modules, dot-folders, dot-files or other files', async () => {
        expect(await loaded({
            '/repo/.git/HEAD': '',
            '/repo/a.copis': '',
            '/repo/notes.txt': '',
            '/repo/sub/b.copis': '',
            '/repo/node_modules/pkg/x.copis': '',
            '/repo/.cache/y.copis': '',
            '/repo/.hidden.copis': '',
            '/repo/out/c.copis': ''
        })).toEqual(['a.copis', 'out/c.copis', 'sub/b.copis']);
    });

    test('git rules: .gitignore files at every level, the deepest has the last word, an ignored folder is not entered', async () => {
        expect(await loaded({
            '/repo/.git/HEAD': '',
            '/repo/.git/info/exclude': 'secret.copis\n',
            '/repo/.gitignore': 'build/\n*.tmp.copis\nlegacy\n!keep.tmp.copis\n',
            '/repo/build/copy.copis': '',
            '/repo/build/.gitignore': '!copy.copis\n',
            '/repo/legacy/old.copis': '',
            '/repo/a.copis': '',
            '/repo/a.tmp.copis': '',
            '/repo/keep.tmp.copis': '',
            '/repo/secret.copis': '',
            '/repo/models/.gitignore': 'drafts/*\n!drafts/ready.copis\n/local.copis\n',
            '/repo/models/drafts/wip.copis': '',
            '/repo/models/drafts/ready.copis': '',
            '/repo/models/local.copis': '',
            '/repo/models/deep/local.copis': '',
            '/repo/models/x.tmp.copis': ''
        })).toEqual(['a.copis', 'keep.tmp.copis', 'models/deep/local.copis', 'models/drafts/ready.copis']);
    });

    test('.gitignore files above the walked folder apply, up to the top of the repository and no further', async () => {
        const files = {
            '/.gitignore': 'models/\n',
            '/work/.gitignore': 'models/\n',
            '/work/repo/.git/HEAD': '',
            '/work/repo/.gitignore': 'generated/\n',
            '/work/repo/models/a.copis': '',
            '/work/repo/models/generated/b.copis': ''
        };
        expect(await loaded(files, '/work/repo/models')).toEqual(['a.copis']);
        // Without a repository, every .gitignore up to the top of the file system applies.
        const noGit = { '/work/.gitignore': 'generated/\n', '/work/models/a.copis': '', '/work/models/generated/b.copis': '' };
        expect(await loaded(noGit, '/work/models')).toEqual(['a.copis']);
    });

    test('a config root: include and exclude, relative to it; an excluded folder is left out with all it holds', async () => {
        expect(await loaded({
            '/repo/.git/HEAD': '',
            '/repo/copis.config.json': '{ "include": ["journeys/**/*.copis", "shared.copis"], "exclude": ["journeys/drafts", "**/*.old.copis"] }',
            '/repo/shared.copis': '',
            '/repo/other.copis': '',
            '/repo/journeys/buy.copis': '',
            '/repo/journeys/buy.old.copis': '',
            '/repo/journeys/drafts/idea.copis': '',
            '/repo/journeys/drafts/deep/more.copis': ''
        })).toEqual(['journeys/buy.copis', 'shared.copis']);
    });

    test('a nested config root has its own include and exclude, and an outer exclude can leave it out', async () => {
        expect(await loaded({
            '/repo/.git/HEAD': '',
            '/repo/copis.config.json': '{ "exclude": ["archive/**", "retail/local.copis", "saas/x.copis"] }',
            '/repo/a.copis': '',
            '/repo/retail/copis.config.json': '{ "exclude": ["b.copis"] }',
            '/repo/retail/b.copis': '',
            '/repo/retail/local.copis': '',
            '/repo/saas/x.copis': '',
            '/repo/archive/copis.config.json': '{}',
            '/repo/archive/z.copis': ''
        })).toEqual(['a.copis', 'retail/local.copis']);
    });

    test('finds the config root of any folder, itself or above, and reads each file once', async () => {
        const files = {
            '/repo/.git/HEAD': '',
            '/repo/models/copis.config.json': '{ "rules": { "unused-declaration": "off" } }',
            '/repo/models/retail/journeys/buy.copis': '',
            '/repo/models/saas/copis.config.json': '{ "bad": 1 }'
        };
        const fs = memoryFs(files);
        const locator = new ModelRootLocator(fs);
        const retail = await locator.rootOf(URI.file('/repo/models/retail/journeys'));
        expect(retail?.uri).toBe(URI.file('/repo/models').toString());
        expect(retail?.configUri).toBe(URI.file('/repo/models/copis.config.json').toString());
        expect(retail?.config.rules).toEqual({ 'unused-declaration': 'off' });
        const saas = await locator.rootOf(URI.file('/repo/models/saas'));
        expect(saas?.uri).toBe(URI.file('/repo/models/saas').toString());
        expect(saas?.problems.map(p => p.message)).toEqual([expect.stringContaining('Unknown field `bad`')]);
        expect(await locator.rootOf(URI.file('/repo'))).toBeUndefined();
        expect(locator.foundRoots().map(r => UriUtils.basename(URI.parse(r.uri))).sort()).toEqual(['models', 'saas']);
        await locator.rootOf(URI.file('/repo/models/retail'));
        const configReads = fs.reads.filter(p => p.endsWith('copis.config.json'));
        expect(configReads.length).toBe(new Set(configReads).size);
    });

    test('loads and walksInto say what a walk from a folder would do, for a file or folder that appears later', async () => {
        const files = {
            '/repo/.git/HEAD': '',
            '/repo/.gitignore': 'build/\n',
            '/repo/copis.config.json': '{ "exclude": ["drafts/**"] }',
            '/repo/a.copis': ''
        };
        const locator = new ModelRootLocator(memoryFs(files));
        const repo = URI.file('/repo');
        const at = (path: string) => URI.file(path);
        expect(await locator.loads(at('/repo/new/b.copis'), repo)).toBe(true);
        expect(await locator.loads(at('/repo/node_modules/x.copis'), repo)).toBe(false);
        expect(await locator.loads(at('/repo/lib/node_modules/pkg/x.copis'), repo)).toBe(false);
        expect(await locator.loads(at('/repo/build/x.copis'), repo)).toBe(false);
        expect(await locator.loads(at('/repo/drafts/x.copis'), repo)).toBe(false);
        expect(await locator.loads(at('/repo/.git/x.copis'), repo)).toBe(false);
        expect(await locator.loads(at('/repo/notes.txt'), repo)).toBe(false);
        expect(await locator.loads(at('/elsewhere/x.copis'), repo)).toBe(false);
        expect(await locator.walksInto(at('/repo/new/deeper'), repo)).toBe(true);
        expect(await locator.walksInto(at('/repo/build'), repo)).toBe(false);
        expect(await locator.walksInto(at('/repo/a/node_modules'), repo)).toBe(false);
        expect(await locator.walksInto(repo, repo)).toBe(true);
        // A folder opened on purpose is walked even when it is a dot-folder.
        const dot = URI.file('/home/u/.models');
        expect(await new ModelRootLocator(memoryFs({ '/home/u/.models/a.copis': '' })).loads(at('/home/u/.models/a.copis'), dot)).toBe(true);
    });
});
