// copis format never loses an edit and never changes what a file is besides its text: a file written by
// something else while format runs is left with what was written; the owner, group and mode of a formatted
// file stay; a file with two hard links, and a read-only one (unless --force), are left as they are.
import { appendFileSync, chmodSync, chownSync, linkSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNPRIVILEGED, bundleUnprivileged, copis, handOver, isRoot, snapshot, workspace } from '../helpers.js';

// Between format reading a file and replacing it, `during` runs: it is how a test writes the file "while
// format runs" at exactly that moment, every time (a real concurrent writer would hit it only by chance).
const race = vi.hoisted(() => ({ during: undefined as undefined | ((text: string) => void) }));
vi.mock('../../../language-server/formatting/format-text.js', async original => {
    const real = await original<typeof import('../../../language-server/formatting/format-text.js')>();
    return {
        ...real,
        formatText: (...args: Parameters<typeof real.formatText>) => {
            const formatted = real.formatText(...args);
            race.during?.(args[0]);
            return formatted;
        }
    };
});
afterEach(() => {
    race.during = undefined;
});

const messy = (name: string) => `customer   ${name} "${name}"{value low}\n`;
const tidy = (name: string) => `customer ${name} "${name}" { value low }\n`;

describe('a file written while format runs', () => {
    it('is left with what was written (and reported, exit 1); the files before and after it are formatted', async () => {
        const dir = workspace({ 'a.copis': messy('A'), 'b.copis': messy('B'), 'c.copis': messy('C') });
        const appended = '// typed in the editor while format ran\n';
        race.during = text => {
            if (text.includes('"B"')) appendFileSync(join(dir, 'b.copis'), appended);
        };
        const run = await copis(dir, 'format');
        expect(run).toEqual({
            code: 1,
            stdout: 'formatted: a.copis\nformatted: c.copis\n3 files: 2 formatted\n',
            stderr: 'copis: b.copis: was changed by something else while copis formatted it, so it is left as it is, with what was written; run copis format again\n'
        });
        expect(readFileSync(join(dir, 'b.copis'), 'utf8')).toBe(messy('B') + appended);
        expect(readFileSync(join(dir, 'a.copis'), 'utf8')).toBe(tidy('A'));
        expect(readFileSync(join(dir, 'c.copis'), 'utf8')).toBe(tidy('C'));
        expect(readdirSync(dir).sort()).toEqual(['a.copis', 'b.copis', 'c.copis']);
        // Run again, it formats the edited file, the new line kept.
        race.during = undefined;
        expect((await copis(dir, 'format')).code).toBe(0);
        expect(readFileSync(join(dir, 'b.copis'), 'utf8')).toBe(`${tidy('B')}${appended}`);
    });

    it('a file replaced by another (an editor saving atomically) or deleted meanwhile is not written either', async () => {
        const dir = workspace({ 'saved.copis': messy('S'), 'gone.copis': messy('G') });
        race.during = text => {
            // The editor's atomic save: a new file renamed over the old one.
            if (text.includes('"S"')) {
                writeFileSync(join(dir, 'saved.copis.new'), tidy('Saved'));
                renameSync(join(dir, 'saved.copis.new'), join(dir, 'saved.copis'));
            }
            if (text.includes('"G"')) rmSync(join(dir, 'gone.copis'));
        };
        const run = await copis(dir, 'format');
        expect(run.code).toBe(1);
        expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual([
            'copis: gone.copis: was changed by something else while copis formatted it, so it is left as it is, with what was written; run copis format again',
            'copis: saved.copis: was changed by something else while copis formatted it, so it is left as it is, with what was written; run copis format again'
        ]);
        expect(readFileSync(join(dir, 'saved.copis'), 'utf8')).toBe(tidy('Saved'));
        expect(readdirSync(dir).sort()).toEqual(['saved.copis']);
    });
});

