// A long editing session through the shipped server (dist/server.cjs over stdio): 10,000 random edits to an
// open example, as someone typing, deleting and pasting would make them (seeded: the same edits on every run).
// Then the diagnostics it publishes, for every file of the workspace, must equal those of a fresh server given
// the final text (MATCH, or MISMATCH and exit 1), and its heap after a full GC at the end is compared with the
// heap after a full GC once the first build is done (aim: within 20 %). A benchmark: prints a table, and fails
// only on a mismatch or a crash, never on time or memory.
//
// The heap is read from inside the server without a request of its own: node runs it with --expose-gc and
// preloads bench/heap-probe.cjs, which on SIGUSR2 collects all garbage and writes process.memoryUsage() to a file.
//
// Each edit's diagnostics are awaited before the next, as a typist's pauses would (edits sent much faster than the
// server builds queue up: see docs/robustness.md). The heap is also read in the fresh server holding the final
// text: the text grows and shrinks over the session, so that comparison tells what the session kept besides.
//
// LONG_SESSION_EDITS=N changes the number of edits (default 10,000), LONG_SESSION_SEED the seed,
// LONG_SESSION_EXAMPLE the example folder (default retail) and LONG_SESSION_FILE the file edited in it.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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
const SEED = Number(process.env.LONG_SESSION_SEED ?? 20261123) >>> 0;
const EXAMPLE = process.env.LONG_SESSION_EXAMPLE ?? 'retail';
const FILE = process.env.LONG_SESSION_FILE ?? 'buy-and-return.copis';
if (!Number.isInteger(EDITS) || EDITS < 0) throw new Error(`LONG_SESSION_EDITS must be a whole number, not ${process.env.LONG_SESSION_EDITS}`);

let seed = SEED;
/** mulberry32: the same edits on every run with the same seed. */
const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = xs => xs[Math.floor(random() * xs.length)];

// The example's folder, copied: the server reads the other files from disk, the edited one is open.
const dir = mkdtempSync(join(tmpdir(), 'copis-long-session-'));
cpSync(join(root, 'examples', EXAMPLE), dir, { recursive: true });
const path = join(dir, FILE);
const uri = pathToFileURL(path).toString();
const original = readFileSync(path, 'utf8');
const otherFiles = readdirSync(dir).filter(f => f.endsWith('.copis') && f !== FILE);

function startServer(name) {
    const heapFile = join(dir, `.heap-${name}.json`);
    const child = spawn(process.execPath, ['--expose-gc', '--require', join(root, 'bench', 'heap-probe.cjs'), server, '--stdio'], {
        stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, COPIS_BENCH_HEAP_FILE: heapFile }
    });
    let stderr = '';
    let stopping = false;
    child.stderr.on('data', chunk => { stderr += chunk; });
    child.on('exit', (code, signal) => {
        if (stopping) return;
        console.error(`\nthe ${name} server exited during the session (code ${code}, signal ${signal})\n${stderr.slice(-4000)}`);
        rmSync(dir, { recursive: true, force: true });
        process.exit(1);
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    /** The latest diagnostics published for each file; how many publications there were for the edited one; edits whose diagnostics did not come within 20 s. */
    const s = { child, connection, latest: new Map(), published: 0, late: 0, stderr: () => stderr };
    connection.onNotification(PublishDiagnosticsNotification.type, p => {
        s.latest.set(p.uri, p.diagnostics);
        if (p.uri === uri) s.published++;
    });
    connection.listen();
    /** The server's memory after a full GC (heap-probe.cjs, on SIGUSR2). */
    s.heap = async () => {
        rmSync(heapFile, { force: true });
        child.kill('SIGUSR2');
        for (let i = 0; i < 400 && !existsSync(heapFile); i++) await new Promise(r => setTimeout(r, 25));
        // The probe writes the file in one call; wait for a complete JSON.
        for (let i = 0; i < 40; i++) {
            try {
                return JSON.parse(readFileSync(heapFile, 'utf8'));
            } catch {
                await new Promise(r => setTimeout(r, 25));
            }
        }
        throw new Error(`the ${name} server did not report its heap (is bench/heap-probe.cjs preloaded?)`);
    };
    s.open = async text => {
        await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }]
        });
        await connection.sendNotification(InitializedNotification.type, {});
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version: 1, text } });
    };
    /** Waits until the edited file's diagnostics were published after the first `count` publications, then for `quietMs` without any. */
    s.settle = async (count, quietMs = 600) => {
        const deadline = Date.now() + 20_000;
        while (s.published <= count && Date.now() < deadline) await new Promise(r => setTimeout(r, 2));
        if (s.published <= count) s.late++;
        let seen = s.published;
        for (;;) {
            await new Promise(r => setTimeout(r, quietMs));
            if (s.published === seen) return;
            seen = s.published;
        }
    };
    s.stop = async () => {
        stopping = true;
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        connection.dispose();
    };
    return s;
}

// ---- the edits ----------------------------------------------------------------------------------------------
// Characters, tokens of the language, whole lines and pasted pieces of the original; now and then a name that
// does not resolve, a brace too many, an emoji (two UTF-16 units: an edit never splits one).
const TOKENS = ['touchpoint ', 'stage ', 'moment ', 'pain ', 'journey ', '{', '}', '"', ' channel web ', ' emotion -1', ' processes TakePayment',
    'customers Shopper', '\n', '  ', 'kpi K "K" { metric nps  current 10  target 20 }', '/** note */', '// comment\n', '/*', '*/', '😀', 'é', '.', ',',
    ' at Checkout', 'Shoper', '42%', '3d', '  stage Extra "Extra" { category usage\n    touchpoint Extra1 "Extra" { channel app }\n  }\n'];

