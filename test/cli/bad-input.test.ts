// The CLI on the input a repository really holds: empty, huge, non-UTF-8, CRLF, astral-plane
// characters, thousands of files. Each gets a clear message and the right exit code, never a
// stack trace, and the rest is still validated; positions are UTF-16 columns, as LSP counts them.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, copis, fixture, workspace } from './helpers.js';

const shop = fixture('shop.copis');
const broken = fixture('broken.copis');

/** Every file under `dir` with its size and modification time: what an export may not touch. */
function snapshot(dir: string): Record<string, string> {
    const result: Record<string, string> = {};
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) walk(path);
            else result[path.slice(dir.length + 1)] = `${statSync(path).size}:${statSync(path).mtimeMs}`;
        }
    };
    walk(dir);
    return result;
}

describe('copis validate on unusual input', () => {
    it('an empty file is a file without problems', async () => {
        const dir = workspace({ 'empty.copis': '', 'shop.copis': shop });
        expect(await copis(dir, 'validate')).toEqual({ code: 0, stdout: '2 files: no problems\n', stderr: '' });
    });

    it('a 10 MB file (a huge doc comment) and a 10 MB file of prose: validated, one syntax error for the prose', async () => {
        const dir = workspace({
            'big-doc.copis': `/** ${'lorem ipsum '.repeat(850_000)} */\n${shop}`,
            'prose.copis': `${'lorem ipsum dolor sit amet '.repeat(40)}\n`.repeat(9_000)
        });
        expect(statSync(join(dir, 'big-doc.copis')).size).toBeGreaterThan(10_000_000);
        const run = await copis(dir, 'validate', '--format', 'json');
        expect(run.code).toBe(1);
        const json = JSON.parse(run.stdout);
        expect(json.files).toEqual(['big-doc.copis', 'prose.copis']);
        expect(json.diagnostics.filter((d: { file: string }) => d.file === 'big-doc.copis')).toEqual([]);
        const prose = json.diagnostics.filter((d: { file: string }) => d.file === 'prose.copis');
        expect(prose.map((d: { code: string; line: number }) => `${d.line}:${d.code}`)).toEqual(['1:syntax']);
    });

    it('invalid UTF-8 is named and left out; the others are validated (the shipped bundle, no stack trace)', () => {
        const dir = workspace({ 'latin1.copis': Uint8Array.of(...new TextEncoder().encode('customer A "Caf'), 0xe9, 0x22, 0x0a), 'broken.copis': broken });
        const run = bundle(dir, 'validate');
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('copis: latin1.copis: is not valid UTF-8 text; save it as UTF-8\n');
        expect(run.stdout).toContain('broken.copis:2:77  error');
        expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    });

    it('CRLF line ends: lines and UTF-16 columns are those of the text, in every output format', async () => {
        const dir = workspace({ 'crlf.copis': 'journey J "J" {\r\n  customers Nobody\r\n}\r\n' });
        const text = await copis(dir, 'validate');
        expect(text.stdout).toContain('crlf.copis:2:13  error  `Nobody` is not declared');
        const json = JSON.parse((await copis(dir, 'validate', '--format', 'json')).stdout);
        const unresolved = json.diagnostics.find((d: { code: string }) => d.code === 'unresolved-reference');
        expect([unresolved.line, unresolved.column, unresolved.endLine, unresolved.endColumn]).toEqual([2, 13, 2, 19]);
        const github = (await copis(dir, 'validate', '--format', 'github')).stdout;
        expect(github).toContain('::error file=crlf.copis,line=2,col=13,endLine=2,endColumn=19,title=unresolved-reference::');
    });

    it('astral-plane characters (emoji) count as two UTF-16 units before a diagnostic', async () => {
        // `journey J "` is 11 units, two emoji 4, `" { customers ` 14: Nobody starts at column 30.
        const dir = workspace({ 'astral.copis': 'journey J "😀🚚" { customers Nobody }\n' });
        const json = JSON.parse((await copis(dir, 'validate', '--format', 'json')).stdout);
        const unresolved = json.diagnostics.find((d: { code: string }) => d.code === 'unresolved-reference');
        expect([unresolved.line, unresolved.column, unresolved.endColumn]).toEqual([1, 30, 36]);
        const sarif = JSON.parse((await copis(dir, 'validate', '--format', 'sarif')).stdout);
        const region = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'unresolved-reference').locations[0].physicalLocation.region;
        expect(region).toEqual({ startLine: 1, startColumn: 30, endLine: 1, endColumn: 36 });
    });

    it('5,000 files in a tree: all validated, one problem found among them', async () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 5000; i++) files[`team${i % 50}/area${i % 7}/c${i}.copis`] = `customer C${i} "Customer ${i}" { value low }\n`;
        files['team3/area1/typo.copis'] = 'journey Typo "Typo" { customers C1, Nobdy }\n';
        const dir = workspace(files);
        const run = await copis(dir, 'validate', '--format', 'json', '--quiet');
        expect(run.code).toBe(1);
        const json = JSON.parse(run.stdout);
        expect(json.summary.files).toBe(5001);
        expect(json.diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`)).toEqual(['team3/area1/typo.copis unresolved-reference']);
        expect(run.stderr).toBe('');
    }, 60_000);
});

describe('copis format keeps what the file is', () => {
    it('a CRLF file with a byte order mark stays CRLF with its mark', async () => {
        const dir = workspace({ 'win.copis': '\uFEFFcustomer   B "B" {\r\n value high }\r\n' });
        expect((await copis(dir, 'format')).code).toBe(0);
        expect(readFileSync(join(dir, 'win.copis'), 'utf8')).toBe('\uFEFFcustomer B "B" { value high }\r\n');
        expect(await copis(dir, 'format', '--check')).toEqual({ code: 0, stdout: '1 file: all formatted\n', stderr: '' });
    });

    it('an empty file stays empty; invalid UTF-8 is named and left byte for byte', async () => {
        const latin1 = Uint8Array.of(...new TextEncoder().encode('customer A "Caf'), 0xe9, 0x22, 0x0a);
        const dir = workspace({ 'empty.copis': '', 'latin1.copis': latin1 });
        const run = await copis(dir, 'format');
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('copis: latin1.copis: is not valid UTF-8 text; save it as UTF-8\n');
        expect(readFileSync(join(dir, 'empty.copis'), 'utf8')).toBe('');
        expect([...readFileSync(join(dir, 'latin1.copis'))]).toEqual([...latin1]);
    });
});

describe('copis export never writes outside the path given', () => {
    it('a successful export adds exactly the output file; a failed one changes nothing at all', async () => {
        const dir = workspace({ 'shop.copis': shop, 'out/keep.svg': 'previous export' });
        const before = snapshot(dir);
        expect((await copis(dir, 'export', 'shop.copis', '--to', 'svg', '-o', 'out/new.svg')).code).toBe(0);
        const after = snapshot(dir);
        expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'out/new.svg'].sort());
        for (const [path, stamp] of Object.entries(before)) expect(after[path], path).toBe(stamp);

        // An unknown journey fails: the existing output and everything else stay as they were.
        writeFileSync(join(dir, 'out', 'new.svg'), 'kept');
        const kept = snapshot(dir);
        const failed = await copis(dir, 'export', 'shop.copis', '--to', 'svg', '--journey', 'Nope', '-o', 'out/new.svg');
        expect(failed.code).toBe(2);
        expect(snapshot(dir)).toEqual(kept);
        expect(readFileSync(join(dir, 'out', 'new.svg'), 'utf8')).toBe('kept');
    });
});
