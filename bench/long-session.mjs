// A long editing session through the shipped server (dist/server.cjs over stdio): 10,000 random
// edits to an open example, as someone typing, deleting and pasting would make them. Then its
// diagnostics must equal those of a fresh server given the final text, and its heap after a full
// GC is compared with the heap after the first build. A benchmark: prints; exits 1 only when the
// diagnostics differ. LONG_SESSION_EDITS=N changes the number of edits, LONG_SESSION_SEED the seed.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification,
    InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = resolve(import.meta.dirname, '..');
const server = join(root, 'dist', 'server.cjs');
if (!existsSync(server)) throw new Error('dist/server.cjs is missing: run `npm run build` first (npm run bench does)');
const EDITS = Number(process.env.LONG_SESSION_EDITS ?? 10_000);
let seed = Number(process.env.LONG_SESSION_SEED ?? 20261123) >>> 0;
/** mulberry32: the same edits on every run with the same seed. */
const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = xs => xs[Math.floor(random() * xs.length)];

const dir = mkdtempSync(join(tmpdir(), 'copis-long-session-'));
cpSync(join(root, 'examples', 'retail'), dir, { recursive: true });
const path = join(dir, 'buy-and-return.copis');
const uri = pathToFileURL(path).toString();
const original = readFileSync(path, 'utf8');

function startServer(name) {
    const heapFile = join(dir, `.heap-${name}.json`);
    const child = spawn(process.execPath, ['--expose-gc', '--require', join(root, 'bench', 'heap-probe.cjs'), server, '--stdio'], {
        stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, COPIS_BENCH_HEAP_FILE: heapFile }
    });
    let stderr = '';
    child.stderr.on('data', chunk => { stderr += chunk; });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const s = { child, connection, latest: undefined, published: 0, stderr: () => stderr };
    connection.onNotification(PublishDiagnosticsNotification.type, p => { if (p.uri === uri) { s.latest = p.diagnostics; s.published++; } });
    connection.listen();
    s.heap = async () => {
        rmSync(heapFile, { force: true });
        child.kill('SIGUSR2');
        for (let i = 0; i < 200 && !existsSync(heapFile); i++) await new Promise(r => setTimeout(r, 25));
        return JSON.parse(readFileSync(heapFile, 'utf8'));
    };
    s.open = async text => {
        await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }]
        });
        await connection.sendNotification(InitializedNotification.type, {});
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version: 1, text } });
    };
    /** Waits until diagnostics have come after `count` and then nothing for `quietMs`. */
    s.late = 0;
    s.settle = async (count, quietMs = 600) => {
        const deadline = Date.now() + 20_000;
        while (s.published <= count && Date.now() < deadline) await new Promise(r => setTimeout(r, 2));
        if (s.published <= count) s.late++;
        let seen = s.published;
        for (;;) {
            await new Promise(r => setTimeout(r, quietMs));
            if (s.published === seen) return s.latest;
            seen = s.published;
        }
    };
    s.stop = async () => {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        connection.dispose();
    };
    return s;
}

// ---- the edits ----------------------------------------------------------------------------------
const TOKENS = ['touchpoint ', 'stage ', 'moment ', '{', '}', '"', ' channel web ', ' emotion -1', ' processes TakePayment', 'customers Shopper',
    '\n', '  ', 'kpi K "K" { metric nps  current 10  target 20 }', '/** note */', '// comment\n', '😀', 'é', '.', ',', ' at Checkout', 'Shoper', '42%', '3d'];

function offsetToPosition(text, offset) {
    let line = 0;
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        start = i + 1;
    }
    return { line, character: offset - start };
}

/** One edit: where, what is removed and what is typed instead. */
function nextEdit(text) {
    const roll = random();
    let start = Math.floor(random() * (text.length + 1));
    // Never split a surrogate pair or a CRLF (an LSP position cannot point inside either).
    if (start > 0 && start < text.length && /[\uDC00-\uDFFF]/.test(text[start])) start--;
    if (roll < 0.45) return { start, end: start, insert: pick(TOKENS) };
    if (roll < 0.85) {
        let end = Math.min(text.length, start + 1 + Math.floor(random() * 16));
        if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
        return { start, end, insert: '' };
    }
    if (roll < 0.97) return { start, end: start, insert: String.fromCharCode(97 + Math.floor(random() * 26)) };
    // Now and then the user pastes a piece of the original back.
    const from = Math.floor(random() * original.length);
    return { start, end: start, insert: original.slice(from, from + 200).replace(/[\uD800-\uDBFF]$/, '') };
}

