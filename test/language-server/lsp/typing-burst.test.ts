import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializedNotification,
    InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, createProtocolConnection, StreamMessageReader, StreamMessageWriter,
    type Hover, type ProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';

// Typing faster than the server builds, through the shipped bundle (dist/server.cjs) over stdio.
// Nothing here measures time: the edits keep coming until the server has answered, and the
// assertions are about what it answered while they came.
const server = resolve(import.meta.dirname, '../../../dist/server.cjs');

/** A file of `journeys` journeys (about 70 lines each) that refer to a shared system. */
function bigFile(journeys: number): string {
    const out = ['system Crm "Customer records" { type crm }', 'customer Ana "Ana" { value high  clv 900 EUR }', ''];
    for (let j = 0; j < journeys; j++) {
        out.push(`journey J${j} "Journey ${j}" {`, '  customers Ana');
        for (let p = 0; p < 3; p++) out.push(`  process P${p} "Process ${p}" {`, `    owner "Team ${p}"`, '    systems Crm', '  }');
        for (let s = 0; s < 4; s++) {
            out.push(`  stage S${s} "Stage ${s}" {`, `    category ${['awareness', 'consideration', 'purchase', 'delivery'][s]}`);
            for (let t = 0; t < 5; t++) out.push(`    touchpoint T${s}_${t} "Touchpoint ${t}" { channel web  processes P${t % 3}  systems Crm  emotion 1 }`);
            out.push('  }');
        }
        for (let m = 0; m < 3; m++) out.push(`  moment M${m} "Moment ${m}" { at T${m + 1}_0  kind first  polarity positive  impact high }`);
        out.push('  pain Slow "Slow" { at T1_1  severity low }', '}', '');
    }
    return out.join('\n');
}

let child: ChildProcess;
let connection: ProtocolConnection;
let stderr = '';
const published: PublishDiagnosticsParams[] = [];
const dir = mkdtempSync(join(tmpdir(), 'copis-typing-'));
const uri = pathToFileURL(join(dir, 'big.copis')).toString();
const text = bigFile(60);
const lines = text.split('\n');
let version = 1;

/** Sends an insertion at `at` and returns where the cursor is after it. */
function insert(at: { line: number; character: number }, inserted: string): { line: number; character: number } {
    version++;
    void connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: inserted }]
    });
    const parts = inserted.split('\n');
    return { line: at.line + parts.length - 1, character: (parts.length > 1 ? 0 : at.character) + parts[parts.length - 1].length };
}

const waitFor = async (what: string, done: () => boolean) => {
    for (let waited = 0; !done(); waited += 20) {
        if (waited > 60_000) throw new Error(`${what}; server stderr: ${stderr}`);
        await new Promise(r => setTimeout(r, 20));
    }
};

