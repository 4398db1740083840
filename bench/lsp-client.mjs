// The shipped language server (dist/server.cjs) started over stdio, as an editor starts it, for the
// editor benchmarks: the connection, the diagnostics it publishes per file, and a clock.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
    createProtocolConnection, StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';

const root = resolve(import.meta.dirname, '..');

export const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
export const now = () => process.hrtime.bigint();

export const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))], max: s[s.length - 1] };
};

/**
 * Starts the server on the workspace `dir` and initializes it. `listeners` see every publication
 * (`listener`, if given, from the start); `published` holds the latest one per file; `open` opens a
 * document and waits for its first diagnostics.
 */
export async function startServer(dir, listener) {
    const server = process.env.BENCH_SERVER ?? join(root, 'dist', 'server.cjs');
    if (!existsSync(server)) throw new Error('dist/server.cjs is missing: run `npm run build` first (npm run bench does)');
    const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
    const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Map();
    const listeners = new Set(listener ? [listener] : []);
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        published.set(params.uri, params);
        for (const listener of [...listeners]) listener(params);
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {},
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }]
    });
    await connection.sendNotification(InitializedNotification.type, {});
    /** Resolves with the first publication (from now on) that `accept` takes; `false` after `timeout` ms. */
    const waitForDiagnostics = (accept, timeout = 60_000) => new Promise(r => {
        const listener = (params) => {
            if (!accept(params)) return;
            listeners.delete(listener);
            clearTimeout(timer);
            r(params);
        };
        const timer = setTimeout(() => { listeners.delete(listener); r(false); }, timeout);
        listeners.add(listener);
    });
    /** Opens `uri` with `text` (version 1), as an editor does, and resolves with its first diagnostics. */
    const open = async (uri, text) => {
        const first = waitForDiagnostics(p => p.uri === uri);
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version: 1, text } });
        return first;
    };
    const stop = async () => {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        connection.dispose();
    };
    return { connection, published, listeners, waitForDiagnostics, open, stop };
}
