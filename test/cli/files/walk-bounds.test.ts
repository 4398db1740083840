// The search for .copis files is bounded: it never follows a link into /proc, /sys or /dev (whose links
// lead back to / without end), and it stops, saying so, past a number of files or of entries looked at.
// Before, a folder holding a link to /proc/self walked the whole file system (killed after 60 s at 2.7 GB)
// and `copis validate '/**/x*.copis'` ran out of memory.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFiles, relativePath } from '../../../src/cli/files/find-files.js';
import { WALK_LIMITS, WalkBounds, systemFolderOf } from '../../../src/cli/files/walk-bounds.js';
import { copis, workspace } from '../helpers.js';

const model = 'customer C "C" { value low }\n';

async function found(cwd: string, args: string[], limits = WALK_LIMITS) {
    const result = await findFiles(args, cwd, undefined, limits);
    return { ...result, files: result.files.map(f => relativePath(cwd, f)) };
}

/** A folder with two models and links to /proc/self, /proc, /sys, /dev and /dev/fd (which is /proc/self/fd). */
function withSystemLinks(): string {
    const dir = workspace({ 'a.copis': model, 'sub/b.copis': model });
    symlinkSync('/proc/self', join(dir, 'self'));
    symlinkSync('/proc', join(dir, 'sub', 'proc'));
    symlinkSync('/sys', join(dir, 'sys'));
    symlinkSync('/dev', join(dir, 'dev'));
    symlinkSync('/dev/fd', join(dir, 'sub', 'fd'));
    return dir;
}

describe('links into /proc, /sys and /dev are not followed', () => {
    it('a folder walk finds the models beside the links, and nothing through them', async () => {
        const dir = withSystemLinks();
        expect(await found(dir, ['.'])).toEqual({ files: ['a.copis', 'sub/b.copis'], problems: [] });
    });

    it('a glob with ** finds the same, and nothing through the links', async () => {
        const dir = withSystemLinks();
        expect((await found(dir, ['**/*.copis'])).files).toEqual(['a.copis', 'sub/b.copis']);
        expect((await found(dir, [`${dir}/**/*.copis`])).files).toEqual(['a.copis', 'sub/b.copis']);
    });

    it('validate in such a folder validates its two models (the command, end to end)', async () => {
        const run = await copis(withSystemLinks(), 'validate', '--format', 'json');
        expect(JSON.parse(run.stdout).files).toEqual(['a.copis', 'sub/b.copis']);
    });

    it('a root named inside a pseudo file system may be walked there; a folder elsewhere may not enter one', async () => {
        const bounds = new WalkBounds();
        const inDev = await bounds.root('/dev/shm/models', '/dev/shm/models');
        const inTmp = await bounds.root('models', '/tmp');
        expect(bounds.mayEnter(inDev, '/dev/shm/models/sub')).toBe(true);
        expect(bounds.mayEnter(inDev, '/proc/1')).toBe(false);
        expect(bounds.mayEnter(inTmp, '/dev/shm')).toBe(false);
        expect(bounds.mayEnter(inTmp, '/tmp/models')).toBe(true);
        expect(['/proc', '/proc/self/root', '/sys/kernel', '/dev'].map(systemFolderOf)).toEqual(['/proc', '/proc', '/sys', '/dev']);
        expect(['/process', '/devices', '/system', '/'].map(systemFolderOf)).toEqual([undefined, undefined, undefined, undefined]);
    });

    it("'/**/x*.copis' looks through / without entering /proc, /sys or /dev, and stops at the entry limit, saying so", async () => {
        const dir = workspace();
        const result = await findFiles(['/**/x*.copis'], dir, undefined, { maxFiles: WALK_LIMITS.maxFiles, maxEntries: 2_000 });
        expect(result.files).toEqual([]);
        expect(result.stopped).toEqual({
            path: '/**/x*.copis',
            message: 'more than 2,000 files and folders to look through, so copis stopped looking and did nothing; name the folders that hold your models, not a folder far above them'
        });
    });
});

describe('the limits: files found and entries looked at', () => {
    it('past the number of files, the search stops and says where; the command does nothing and exits 2', async () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 30; i++) files[`m/c${i}.copis`] = model;
        const dir = workspace(files);
        const limits = { maxFiles: 25, maxEntries: WALK_LIMITS.maxEntries };
        expect((await found(dir, ['m'], { maxFiles: 30, maxEntries: WALK_LIMITS.maxEntries })).files).toHaveLength(30);
        for (const args of [['m'], ['m/*.copis'], ['m/c1.copis', 'm']]) {
            const result = await found(dir, args, limits);
            expect(result.files, args.join(' ')).toEqual([]);
            expect(result.stopped, args.join(' ')).toEqual({
                path: args.at(-1),
                message: 'more than 25 .copis files, so copis stopped looking (it takes at most 25 at once) and did nothing; name the folders that hold your models'
            });
        }
    });

    it('past the number of entries (files of any kind, and folders), the same', async () => {
        const dir = workspace({ 'm/a.copis': model });
        for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'm', `notes${i}.txt`), '');
        mkdirSync(join(dir, 'm', 'empty'));
        expect((await found(dir, ['m'], { maxFiles: 10, maxEntries: 42 })).files).toEqual(['m/a.copis']);
        const stopped = await found(dir, ['m'], { maxFiles: 10, maxEntries: 41 });
        expect(stopped.stopped?.message).toMatch(/^more than 41 files and folders to look through, so copis stopped looking/);
        expect(stopped.files).toEqual([]);
    });

    it('the documented limits', () => {
        expect(WALK_LIMITS).toEqual({ maxFiles: 50_000, maxEntries: 1_000_000 });
    });
});
