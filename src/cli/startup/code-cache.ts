import { createHash } from 'node:crypto';
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
 * the run makes a new one). It is written to a temporary name and renamed, so that a run in parallel reads
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
 * The cache file of `source` for `command` in `folder`: another text, Node version or platform gives another
 * name. Each command has its own, made by its first run: a cache holds the functions the run that made it
 * compiled, and `copis --version` would leave out most of what `copis validate` needs.
 */
export function codeCacheFile(folder: string, source: string, command: string, node = `${process.version} ${process.arch} ${process.platform}`): string {
    const hash = createHash('sha256').update(node).update('\0').update(source).digest('hex').slice(0, 40);
    return join(folder, `${COMMANDS.has(command) ? command : 'other'}-${hash}.bin`);
}

/** The commands with a cache of their own (src/cli/program.ts); anything else shares one. */
const COMMANDS = new Set(['validate', 'export', 'format', 'diff', 'site']);

/** How many cache files a folder keeps (a few per copis and Node version in use); older ones go when a new one is written. */
export const KEPT_CACHE_FILES = 16;

/**
 * Runs the CommonJS file `file` as `require(file)` would, with V8's code cache for `command` from `folder`
 * (none when undefined). Without a usable cache, it has one written when the process exits (`atExit`). Never
 * fails because of the cache: a folder that cannot be made, read or written only means a run without one.
 */
export function runWithCodeCache(file: string, folder: string | undefined, command = process.argv[2] ?? '', atExit: (write: () => void) => void = write => process.once('exit', write)): void {
    const text = readFileSync(file, 'utf8');
    const source = text.startsWith('#!') ? `//${text.slice(2)}` : text;
    const cacheFile = folder !== undefined && ownFolder(folder) ? codeCacheFile(folder, source, command) : undefined;
    const cached = cacheFile !== undefined ? readOrUndefined(cacheFile) : undefined;
    // The wrapper adds no line: positions in stack traces are the bundle's.
    // No `import()` in the file: Node 22's loader for it in a vm.Script is experimental (scripts/bundle.mjs makes it `require`).
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData: cached });
    if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected)) {
        atExit(() => writeCache(folder!, cacheFile, () => script.createCachedData()));
    }
    const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
    const module = { exports: {}, filename: file, id: file, loaded: false };
    run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
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
