/**
 * Writes the site's folder without losing anything: the whole site goes into a temporary folder beside
 * the output (same file system), each file synced, which is then renamed into place. A reader sees the
 * old site or the new one; a failure leaves the old one as it was and removes the temporary folder.
 *
 * copis replaces only a folder it may: one that does not exist yet, an empty one, or a site it wrote
 * before (it holds the manifest `.copis-site`, and nothing but what the manifest lists). Anything else
 * is refused with a message, and nothing is touched: a folder of the user's is never deleted. The old
 * site is removed file by file, only what its manifest lists; a file that appeared in it meanwhile is
 * kept, and said.
 */
import { lstat, mkdir, open, readFile, readdir, rename, rm, rmdir, chmod, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { realPathOf } from '../files/byte-names.js';
import { randomName } from '../files/random-name.js';
import { removeEmptyFolders } from '../files/empty-folders.js';
import { inPool } from '../files/pool.js';
import { shownPath } from '../shown.js';
import type { SiteFiles } from './build-site.js';

export const MANIFEST = '.copis-site';
const GENERATOR = 'copis site';

/** The output cannot be used: the message says why and what to do (exit 2; nothing was written). */
export class SiteRefused extends Error {}

export interface WriteSiteResult {
    /** The folder written (a link's target, when the output is a link to a folder). */
    folder: string;
    /** Files of the old site that were not removed (they appeared while copis wrote): where they are kept. */
    kept?: { folder: string; files: string[] };
}

/**
 * Writes `files` as the folder `output` (absolute). `typed` is the output as the user gave it, for
 * messages; `cwd` the working folder, which the output may not be or hold.
 */
export async function writeSite(output: string, files: SiteFiles, typed: string, cwd: string): Promise<WriteSiteResult> {
    const shown = shownPath(typed);
    const target = await resolveTarget(output, shown);
    if (isInside(cwd, target)) throw new SiteRefused(`-o ${shown}: is the working folder or holds it; name a folder of its own for the site, e.g. -o site`);
    const existing = await inspect(target, shown);

    const parent = dirname(target);
    // The folders on the way that this run makes: removed again if the site cannot be written.
    const created = await mkdir(parent, { recursive: true });
    const temporary = join(parent, `.${basename(target).slice(0, 40)}.copis-${randomName()}`);
    try {
        await mkdir(temporary, { mode: 0o777 });
        try {
            if (existing.kind !== 'none') await chmod(temporary, existing.mode & 0o7777);
            await writeFiles(temporary, files);
            await syncFolder(temporary);
        } catch (error) {
            await rm(temporary, { recursive: true, force: true });
            throw error;
        }
    } catch (error) {
        await removeEmptyFolders(parent, created);
        throw error;
    }

    if (existing.kind === 'site') {
        const old = join(parent, `.${basename(target).slice(0, 40)}.copis-old-${randomName()}`);
        try {
            await rename(target, old);
        } catch (error) {
            await rm(temporary, { recursive: true, force: true });
            throw error;
        }
        try {
            await rename(temporary, target);
        } catch (error) {
            await rename(old, target).catch(() => undefined);
            await rm(temporary, { recursive: true, force: true });
            throw error;
        }
        await syncFolder(parent);
        const left = await removeOldSite(old, existing.listed);
        return left.length > 0 ? { folder: target, kept: { folder: old, files: left } } : { folder: target };
    }
    try {
        // Over a folder that does not exist, or an empty one (rename replaces an empty folder).
        await rename(temporary, target);
    } catch (error) {
        await rm(temporary, { recursive: true, force: true });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new SiteRefused(`-o ${shown}: something was put into it while copis wrote the site, so it is left as it is; run copis site again`);
        throw error;
    }
    await syncFolder(parent);
    return { folder: target };
}

/** The folder to write: the output, or the folder a link there points to. */
async function resolveTarget(output: string, shown: string): Promise<string> {
    let info;
    try {
        info = await lstat(output);
    } catch {
        return output;
    }
    if (!info.isSymbolicLink()) return output;
    try {
        return await realPathOf(output);
    } catch {
        throw new SiteRefused(`-o ${shown}: is a link to nothing; point it at a folder, or name another output`);
    }
}

type Existing = { kind: 'none' } | { kind: 'empty'; mode: number } | { kind: 'site'; mode: number; listed: Set<string> };

/** What is at the target now, and whether copis may replace it. */
async function inspect(target: string, shown: string): Promise<Existing> {
    let info;
    try {
        info = await lstat(target);
    } catch {
        return { kind: 'none' };
    }
    if (!info.isDirectory()) throw new SiteRefused(`-o ${shown}: is a file, not a folder; name the folder to write the site to`);
    const entries = await readdir(target);
    if (entries.length === 0) return { kind: 'empty', mode: info.mode };
    const listed = await manifestOf(target);
    if (!listed) {
        throw new SiteRefused(`-o ${shown}: is a folder that copis did not make (it holds ${sample(entries)} and no ${MANIFEST}); copis writes a site only into a new or empty folder, or over a site it wrote before. Name another folder, e.g. -o site`);
    }
    const unknown = (await filesBelow(target)).filter(path => path !== MANIFEST && !listed.has(path));
    if (unknown.length > 0) {
        throw new SiteRefused(`-o ${shown}: holds files copis did not write (${sample(unknown)}), which replacing the site would delete; move them out of it, or name another folder`);
    }
    return { kind: 'site', mode: info.mode, listed };
}

/** The files a manifest lists, or undefined when there is none (or it is not copis's). */
async function manifestOf(folder: string): Promise<Set<string> | undefined> {
    let text: string;
    try {
        text = await readFile(join(folder, MANIFEST), 'utf8');
    } catch {
        return undefined;
    }
    try {
        const json = JSON.parse(text) as { generator?: unknown; files?: unknown };
        if (json.generator !== GENERATOR || !Array.isArray(json.files) || !json.files.every(f => typeof f === 'string')) return undefined;
        return new Set(json.files as string[]);
    } catch {
        return undefined;
    }
}

/** Every entry below `folder` that is not a folder, as a path from it with `/`; a folder that holds nothing is listed too (with a trailing `/`). */
async function filesBelow(folder: string, prefix = ''): Promise<string[]> {
    const out: string[] = [];
    const entries = await readdir(join(folder, prefix), { withFileTypes: true });
    if (entries.length === 0 && prefix !== '') out.push(`${prefix}/`);
    for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : 1)) {
        const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
        if (entry.isDirectory()) out.push(...await filesBelow(folder, path));
        else out.push(path);
    }
    return out;
}

