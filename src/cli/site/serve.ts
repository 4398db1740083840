/**
 * `copis site --serve`: the site from memory on a tiny local HTTP server, built again when a `.copis`
 * file of the model, a config or a CSV file (KPI actuals) changes; the open pages hear it through server-sent events and reload. It binds to
 * 127.0.0.1 by default and then answers only requests addressed to it by that name (a page elsewhere
 * cannot reach it through a DNS name of its own), serves nothing but the site's files, and writes nothing.
 */
import { CONFIG_FILE } from '../../../language-server/config/copis-config.js';
import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { EVENTS_PATH } from '../../site-page/data.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { isFolder, pathExists } from '../files/path-kind.js';
import type { CliIO } from '../io.js';
import { shownMessage, shownPath } from '../shown.js';
import type { SiteFiles } from './build-site.js';
import { contentSecurityPolicy } from './pages/layout.js';
import { buildModelSite } from './model-site.js';
import type { SiteOptions } from './run.js';

export const DEFAULT_PORT = 8040;
export const DEFAULT_HOST = '127.0.0.1';
/** Quiet time after a change before the site is built again (an editor's save is several events). */
const DEBOUNCE_MS = 150;
/** Folders watched at most (each is one watch of the system's). */
const MAX_WATCHED = 10_000;

export interface ServeOptions extends SiteOptions {
    serve: true;
}

export interface SiteServer {
    /** `http://127.0.0.1:PORT/` */
    url: string;
    /** How many times the site was built (the first build counts). */
    builds(): number;
    close(): Promise<void>;
}

const TYPES: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    svg: 'image/svg+xml'
};