beforeAll(async () => {
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first (npm test does)`);
    writeFileSync(join(dir, 'big.copis'), text);
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', chunk => { stderr += chunk; });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, params => { if (params.uri === uri) published.push(params); });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {},
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }]
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'copis', version: 1, text } });
    await waitFor('no diagnostics for the opened file', () => published.some(p => p.version === 1));
}, 90_000);

afterAll(async () => {
    if (connection) {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        connection.dispose();
    }
    rmSync(dir, { recursive: true, force: true });
});

describe('typing faster than the server builds', () => {
    it('answers a hover and sends diagnostics while the edits keep coming; the last text gets its own diagnostics', async () => {
        // Type a touchpoint's title into the middle journey: the file does not parse while the title is open,
        // so each build parses all of it (far longer than the 10 ms between edits).
        const line = lines.findIndex((l, i) => i > lines.indexOf('journey J30 "Journey 30" {') && l.includes('category ')); // in its first stage
        let cursor = { line, character: lines[line].length };
        const edit = (inserted: string) => { cursor = insert(cursor, inserted); };
        const hoverLine = lines.indexOf('journey J31 "Journey 31" {') + 4; // `    systems Crm` of its first process
        const hoverPosition = { line: hoverLine, character: lines[hoverLine].indexOf('Crm') + 1 };
        const before = published.length;
        edit('\n    touchpoint Typed "');
        // (the inserted line break moves the hover's line down by one)
        const hover = { at: 0, answer: undefined as Hover | null | undefined };
        const hovered = connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { ...hoverPosition, line: hoverPosition.line + 1 } })
            .then(answer => { hover.at = version; hover.answer = answer; });
        const limit = 400;
        let sent = 0;
        // Keep typing (the title) until the hover is answered and diagnostics of the
        // burst have arrived, a little longer, or until the limit: a server that builds every keystroke
        // before answering would answer only once the edits stop.
        // (five keystrokes at a time: however quick the builds, changes arrive while one runs)
        for (let extra = 0; sent < limit && extra < 5; sent += 5) {
            if (hover.at > 0 && published.length > before) extra++;
            for (let i = 0; i < 5; i++) edit('w');
            await new Promise(r => setTimeout(r, 10));
        }
        const last = version;
        edit('" { channel web }'); // closes the title and the touchpoint: the file parses again
        const final = version;
        await hovered;
        await waitFor('no diagnostics for the last text', () => published.some(p => p.version === final));

        // The hover was answered while the edits kept coming, about the system under the cursor.
        expect(hover.at).toBeLessThan(last);
        expect(JSON.stringify(hover.answer?.contents)).toContain('Customer records');
        // Diagnostics came during the burst, each for one version of the text, newest last...
        const burst = published.slice(before);
        const during = burst.filter(p => p.version! < last);
        expect(during.length).toBeGreaterThan(0);
        expect(burst.every(p => typeof p.version === 'number')).toBe(true);
        const versions = burst.map(p => p.version!);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
        // ...saying the typed title is not closed yet.
        expect(during.every(p => p.diagnostics.some(d => d.code === 'syntax'))).toBe(true);
        // Built together: far fewer builds than edits (at most two per five).
        expect(burst.length).toBeLessThan((final - 1) / 2);
        // The last text parses: its diagnostics say so.
        const lastDiagnostics = burst.find(p => p.version === final)!;
        expect(lastDiagnostics.diagnostics.filter(d => d.code === 'syntax')).toEqual([]);
        expect(sent).toBeLessThan(limit);
    }, 120_000);

    it('hovers while lines are added above them describe the name under the cursor, wherever the server is in its builds', async () => {
        // The journey where the typing goes gets a new line above its typing every few keystrokes;
        // the hovers are on `Crm` two journeys below, whose line moves down with each.
        const current = () => published[published.length - 1].version!;
        const start = lines.indexOf('journey J20 "Journey 20" {') + 1; // `  customers Ana`
        let typing = insert({ line: start, character: lines[start].length }, '\n  process Typed "');
        let below = 1; // lines added above the hover since the test's text
        const crmLine = lines.indexOf('journey J22 "Journey 22" {') + 4;
        const crmColumn = lines[crmLine].indexOf('Crm');
        const hovers: Array<Promise<{ asked: number; answer: Hover | null }>> = [];
        for (let i = 1; i <= 120; i++) {
            if (i % 5 === 0) {
                insert({ line: start, character: 0 }, '\n');
                typing = { line: typing.line + 1, character: typing.character };
                below++;
            } else {
                typing = insert(typing, 'x');
            }
            if (i % 7 === 0) {
                const asked = crmLine + below;
                hovers.push(connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: asked, character: crmColumn + 1 } })
                    .then(answer => ({ asked, answer })));
            }
            await new Promise(r => setTimeout(r, 10));
        }
        insert(typing, '" { owner "Team" }');
        const final = version;
        const answers = await Promise.all(hovers);
        await waitFor('no diagnostics for the last text', () => current() === final);
        expect(answers).toHaveLength(17);
        for (const { asked, answer } of answers) {
            expect(JSON.stringify(answer?.contents)).toContain('Customer records');
            expect(answer?.range).toEqual({ start: { line: asked, character: crmColumn }, end: { line: asked, character: crmColumn + 3 } });
        }
        expect(published[published.length - 1].diagnostics.filter(d => d.code === 'syntax')).toEqual([]);
    }, 120_000);

    it('completion asked right after typing is answered on the text it was asked about, not on an older build', async () => {
        // Builds are slow (a title is open in J10) while `processes ` is typed in J40: completion must see it.
        const current = () => published[published.length - 1].version!;
        const slow = lines.findIndex((l, i) => i > lines.indexOf('journey J10 "Journey 10" {') && l.includes('category '));
        let typing = insert({ line: slow, character: lines[slow].length }, '\n    touchpoint Slow "');
        for (let i = 0; i < 30; i++) {
            typing = insert(typing, 'w');
            await new Promise(r => setTimeout(r, 10));
        }
        // (one line was added above J40 by the line break in J10, and 25 by the previous test)
        const stage = lines.findIndex((l, i) => i > lines.indexOf('journey J40 "Journey 40" {') && l.includes('category ')) + 1 + 1 + 25; // the line after its `category`
        const asked = insert({ line: stage, character: 0 }, '    touchpoint Asked { processes ');
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: asked });
        const labels = (Array.isArray(result) ? result : result?.items ?? []).map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['P0', 'P1', 'P2']));
        expect(labels).not.toContain('touchpoint');
        insert(asked, 'P0 }\n');
        insert(typing, '" { channel web }');
        const final = version;
        await waitFor('no diagnostics for the last text', () => current() === final);
        expect(published[published.length - 1].diagnostics.filter(d => d.code === 'syntax')).toEqual([]);
    }, 120_000);
});
