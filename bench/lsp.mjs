// Editor latency through the shipped server (dist/server.cjs) over stdio, as an editor sees it:
// a 2,000-line document open in a 10,000-declaration workspace. A benchmark: prints, never fails.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DidChangeTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { generateWorkspace, mergeJourneys } from './generate.mjs';
import { ms, startServer, stats } from './lsp-client.mjs';

const samples = Number(process.env.BENCH_SAMPLES ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'copis-lsp-bench-'));
const { declarations } = generateWorkspace(dir, 10000);
// The open document: 18 journeys moved into one file of about 2,000 lines (same declaration count).
const { path: bigPath, text: bigText } = mergeJourneys(dir, 18);
const uri = pathToFileURL(bigPath).toString();
const lines = bigText.split('\n');

let onDiagnostics = () => {};
// Which files the server has validated (it publishes diagnostics, maybe none, for each): the
// first edits come while it still validates the rest of the workspace, and are measured apart too.
const validated = new Set();
let onValidated = () => {};

const startup = process.hrtime.bigint();
const server = await startServer(dir, params => {
    validated.add(params.uri);
    onValidated();
    if (params.uri === uri) onDiagnostics(params);
});
const { connection } = server;
let version = 1;
await server.open(uri, bigText);
const ready = ms(startup);

// (a) a one-character edit (inside a title) to its fresh diagnostics
const titleLine = lines.findIndex(l => l.includes('"Journey J0"'));
const titleCol = lines[titleLine].indexOf('J0"') + 1;
const editOnce = async (i) => {
    version++;
    const v = version;
    const received = new Promise(r => { onDiagnostics = (p) => { if (p.version === undefined || p.version >= v) r(); }; });
    const start = process.hrtime.bigint();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: titleLine, character: titleCol }, end: { line: titleLine, character: titleCol + 1 } }, text: String(i % 10) }]
    });
    await received;
    return ms(start);
};
const edits = [];
for (let i = 0; i < samples; i++) edits.push(await editOnce(i));
// (a') the same, once every file of the workspace has been validated
const files = readdirSync(dir, { recursive: true }).filter(f => String(f).endsWith('.copis')).length;
const settled = process.hrtime.bigint();
// (A file that never gets diagnostics is a server bug, reported here, not a reason to wait forever.)
const allValidated = await new Promise(r => {
    const timer = setTimeout(() => r(false), 60_000);
    onValidated = () => { if (validated.size >= files) { clearTimeout(timer); r(true); } };
    onValidated();
});
if (!allValidated) console.error(`bench/lsp.mjs: ${files - validated.size} of ${files} files never got diagnostics from the server`);
const settledAfter = ms(settled);
const steady = [];
for (let i = 0; i < samples; i++) steady.push(await editOnce(i));

// (b) completion after `processes `
const procLine = lines.findIndex(l => l.includes('processes P'));
const procCol = lines[procLine].indexOf('processes ') + 'processes '.length;
const completions = [];
let offered = 0;
for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: procLine, character: procCol } });
    completions.push(ms(start));
    offered = (Array.isArray(result) ? result : result?.items ?? []).length;
}

// (c) hover on a reference to a shared system
const sysLine = lines.findIndex(l => /systems XS\d+/.test(l));
const sysCol = lines[sysLine].search(/XS\d+/) + 1;
const hovers = [];
for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: sysLine, character: sysCol } });
    hovers.push(ms(start));
}

await server.stop();
rmSync(dir, { recursive: true, force: true });

const row = (name, xs, aim) => {
    const s = stats(xs);
    return `${name.padEnd(44)}${s.median.toFixed(1).padStart(9)}${s.p95.toFixed(1).padStart(9)}   ${aim}`;
};
console.log(`\nlanguage server over stdio: ${lines.length}-line document, ${declarations}-declaration workspace, ${samples} samples each`);
console.log(`workspace loaded and first diagnostics in ${ready.toFixed(0)} ms`);
console.log(`${'request'.padEnd(44)}${'median'.padStart(9)}${'p95'.padStart(9)}   aim`);
console.log(row('(a) one-character edit to fresh diagnostics', edits, 'median < 50 ms, p95 < 100 ms'));
console.log(row("(a') the same, workspace fully validated", steady, `(waited ${settledAfter.toFixed(0)} ms for it)`));
console.log(row(`(b) completion after \`processes \` (${offered} items)`, completions, '< 30 ms'));
console.log(row('(c) hover', hovers, '< 30 ms'));