function sample(paths: readonly string[]): string {
    const shown = paths.slice(0, 3).map(p => shownPath(p));
    return paths.length > 3 ? `${shown.join(', ')} and ${paths.length - 3} more` : shown.join(', ');
}

async function writeFiles(folder: string, files: SiteFiles): Promise<void> {
    const folders = new Set<string>();
    for (const path of files.keys()) for (let d = dirname(path); d !== '.'; d = dirname(d)) folders.add(d);
    for (const d of [...folders].sort()) await mkdir(join(folder, d), { mode: 0o777 });
    await inPool([...files], 16, ([path, content]) => writeNew(join(folder, path), content));
    const manifest = JSON.stringify({ generator: GENERATOR, files: [...files.keys()] }, null, 1) + '\n';
    await writeNew(join(folder, MANIFEST), manifest);
}

/** A new file with its content, synced (a crash after the rename leaves whole files). */
async function writeNew(path: string, content: string): Promise<void> {
    const handle = await open(path, 'wx', 0o666);
    try {
        await handle.writeFile(content);
        await handle.sync();
    } finally {
        await handle.close();
    }
}

async function syncFolder(folder: string): Promise<void> {
    try {
        const handle = await open(folder, 'r');
        try {
            await handle.sync();
        } finally {
            await handle.close();
        }
    } catch {
        // Not every file system syncs a folder: the files themselves are synced.
    }
}

/** Removes what the old site's manifest lists, then its folders as they empty; returns what is left (not copis's). */
async function removeOldSite(old: string, listed: Set<string>): Promise<string[]> {
    for (const path of [...listed, MANIFEST]) {
        if (path.split('/').includes('..')) continue;
        await unlink(join(old, path)).catch(() => undefined);
    }
    const folders = new Set<string>();
    for (const path of listed) for (let d = dirname(path); d !== '.'; d = dirname(d)) folders.add(d);
    for (const d of [...folders].sort((a, b) => b.length - a.length)) await rmdir(join(old, d)).catch(() => undefined);
    try {
        await rmdir(old);
        return [];
    } catch {
        return filesBelow(old).catch(() => []);
    }
}

function isInside(folder: string, target: string): boolean {
    const rel = relative(resolve(target), resolve(folder));
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}
