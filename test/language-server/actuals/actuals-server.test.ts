import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, ExitNotification, FileChangeType, InitializedNotification, InitializeRequest,
    PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest, type Registration, StreamMessageReader, StreamMessageWriter, createProtocolConnection, type ProtocolConnection,
    type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { ActualsFilesNotification, ActualsTextNotification } from '../../../language-server/protocol.js';

// The shipped server (dist/server.cjs) over stdio: the actuals CSV that the workspace's config file
// names is read, its problems are published, and the KPIs are checked again when the file watcher
// reports a change of it or of the config.
const server = resolve(import.meta.dirname, '../../../dist/server.cjs');
const MODEL = `journey Shop {
  objective Fast { kpi OnTime { metric percent  current 91%  target >= 97% } }
}
`;

let child: ChildProcess;
let connection: ProtocolConnection;
let stderr = '';
const published: PublishDiagnosticsParams[] = [];
const registrations: Registration[] = [];
/** What the server said the actuals files are (copis/actualsFiles), each time. */
const announced: string[][] = [];
// In the run's folder (test/global-setup.ts), removed when the run ends.
const dir = mkdtempSync(join(process.env.COPIS_TEST_RUN_DIR ?? tmpdir(), 'copis-actuals-lsp-'));
const modelUri = pathToFileURL(join(dir, 'shop.copis')).toString();
const csvUri = pathToFileURL(join(dir, 'data', 'kpis.csv')).toString();

/** The first diagnostics published for `uri` (from the `from`-th on) that satisfy `accept`. */
function until(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, from = 0): Promise<PublishDiagnosticsParams> {
    return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no such diagnostics for ${uri}; published: ${JSON.stringify(published.filter(p => p.uri === uri).map(p => p.diagnostics.map(d => d.code)))}; stderr: ${stderr}`)), 20000);
        const check = (): void => {
            const found = published.slice(from).find(p => p.uri === uri && accept(p));
            if (!found) {
                setTimeout(check, 20);
                return;
            }
            clearTimeout(timer);
            done(found);
        };
        check();
    });
}

beforeAll(async () => {
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first (npm test does)`);
    writeFileSync(join(dir, 'shop.copis'), MODEL);
    writeFileSync(join(dir, 'copis.config.json'), '{ "actuals": ["data/*.csv"] }');
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'kpis.csv'), 'kpi,date,value\nShop.OnTime,2026-11-30,98%\nShop.OnTme,2026-11-30,1%\n');
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', chunk => { stderr += chunk; });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, params => { published.push(params); });
    connection.onRequest(RegistrationRequest.type, params => { registrations.push(...params.registrations); });
    connection.onNotification(ActualsFilesNotification.type, params => { announced.push(params.uris); });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(dir).toString(),
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }]
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: modelUri, languageId: 'copis', version: 1, text: MODEL } });
});

afterAll(async () => {
    if (!connection) return;
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await new Promise(r => child.once('exit', r));
    connection.dispose();
});

describe('KPI actuals in the language server', () => {
    it('publishes the CSV file\'s problems, and judges the KPI by its actual', async () => {
        const csv = await until(csvUri, p => p.diagnostics.length > 0);
        expect(csv.diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`))
            .toEqual(['3:1 actuals-unknown-kpi `Shop.OnTme` names no KPI; did you mean `Shop.OnTime`?']);
        // 98% meets the target: no kpi-off-target once the actuals are read.
        await until(modelUri, p => p.diagnostics.length > 0 && !p.diagnostics.some(d => d.code === 'kpi-off-target'));
        // And the client is told which CSV file is an actuals file (it forwards the unsaved text of that one only).
        expect(announced).toEqual([[csvUri]]);
    });

    it('checks the KPIs again when the watcher reports a changed actuals file', async () => {
        const from = published.length;
        writeFileSync(join(dir, 'data', 'kpis.csv'), 'kpi,date,value\nShop.OnTime,2026-11-30,90%\n');
        await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: csvUri, type: FileChangeType.Changed }] });
        const model = await until(modelUri, p => p.diagnostics.some(d => d.code === 'kpi-off-target'), from);
        expect(model.diagnostics.find(d => d.code === 'kpi-off-target')!.message).toMatch(/^KPI `OnTime` is off target: actual 90% on 2026-11-30 \(kpis\.csv\), target >= 97%\.$/);
        expect((await until(csvUri, p => p.diagnostics.length === 0, from)).diagnostics).toEqual([]);
    });

    it('checks the unsaved text of an open CSV file (copis/actualsText), and the saved one once it is closed', async () => {
        let from = published.length;
        await connection.sendNotification(ActualsTextNotification.type, { uri: csvUri, text: 'kpi,date,value\nShop.OnTime,2026-11-30,99%\nShop.OnTime,2026-11-30,1%\n' });
        await until(modelUri, p => p.diagnostics.length > 0 && !p.diagnostics.some(d => d.code === 'kpi-off-target'), from);
        expect((await until(csvUri, p => p.diagnostics.length > 0, from)).diagnostics.map(d => String(d.code))).toEqual(['actuals-duplicate']);
        from = published.length;
        await connection.sendNotification(ActualsTextNotification.type, { uri: csvUri });
        // The saved file says 90%.
        await until(modelUri, p => p.diagnostics.some(d => d.code === 'kpi-off-target'), from);
        expect((await until(csvUri, p => p.diagnostics.length === 0, from)).diagnostics).toEqual([]);
    });

    it('asks the client to watch the CSV files, and reads the actuals a changed config file names', async () => {
        const watchers = registrations.filter(r => r.method === DidChangeWatchedFilesNotification.method)
            .flatMap(r => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map(w => w.globPattern));
        expect(watchers).toContain('**/*.csv');
        const from = published.length;
        mkdirSync(join(dir, 'other'));
        writeFileSync(join(dir, 'other', 'kpis.csv'), 'kpi,date,value\nShop.OnTime,2026-11-30,99%\nShop.Late,2026-11-30,1%\n');
        writeFileSync(join(dir, 'copis.config.json'), '{ "actuals": ["other/*.csv"] }');
        const configUri = pathToFileURL(join(dir, 'copis.config.json')).toString();
        await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
        const otherUri = pathToFileURL(join(dir, 'other', 'kpis.csv')).toString();
        expect((await until(otherUri, p => p.diagnostics.length > 0, from)).diagnostics.map(d => String(d.code))).toEqual(['actuals-unknown-kpi']);
        // data/kpis.csv (90%) is no longer the model's: its problems are cleared, and 99% meets the target.
        expect((await until(csvUri, p => p.diagnostics.length === 0, from)).diagnostics).toEqual([]);
        await until(modelUri, p => p.diagnostics.length > 0 && !p.diagnostics.some(d => d.code === 'kpi-off-target'), from);
        expect(announced.at(-1)).toEqual([otherUri]);
    });
});