function offsetToPosition(text, offset) {
    let line = 0;
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        start = i + 1;
    }
    return { line, character: offset - start };
}

const isLowSurrogate = (text, i) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]);

/** The offsets where the lines of `text` start. */
function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
}
const originalLines = original.split('\n');

/**
 * One edit: where, how much is removed, and what is typed instead. Tokens and characters typed or deleted, a
 * piece of the original pasted, and whole lines removed or pasted back (removed while the text is longer than
 * the original, pasted while it is shorter, so that it keeps about its size over the session).
 */
function nextEdit(text) {
    const roll = random();
    let start = Math.floor(random() * (text.length + 1));
    if (isLowSurrogate(text, start)) start--;
    if (roll < 0.35) return { start, end: start, insert: pick(TOKENS) };
    if (roll < 0.55) return { start, end: start, insert: String.fromCharCode(97 + Math.floor(random() * 26)) };
    if (roll < 0.75) {
        let end = Math.min(text.length, start + 1 + Math.floor(random() * 12));
        if (isLowSurrogate(text, end)) end++;
        return { start, end, insert: '' };
    }
    if (roll < 0.95) {
        const starts = lineStarts(text);
        const line = Math.floor(random() * starts.length);
        const count = 1 + Math.floor(random() * 4);
        if (text.length > original.length) {
            const end = line + count < starts.length ? starts[line + count] : text.length;
            return { start: starts[line], end, insert: '' };
        }
        const from = Math.floor(random() * originalLines.length);
        return { start: starts[line], end: starts[line], insert: `${originalLines.slice(from, from + count).join('\n')}\n` };
    }
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
// The document as the server keeps it (the LSP library's own): a check of this benchmark's edits.
let mirror = TextDocument.create(uri, 'copis', 1, original);
const editsStarted = Date.now();
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
    // At typing speed each edit's build finishes before the next keystroke: wait for its diagnostics.
    await session.settle(published, 0);
}
const editMs = Date.now() - editsStarted;
// Diagnostics carry no version: wait for a long quiet (the last edit's diagnostics are in already).
await session.settle(session.published - 1, 3000);
const heapEnd = await session.heap();
const sessionMs = Date.now() - started;
const final = new Map(session.latest);
await session.stop();

const fresh = startServer('fresh');
await fresh.open(text);
await fresh.settle(0, 3000);
const expected = new Map(fresh.latest);
const heapFresh = await fresh.heap();
await fresh.stop();
rmSync(dir, { recursive: true, force: true });

// ---- the comparison and the table ---------------------------------------------------------------------------
const key = d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`;
const uris = [...new Set([...final.keys(), ...expected.keys()])].sort();
const differences = [];
let count = 0;
for (const u of uris) {
    const a = (final.get(u) ?? []).map(key).sort();
    const b = (expected.get(u) ?? []).map(key).sort();
    count += b.length;
    const onlySession = a.filter(k => !b.includes(k));
    const onlyFresh = b.filter(k => !a.includes(k));
    if (onlySession.length > 0 || onlyFresh.length > 0 || a.length !== b.length) differences.push({ uri: u.slice(u.lastIndexOf('/') + 1), onlySession, onlyFresh });
}
const same = differences.length === 0 && final.has(uri);
const mb = bytes => (bytes / 1024 / 1024).toFixed(1);
const ratio = heapEnd.heapUsed / heapStart.heapUsed;
const kept = heapEnd.heapUsed / heapFresh.heapUsed;
const pad = (s, n) => String(s).padStart(n);

console.log(`\nlong editing session through dist/server.cjs: examples/${EXAMPLE}/${FILE} open, ${otherFiles.length} other files on disk, seed ${SEED}`);
const columns = [['edits', 7], ['late', 6], ['wall s', 8], ['ms/edit', 9], ['lines start/end', 17], ['heap MB: start', 16], ['end', 7], ['fresh', 7],
    ['end/start', 11], ['end/fresh', 11], ['rss MB start/end', 18], ['diagnostics', 13]];
console.log(`${columns.map(([name, width]) => pad(name, width)).join('')}  vs a fresh server`);
const row = [EDITS, session.late, (sessionMs / 1000).toFixed(1), EDITS > 0 ? (editMs / EDITS).toFixed(2) : '-', `${originalLines.length}/${text.split('\n').length}`,
    mb(heapStart.heapUsed), mb(heapEnd.heapUsed), mb(heapFresh.heapUsed), `${ratio.toFixed(2)}x`, `${kept.toFixed(2)}x`, `${mb(heapStart.rss)}/${mb(heapEnd.rss)}`, count];
console.log(`${row.map((value, i) => pad(value, columns[i][1])).join('')}  ${same ? 'MATCH' : 'MISMATCH'}`);
const within = r => (Math.abs(r - 1) <= 0.2 ? 'within 20 %' : 'NOT within 20 %');
console.log(`heap after a full GC: session end vs start ${ratio.toFixed(2)}x (${within(ratio)}); session end vs a fresh server on the final text ${kept.toFixed(2)}x (${within(kept)}); late: edits whose diagnostics took over 20 s; diagnostics compared for ${uris.length} files`);
if (!same) {
    for (const d of differences) {
        console.log(`${d.uri}: only in the session: ${JSON.stringify(d.onlySession.slice(0, 10))}`);
        console.log(`${d.uri}: only in the fresh server: ${JSON.stringify(d.onlyFresh.slice(0, 10))}`);
    }
    if (!final.has(uri)) console.log('the session published no diagnostics for the edited file');
    process.exit(1);
}
