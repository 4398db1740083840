// Typing through the shipped server (dist/server.cjs) over stdio, at a typist's pace, and editing a file
// that many others refer to. A benchmark: prints a table, never fails.
//
// (d) a burst of 60 one-character edits 80 ms apart in a 5,000-line file of a 10,000-declaration
//     workspace, each sent without waiting for the server, with a hover after every 10th: the hovers'
//     latency, the time from the last edit to its diagnostics, and how many times the open file's
//     diagnostics arrived during the burst. TYPING_RUNS bursts (default 3), one after the other.
// (e) an edit to shared.copis, which 160 other files refer to, that changes what they see (a name they
//     use disappears, then comes back): the time until every one of them has its fresh diagnostics.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { generateWorkspace, mergeJourneys } from './generate.mjs';
import { ms, now, startServer, stats } from './lsp-client.mjs';

const RUNS = Number(process.env.TYPING_RUNS ?? 3);
const EDITS = 60;
const PAUSE = 80;
const sleep = (t) => new Promise(r => setTimeout(r, t));

/**
 * (d) `kind` says what is typed: `title` types into a journey's title (the text stays valid), `touchpoint`
 * types a new touchpoint line into a stage (the text does not parse until its last character).
 */
async function typingBurst(kind) {
    const dir = mkdtempSync(join(tmpdir(), 'copis-typing-bench-'));
    const { declarations } = generateWorkspace(dir, 10000);
    // The open document: 45 journeys moved into one file of about 5,000 lines (same declaration count).
    const { path, text } = mergeJourneys(dir, 45);
    const uri = pathToFileURL(path).toString();
    const lines = text.split('\n');

    const server = await startServer(dir);
    const { connection } = server;
    let version = 1;
    await server.open(uri, text);
    // Typing goes into the journey in the middle of the file; hovers are on a shared system a few lines below.
    const titleLine = lines.findIndex(l => l.includes('"Journey J22"'));
    const typed = kind === 'title'
        ? { line: titleLine, column: lines[titleLine].indexOf('"Journey J22"') + '"Journey J22'.length, text: 'abcdefghij'.repeat(6) }
        // a new line at the start of the journey's first stage (the line after `category ...`)
        : { line: lines.findIndex((l, i) => i > titleLine && l.includes('category ')), column: Infinity, text: ' touchpoint New "A new one" { channel web  emotion 1 }'.padEnd(EDITS, ' ') };
    if (typed.column === Infinity) typed.column = lines[typed.line].length;
    const hoverLine = lines.findIndex((l, i) => i > typed.line + 1 && /systems XS\d+/.test(l));
    const hoverCol = lines[hoverLine].search(/XS\d+/) + 1;
    // (the new touchpoint goes on the `category` line: no line is added, the hover's position stays right)

    const hovers = [];
    const settle = [];
    const during = [];
    for (let run = 0; run < RUNS; run++) {
        // Let the workspace settle between bursts (the first follows the load).
        await sleep(2000);
        let col = typed.column;
        let arrived = 0;
        const counting = (p) => { if (p.uri === uri) arrived++; };
        server.listeners.add(counting);
        const pending = [];
        let lastSent = 0n;
        for (let i = 0; i < EDITS; i++) {
            version++;
            lastSent = now();
            void connection.sendNotification(DidChangeTextDocumentNotification.type, {
                textDocument: { uri, version },
                contentChanges: [{ range: { start: { line: typed.line, character: col }, end: { line: typed.line, character: col } }, text: typed.text[i] }]
            });
            col++;
            if ((i + 1) % 10 === 0) {
                const start = now();
                pending.push(connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: hoverLine, character: hoverCol } })
                    .then(() => hovers.push(ms(start))));
            }
            if (i < EDITS - 1) await sleep(PAUSE);
        }
        const final = version;
        const diagnostics = await server.waitForDiagnostics(p => p.uri === uri && p.version !== undefined && p.version >= final);
        settle.push(diagnostics ? ms(lastSent) : NaN);
        server.listeners.delete(counting);
        during.push(arrived);
        await Promise.all(pending);
        // Undo the burst, so that every run types into the same text.
        version++;
        const undone = server.waitForDiagnostics(p => p.uri === uri && p.version >= version);
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line: typed.line, character: typed.column }, end: { line: typed.line, character: col } }, text: '' }]
        });
        await undone;
    }
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    return { lines: lines.length, declarations, hovers, settle, during };
}