// Where a test gives a file to root, or the bundle runs as `nobody`, it needs root (as the suite runs here and in CI).
describe('what a formatted file keeps', () => {
    it("a file of another user formatted as root keeps its owner, group and mode (0600 stays private)", async () => {
        const dir = workspace({ 'theirs.copis': messy('T') });
        const path = join(dir, 'theirs.copis');
        chmodSync(path, 0o600);
        if (isRoot) chownSync(path, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
        const before = statSync(path);
        expect(await copis(dir, 'format')).toMatchObject({ code: 0, stdout: 'formatted: theirs.copis\n1 file: 1 formatted\n' });
        const after = statSync(path);
        expect(readFileSync(path, 'utf8')).toBe(tidy('T'));
        expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([before.uid, before.gid, 0o600]);
        expect(after.uid).toBe(isRoot ? UNPRIVILEGED.uid : process.getuid!());
    });

    it('a setgid or group-writable mode stays exactly as it was', async () => {
        const dir = workspace({ 'shared.copis': messy('S') });
        chmodSync(join(dir, 'shared.copis'), 0o2664);
        expect((await copis(dir, 'format')).code).toBe(0);
        expect(statSync(join(dir, 'shared.copis')).mode & 0o7777).toBe(0o2664);
    });

    it('a file that would change owner (formatted by a user who may not give it back) is left as it is, and said so', () => {
        // Root's file in a folder the unprivileged user may write to: the rename would make the file theirs.
        const dir = workspace({ 'shared/root.copis': messy('R'), 'shared/mine.copis': messy('M') });
        handOver(dir);
        chownSync(join(dir, 'shared', 'root.copis'), 0, 0);
        chmodSync(join(dir, 'shared'), 0o777);
        chmodSync(join(dir, 'shared', 'root.copis'), 0o666);
        const before = statSync(join(dir, 'shared', 'root.copis'));
        const run = bundleUnprivileged(dir, 'format');
        expect(run).toEqual({
            code: 1,
            stdout: 'formatted: shared/mine.copis\n2 files: 1 formatted\n',
            stderr: "copis: shared/root.copis: belongs to user 0, group 0, and copis may not give its new text that owner (it would become user 65534's, group 65534's), so it is left as it is; format it as its owner\n"
        });
        expect(readFileSync(join(dir, 'shared', 'root.copis'), 'utf8')).toBe(messy('R'));
        expect(statSync(join(dir, 'shared', 'root.copis')).ino).toBe(before.ino);
        expect(readdirSync(join(dir, 'shared')).sort()).toEqual(['mine.copis', 'root.copis']);
    });
});

describe('files format leaves as they are', () => {
    it('a file with two hard links: refused with a message, both names keep the same text', async () => {
        const dir = workspace({ 'a.copis': messy('A'), 'other.copis': messy('O') });
        linkSync(join(dir, 'a.copis'), join(dir, 'backup.txt'));
        const before = snapshot(dir);
        const check = await copis(dir, 'format', '--check');
        expect(check.stdout).toBe('not formatted: a.copis\nnot formatted: other.copis\n2 of 2 files not formatted; run copis format to fix\n');
        const run = await copis(dir, 'format');
        expect(run).toEqual({
            code: 1,
            stdout: 'formatted: other.copis\n2 files: 1 formatted\n',
            stderr: 'copis: a.copis: has 2 hard links: formatting replaces the file, which would leave the other name with the old text, so it is left as it is; give it a copy of its own (cp FILE FILE.new && mv FILE.new FILE), then format it\n'
        });
        const after = snapshot(dir);
        expect(after['a.copis']).toBe(before['a.copis']);
        expect(after['backup.txt']).toBe(before['backup.txt']);
        expect(statSync(join(dir, 'a.copis')).nlink).toBe(2);
    });

    it('a read-only file (0444): refused unless --force; with --force it is formatted and stays 0444', async () => {
        const dir = workspace({ 'ro.copis': messy('R') });
        const path = join(dir, 'ro.copis');
        chmodSync(path, 0o444);
        const before = snapshot(dir);
        expect(await copis(dir, 'format')).toEqual({
            code: 1,
            stdout: '1 file: 0 formatted\n',
            stderr: 'copis: ro.copis: is read-only (mode 0444), so it is left as it is; make it writable (chmod u+w), or pass --force to format it anyway\n'
        });
        expect(snapshot(dir)).toEqual(before);
        expect(await copis(dir, 'format', '--force')).toEqual({ code: 0, stdout: 'formatted: ro.copis\n1 file: 1 formatted\n', stderr: '' });
        expect(readFileSync(path, 'utf8')).toBe(tidy('R'));
        expect(statSync(path).mode & 0o7777).toBe(0o444);
    });

    it('a file the user may not write (0644, not theirs) is read-only to them: refused, not replaced (the shipped bundle, unprivileged)', () => {
        const dir = workspace({ 'open/root.copis': messy('R') });
        handOver(dir);
        chownSync(join(dir, 'open', 'root.copis'), 0, 0);
        chmodSync(join(dir, 'open'), 0o777);
        const run = bundleUnprivileged(dir, 'format');
        expect(run.stderr).toBe('copis: open/root.copis: is read-only (mode 0644), so it is left as it is; make it writable (chmod u+w), or pass --force to format it anyway\n');
        expect(readFileSync(join(dir, 'open', 'root.copis'), 'utf8')).toBe(messy('R'));
    });
});
