import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFiles, relativePath } from '../../../src/cli/files/find-files.js';
import { workspace } from '../helpers.js';

async function found(cwd: string, ...args: string[]) {
    const result = await findFiles(args, cwd);
    return { files: result.files.map(f => relativePath(cwd, f)), problems: result.problems };
}

describe('findFiles', () => {
    it('walks folders recursively for *.copis, skipping node_modules, dot-folders and other extensions', async () => {
        const dir = workspace({
            'a.copis': '', 'notes.txt': '', 'sub/deep/b.copis': '',
            'node_modules/pkg/c.copis': '', '.git/d.copis': '', 'sub/.cache/e.copis': '', 'sub/node_modules/f.copis': ''
        });
        expect(await found(dir)).toEqual({ files: ['a.copis', 'sub/deep/b.copis'], problems: [] });
    });

    it('a folder whose config includes none of its files says so, naming the config and its patterns', async () => {
        const dir = workspace({ 'copis.config.json': '{ "include": ["model/**/*.copis"] }', 'models/a.copis': '' });
        expect(await found(dir, 'models')).toEqual({ files: [], problems: [{
            path: 'models', message: 'no .copis files in this folder that copis.config.json includes: its `include` is "model/**/*.copis" (paths from its folder); check those patterns, or pass the files that hold your models'
        }] });
        // With the default include, the general reasons.
        const plain = workspace({ 'copis.config.json': '{}', 'notes.txt': '' });
        expect((await found(plain)).problems.map(p => p.message)).toEqual([expect.stringMatching(/^no \.copis files in this folder \(node_modules, dot-folders/)]);
    });

    it('takes a named file as given, whatever its extension', async () => {
        const dir = workspace({ 'model.txt': '', 'a.copis': '' });
        expect((await found(dir, 'model.txt')).files).toEqual(['model.txt']);
    });

    it('walks a dot-folder or node_modules that is named explicitly', async () => {
        const dir = workspace({ '.models/a.copis': '' });
        expect((await found(dir, '.models')).files).toEqual(['.models/a.copis']);
    });

    it('matches glob patterns from the working directory, keeping only .copis files', async () => {
        const dir = workspace({ 'm/a.copis': '', 'm/b.copis': '', 'm/c.txt': '', 'm/x/d.copis': '', 'm/node_modules/e.copis': '' });
        expect((await found(dir, 'm/*')).files).toEqual(['m/a.copis', 'm/b.copis']);
        expect((await found(dir, 'm/**/*.copis')).files).toEqual(['m/a.copis', 'm/b.copis', 'm/x/d.copis']);
        expect((await found(join(dir, 'm', 'x'), '../*.copis')).files).toEqual(['../a.copis', '../b.copis']);
    });

    it('lists each file once, however many arguments name it, sorted by path', async () => {
        const dir = workspace({ 'b.copis': '', 'a/z.copis': '' });
        expect((await found(dir, 'b.copis', '.', '*.copis', './b.copis')).files).toEqual(['a/z.copis', 'b.copis']);
    });

    it('does not load a file twice through a symbolic link, nor loop on a link to a parent folder', async () => {
        const dir = workspace({ 'm/a.copis': '' });
        symlinkSync(join(dir, 'm', 'a.copis'), join(dir, 'm', 'alias.copis'));
        symlinkSync(dir, join(dir, 'm', 'up'));
        expect((await found(dir, 'm')).files).toEqual(['m/a.copis']);
    });

    it('keeps a broken symbolic link named *.copis, so that reading it reports it', async () => {
        const dir = workspace({ 'a.copis': '' });
        symlinkSync(join(dir, 'gone.copis'), join(dir, 'link.copis'));
        expect((await found(dir)).files).toEqual(['a.copis', 'link.copis']);
    });

    it('reports a missing path, an empty folder and a pattern that matches nothing, and keeps the rest', async () => {
        const dir = workspace({ 'a.copis': '', 'empty/readme.md': '' });
        mkdirSync(join(dir, 'void'));
        const result = await found(dir, 'a.copis', 'missing.copis', 'empty', 'void', 'nothing/*.copis');
        expect(result.files).toEqual(['a.copis']);
        expect(result.problems.map(p => p.path)).toEqual(['missing.copis', 'empty', 'void', 'nothing/*.copis']);
        expect(result.problems[0].message).toMatch(/no such file or folder/);
        expect(result.problems[1].message).toMatch(/no \.copis files in this folder/);
        expect(result.problems[3].message).toMatch(/no \.copis file matches this pattern/);
    });
});
