// Exports never destroy work: an export that fails leaves an existing output byte for byte as it was and
// writes nothing else; one that succeeds changes its output file and nothing else (no temporary file left, no
// folder but those on the way to the output). Every folder is snapshotted before and after, dot-files included.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, copyBundle, STACK_TRACE, bundle, bundleUnprivileged, copis, fixture, handOver, snapshot, workspace } from '../helpers.js';
import { execFileSync } from 'node:child_process';

const PREVIOUS_SVG = '<svg>the previous export, which a failed export must keep</svg>\n';
const PREVIOUS_PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);

/** models/ (a journey, a file without one, one with syntax errors, a binary one elsewhere) and out/ with previous exports. */
function project(): string {
    return workspace({
        'models/shop.copis': fixture('shop.copis'),
        'models/returns.copis': fixture('returns.copis'),
        'broken/syntax.copis': fixture('syntax.copis'),
        'people/people.copis': 'customer A "Ann" { value low }\n',
        'binary/image.copis': PREVIOUS_PNG,
        'out/journey.svg': PREVIOUS_SVG,
        'out/journey.png': PREVIOUS_PNG,
        'out/.keep': ''
    });
}

/** Snapshots `dir`, runs `run`, and returns the result with what changed: paths added, removed and modified. */
async function changes<T>(dir: string, run: () => T | Promise<T>): Promise<{ result: T; added: string[]; removed: string[]; modified: string[] }> {
    const before = snapshot(dir);
    const result = await run();
    const after = snapshot(dir);
    return {
        result,
        added: Object.keys(after).filter(p => !(p in before)),
        removed: Object.keys(before).filter(p => !(p in after)),
        modified: Object.keys(after).filter(p => p in before && before[p] !== after[p])
    };
}

const nothing = { added: [], removed: [], modified: [] };