/** (e) */
async function sharedEdit() {
    const dir = mkdtempSync(join(tmpdir(), 'copis-shared-bench-'));
    // 160 journeys (all refer to shared.copis) and 900 shared declarations.
    generateWorkspace(dir, 8900);
    const path = join(dir, 'shared.copis');
    const text = readFileSync(path, 'utf8');
    const uri = pathToFileURL(path).toString();
    const server = await startServer(dir);
    const { connection } = server;
    let version = 1;
    await server.open(uri, text);
    const journeys = Array.from({ length: 160 }, (_, j) => pathToFileURL(join(dir, 'journeys', `j${j}.copis`)).toString());
    // Wait until the load has validated every journey.
    while (!journeys.every(j => server.published.has(j))) await sleep(100);
    await sleep(1000);
    // Every journey names customer XC3 (`customers XC3, XC6`).
    const line = text.split('\n').findIndex(l => l.startsWith('customer XC3 '));
    const column = 'customer XC3'.length;
    const unresolved = (p) => p.diagnostics.some(d => d.code === 'unresolved-reference' && d.message.includes('XC3'));
    const times = { break: [], restore: [] };
    for (let run = 0; run < RUNS; run++) {
        for (const step of ['break', 'restore']) {
            const fresh = new Set();
            const done = new Promise(r => {
                const listener = (p) => {
                    if (journeys.includes(p.uri) && unresolved(p) === (step === 'break')) fresh.add(p.uri);
                    if (fresh.size === journeys.length) { server.listeners.delete(listener); r(); }
                };
                server.listeners.add(listener);
            });
            version++;
            const start = now();
            await connection.sendNotification(DidChangeTextDocumentNotification.type, {
                textDocument: { uri, version },
                contentChanges: [step === 'break'
                    ? { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' }
                    : { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' }]
            });
            const ok = await Promise.race([done.then(() => true), sleep(60_000).then(() => false)]);
            times[step].push(ok ? ms(start) : NaN);
            await sleep(1000);
        }
    }
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    return times;
}

const only = process.env.TYPING_ONLY;
const bursts = {};
for (const kind of ['title', 'touchpoint']) if (!only || only === kind) bursts[kind] = await typingBurst(kind);
const shared = !only || only === 'shared' ? await sharedEdit() : undefined;

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'never').padStart(9);
const row = (name, xs, aim) => {
    const s = stats(xs);
    return `${name.padEnd(58)}${fmt(s.median)}${fmt(s.p95)}${fmt(s.max)}   ${aim}`;
};
const any = Object.values(bursts)[0];
if (any) console.log(`\ntyping: ${EDITS} one-character edits ${PAUSE} ms apart in a ${any.lines}-line document of a ${any.declarations}-declaration workspace, ${RUNS} bursts`);
console.log(`${'(ms)'.padEnd(58)}${'median'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}   aim`);
for (const [kind, burst] of Object.entries(bursts)) {
    const what = kind === 'title' ? 'into a title' : 'a new touchpoint';
    console.log(row(`(d) typing ${what}: hover (${burst.hovers.length} hovers)`, burst.hovers, 'median < 50, p95 < 150'));
    console.log(row(`(d) typing ${what}: last edit to its diagnostics`, burst.settle, '< 150'));
    console.log(`${`(d) typing ${what}: the file's diagnostics per burst`.padEnd(58)}${burst.during.join(', ').padStart(9)}   (of ${EDITS} edits)`);
}
if (shared) {
    console.log(row('(e) shared.copis edit: all 160 dependents fresh (name gone)', shared.break, '< 1000'));
    console.log(row('(e) the same, the name back', shared.restore, '< 1000'));
}
