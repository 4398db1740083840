/**
 * The shipped server (dist/server.cjs) over stdio, driven as an editor drives it: what it
 * publishes is recorded, and a test waits for what it expects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest,
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ClientCapabilities, type Diagnostic, type ProtocolConnection,
    type Registration
} from 'vscode-languageserver-protocol/node';

const SERVER = resolve(import.meta.dirname, '../../dist/server.cjs');

export interface StdioServer {
    connection: ProtocolConnection;
    /** Every registration the server asked the client for. */
    registrations: Registration[];
    /** The latest diagnostics published for a URI (undefined: none yet). */
    latest(uri: string): Diagnostic[] | undefined;
    /** How many times diagnostics were published for a URI. */
    count(uri: string): number;
    /** Waits until the latest diagnostics of `uri` satisfy `test` (15 s at most). */
    until(uri: string, test: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]>;
    stderr(): string;
    stop(): Promise<void>;
}

export async function startServer(folders: string[], capabilities: ClientCapabilities = {}, env: NodeJS.ProcessEnv = {}): Promise<StdioServer> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first (npm test does)`);
    const child: ChildProcess = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr!.on('data', chunk => { stderr += chunk; });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const published = new Map<string, Diagnostic[][]>();
    const waiters = new Set<() => void>();
    const registrations: Registration[] = [];
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        published.set(params.uri, [...(published.get(params.uri) ?? []), params.diagnostics]);
        for (const wake of [...waiters]) wake();
    });
    connection.onRequest(RegistrationRequest.type, params => {
        registrations.push(...params.registrations);
    });
    connection.onRequest('workspace/configuration', () => []);
    connection.listen();
    const workspaceFolders = folders.map(f => ({ uri: pathToFileURL(f).toString(), name: f.split('/').pop()! }));
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: workspaceFolders[0]?.uri ?? null, capabilities, workspaceFolders
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const latest = (uri: string) => published.get(uri)?.at(-1);
    return {
        connection,
        registrations,
        latest,
        count: uri => published.get(uri)?.length ?? 0,
        stderr: () => stderr,
        until(uri, test, what) {
            return new Promise((done, fail) => {
                const check = () => {
                    const now = latest(uri);
                    if (now !== undefined && test(now)) {
                        clearTimeout(timer);
                        waiters.delete(check);
                        done(now);
                    }
                };
                const timer = setTimeout(() => {
                    waiters.delete(check);
                    fail(new Error(`${what}: not published for ${uri} within 15 s; latest: ${JSON.stringify(latest(uri)?.map(d => d.code))}; server stderr: ${stderr}`));
                }, 15000);
                waiters.add(check);
                check();
            });
        },
        async stop() {
            await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
            await connection.sendNotification(ExitNotification.type).catch(() => undefined);
            await new Promise(r => child.exitCode !== null ? r(undefined) : child.once('exit', r));
            connection.dispose();
        }
    };
}

export const codesOf = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code));