/** Serves until the process is interrupted (Ctrl+C). */
export async function serveSite(options: ServeOptions, io: CliIO): Promise<ExitCode> {
    const server = await startSiteServer(options, io);
    if (typeof server === 'number') return server;
    io.stdout(`serving ${server.url} (the site is built again when a .copis, copis.config.json or actuals .csv file changes; Ctrl+C to stop)\n`);
    await new Promise<void>(done => {
        const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
    await server.close();
    return EXIT_OK;
}

/** Builds the site, starts the server and the watches; an exit code (already explained on stderr) when it cannot. */
export async function startSiteServer(options: SiteOptions, io: CliIO): Promise<SiteServer | ExitCode> {
    const host = options.host ?? DEFAULT_HOST;
    const first = await buildModelSite(options, io, true);
    if ('exit' in first) return first.exit;
    let files: SiteFiles = first.files;
    let builds = 1;
    let version = 0;
    const clients = new Set<ServerResponse>();

    const server = createServer((request, response) => answer(request, response));
    try {
        await new Promise<void>((done, fail) => {
            server.once('error', fail);
            server.listen(options.port ?? DEFAULT_PORT, host, () => {
                server.off('error', fail);
                done();
            });
        });
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const port = options.port ?? DEFAULT_PORT;
        io.stderr(code === 'EADDRINUSE'
            ? `copis: port ${port} is in use; pass another with --port N (--port 0 takes any free one)\n`
            : `copis: cannot serve on ${shownMessage(host)}:${port} (${code ?? String(error)}); pass another --host or --port\n`);
        return EXIT_USAGE;
    }
    const port = (server.address() as AddressInfo).port;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    // On this machine only, a request must name this server (a page of another site that reaches the port
    // through a DNS name of its own is refused); bound to another address, any name may lead to it.
    const loopback = isLoopback(host);
    const allowedHosts = new Set([`${urlHost}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
    const heartbeat = setInterval(() => clients.forEach(c => c.write(': ping\n\n')), 20_000);
    heartbeat.unref();

    function answer(request: IncomingMessage, response: ServerResponse): void {
        const plain = (status: number, text: string) => {
            response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
            response.end(`${text}\n`);
        };
        if (loopback && !allowedHosts.has(request.headers.host ?? '')) return plain(403, 'This server answers only requests to its own address.');
        if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Only GET and HEAD.');
        let path: string;
        try {
            path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '');
        } catch {
            return plain(400, 'Bad path.');
        }
        if (path === EVENTS_PATH) return events(response);
        if (path === '' || path.endsWith('/')) path += 'index.html';
        const content = files.get(path);
        if (content === undefined) return plain(404, `Not found: the site has no ${path}.`);
        const type = TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
        const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
        if (type.startsWith('text/html')) headers['content-security-policy'] = `${contentSecurityPolicy(true)}; frame-ancestors 'none'`;
        response.writeHead(200, headers);
        response.end(request.method === 'HEAD' ? undefined : content);
    }

    function events(response: ServerResponse): void {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
        response.write(`: copis site, version ${version}\n\n`);
        clients.add(response);
        response.on('close', () => clients.delete(response));
    }

    // ---- rebuilding
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<void> | undefined;
    let again = false;
    const changed = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
            timer = undefined;
            void rebuild();
        }, DEBOUNCE_MS);
    };
    async function rebuild(): Promise<void> {
        if (running) {
            again = true;
            return;
        }
        running = (async () => {
            try {
                const next = await buildModelSite(options, io, true);
                builds++;
                if ('exit' in next) {
                    io.stderr('copis: the site was not built again; it stays as it was\n');
                    return;
                }
                if (!sameFiles(files, next.files)) {
                    files = next.files;
                    version++;
                    for (const client of clients) client.write(`event: reload\ndata: ${version}\n\n`);
                    io.stdout(`rebuilt (${version}); ${clients.size === 1 ? '1 page' : `${clients.size} pages`} told to reload\n`);
                }
            } catch (error) {
                io.stderr(`copis: building the site again failed: ${shownMessage(error instanceof Error ? error.message : String(error))}\n`);
            }
        })();
        await running;
        running = undefined;
        if (again) {
            again = false;
            await rebuild();
        }
    }

    const watchers = await watchModel(options.paths, io, changed);

    return {
        url: `http://${urlHost}:${port}/`,
        builds: () => builds,
        async close() {
            if (timer) clearTimeout(timer);
            clearInterval(heartbeat);
            for (const w of watchers) w.close();
            for (const c of clients) c.end();
            await running;
            await new Promise<void>(done => server.close(() => done()));
        }
    };
}

function isLoopback(host: string): boolean {
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function sameFiles(a: SiteFiles, b: SiteFiles): boolean {
    if (a.size !== b.size) return false;
    for (const [path, content] of a) if (b.get(path) !== content) return false;
    return true;
}

/** A folder the walk skips, as copis validate's search skips it. */
function isSkipped(name: string): boolean {
    return name === 'node_modules' || name.startsWith('.');
}

/**
 * Watches the folders the model's paths name (each folder below a named folder, but node_modules and
 * dot-folders; the folder of a named file; the working folder for a pattern) and calls `changed` when a
 * `.copis`, config or `.csv` file in one of them is written, added, removed or renamed, or a folder appears.
 */
async function watchModel(paths: readonly string[], io: CliIO, changed: () => void): Promise<FSWatcher[]> {
    const watchers: FSWatcher[] = [];
    const watched = new Set<string>();
    let full = false;
    const watchFolder = async (folder: string, recursive: boolean): Promise<void> => {
        if (watched.has(folder)) return;
        if (watched.size >= MAX_WATCHED) {
            if (!full) io.stderr(`copis: watching ${MAX_WATCHED} folders already; changes in the others are not seen\n`);
            full = true;
            return;
        }
        watched.add(folder);
        try {
            const watcher = watch(folder, (_event, name) => {
                const file = name?.toString();
                // A model file, a config file, or a CSV file (KPI actuals): the model may have changed.
                if (file === undefined || file.endsWith('.copis') || file.endsWith('.csv') || file === CONFIG_FILE) return changed();
                if (recursive && !isSkipped(file)) void isFolder(join(folder, file)).then(yes => {
                    if (!yes) return;
                    void watchFolder(join(folder, file), true);
                    changed();
                });
            });
            watcher.on('error', () => watcher.close());
            watchers.push(watcher);
        } catch {
            return; // gone meanwhile, or not readable: nothing to watch
        }
        if (!recursive) return;
        let entries;
        try {
            entries = await readdir(folder, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) if (entry.isDirectory() && !isSkipped(entry.name)) await watchFolder(join(folder, entry.name), true);
    };
    for (const arg of paths.length > 0 ? paths : ['.']) {
        const path = resolve(io.cwd, arg);
        if (await isFolder(path)) await watchFolder(path, true);
        else if (await pathExists(path)) await watchFolder(dirname(path), false);
        else await watchFolder(io.cwd, true);
    }
    if (watched.size === 0) io.stderr(`copis: no folder of ${shownPath(basename(io.cwd))} could be watched; the site will not be built again by itself\n`);
    return watchers;
}
