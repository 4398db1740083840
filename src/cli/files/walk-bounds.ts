import { readdir, realpath, stat, type Stats } from 'node:fs';
import { readdir as readdirAsync } from 'node:fs/promises';
import type { InputProblem } from '../io.js';
import type { GlobOptions } from 'tinyglobby';
import { fromFs, realOrSame, toFs } from './byte-names.js';

/**
 * How far a search for `.copis` files may go. A folder or pattern can name far more than anyone means
 * (`copis validate '/**\/x*.copis'`, a folder holding a link to `/proc/self`): without bounds the walk
 * read the whole file system, /proc's endless links included, until it ran out of memory.
 */
export interface WalkLimits {
    /** `.copis` files found, in all the paths of one command (each costs memory while it is validated). */
    maxFiles: number;
    /** Folder entries looked at (files and folders, `.copis` or not), in all the paths of one command. */
    maxEntries: number;
}

/** The limits docs/cli.md documents. */
export const WALK_LIMITS: WalkLimits = { maxFiles: 50_000, maxEntries: 1_000_000 };

/** Pseudo file systems: no models there, and /proc's links (/proc/self/root, .../cwd) lead back to / without end. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** The pseudo file system `real` is in, if any. */
export function systemFolderOf(real: string): string | undefined {
    return SYSTEM_FOLDERS.find(s => real === s || real.startsWith(`${s}/`));
}

/** Where one walk starts: a path as given on the command line (for messages) and the real folder it names. */
export interface WalkRoot {
    arg: string;
    /** The pseudo file system the root itself is in (`copis validate /dev/shm/models` may walk there). */
    system: string | undefined;
}

/** A folder entry, its name as text (bytes that are not UTF-8 kept, see byte-names.ts). */
export interface FolderEntry {
    name: string;
    isFile(): boolean;
    isDirectory(): boolean;
    isSymbolicLink(): boolean;
}

const number = (n: number) => n.toLocaleString('en-US');

/**
 * The bounds of one command's search: counts what every walk and pattern of it looked at, and refuses
 * to go past the limits (`stopped` then says where and why; the command stops there, exit 2) or into
 * /proc, /sys and /dev from outside them (silently, as node_modules is skipped).
 */
export class WalkBounds {
    private entries = 0;
    private files = 0;
    /** Why the search stopped, if it did: the commands do nothing then (a workspace cut short would report references into the files left out). */
    stopped: InputProblem | undefined;

    constructor(private readonly limits: WalkLimits = WALK_LIMITS) {}

    async root(arg: string, path: string): Promise<WalkRoot> {
        return { arg, system: systemFolderOf(await realOrSame(path)) };
    }

    /** Whether a folder whose real path is `real` may be walked from `root`: not into a pseudo file system the root is not in. */
    mayEnter(root: WalkRoot, real: string): boolean {
        if (this.stopped) return false;
        const system = systemFolderOf(real);
        return system === undefined || system === root.system;
    }

    /** The entries of `folder`, counted; none once a limit is passed. Errors are the caller's. */
    async readFolder(root: WalkRoot, folder: string): Promise<FolderEntry[]> {
        if (this.stopped) return [];
        const entries = await readdirAsync(toFs(folder), { withFileTypes: true, encoding: 'buffer' });
        return this.countEntries(root, entries.map(named));
    }

    /** Counts `.copis` files found; false (and `stopped` set) when they are too many. */
    addFiles(root: WalkRoot, count = 1): boolean {
        if (this.stopped) return false;
        this.files += count;
        if (this.files <= this.limits.maxFiles) return true;
        this.stopped = {
            path: root.arg,
            message: `more than ${number(this.limits.maxFiles)} .copis files, so copis stopped looking (it takes at most ${number(this.limits.maxFiles)} at once) and did nothing; name the folders that hold your models`
        };
        return false;
    }

    private countEntries(root: WalkRoot, entries: FolderEntry[]): FolderEntry[] {
        this.entries += entries.length;
        if (this.entries <= this.limits.maxEntries) return entries;
        this.stopped ??= {
            path: root.arg,
            message: `more than ${number(this.limits.maxEntries)} files and folders to look through, so copis stopped looking and did nothing; name the folders that hold your models, not a folder far above them`
        };
        return [];
    }

    /**
     * The file system a glob walks through (tinyglobby's `fs` option): names read as bytes, the entries
     * counted, /proc, /sys and /dev not entered, and the walk aborted through `signal` once a limit is passed.
     */
    globFs(root: WalkRoot, abort: AbortController): NonNullable<GlobOptions['fs']> {
        type Callback<T> = (error: NodeJS.ErrnoException | null, value?: T) => void;
        const refused = () => Object.assign(new Error('ENOENT: not walked'), { code: 'ENOENT' });
        return {
            readdir: (path: string, _options: unknown, done: Callback<FolderEntry[]>) => {
                if (this.stopped || !this.mayEnter(root, path.replace(/(?<=.)\/$/, ''))) {
                    done(null, []);
                    return;
                }
                readdir(toFs(path), { withFileTypes: true, encoding: 'buffer' }, (error, entries) => {
                    if (error) return done(error);
                    const counted = this.countEntries(root, entries.map(named));
                    if (this.stopped) abort.abort();
                    done(null, counted);
                });
            },
            realpath: (path: string, done: Callback<string>) => {
                realpath(toFs(path), { encoding: 'buffer' }, (error, real) => error ? done(error) : done(null, fromFs(real)));
            },
            // fdir stats where a link leads: a folder in /proc is not walked (a file there is kept, and reading it says what it is).
            stat: (path: string, done: Callback<Stats>) => {
                stat(toFs(path), (error, info) => {
                    if (error) return done(error);
                    done(info.isDirectory() && !this.mayEnter(root, path) ? refused() : null, info);
                });
            }
        } as unknown as NonNullable<GlobOptions['fs']>; // the callback forms fdir calls, not Node's overloads
    }
}

function named(entry: { name: Buffer; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FolderEntry {
    const name = fromFs(entry.name);
    return { name, isFile: () => entry.isFile(), isDirectory: () => entry.isDirectory(), isSymbolicLink: () => entry.isSymbolicLink() };
}
