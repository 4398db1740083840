// The CLI on the input a repository really holds: empty, huge, non-UTF-8, CRLF, astral-plane
// characters, thousands of files. Each gets a clear message and the right exit code, never a
// stack trace, and the rest is still validated; positions are UTF-16 columns, as LSP counts them.
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_TRACE, bundle, bundleUnprivileged, copis, fixture, handOver, lines, snapshot, workspace } from './helpers.js';

const shop = fixture('shop.copis');
const broken = fixture('broken.copis');

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

    it('5,000 files in a tree: all validated, one problem found among them; format --check finds the one not formatted', async () => {
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
        // format --check reads the same 5,001 files and finds the one that is not formatted.
        writeFileSync(join(dir, 'team7', 'area2', 'messy.copis'), 'customer   Messy "M"{value low}\n');
        const check = await copis(dir, 'format', '--check');
        expect(check).toEqual({ code: 1, stdout: 'not formatted: team7/area2/messy.copis\n1 of 5002 files not formatted; run copis format to fix\n', stderr: '' });
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

describe('copis format keeps what the file is: links, line ends and a 10 MB file', () => {
    it('a model reached through a symbolic link is formatted where it is; the link stays a link', async () => {
        const dir = workspace({ 'models/real.copis': 'customer   X "X"{value low}\n' });
        symlinkSync('models/real.copis', join(dir, 'linked.copis'));
        expect(await copis(dir, 'format', '--check', 'linked.copis')).toMatchObject({ code: 1, stdout: 'not formatted: linked.copis\n1 of 1 files not formatted; run copis format to fix\n' });
        expect(await copis(dir, 'format', 'linked.copis')).toEqual({ code: 0, stdout: 'formatted: linked.copis\n1 file: 1 formatted\n', stderr: '' });
        expect(lstatSync(join(dir, 'linked.copis')).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(dir, 'models', 'real.copis'), 'utf8')).toBe('customer X "X" { value low }\n');
        expect(readdirSync(join(dir, 'models'))).toEqual(['real.copis']);
        // Reached twice (the link and the folder), the file is formatted once and counted once.
        expect(await copis(dir, 'format', '--check')).toMatchObject({ code: 0, stdout: '1 file: all formatted\n' });
    });

    it('a file in a folder the user cannot write to (the shipped bundle, as an unprivileged user): reported, left as it was, exit 1', () => {
        const dir = workspace({ 'ro/messy.copis': 'customer   X "X"{value low}\n', 'tidy.copis': 'customer   Y "Y"{value low}\n' });
        handOver(dir);
        chmodSync(join(dir, 'ro'), 0o555);
        try {
            const before = snapshot(join(dir, 'ro'));
            const run = bundleUnprivileged(dir, 'format');
            expect(run).toEqual({
                code: 1,
                // Not listed as formatted: it is not.
                stdout: 'formatted: tidy.copis\n2 files: 1 formatted\n',
                stderr: 'copis: ro/messy.copis: could not be written: permission denied (EACCES); choose a folder you can write to; it is unchanged\n'
            });
            expect(snapshot(join(dir, 'ro'))).toEqual(before);
            expect(readFileSync(join(dir, 'tidy.copis'), 'utf8')).toBe('customer Y "Y" { value low }\n');
        } finally {
            chmodSync(join(dir, 'ro'), 0o755);
        }
    });

    it('a 10 MB file with a byte order mark and CRLF line ends: only white space changes, every line end stays CRLF, the mark stays', async () => {
        const model = `/** ${'lorem ipsum '.repeat(850_000)} */\r\n${shop.replace(/\n/g, '\r\n').replace(/ {2}/g, '    ')}`;
        const dir = workspace({ 'big.copis': `\uFEFF${model}` });
        expect(statSync(join(dir, 'big.copis')).size).toBeGreaterThan(10_000_000);
        expect(await copis(dir, 'format')).toEqual({ code: 0, stdout: 'formatted: big.copis\n1 file: 1 formatted\n', stderr: '' });
        const after = readFileSync(join(dir, 'big.copis'), 'utf8');
        expect(after.startsWith('\uFEFF/** lorem ipsum')).toBe(true);
        expect(after).not.toMatch(/(?<!\r)\n/);
        expect(after.replace(/\s/g, '')).toBe(`\uFEFF${model}`.replace(/\s/g, ''));
        expect(after).not.toBe(`\uFEFF${model}`);
        expect(await copis(dir, 'format', '--check')).toEqual({ code: 0, stdout: '1 file: all formatted\n', stderr: '' });
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

// ---- every command on every kind of input it cannot use ------------------------------------------------------

const latin1 = Uint8Array.of(...new TextEncoder().encode('customer A "Caf'), 0xe9, 0x22, 0x0a);
const utf16 = Uint8Array.of(0xff, 0xfe, ...[...'customer U "U"\n'].flatMap(c => [c.charCodeAt(0), 0]));

/**
 * A folder with one model beside one file of every kind that cannot be used: empty (usable: it declares
 * nothing), binary, Latin-1, UTF-16, without read permission, a folder without read permission, two links that
 * point at each other, a link to nothing, a FIFO, and a link to the folder itself (a loop to walk into).
 * It belongs to the user the bundle runs as, so that the modes mean what they say even when the tests run as root.
 */
function unusableTree(): { dir: string; restore: () => void } {
    const dir = workspace({
        'good.copis': shop,
        'empty.copis': '',
        'binary.copis': Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d),
        'latin1.copis': latin1,
        'utf16.copis': utf16,
        'locked.copis': 'customer L "L" { value low }\n',
        'locked-folder/inside.copis': 'customer I "I" { value low }\n'
    });
    symlinkSync('loop-b.copis', join(dir, 'loop-a.copis'));
    symlinkSync('loop-a.copis', join(dir, 'loop-b.copis'));
    symlinkSync('deleted.copis', join(dir, 'dangling.copis'));
    symlinkSync('.', join(dir, 'itself'));
    execFileSync('mkfifo', [join(dir, 'pipe.copis')]);
    handOver(dir);
    chmodSync(join(dir, 'locked.copis'), 0o000);
    chmodSync(join(dir, 'locked-folder'), 0o000);
    return {
        dir,
        restore: () => {
            chmodSync(join(dir, 'locked.copis'), 0o644);
            chmodSync(join(dir, 'locked-folder'), 0o755);
        }
    };
}

/** What copis says about each unusable file (and the unreadable folder), by path. */
const UNUSABLE: Record<string, string> = {
    'binary.copis': 'looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text',
    'dangling.copis': 'broken symbolic link: its target does not exist; fix or remove the link',
    'latin1.copis': 'is not valid UTF-8 text; save it as UTF-8',
    'locked.copis': 'permission denied; make the file readable (chmod a+r) or leave it out',
    'loop-a.copis': 'too many levels of symbolic links; fix the link',
    'loop-b.copis': 'too many levels of symbolic links; fix the link',
    'pipe.copis': 'not a regular file (a FIFO, socket or device); copis reads only regular files',
    'utf16.copis': 'is UTF-16 text; save it as UTF-8'
};
const FOLDER_PROBLEM = 'copis: locked-folder: cannot read this folder (EACCES); its files are left out; make it readable (chmod a+rx)';
const problemLines = (suffix = '') => Object.entries(UNUSABLE).map(([path, message]) => `copis: ${path}: ${message}${suffix}`);
const sortedLines = (text: string) => lines(text).sort();

describe('every command on input it cannot use (the shipped bundle, as an unprivileged user)', () => {
    it('validate names each unusable file and folder on stderr, validates the rest, exits 1; 2 when nothing is usable', () => {
        const { dir, restore } = unusableTree();
        try {
            const run = bundleUnprivileged(dir, 'validate', '--format', 'json');
            expect(sortedLines(run.stderr)).toEqual([FOLDER_PROBLEM, ...problemLines()].sort());
            expect(run.stderr).not.toMatch(STACK_TRACE);
            expect(run.code).toBe(1);
            const json = JSON.parse(run.stdout);
            expect(json.files).toEqual(['empty.copis', 'good.copis']);
            expect(json.summary).toEqual({ files: 2, errors: 0, warnings: 0, information: 0 });
            // Named one by one, only the unusable files: each reported, nothing to validate, exit 2.
            const only = bundleUnprivileged(dir, 'validate', ...Object.keys(UNUSABLE), 'missing.copis');
            expect(sortedLines(only.stderr)).toEqual([
                ...problemLines(), 'copis: missing.copis: no such file or folder; check the path',
                'copis: nothing to validate: no readable .copis file found; pass the files or folders that hold your models (copis validate --help)'
            ].sort());
            expect(only).toMatchObject({ code: 2, stdout: '' });
        } finally {
            restore();
        }
    });

    it('format --check and format: the same messages, the usable files checked and formatted, every other byte left as it was', () => {
        const { dir, restore } = unusableTree();
        try {
            writeFileSync(join(dir, 'good.copis'), shop.replace(/ {2}/g, '    ')); // not formatted
            handOver(dir);
            const before = snapshot(dir);
            const check = bundleUnprivileged(dir, 'format', '--check');
            expect(sortedLines(check.stderr)).toEqual([FOLDER_PROBLEM, ...problemLines()].sort());
            expect(check).toMatchObject({ code: 1, stdout: 'not formatted: good.copis\n1 of 2 files not formatted; run copis format to fix\n' });
            expect(snapshot(dir)).toEqual(before);

            const format = bundleUnprivileged(dir, 'format');
            expect(sortedLines(format.stderr)).toEqual([FOLDER_PROBLEM, ...problemLines()].sort());
            expect(format.stderr).not.toMatch(STACK_TRACE);
            expect(format).toMatchObject({ code: 1, stdout: 'formatted: good.copis\n2 files: 1 formatted\n' });
            const after = snapshot(dir);
            expect(Object.keys(after)).toEqual(Object.keys(before));
            for (const path of Object.keys(before).filter(p => p !== 'good.copis')) expect(after[path], path).toBe(before[path]);
            expect(bundleUnprivileged(dir, 'format', '--check', 'good.copis')).toMatchObject({ code: 0, stdout: '1 file: all formatted\n' });

            const only = bundleUnprivileged(dir, 'format', ...Object.keys(UNUSABLE));
            expect(only.code).toBe(2);
            expect(only.stderr).toMatch(/copis: nothing to format: no readable \.copis file found/);
        } finally {
            restore();
        }
    });

    it('export: an unusable FILE is exit 2 with its message and nothing written; unusable files around a good FILE are left out', () => {
        const { dir, restore } = unusableTree();
        try {
            const before = snapshot(dir);
            for (const [path, message] of Object.entries({ ...UNUSABLE, 'missing.copis': 'no such file; check the path' })) {
                const run = bundleUnprivileged(dir, 'export', path, '--to', 'svg', '-o', 'out.svg');
                expect(run, path).toEqual({ code: 2, stdout: '', stderr: `copis: ${path}: ${message}\n` });
            }
            const empty = bundleUnprivileged(dir, 'export', 'empty.copis', '--to', 'svg', '-o', 'out.svg');
            expect(empty.code).toBe(2);
            // The files around it were loaded (and their problems listed) before the journey was looked for.
            expect(empty.stderr.trimEnd().split('\n').at(-1)).toMatch(/^copis: empty\.copis: declares no journey; /);
            expect(snapshot(dir)).toEqual(before);

            const good = bundleUnprivileged(dir, 'export', 'good.copis', '--to', 'svg', '-o', 'out.svg');
            expect(sortedLines(good.stderr)).toEqual([FOLDER_PROBLEM, ...problemLines('; exporting without it')].sort());
            expect(good).toMatchObject({ code: 0, stdout: 'exported: out.svg\n' });
            expect(readFileSync(join(dir, 'out.svg'), 'utf8')).toMatch(/^<svg [^]*>Browse<\/text>[^]*<\/svg>\n$/);
        } finally {
            restore();
        }
    });
});

// ---- positions: lines as LSP counts them (\r\n, \r, \n), columns in UTF-16 code units ---------------------------

describe('positions with CRLF, CR, a byte order mark and astral-plane characters, in every output format (the shipped bundle)', () => {
    // pos.copis, line 3: `  customers Nobody /* ` is 22 units, the emoji 2, ` */ , ` 6: `Nob2` starts at column 31.
    // cr.copis, line 2: `  customers /*🚚*/` is 18 units. syntax.copis, line 2: `  customers C ` is 14 units,
    // the emoji 2 more: the unexpected `😀` is 2:15-2:17. (A file that does not parse shows its syntax errors
    // only, so the other rules' positions are checked in files that parse.)
    const files = {
        'pos.copis': '\uFEFFjourney J "😀🚚" {\r\n  customers C /* 😀 */\r\n  customers Nobody /* 😀 */ , Nob2\r\n}\r\n',
        'cr.copis': 'journey K "K" {\r  customers /*🚚*/Nobody\r}\r',
        'syntax.copis': '\uFEFFjourney L "🚚" {\r\n  customers C 😀\r\n}\r\n'
    };
    // [file, line, column, endLine, endColumn, code]: the BOM is not a column; a lone \r ends a line.
    const expected = [
        ['cr.copis', 1, 9, 1, 10, 'journey-without-stages'],
        ['cr.copis', 2, 19, 2, 25, 'unresolved-reference'],
        ['pos.copis', 1, 9, 1, 10, 'journey-without-stages'],
        ['pos.copis', 2, 13, 2, 14, 'unresolved-reference'],
        ['pos.copis', 3, 13, 3, 19, 'unresolved-reference'],
        ['pos.copis', 3, 31, 3, 35, 'unresolved-reference'],
        ['syntax.copis', 2, 15, 2, 17, 'syntax']
    ];

    it('json, sarif, text and github agree on every position', () => {
        const dir = workspace(files);
        const json = bundle(dir, 'validate', '--format', 'json');
        expect(json.code).toBe(1);
        const diagnostics = JSON.parse(json.stdout).diagnostics as { file: string; line: number; column: number; endLine: number; endColumn: number; code: string; message: string }[];
        expect(diagnostics.map(d => [d.file, d.line, d.column, d.endLine, d.endColumn, d.code])).toEqual(expected);

        const sarif = JSON.parse(bundle(dir, 'validate', '--format', 'sarif').stdout);
        const regions = sarif.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }) => {
            const { artifactLocation, region } = r.locations[0].physicalLocation;
            return [artifactLocation.uri, region.startLine, region.startColumn, region.endLine, region.endColumn, r.ruleId];
        });
        expect(regions).toEqual(expected);

        const text = bundle(dir, 'validate').stdout.split('\n').filter(l => / {2}(error|warning|information) {2}/.test(l));
        expect(text.map(l => /^(\S+):(\d+):(\d+) {2}.* {2}(\S+)$/.exec(l)!.slice(1))).toEqual(expected.map(e => [e[0], String(e[1]), String(e[2]), e[5]]));

        const github = bundle(dir, 'validate', '--format', 'github').stdout.split('\n').filter(l => l.startsWith('::'));
        expect(github.map(l => /file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^:]+)::/.exec(l)!.slice(1)))
            .toEqual(expected.map(e => e.map(String)));
    });

    it('a message about half an emoji is still valid Unicode: no lone surrogate in JSON, SARIF or text', () => {
        const dir = workspace(files);
        const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
        for (const format of ['json', 'sarif']) {
            const stdout = bundle(dir, 'validate', '--format', format).stdout;
            // The text itself, and every string in it once parsed (a `\ud83d` escape is valid JSON but no character).
            expect(stdout, format).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
            const strings: string[] = [];
            JSON.parse(stdout, (_, value) => (typeof value === 'string' && strings.push(value), value));
            expect(strings.filter(s => lone.test(s)), format).toEqual([]);
        }
        const text = bundle(dir, 'validate');
        expect(text.stdout).not.toContain('\uFFFD\uFFFD');
        expect(text.stdout).toMatch(/^syntax\.copis:2:15 {2}error {2}Unexpected character `.+`; it has no meaning in a \.copis file\. {2}syntax$/m);
    });
});