const session = startServer('session');
const started = Date.now();
await session.open(original);
await session.settle(0);
const heapStart = await session.heap();

let text = original;
let version = 1;
// The same document as the server keeps it (its library): a check on this benchmark's own edits.
let mirror = TextDocument.create(uri, 'copis', 1, original);
for (let i = 0; i < EDITS; i++) {
    const published = session.published;
    let edit = nextEdit(text);
    // An edit that changes nothing (deleting at the very end) gets no new build: draw again.
    while (edit.start === edit.end && edit.insert === '') edit = nextEdit(text);
    const range = { start: offsetToPosition(text, edit.start), end: offsetToPosition(text, edit.end) };
    text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
    version++;
    mirror = TextDocument.update(mirror, [{ range, text: edit.insert }], version);
    if (mirror.getText() !== text) throw new Error(`edit ${i}: the benchmark's text and the LSP document differ (${JSON.stringify(edit)})`);
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: edit.insert }] });
    // At typing speed each edit's build finishes before the next keystroke: wait for its
    // diagnostics. (Sent faster than the server builds, edits queue up: see the note in docs/robustness.md.)
    await session.settle(published, 0);
}
// Diagnostics carry no version: wait for a long quiet (a build of broken text can take a while).
// (The last edit's diagnostics are in already: wait for quiet only.)
const final = await session.settle(session.published - 1, 3000);
const heapEnd = await session.heap();
const sessionMs = Date.now() - started;
await session.stop();

const fresh = startServer('fresh');
await fresh.open(text);
const expected = await fresh.settle(0, 3000);
const heapFresh = await fresh.heap();
await fresh.stop();
rmSync(dir, { recursive: true, force: true });

const key = d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;
const a = (final ?? []).map(key).sort();
const b = (expected ?? []).map(key).sort();
const same = a.length === b.length && a.every((k, i) => k === b[i]);
const mb = bytes => (bytes / 1024 / 1024).toFixed(1);
const ratio = heapEnd.heapUsed / heapStart.heapUsed;

console.log(`\nlong session through dist/server.cjs: ${EDITS} random edits to examples/retail/buy-and-return.copis (seed ${process.env.LONG_SESSION_SEED ?? 20261123})`);
console.log(`${'measure'.padEnd(50)}value`);
console.log(`${'wall time of the session'.padEnd(50)}${(sessionMs / 1000).toFixed(1)} s`);
console.log(`${'edits without diagnostics within 20 s'.padEnd(50)}${session.late}`);
console.log(`${'final text'.padEnd(50)}${text.split('\n').length} lines, ${final?.length ?? 0} diagnostics`);
console.log(`${'heap after full GC: after the first build'.padEnd(50)}${mb(heapStart.heapUsed)} MB (rss ${mb(heapStart.rss)} MB)`);
console.log(`${'heap after full GC: after the last edit'.padEnd(50)}${mb(heapEnd.heapUsed)} MB (rss ${mb(heapEnd.rss)} MB)`);
console.log(`${'ratio end/start (aim: within 20 %)'.padEnd(50)}${ratio.toFixed(2)}x ${Math.abs(ratio - 1) <= 0.2 ? 'within' : 'NOT within'} 20 %`);
// The text grows or shrinks over the session: a fresh server holding the final text tells the
// document's own share from what the session kept besides.
const kept = heapEnd.heapUsed / heapFresh.heapUsed;
console.log(`${'heap after full GC: fresh server, final text'.padEnd(50)}${mb(heapFresh.heapUsed)} MB`);
console.log(`${'ratio session end/fresh server, same text'.padEnd(50)}${kept.toFixed(2)}x ${Math.abs(kept - 1) <= 0.2 ? 'within' : 'NOT within'} 20 %`);
console.log(`${'diagnostics vs a fresh server on the final text'.padEnd(50)}${same ? 'MATCH' : 'MISMATCH'}`);
if (!same) {
    console.log('only in the session:', a.filter(k => !b.includes(k)).slice(0, 10));
    console.log('only in the fresh server:', b.filter(k => !a.includes(k)).slice(0, 10));
    process.exit(1);
}
