import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * V8 compiles a function the first time it runs; a `copis validate` spends about 40 ms of its start
 * doing so for the CLI bundle. V8's code cache holds that work: made once, after a run (so that it holds
 * every function the run compiled, not only the top level that Node's own `module.enableCompileCache()`
 * keeps), it is loaded by the runs that follow.
 *
 * A cache file is named by a hash of the bundle's text, the Node version and the platform: another
 * bundle or another Node never reads it (V8 itself rejects a cache of another V8 or other flags, and then
 * the run makes a new one; of the text, it checks only the length). dist/cli.cjs knows the hash of the
 * bundle it was built with (scripts/bundle.mjs): hashing 1.2 MB at every start cost 38 million instructions,
 * 5 % of a one-declaration run (`bundleIdentity`); and the name is a hash made here, not node:crypto's, whose loading
 * cost every run 3 ms (`nameHash`). It is written to a temporary name and renamed, so that a run in parallel reads
 * a whole file or none. Only a folder that belongs to this user and that nobody else may write to is
 * used: a cache is code that runs.
 */

/** Where the cache lives: `$COPIS_CODE_CACHE` (a folder; `off` for none), else the user's cache folder. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string | undefined {
    const chosen = env.COPIS_CODE_CACHE;
    if (chosen !== undefined && chosen !== '') return chosen === 'off' || chosen === '0' ? undefined : chosen;
    if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'copis', 'code-cache') : undefined;
    if (platform === 'darwin') return home ? join(home, 'Library', 'Caches', 'copis', 'code-cache') : undefined;
    const base = env.XDG_CACHE_HOME || (home ? join(home, '.cache') : '');
    return base ? join(base, 'copis', 'code-cache') : undefined;
}

/**
 * The cache file of the bundle `identity` (`bundleIdentity`) for `command` in `folder`: another bundle, Node version or platform gives another
 * name. Each command has its own, made by its first run: a cache holds the functions the run that made it
 * compiled, and `copis --version` would leave out most of what `copis validate` needs.
 */
export function codeCacheFile(folder: string, identity: string, command: string, node = `${process.version} ${process.arch} ${process.platform}`): string {
    return join(folder, `${COMMANDS.has(command) ? command : 'other'}-${nameHash(`${node}\0${identity}`)}.bin`);
}

/**
 * 64 bits of `text`, in 16 hexadecimal digits: two FNV-1a hashes of its UTF-16 code units, with different seeds and
 * primes, each finished by MurmurHash3's mixer. A name, not a seal: a cache is only read from a folder of this user's
 * that nobody else may write to, and the text it names holds the SHA-256 of the bundle's text made when it was built
 * (`bundleIdentity`). All the name must do is differ for another bundle, Node or platform; two differing by chance
 * in 64 bits is a risk of 1 in 2^64.
 */
function nameHash(text: string): string {
    let a = 0x811c9dc5;
    let b = 0x050c5d1f;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
    }
    return hex32(mix32(a)) + hex32(mix32(b));
}

function mix32(h: number): number {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
}

function hex32(n: number): string {
    return n.toString(16).padStart(8, '0');
}

/**
 * What names the bundle `file`, whose text is `text`, in its cache's name: with `builtDigest` (the hash of the text
 * that scripts/bundle.mjs wrote into dist/cli.cjs), that hash, the file's size and modification time, and every
 * 1000th character; without (a build in watch mode), the text itself. A new install or build brings a new digest
 * (npm gives every file the same time, 1985-10-26); a bundle changed by hand since its build has another time;
 * and one replaced by another build's that kept the same size and time still shows in the characters sampled.
 */
export function bundleIdentity(file: string, text: string, builtDigest: string | undefined): string {
    if (builtDigest === undefined) return text;
    const info = statSync(file, { bigint: true });
    let sample = '';
    for (let i = 0; i < text.length; i += SAMPLE_STRIDE) sample += text[i];
    return `built ${builtDigest} ${info.size} ${info.mtimeNs} ${sample}`;
}

