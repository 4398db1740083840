// A model file larger than 20 MB is refused before it is read ("input too large"), and so is a workspace
// larger than memory allows. Before, a 100 MB model ran validate out of heap after 4.5 minutes
// (`FATAL ERROR: … heap out of memory`, exit 134).
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../../src/cli/files/read-files.js';
import { MAX_FILE_BYTES, maxWorkspaceBytes } from '../../../src/cli/files/size-limits.js';
import { BUNDLE, copis, fixture, workspace } from '../helpers.js';

/** A file of `size` bytes that takes no room on disk (a sparse file): its size is all the checks look at. */
function sparse(dir: string, name: string, size: number): string {
    const path = join(dir, name);
    writeFileSync(path, '');
    truncateSync(path, size);
    return path;
}

describe('a model file over the size limit', () => {
    it('is "input too large", before a byte of it is read', async () => {
        const dir = workspace();
        const path = sparse(dir, 'huge.copis', 100 * 1024 * 1024);
        // It is all NUL bytes: read, it would be "a binary file". Refused first, it is too large.
        expect(await readSource(path)).toEqual({ problem: 'input too large: 104.9 MB; a model file may have at most 20 MB, so it was not read; split it into several files' });
        expect(await readSource(sparse(dir, 'edge.copis', MAX_FILE_BYTES + 1))).toEqual({ problem: expect.stringMatching(/^input too large: /) });
        expect(await readSource(sparse(dir, 'limit.copis', MAX_FILE_BYTES))).toEqual({ problem: expect.stringMatching(/binary file/) });
        expect(MAX_FILE_BYTES).toBe(20_000_000);
    });

    it('validate, format and export name it and go on with the other files', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), 'tidy.copis': 'customer T "T" { value low }\n' });
        sparse(dir, 'huge.copis', 100 * 1024 * 1024);
        const message = 'copis: huge.copis: input too large: 104.9 MB; a model file may have at most 20 MB, so it was not read; split it into several files\n';
        expect(await copis(dir, 'validate', 'huge.copis', 'shop.copis')).toEqual({ code: 1, stdout: '1 file: no problems\n', stderr: message });
        expect(await copis(dir, 'format', '--check', 'huge.copis', 'tidy.copis')).toEqual({ code: 1, stdout: '1 file: all formatted\n', stderr: message });
        const exported = await copis(dir, 'export', 'shop.copis', '--to', 'mermaid');
        expect(exported.code).toBe(0);
        expect(exported.stderr).toBe(message.replace(/\n$/, '; exporting without it\n'));
        expect(await copis(dir, 'export', 'huge.copis', '--to', 'mermaid')).toEqual({ code: 2, stdout: '', stderr: message });
    });
});

describe('a workspace larger than memory allows', () => {
    it('is refused before it is read, with the limit and what to do (the shipped bundle with a heap of 256 MB: a limit of about 2.5 MB)', () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        for (const name of ['a.copis', 'b.copis']) writeFileSync(join(dir, name), `/* ${'x'.repeat(1_500_000)} */\n`);
        const run = spawnSync(process.execPath, ['--max-old-space-size=256', BUNDLE, 'validate'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^copis: input too large: the 3 files found hold 3 MB together, more than the 2(\.\d)? MB copis loads at once with Node's heap limit of \d{3}(\.\d)? MB, so nothing was done; name fewer files, or raise the limit \(NODE_OPTIONS=--max-old-space-size=8192 for a heap of 8 GB\)\n$/);
        // With the default heap, the same files are validated.
        const fine = spawnSync(process.execPath, [BUNDLE, 'validate'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
        expect({ status: fine.status, stderr: fine.stderr }).toEqual({ status: 0, stderr: '' });
    });

    it('the limit is the heap limit / 128: tens of megabytes with a default heap', () => {
        expect(maxWorkspaceBytes()).toBeGreaterThan(MAX_FILE_BYTES / 2);
    });
});

describe('a file that is not there', () => {
    it('listed (found in a folder, then gone) disappeared while copis ran; named (a path as given) never existed', async () => {
        const dir = workspace();
        expect(await readSource(join(dir, 'gone.copis'))).toEqual({ problem: 'no such file (it disappeared while copis ran); check the path' });
        expect(await readSource(join(dir, 'gone.copis'), 'listed')).toEqual({ problem: 'no such file (it disappeared while copis ran); check the path' });
        expect(await readSource(join(dir, 'nothere.csv'), 'named')).toEqual({ problem: 'no such file; check the path' });
    });
});
