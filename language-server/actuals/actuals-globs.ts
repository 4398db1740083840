/**
 * Which CSV files hold a model's KPI actuals: the ones its model root's config names in `actuals`
 * (globs relative to the root, language §7), the same in the editor and the CLI. A pattern without
 * wildcards names one file, wherever it is; a pattern with wildcards looks below its folder, never
 * into `node_modules`, dot-folders or folders that are model roots of their own (those have their
 * own config). `.gitignore` does not count here: a file of actuals that CI downloads is often
 * ignored on purpose, and the config names it all the same.
 */
import picomatch from 'picomatch/posix';
import { URI, UriUtils, type FileSystemNode } from 'langium';
import { CONFIG_FILE } from '../config/copis-config.js';
import { isAlwaysSkipped } from '../workspace/model-files.js';
import type { ModelRoot } from '../workspace/model-roots.js';

export interface FolderReader {
    readDirectory(folder: URI): Promise<FileSystemNode[]>;
}

/** An actuals file a config names: its URI, and the model root (scope) it serves. */
export interface ActualsFileRef {
    uri: string;
    scope: string;
    /** Named by a pattern without wildcards: it may not exist (the wildcards' files were found on disk). */
    named?: true;
}

/** The files the roots' `actuals` globs name, each once (the first root that names it has it), in a stable order. */
export async function findActualsFiles(roots: readonly ModelRoot[], fs: FolderReader): Promise<ActualsFileRef[]> {
    const found = new Map<string, string>();
    const named = new Set<string>();
    for (const root of roots) {
        if (!root.uri || root.config.actuals.length === 0) continue;
        const base = URI.parse(root.uri);
        const files: string[] = [];
        for (const pattern of root.config.actuals) {
            const scan = picomatch.scan(pattern);
            if (!scan.isGlob) {
                const uri = UriUtils.joinPath(base, pattern).toString();
                files.push(uri);
                named.add(uri);
                continue;
            }
            const matches = picomatch(pattern, { dot: true });
            const start = scan.base ? UriUtils.joinPath(base, scan.base) : base;
            await walk(start, fs, base.path.replace(/\/$/, ''), matches, files, true);
        }
        for (const uri of files.sort()) if (!found.has(uri)) found.set(uri, root.uri);
    }
    return [...found].map(([uri, scope]) => (named.has(uri) ? { uri, scope, named: true } : { uri, scope }));
}

/** Whether a root's `actuals` globs name `uri` (a file that appeared, or changed). */
export function namedByActualsGlobs(root: ModelRoot, uri: URI): boolean {
    if (!root.uri || root.config.actuals.length === 0) return false;
    const base = URI.parse(root.uri);
    const prefix = `${base.path.replace(/\/$/, '')}/`;
    if (uri.scheme !== base.scheme || uri.authority !== base.authority || !uri.path.startsWith(prefix)) return false;
    const relative = uri.path.slice(prefix.length);
    return root.config.actuals.some(pattern => picomatch.scan(pattern).isGlob
        ? !relative.split('/').slice(0, -1).some(isAlwaysSkipped) && picomatch(pattern, { dot: true })(relative)
        : relative === pattern.replace(/^\.\//, ''));
}

async function walk(folder: URI, fs: FolderReader, rootPath: string, matches: (path: string) => boolean, files: string[], isStart: boolean): Promise<void> {
    let entries: FileSystemNode[];
    try {
        entries = await fs.readDirectory(folder);
    } catch {
        return; // a folder the pattern names that is not there: no files
    }
    // A folder below the root with a config of its own is another model.
    if (!isStart && folder.path !== rootPath && entries.some(e => e.isFile && UriUtils.basename(e.uri) === CONFIG_FILE)) return;
    for (const entry of entries) {
        const name = UriUtils.basename(entry.uri);
        if (isAlwaysSkipped(name)) continue;
        if (entry.isDirectory) await walk(entry.uri, fs, rootPath, matches, files, false);
        else if (entry.isFile && matches(entry.uri.path.slice(rootPath.length + 1))) files.push(entry.uri.toString());
    }
}
