/**
 * The shipped language server (dist/server.cjs) over stdio, as an editor drives it: a workspace
 * folder written to a temporary directory (or folders a test made), the client capabilities a test
 * chooses, every notification and request from the server recorded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    createProtocolConnection, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
    ConfigurationRequest, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShowMessageNotification,
    ErrorCodes, ResponseError, ShutdownRequest, StreamMessageReader, StreamMessageWriter, type ClientCapabilities, type Diagnostic, type InitializeResult, type Message,
    type ProtocolConnection, type Registration, type ResponseMessage
} from 'vscode-languageserver-protocol/node';

const bundle = resolve(import.meta.dirname, '../../../dist/server.cjs');

export interface StdioServer {
    connection: ProtocolConnection;
    child: ChildProcess;
    dir: string;
    init: InitializeResult;
    /** `file://` URI of a file of the workspace folder. */
    uri(name: string): string;
    /** What the server registered dynamically (`client/registerCapability`). */
    registrations: Registration[];
    /** The texts of `window/showMessage`. */
    messages: string[];
    /**
     * Sends a request and its `$/cancelRequest` in one write, so that the server reads the
     * cancellation before it starts on the request; resolves with the server's response.
     */
    requestAndCancel(method: string, params: object): Promise<ResponseMessage>;
    stderr(): string;
    /** Every set of diagnostics published for `uri` so far, oldest first. */
    published(uri: string): Diagnostic[][];
    /** The latest diagnostics published for `uri` (undefined: none yet). */
    latest(uri: string): Diagnostic[] | undefined;
    /** The next diagnostics published for `uri` that satisfy `accept` (the latest already published counts). */
    diagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, what?: string): Promise<Diagnostic[]>;
    open(uri: string, text: string): Promise<void>;
    change(uri: string, text: string): Promise<void>;
    close(uri: string): Promise<void>;
    /** Shuts the server down (if a test has not) and removes the folder it wrote (not folders a test gave it). */
    dispose(): Promise<void>;
}

/** The server on one workspace folder holding `files` (paths relative to it). */
export async function startServer(files: Record<string, string>, capabilities: ClientCapabilities = {}, env: NodeJS.ProcessEnv = {}): Promise<StdioServer> {
    const dir = mkdtempSync(join(tmpdir(), 'copis-stdio-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return connect([dir], capabilities, env, true);
}

/** How the test's client answers the server, where clients differ. */
export interface ClientBehaviour {
    /** Answer `client/registerCapability` with an error, as eglot 1.9 does outside a git repository. */
    refuseRegistrations?: boolean;
}

/** The server on workspace folders the test made (and removes itself); `dir` is the first. */
export function startServerOn(folders: string[], capabilities: ClientCapabilities = {}, env: NodeJS.ProcessEnv = {}, behaviour: ClientBehaviour = {}): Promise<StdioServer> {
    return connect(folders, capabilities, env, false, behaviour);
}

async function connect(folders: string[], capabilities: ClientCapabilities, env: NodeJS.ProcessEnv, owned: boolean, behaviour: ClientBehaviour = {}): Promise<StdioServer> {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does)`);
    const dir = folders[0];
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr!.on('data', chunk => { stderr += chunk; });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const latest = new Map<string, Diagnostic[]>();
    const history = new Map<string, Diagnostic[][]>();
    const listeners = new Set<() => void>();
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        latest.set(params.uri, params.diagnostics);
        history.set(params.uri, [...(history.get(params.uri) ?? []), params.diagnostics]);
        listeners.forEach(l => l());
    });
    const registrations: Registration[] = [];
    connection.onRequest(RegistrationRequest.type, params => {
        registrations.push(...params.registrations);
        if (behaviour.refuseRegistrations) throw new ResponseError(ErrorCodes.InternalError, 'Internal error');
    });
    connection.onRequest(ConfigurationRequest.type, params => params.items.map(() => null));
    const messages: string[] = [];
    connection.onNotification(ShowMessageNotification.type, params => { messages.push(params.message); });
    // A second reader of the same output, for the responses to requests written by hand.
    const raw = new Map<string, (response: ResponseMessage) => void>();
    new StreamMessageReader(child.stdout!).listen((message: Message) => {
        const id = (message as ResponseMessage).id;
        if (typeof id === 'string' && raw.has(id)) raw.get(id)!(message as ResponseMessage);
    });
    connection.listen();
    const workspaceFolders = folders.map((f, i) => ({ uri: pathToFileURL(f).toString(), name: i === 0 ? 'ws' : `ws${i + 1}` }));
    const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: workspaceFolders[0]?.uri ?? null, capabilities, workspaceFolders
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const versions = new Map<string, number>();
    let shutDown = false;
    let rawId = 0;
    const server: StdioServer = {
        connection, child, dir, init, registrations, messages,
        requestAndCancel: (method, params) => new Promise(resolveResponse => {
            const id = `raw-${++rawId}`;
            raw.set(id, resolveResponse);
            const frame = (body: object) => {
                const json = JSON.stringify({ jsonrpc: '2.0', ...body });
                return `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
            };
            child.stdin!.write(frame({ id, method, params }) + frame({ method: '$/cancelRequest', params: { id } }));
        }),
        uri: name => pathToFileURL(join(dir, name)).toString(),
        stderr: () => stderr,
        published: uri => history.get(uri) ?? [],
        latest: uri => latest.get(uri),
        diagnostics: (uri, accept, what = 'the expected diagnostics') => new Promise((resolveDiagnostics, reject) => {
            const check = () => {
                const now = latest.get(uri);
                if (now && accept(now)) {
                    listeners.delete(check);
                    clearTimeout(timer);
                    resolveDiagnostics(now);
                }
            };
            const timer = setTimeout(() => {
                listeners.delete(check);
                reject(new Error(`${what} for ${uri} never came; last published: ${JSON.stringify(latest.get(uri)?.map(d => `${String(d.code)}: ${d.message}`))}; server stderr: ${stderr}`));
            }, 20_000);
            listeners.add(check);
            check();
        }),
        open: async (uri, text) => {
            versions.set(uri, 1);
            await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version: 1, text } });
        },
        change: async (uri, text) => {
            const version = (versions.get(uri) ?? 1) + 1;
            versions.set(uri, version);
            await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
        },
        close: async uri => {
            await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        },
        dispose: async () => {
            if (!shutDown && child.exitCode === null) {
                shutDown = true;
                const exited = new Promise(r => child.once('exit', r));
                await connection.sendRequest(ShutdownRequest.type);
                await connection.sendNotification(ExitNotification.type);
                await exited;
            }
            connection.dispose();
            if (owned) rmSync(dir, { recursive: true, force: true });
        }
    };
    return server;
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code));
}
