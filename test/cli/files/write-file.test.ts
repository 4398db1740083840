// writeAtomically gives its temporary file the mode, owner and group of the file it replaces before a single
// byte is written: a 0600 file's new text is never readable by others, not even for a moment (it was created
// 0644 and chmod-ed after the write). And it checks, just before the rename, that the file is as expected.
import { chmodSync, chownSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stampNow } from '../../../src/cli/files/file-stamp.js';
import { readSource } from '../../../src/cli/files/read-files.js';
import { WriteRefused, writeAtomically } from '../../../src/cli/files/write-file.js';
import { UNPRIVILEGED, isRoot, workspace } from '../helpers.js';

// Every write into a file opened by writeAtomically records what the file was at that moment.
const seen = vi.hoisted(() => ({ writes: [] as { name: string; mode: number; uid: number; gid: number }[] }));
vi.mock('node:fs/promises', async original => {
    const real = await original<typeof import('node:fs/promises')>();
    const open = async (...args: Parameters<typeof real.open>) => {
        const handle = await real.open(...args);
        const name = String(args[0]);
        const record = async () => {
            const info = await handle.stat();
            seen.writes.push({ name, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid });
        };
        for (const method of ['write', 'writeFile', 'writev', 'appendFile'] as const) {
            const write = (handle[method] as (...a: unknown[]) => Promise<unknown>).bind(handle);
            (handle as unknown as Record<string, unknown>)[method] = async (...a: unknown[]) => (await record(), write(...a));
        }
        return handle;
    };
    return { ...real, open, default: { ...real, open } };
});
afterEach(() => {
    seen.writes = [];
});

describe('the temporary file of an atomic write', () => {
    it("has the replaced file's mode, owner and group before its first byte", async () => {
        const dir = workspace({ 'private.copis': 'secret\n' });
        const path = join(dir, 'private.copis');
        chmodSync(path, 0o600);
        if (isRoot) chownSync(path, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
        const owner = statSync(path);
        expect(await writeAtomically(path, 'new secret\n')).toBe('file');
        expect(seen.writes.length).toBeGreaterThan(0);
        for (const write of seen.writes) {
            expect(write.name).toMatch(/\.private\.copis\.[0-9a-f]{8}\.tmp$/);
            expect({ mode: write.mode, uid: write.uid, gid: write.gid }).toEqual({ mode: 0o600, uid: owner.uid, gid: owner.gid });
        }
        expect(readFileSync(path, 'utf8')).toBe('new secret\n');
        expect(statSync(path).mode & 0o7777).toBe(0o600);
    });

    it('a new file gets the usual mode (0666 less the umask), with nothing to copy', async () => {
        const dir = workspace();
        const umask = process.umask();
        await writeAtomically(join(dir, 'new.svg'), '<svg/>');
        expect(statSync(join(dir, 'new.svg')).mode & 0o777).toBe(0o666 & ~umask);
    });
});

describe('the check just before the rename', () => {
    it('a file that changed since its stamp was taken is not replaced, and nothing is left behind', async () => {
        const dir = workspace({ 'out.md': 'old\n' });
        const path = join(dir, 'out.md');
        const stamp = await stampNow(path, true);
        writeFileSync(path, 'written by hand\n');
        await expect(writeAtomically(path, 'export\n', { expected: { stamp } })).rejects.toEqual(new WriteRefused('changed', 'was changed by something else'));
        expect(readFileSync(path, 'utf8')).toBe('written by hand\n');
        expect(readdirSync(dir)).toEqual(['out.md']);
        // Unchanged, it is replaced.
        await writeAtomically(path, 'export\n', { expected: { stamp: await stampNow(path, true) } });
        expect(readFileSync(path, 'utf8')).toBe('export\n');
    });

    it('a file rewritten with as many bytes and its time set back is not replaced: the bytes read are compared', async () => {
        const dir = workspace({ 'model.copis': 'customer A "A"\n' });
        const path = join(dir, 'model.copis');
        utimesSync(path, 1_700_000_000, 1_700_000_000);
        const read = await readSource(path);
        if (!('text' in read)) throw new Error(read.problem);
        writeFileSync(path, 'customer B "B"\n');
        utimesSync(path, 1_700_000_000, 1_700_000_000);
        const now = await stampNow(path, true);
        expect({ ...now, bytes: undefined }).toEqual({ ...read.stamp, bytes: undefined });
        await expect(writeAtomically(path, 'formatted\n', { expected: { stamp: read.stamp } })).rejects.toEqual(new WriteRefused('changed', 'was changed by something else'));
        expect(readFileSync(path, 'utf8')).toBe('customer B "B"\n');
        // The same bytes again: replaced.
        writeFileSync(path, 'customer A "A"\n');
        utimesSync(path, 1_700_000_000, 1_700_000_000);
        await writeAtomically(path, 'formatted\n', { expected: { stamp: read.stamp } });
        expect(readFileSync(path, 'utf8')).toBe('formatted\n');
    });

    it('a file that did not exist and now does is not replaced either', async () => {
        const dir = workspace();
        const path = join(dir, 'out.md');
        const stamp = await stampNow(path, false);
        expect(stamp).toBeUndefined();
        writeFileSync(path, 'made meanwhile\n');
        await expect(writeAtomically(path, 'export\n', { expected: { stamp } })).rejects.toEqual(new WriteRefused('changed', 'was created by something else'));
        expect(readFileSync(path, 'utf8')).toBe('made meanwhile\n');
    });
});
