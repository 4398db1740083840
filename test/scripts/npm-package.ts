// The npm package as a user gets it: packed by scripts/pack-npm.mjs, installed from the tarball into an
// empty git repository, run with Node 22 (the project's devDependency `node`: the machine's may be older).
import { execFileSync, spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';
import {
    DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification,
    ShutdownRequest, StreamMessageReader, StreamMessageWriter, createProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../cli/helpers.js';

/**
 * Node 22's folder first on PATH: `npm`, `npx` and the bins' `#!/usr/bin/env node` all find it.
 * COPIS_TEST_NODE_DIR puts another Node's folder there instead (to try the package on Node 24).
 */
export const NODE_DIR = process.env.COPIS_TEST_NODE_DIR || dirname(process.execPath);
export const ENV = { ...process.env, PATH: `${NODE_DIR}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

const temps: string[] = [];
afterAll(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temps.push(dir);
    return dir;
}

export interface Packed {
    tarball: string;
    /** What pack-npm printed. */
    output: string;
}

/** `node scripts/pack-npm.mjs DIR` into a fresh folder (tests in parallel do not share one); the tarball is the last line. */
export function packNpm(): Packed {
    for (const bundle of ['dist/cli.cjs', 'dist/server.cjs', 'dist/meta/cli.cjs.json']) {
        if (!existsSync(join(ROOT, bundle))) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does)`);
    }
    const output = execFileSync(process.execPath, [join(ROOT, 'scripts/pack-npm.mjs'), tempDir('copis-pack-')], { cwd: ROOT, env: ENV, encoding: 'utf8' });
    return { tarball: output.trimEnd().split('\n').at(-1)!, output };
}

/**
 * A new git repository with the tarball installed as the README says (`npm install ./copis-*.tgz`), without
 * the registry: `--offline`, and the optional PNG renderer left out (it would come from the registry).
 */
export function installedRepository(tarball: string): string {
    const dir = tempDir('copis-user-');
    execFileSync('git', ['init', '-q', dir]);
    copyFileSync(tarball, join(dir, basename(tarball)));
    execFileSync('npm', ['install', `./${basename(tarball)}`, '--omit=optional', '--offline', '--no-audit', '--no-fund'], { cwd: dir, env: ENV, encoding: 'utf8', stdio: 'pipe' });
    return dir;
}

export interface Result {
    code: number;
    stdout: string;
    stderr: string;
}

export function run(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }): Result {
    const result = spawnSync(command, args, { env: ENV, encoding: 'utf8', timeout: 60000, ...options });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/**
 * A language server started by `command args` over stdio in `root`, asked to initialize with `root` as its workspace,
 * then given `text` as the opened file `uri`: the first non-empty diagnostics published for it, and the server's stderr.
 * Shuts the server down and ends it, whatever happens.
 */
export async function diagnosticsOfOpened(command: string, args: string[], root: string, uri: string, text: string, env: NodeJS.ProcessEnv = process.env) {
    const child = spawn(command, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', chunk => { stderr += chunk; });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${stderr}`)), 30000);
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            if (params.uri === uri && params.diagnostics.length > 0) {
                clearTimeout(timer);
                resolve(params);
            }
        });
    });
    connection.listen();
    try {
        const init = await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri: pathToFileURL(root).toString(), capabilities: {},
            workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'workspace' }]
        });
        await connection.sendNotification(InitializedNotification.type, {});
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version: 1, text } });
        const { diagnostics } = await published;
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        return { capabilities: init.capabilities, diagnostics, stderr };
    } finally {
        connection.dispose();
        child.kill();
    }
}
