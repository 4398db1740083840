// Many top-level declarations of one name (`duplicate-name` on all but the first): `copis validate`
// and one edit in the language server, for 5,000, 10,000 and 20,000 copies in one file and spread
// over 100 files. Time per copy should stay about flat. A benchmark: prints, never fails.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
    PublishDiagnosticsNotification, ShutdownRequest, createProtocolConnection, StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';
import { generateSameName } from './generate.mjs';
import { ms } from './lsp-client.mjs';
import { median } from './measure.mjs';

const root = resolve(import.meta.dirname, '..');
const copiesList = (process.env.SAME_NAME_COPIES ?? '5000,10000,20000').split(',').map(Number);
const edits = Number(process.env.SAME_NAME_EDITS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'copis-same-name-'));

function validate(dir) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), 'validate', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    const wall = ms(start);
    let duplicates = -1;
    try { duplicates = JSON.parse(result.stdout).diagnostics.filter(d => d.code === 'duplicate-name').length; } catch { /* reported below */ }
    return { wall, duplicates, stderr: result.stderr.slice(0, 200) };
}

/** Opens the first file in the server, waits for its diagnostics, then edits a title `edits` times. */
async function serverEdits(dir, path) {
    const child = spawn(process.execPath, [join(root, 'dist', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const uri = pathToFileURL(path).toString();
    let onDiagnostics = () => {};
    connection.onNotification(PublishDiagnosticsNotification.type, params => { if (params.uri === uri) onDiagnostics(params); });
    connection.listen();
    const start = process.hrtime.bigint();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }] });
    await connection.sendNotification(InitializedNotification.type, {});
    const text = readFileSync(path, 'utf8');
    let version = 1;
    const first = new Promise(r => { onDiagnostics = r; });
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version, text } });
    await first;
    const loaded = ms(start);
    const times = [];
    const column = text.indexOf('"Copy 0"') + 2;
    for (let i = 0; i < edits; i++) {
        const v = ++version;
        const received = new Promise(r => { onDiagnostics = (p) => { if (p.version === undefined || p.version >= v) r(); }; });
        const t = process.hrtime.bigint();
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: v },
            contentChanges: [{ range: { start: { line: 0, character: column }, end: { line: 0, character: column + 1 } }, text: String(i % 10) }]
        });
        await received;
        times.push(ms(t));
    }
    const exited = new Promise(r => child.once('exit', r));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await exited;
    connection.dispose();
    // (The pipe to a process that has exited stays open, and would keep this script running.)
    child.stdin.destroy();
    return { loaded, edit: median(times) };
}

console.log(`many declarations of one name, Node ${process.version}; server edit: median of ${edits}`);
const pad = (s, n) => String(s).padStart(n);
console.log(`${'case'.padEnd(26)}${pad('validate ms', 12)}${pad('µs/copy', 9)}${pad('server load ms', 15)}${pad('edit ms', 9)}  duplicate-name`);
for (const files of [1, 100]) {
    for (const copies of copiesList) {
        const dir = join(work, `c${copies}-f${files}`);
        const { paths } = generateSameName(dir, copies, { files });
        const v = validate(dir);
        const s = await serverEdits(dir, paths[0]);
        const name = `${copies} copies, ${files} file${files > 1 ? 's' : ''}`;
        console.log(`${name.padEnd(26)}${pad(v.wall.toFixed(0), 12)}${pad((v.wall * 1000 / copies).toFixed(0), 9)}${pad(s.loaded.toFixed(0), 15)}${pad(s.edit.toFixed(0), 9)}  ${v.duplicates >= 0 ? v.duplicates : v.stderr}`);
        rmSync(dir, { recursive: true, force: true });
    }
}
rmSync(work, { recursive: true, force: true });
