/**
 * `copis site --serve`: the site from memory on a tiny local HTTP server, built again when a `.copis`
 * file of the model, a config, a `.gitignore` or a CSV file (KPI actuals) changes wherever the model
 * was read from (watch-model.ts); the open pages hear it through server-sent events and reload. It binds to
 * 127.0.0.1 by default and then answers only requests addressed to it by that name (a page elsewhere
 * cannot reach it through a DNS name of its own), serves nothing but the site's files, and writes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { plural } from '../../../language-server/model/labels.js';
import { EVENTS_PATH } from '../../site-page/data.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { shownMessage } from '../shown.js';
import type { SiteFiles } from './build-site.js';
import { contentSecurityPolicy } from './pages/layout.js';
import { buildModelSite } from './model-site.js';
import type { SiteOptions } from './run.js';
import { ModelWatcher, warnIfUnwatched, watchTargets } from './watch-model.js';

export const DEFAULT_PORT = 8040;
export const DEFAULT_HOST = '127.0.0.1';
/** Quiet time after a change before the site is built again (an editor's save is several events). */
const DEBOUNCE_MS = 150;

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

    // Loaded here, not when copis starts: Node's http costs every `copis validate` 5 million instructions (docs/performance.md).
    const { createServer } = await import('node:http');
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
                // A config may name other actuals now, a new model root may be loaded: watch what the model is made of now.
                await watcher.watch(await watchTargets(options.paths, io.cwd, next.loaded, options.actuals));
                if (!sameFiles(files, next.files)) {
                    files = next.files;
                    version++;
                    for (const client of clients) client.write(`event: reload\ndata: ${version}\n\n`);
                    io.stdout(`rebuilt (${version}); ${plural(clients.size, 'page')} told to reload\n`);
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

    const watcher = new ModelWatcher(io, changed);
    await watcher.watch(await watchTargets(options.paths, io.cwd, first.loaded, options.actuals));
    warnIfUnwatched(watcher, io);

    return {
        url: `http://${urlHost}:${port}/`,
        builds: () => builds,
        async close() {
            if (timer) clearTimeout(timer);
            clearInterval(heartbeat);
            watcher.close();
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