const SAMPLE_STRIDE = 1000;

/** The commands with a cache of their own (src/cli/program.ts); anything else shares one. */
const COMMANDS = new Set(['validate', 'export', 'format', 'diff', 'site']);

/** How many cache files a folder keeps (a few per copis and Node version in use); older ones go when a new one is written. */
export const KEPT_CACHE_FILES = 16;

export interface CodeCacheRun {
    /** The command, whose cache is used (default: the first argument). */
    command?: string;
    /** Has `write` run when the process exits (the default), or not. */
    atExit?: (write: () => void) => void;
    /** The hash of the file's text made when it was built (`bundleIdentity`); none: the text is hashed. */
    builtDigest?: string;
}

/**
 * Runs the CommonJS file `file` as `require(file)` would, with V8's code cache for `command` from `folder`
 * (none when undefined). Without a usable cache, it has one written when the process exits (`atExit`). Never
 * fails because of the cache: a folder that cannot be made, read or written only means a run without one.
 */
export function runWithCodeCache(file: string, folder: string | undefined, run: CodeCacheRun = {}): void {
    const { command = process.argv[2] ?? '', atExit = (write: () => void) => process.once('exit', write), builtDigest } = run;
    // Read, then decoded: 1.7 ms for the 1.2 MB of dist/cli-main.cjs, where readFileSync(file, 'utf8') takes 3 ms (Node 22;
    // the same text). As Latin-1 (the bundle is ASCII) it is cheaper to decode, but Node makes a string that large an
    // external one, and the run then costs more than it saved.
    const text = readFileSync(file).toString('utf8');
    const source = text.startsWith('#!') ? `//${text.slice(2)}` : text;
    const cacheFile = folder !== undefined && ownFolder(folder) ? cacheFileOrUndefined(folder, file, text, command, builtDigest) : undefined;
    const cached = cacheFile !== undefined ? readOrUndefined(cacheFile) : undefined;
    // The wrapper adds no line: positions in stack traces are the bundle's.
    // No `import()` in the file: Node 22's loader for it in a vm.Script is experimental (scripts/bundle.mjs makes it `require`).
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData: cached });
    if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected)) {
        atExit(() => writeCache(folder!, cacheFile, () => script.createCachedData()));
    }
    const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
    const module = { exports: {}, filename: file, id: file, loaded: false };
    wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

function cacheFileOrUndefined(folder: string, file: string, text: string, command: string, builtDigest: string | undefined): string | undefined {
    try {
        return codeCacheFile(folder, bundleIdentity(file, text, builtDigest), command);
    } catch {
        return undefined;
    }
}

/** Whether `folder` exists or can be made, belongs to this user and is writable by nobody else (POSIX). */
function ownFolder(folder: string): boolean {
    try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const info = statSync(folder);
        if (!info.isDirectory()) return false;
        if (process.getuid === undefined) return true;
        return info.uid === process.getuid() && (info.mode & 0o022) === 0;
    } catch {
        return false;
    }
}

function readOrUndefined(path: string): Buffer | undefined {
    try {
        return readFileSync(path);
    } catch {
        return undefined;
    }
}

/** Writes the cache atomically (a temporary name, then a rename), and keeps the newest KEPT_CACHE_FILES files. */
export function writeCache(folder: string, cacheFile: string, data: () => Buffer): void {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
        writeFileSync(temporary, data(), { mode: 0o600 });
        renameSync(temporary, cacheFile);
        pruneCacheFolder(folder);
    } catch {
        rmSync(temporary, { force: true });
    }
}

function pruneCacheFolder(folder: string): void {
    const files = readdirSync(folder).filter(name => name.endsWith('.bin')).map(name => {
        const path = join(folder, name);
        return { path, time: statSync(path).mtimeMs };
    });
    files.sort((a, b) => b.time - a.time);
    for (const old of files.slice(KEPT_CACHE_FILES)) rmSync(old.path, { force: true });
}