describe('a failed export leaves the existing output byte for byte, and writes nothing anywhere', () => {
    const failures: [string, string[], number, RegExp][] = [
        ['an unknown --journey', ['models/shop.copis', '--to', 'svg', '--journey', 'Nope', '-o', 'out/journey.svg'], 2, /^copis: --journey Nope: models\/shop\.copis declares no such journey; it declares: Buy\n$/],
        ['an unknown --customer', ['models/shop.copis', '--to', 'svg', '--customer', 'Nobody', '-o', 'out/journey.svg'], 2, /^copis: --customer Nobody: no such customer in journey Buy; its customers: Shopper\n$/],
        ['syntax errors in FILE', ['broken/syntax.copis', '--to', 'svg', '-o', 'out/journey.svg'], 1, /copis: broken\/syntax\.copis: has syntax errors, so nothing was exported \(out\/journey\.svg is unchanged\)/],
        ['a FILE that does not exist', ['models/nope.copis', '--to', 'svg', '-o', 'out/journey.svg'], 2, /^copis: models\/nope\.copis: no such file; check the path\n$/],
        ['a binary FILE', ['binary/image.copis', '--to', 'png', '-o', 'out/journey.png'], 2, /^copis: binary\/image\.copis: looks like a binary file/],
        ['a FILE without a journey', ['people/people.copis', '--to', 'md', '-o', 'out/journey.svg'], 2, /^copis: people\/people\.copis: declares no journey; /],
        ['-o a folder', ['models/shop.copis', '--to', 'svg', '-o', 'out'], 2, /^copis: -o out: is a folder; name the output file, e\.g\. -o out\/journey\.svg\n$/],
        ['-o ending in a slash, for a folder that does not exist', ['models/shop.copis', '--to', 'svg', '-o', 'new/'], 2, /^copis: -o new\/: names a folder \(it ends with a slash\); /],
        ['-o a path below a file', ['models/shop.copis', '--to', 'svg', '-o', 'out/journey.svg/inner.svg'], 2, /^copis: out\/journey\.svg\/inner\.svg: could not be written: a part of its path is a file, not a folder \((ENOTDIR|EEXIST)\); it is unchanged\n$/],
        ['-o a name longer than the file system allows, in folders that do not exist', ['models/shop.copis', '--to', 'svg', '-o', `new/deeper/${'n'.repeat(300)}.svg`], 2, /could not be written: the name is too long for the file system \(ENAMETOOLONG\); it is unchanged\n$/]
    ];

    it.each(failures)('%s', async (_, args, code, message) => {
        const dir = project();
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', ...args));
        expect(result.code).toBe(code);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(message);
        // Not the output, not a temporary file, not a folder made for the output.
        expect(changed).toEqual(nothing);
        expect(readFileSync(join(dir, 'out', 'journey.svg'), 'utf8')).toBe(PREVIOUS_SVG);
    });

    it('-o a link to a model file (the name looks harmless): refused', async () => {
        const dir = project();
        symlinkSync('../models/returns.copis', join(dir, 'out', 'harmless.svg'));
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', 'out/harmless.svg'));
        expect(result).toEqual({ code: 2, stdout: '', stderr: "copis: -o out/harmless.svg: would overwrite a .copis file; name the output with the format's extension\n" });
        expect(changed).toEqual(nothing);
    });

    it('-o a link that points at itself (a loop): refused by the system, the link stays', async () => {
        const dir = project();
        symlinkSync('loop.svg', join(dir, 'out', 'loop.svg'));
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', 'out/loop.svg'));
        expect(result).toEqual({ code: 2, stdout: '', stderr: 'copis: out/loop.svg: could not be written: too many levels of symbolic links (ELOOP); it is unchanged\n' });
        expect(changed).toEqual(nothing);
    });

    it('an output folder the user cannot write to (the shipped bundle, as an unprivileged user): EACCES, the old file kept', async () => {
        const dir = project();
        handOver(dir);
        chmodSync(join(dir, 'out'), 0o555);
        try {
            const { result, ...changed } = await changes(dir, () => bundleUnprivileged(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', 'out/journey.svg'));
            expect(result).toEqual({ code: 2, stdout: '', stderr: 'copis: out/journey.svg: could not be written: permission denied (EACCES); choose a folder you can write to; it is unchanged\n' });
            expect(changed).toEqual(nothing);
        } finally {
            chmodSync(join(dir, 'out'), 0o755);
        }
    });

    it('--to png without @resvg/resvg-js (the bundle away from node_modules): the old PNG kept', async () => {
        const dir = project();
        copyBundle(dir);
        const { result, ...changed } = await changes(dir, () => spawnSync(process.execPath, ['cli.cjs', 'export', 'models/shop.copis', '--to', 'png', '-o', 'out/journey.png'], { cwd: dir, encoding: 'utf8' }));
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/^copis: --to png needs the @resvg\/resvg-js package, which is not installed here; /);
        expect(changed).toEqual(nothing);
        expect([...readFileSync(join(dir, 'out', 'journey.png'))]).toEqual([...PREVIOUS_PNG]);
    });

    it('no failure prints a stack trace (the shipped bundle)', () => {
        const dir = project();
        for (const [name, args] of failures) {
            const run = bundle(dir, 'export', ...args);
            expect(run.stderr, name).not.toMatch(STACK_TRACE);
            expect(run.code, name).toBeGreaterThan(0);
        }
    });
});

describe('a successful export changes its output and nothing else', () => {
    it('replaces an existing output: one file modified, no temporary file, no other change', async () => {
        const dir = project();
        for (const [to, path] of [['svg', 'out/journey.svg'], ['png', 'out/journey.png'], ['html', 'out/journey.svg']]) {
            const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', to, '-o', path));
            expect(result, to).toEqual({ code: 0, stdout: `exported: ${path}\n`, stderr: '' });
            expect(changed, to).toEqual({ added: [], removed: [], modified: [path] });
        }
    });

    it('-o a name of 250 characters (the temporary file beside it must fit the file system too)', async () => {
        const dir = project();
        const path = `out/${'n'.repeat(246)}.svg`;
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', path));
        expect(result).toEqual({ code: 0, stdout: `exported: ${path}\n`, stderr: '' });
        expect(changed).toEqual({ added: [path], removed: [], modified: [] });
    });

    it('creates the missing folders on the way to the output, and only those', async () => {
        const dir = project();
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', 'md', '-o', 'site/reports/2026/buy.md'));
        expect(result.code).toBe(0);
        expect(changed).toEqual({ added: ['site', 'site/reports', 'site/reports/2026', 'site/reports/2026/buy.md'], removed: [], modified: [] });
    });

    it('-o a symbolic link: the file it points to is replaced, the link stays a link', async () => {
        const dir = project();
        mkdirSync(join(dir, 'site'));
        symlinkSync('../out/journey.svg', join(dir, 'site', 'latest.svg'));
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', 'site/latest.svg'));
        expect(result).toEqual({ code: 0, stdout: 'exported: site/latest.svg\n', stderr: '' });
        expect(changed).toEqual({ added: [], removed: [], modified: ['out/journey.svg'] });
        expect(readlinkSync(join(dir, 'site', 'latest.svg'))).toBe('../out/journey.svg');
        expect(readFileSync(join(dir, 'out', 'journey.svg'), 'utf8')).toMatch(/^<svg xmlns=/);
    });

    it('-o a link to a file that does not exist yet: the file is created there, the link stays', async () => {
        const dir = project();
        symlinkSync('journey-v2.svg', join(dir, 'out', 'latest.svg'));
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', 'out/latest.svg'));
        expect(result.code).toBe(0);
        expect(changed).toEqual({ added: ['out/journey-v2.svg'], removed: [], modified: [] });
        expect(lstatSync(join(dir, 'out', 'latest.svg')).isSymbolicLink()).toBe(true);
    });

    it('-o a FIFO: the export is streamed into it, and it stays a FIFO', async () => {
        const dir = project();
        execFileSync('mkfifo', [join(dir, 'out', 'pipe.svg')]);
        const reader = spawnSync('sh', ['-c', `cat out/pipe.svg > received.svg & "${process.execPath}" "${BUNDLE}" export models/shop.copis --to svg -o out/pipe.svg; wait`], { cwd: dir, encoding: 'utf8', timeout: 30000 });
        expect(reader.status).toBe(0);
        // Like `-o -`: the output is the stream, so no `exported:` line.
        expect(reader.stdout).toBe('');
        expect(lstatSync(join(dir, 'out', 'pipe.svg')).isFIFO()).toBe(true);
        expect(readFileSync(join(dir, 'received.svg'), 'utf8')).toBe(bundle(dir, 'export', 'models/shop.copis', '--to', 'svg').stdout);
    });

    it('-o a link to /dev/null: written into, and neither the link nor /dev/null is replaced', async () => {
        const dir = project();
        symlinkSync('/dev/null', join(dir, 'out', 'discard.svg'));
        const { result, ...changed } = await changes(dir, () => copis(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', 'out/discard.svg'));
        expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
        expect(changed).toEqual(nothing);
        expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    });

    it('-o /dev/stdout writes to stdout, without an `exported:` line, and appends where the shell appends (`>>`)', () => {
        const dir = project();
        const svg = bundle(dir, 'export', 'models/shop.copis', '--to', 'svg').stdout;
        expect(bundle(dir, 'export', 'models/shop.copis', '--to', 'svg', '-o', '/dev/stdout')).toEqual({ code: 0, stdout: svg, stderr: '' });
        writeFileSync(join(dir, 'log.txt'), 'kept\n');
        const append = spawnSync('sh', ['-c', `"${process.execPath}" "${BUNDLE}" export models/shop.copis --to svg -o /dev/stdout >> log.txt`], { cwd: dir, encoding: 'utf8' });
        expect(append.status).toBe(0);
        expect(readFileSync(join(dir, 'log.txt'), 'utf8')).toBe(`kept\n${svg}`);
        expect(existsSync(join(dir, 'out', 'stdout'))).toBe(false);
    });
});
