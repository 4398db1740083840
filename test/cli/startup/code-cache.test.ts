// The CLI's start with V8's code cache: where it lives, what invalidates it, that a cache never changes
// what a run does, and that a folder others could write to is never used.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEPT_CACHE_FILES, bundleIdentity, codeCacheFile, codeCacheFolder, runWithCodeCache, writeCache } from '../../../src/cli/startup/code-cache.js';
import { BUNDLE, fixture, workspace } from '../helpers.js';

describe('codeCacheFolder', () => {
    it('is $COPIS_CODE_CACHE when set, and none for off or 0', () => {
        expect(codeCacheFolder({ COPIS_CODE_CACHE: '/tmp/mine' }, 'linux', '/home/u')).toBe('/tmp/mine');
        expect(codeCacheFolder({ COPIS_CODE_CACHE: 'off' }, 'linux', '/home/u')).toBeUndefined();
        expect(codeCacheFolder({ COPIS_CODE_CACHE: '0' }, 'linux', '/home/u')).toBeUndefined();
    });

    it("is otherwise in the user's cache folder of the platform", () => {
        expect(codeCacheFolder({}, 'linux', '/home/u')).toBe(join('/home/u', '.cache', 'copis', 'code-cache'));
        expect(codeCacheFolder({ XDG_CACHE_HOME: '/var/cache/u' }, 'linux', '/home/u')).toBe(join('/var/cache/u', 'copis', 'code-cache'));
        expect(codeCacheFolder({}, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Caches', 'copis', 'code-cache'));
        expect(codeCacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe(join('C:\\Users\\u\\AppData\\Local', 'copis', 'code-cache'));
        expect(codeCacheFolder({}, 'win32', 'C:\\Users\\u')).toBeUndefined();
        expect(codeCacheFolder({}, 'linux', '')).toBeUndefined();
    });
});

describe('codeCacheFile', () => {
    it('changes with the text of the bundle, the Node version and the command', () => {
        const name = codeCacheFile('/c', 'source', 'validate', 'v22.1.0 x64 linux');
        expect(name).toMatch(/^\/c\/validate-[0-9a-f]{16}\.bin$/);
        expect(codeCacheFile('/c', 'source', 'validate', 'v22.1.0 x64 linux')).toBe(name);
        expect(codeCacheFile('/c', 'sourcf', 'validate', 'v22.1.0 x64 linux')).not.toBe(name);
        expect(codeCacheFile('/c', 'source', 'validate', 'v22.2.0 x64 linux')).not.toBe(name);
        expect(codeCacheFile('/c', 'source', 'export', 'v22.1.0 x64 linux')).toMatch(/\/export-/);
        // Options, help and unknown words share one.
        expect(codeCacheFile('/c', 'source', '--version', 'v22.1.0 x64 linux')).toMatch(/\/other-/);
        expect(codeCacheFile('/c', 'source', '../../x', 'v22.1.0 x64 linux')).toMatch(/^\/c\/other-/);
    });
});

describe('bundleIdentity', () => {
    it('is the text itself without a digest from the build', () => {
        const dir = workspace({ 'b.cjs': 'text' });
        expect(bundleIdentity(join(dir, 'b.cjs'), 'text', undefined)).toBe('text');
    });

    it("with one, changes with the digest, the file's size, its modification time and the characters sampled", () => {
        const dir = workspace();
        const file = join(dir, 'b.cjs');
        const text = 'x'.repeat(5000);
        writeFileSync(file, text);
        utimesSync(file, 500000000, 500000000); // as npm leaves every file (1985)
        const identity = bundleIdentity(file, text, 'd1');
        expect(identity).toMatch(/^built d1 5000 /);
        expect(identity.length).toBeLessThan(100);
        expect(bundleIdentity(file, text, 'd1')).toBe(identity);
        expect(bundleIdentity(file, text, 'd2')).not.toBe(identity);
        // Another bundle of the same size, put in place with the same time: the sampled characters differ.
        const other = `y${'x'.repeat(4999)}`;
        writeFileSync(file, other);
        utimesSync(file, 500000000, 500000000);
        expect(bundleIdentity(file, other, 'd1')).not.toBe(identity);
        // Changed by hand since the build (the same size and sample): another time.
        const edited = `${'x'.repeat(1500)}z${'x'.repeat(3499)}`;
        writeFileSync(file, edited);
        expect(bundleIdentity(file, edited, 'd1')).not.toBe(identity);
        utimesSync(file, 500000000, 500000000);
        expect(bundleIdentity(file, edited, 'd1')).toBe(identity); // what the digest is there for
        writeFileSync(file, `${text}x`);
        utimesSync(file, 500000000, 500000000);
        expect(bundleIdentity(file, `${text}x`, 'd1')).not.toBe(identity);
    });
});

let nonce = 0;
/** A CommonJS program that records what it saw, with a text of its own (V8 keeps what it compiled in memory, by text and file name). */
function program(dir: string): { file: string; ran: () => Record<string, unknown> } {
    const id = `${process.pid}-${nonce++}`;
    writeFileSync(join(dir, 'helper.js'), 'module.exports = 41;\n');
    const file = join(dir, 'program.cjs');
    writeFileSync(file, `#!/usr/bin/env node\n// ${id}\nconst helper = require('./helper.js');\nfunction answer() { return helper + 1; }\nmodule.exports.answer = answer();\nglobalThis.__codeCacheTest = { id: ${JSON.stringify(id)}, answer: answer(), dirname: __dirname, filename: __filename, exportsIsThis: this === exports };\n`);
    return { file, ran: () => (globalThis as unknown as { __codeCacheTest: Record<string, unknown> }).__codeCacheTest };
}

let copies = 0;
/**
 * The same text under another name: a new process in all but name. The cache file depends on the text only,
 * but V8's memory of what it compiled depends on the name too, and would stand in for the cache file.
 */
function sameText(file: string): string {
    const copy = file.replace(/\.cjs$/, `-${copies++}.cjs`);
    writeFileSync(copy, readFileSync(file));
    return copy;
}

function runIt(file: string, folder: string | undefined, command = 'validate', builtDigest?: string): { writes: (() => void)[] } {
    const writes: (() => void)[] = [];
    runWithCodeCache(file, folder, { command, atExit: write => writes.push(write), builtDigest });
    return { writes };
}

describe('runWithCodeCache', () => {
    it('runs the file as require would (its require, __dirname, __filename, exports), shebang and all', () => {
        const dir = workspace();
        const { file, ran } = program(dir);
        runIt(file, undefined);
        expect(ran()).toMatchObject({ answer: 42, dirname: dir, filename: file, exportsIsThis: true });
    });

    it('writes a cache at exit when there is none, and reads it the next time without writing again', () => {
        const dir = workspace();
        const folder = join(dir, 'cache');
        const { file, ran } = program(dir);
        const first = runIt(file, folder);
        expect(first.writes).toHaveLength(1);
        expect(readdirSync(folder)).toEqual([]);
        first.writes[0]();
        const [name] = readdirSync(folder);
        expect(name).toMatch(/^validate-[0-9a-f]{16}\.bin$/);
        if (process.platform !== 'win32') {
            expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
            expect(statSync(folder).mode & 0o777).toBe(0o700);
        }
        const second = runIt(sameText(file), folder);
        expect(second.writes).toEqual([]);
        expect(ran()).toMatchObject({ answer: 42 });
    });

    it('replaces a cache that V8 rejects (damaged), and the program still runs', () => {
        const dir = workspace();
        const folder = join(dir, 'cache');
        const { file, ran } = program(dir);
        runIt(file, folder).writes[0]();
        const [name] = readdirSync(folder);
        writeFileSync(join(folder, name), Buffer.alloc(2000, 7));
        const again = runIt(sameText(file), folder);
        expect(ran()).toMatchObject({ answer: 42 });
        expect(again.writes).toHaveLength(1);
        again.writes[0]();
        expect(readFileSync(join(folder, name)).equals(Buffer.alloc(2000, 7))).toBe(false);
        expect(runIt(sameText(file), folder).writes).toEqual([]);
    });

    it('never reads the cache of another text: a changed file gets a cache of its own', () => {
        const dir = workspace();
        const folder = join(dir, 'cache');
        const first = program(dir);
        runIt(first.file, folder).writes[0]();
        const second = program(dir); // the same path, another text
        const run = runIt(second.file, folder);
        expect(second.ran()).toMatchObject({ answer: 42 });
        expect(run.writes).toHaveLength(1);
        run.writes[0]();
        expect(readdirSync(folder)).toHaveLength(2);
    });

    it('with the digest of its build, names the cache by it: the same file runs with its cache, an edited one gets its own', () => {
        const dir = workspace();
        const folder = join(dir, 'cache');
        const { file, ran } = program(dir);
        runIt(file, folder, 'validate', 'digest-1').writes[0]();
        const [name] = readdirSync(folder);
        expect(name).toMatch(/^validate-[0-9a-f]{16}\.bin$/);
        expect(name).not.toBe(basename(codeCacheFile(folder, `//${readFileSync(file, 'utf8').slice(2)}`, 'validate')));
        expect(runIt(file, folder, 'validate', 'digest-1').writes).toEqual([]);
        expect(ran()).toMatchObject({ answer: 42 });
        expect(runIt(file, folder, 'validate', 'digest-2').writes).toHaveLength(1);
        const later = statSync(file).mtimeMs / 1000 + 5;
        writeFileSync(file, readFileSync(file, 'utf8').replace('helper + 1', 'helper + 2'));
        utimesSync(file, later, later);
        const edited = runIt(file, folder, 'validate', 'digest-1');
        expect(edited.writes).toHaveLength(1);
        expect(ran()).toMatchObject({ answer: 43 });
    });

    it.skipIf(process.platform === 'win32')('leaves a folder alone that others may write to', () => {
        const dir = workspace();
        const folder = join(dir, 'cache');
        mkdirSync(folder);
        chmodSync(folder, 0o777);
        const { file, ran } = program(dir);
        expect(runIt(file, folder).writes).toEqual([]);
        expect(ran()).toMatchObject({ answer: 42 });
        expect(readdirSync(folder)).toEqual([]);
    });

    it('runs without a cache where no folder can be made', () => {
        const dir = workspace({ 'a-file': 'not a folder' });
        const { file, ran } = program(dir);
        expect(runIt(file, join(dir, 'a-file', 'cache')).writes).toEqual([]);
        expect(ran()).toMatchObject({ answer: 42 });
    });
});

describe('writeCache', () => {
    it(`keeps the newest ${KEPT_CACHE_FILES} cache files of the folder`, () => {
        const folder = workspace();
        for (let i = 0; i < KEPT_CACHE_FILES + 3; i++) {
            const path = join(folder, `old-${i}.bin`);
            writeFileSync(path, 'x');
            utimesSync(path, 1000 + i, 1000 + i);
        }
        writeCache(folder, join(folder, 'new.bin'), () => Buffer.from('cache'));
        const kept = readdirSync(folder).sort();
        expect(kept).toHaveLength(KEPT_CACHE_FILES);
        expect(kept).toContain('new.bin');
        for (const gone of ['old-0.bin', 'old-1.bin', 'old-2.bin', 'old-3.bin']) expect(kept).not.toContain(gone);
        expect(readFileSync(join(folder, 'new.bin'), 'utf8')).toBe('cache');
    });

    it('leaves no temporary file behind when the data cannot be made', () => {
        const folder = workspace();
        writeCache(folder, join(folder, 'x.bin'), () => { throw new Error('no data'); });
        expect(readdirSync(folder)).toEqual([]);
    });
});

describe('dist/cli.cjs with a code cache', () => {
    const cli = (cwd: string, cache: string, ...args: string[]) => {
        const result = spawnSync(process.execPath, [BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 30000, env: { ...process.env, COPIS_CODE_CACHE: cache } });
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    it('reports the same with no cache, the first run (which writes it), the runs that read it, and a damaged one', () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis'), 'shop.copis': fixture('shop.copis'), 'warnings.copis': fixture('warnings.copis') });
        const cache = join(dir, '.cache');
        const without = cli(dir, 'off', 'validate', '--format', 'json');
        expect(without.code).toBe(1);
        expect(JSON.parse(without.stdout).diagnostics.length).toBeGreaterThan(0);
        expect(existsSync(cache)).toBe(false);

        expect(cli(dir, cache, 'validate', '--format', 'json')).toEqual(without);
        const [name] = readdirSync(cache);
        expect(name).toMatch(/^validate-[0-9a-f]{16}\.bin$/);
        const written = statSync(join(cache, name)).mtimeMs;
        expect(cli(dir, cache, 'validate', '--format', 'json')).toEqual(without);
        expect(statSync(join(cache, name)).mtimeMs).toBe(written);

        writeFileSync(join(cache, name), Buffer.alloc(5000, 1));
        expect(cli(dir, cache, 'validate', '--format', 'json')).toEqual(without);
        expect(readFileSync(join(cache, name)).equals(Buffer.alloc(5000, 1))).toBe(false);
        expect(cli(dir, cache, 'validate', '--format', 'json')).toEqual(without);
    });

    it("is replaced when V8's flags differ from those it was made with, and the report stays the same", () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis') });
        const cache = join(dir, '.cache');
        const plain = cli(dir, cache, 'validate', '--format', 'json');
        const [name] = readdirSync(cache);
        const before = readFileSync(join(cache, name));
        const result = spawnSync(process.execPath, ['--no-opt', BUNDLE, 'validate', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 30000, env: { ...process.env, COPIS_CODE_CACHE: cache } });
        expect({ code: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual(plain);
        expect(readdirSync(cache)).toEqual([name]);
        expect(readFileSync(join(cache, name)).equals(before)).toBe(false);
    });

    it("knows the hash of dist/cli-main.cjs's text it was built with (scripts/bundle.mjs), and names the cache by it", () => {
        const main = readFileSync(join(dirname(BUNDLE), 'cli-main.cjs'), 'utf8');
        expect(readFileSync(BUNDLE, 'utf8')).toContain(JSON.stringify(createHash('sha256').update(main).digest('hex')));
    });

    it('is named by a text that holds the grammar (another grammar, another cache)', () => {
        const main = readFileSync(join(dirname(BUNDLE), 'cli-main.cjs'), 'utf8');
        // The serialized grammar (language-server/generated/grammar.ts) is a literal in the bundle.
        expect(main).toContain('"$type":"Grammar"');
        expect(main).toMatch(/"name":"Copis"/);
    });

    it('keeps one cache per command', () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        const cache = join(dir, '.cache');
        expect(cli(dir, cache, '--version').code).toBe(0);
        expect(cli(dir, cache, 'validate', 'shop.copis').code).toBe(0);
        expect(cli(dir, cache, 'format', '--check', 'shop.copis').stderr).not.toMatch(/^\s+at /m);
        expect(readdirSync(cache).map(n => n.split('-')[0]).sort()).toEqual(['format', 'other', 'validate']);
    });
});
