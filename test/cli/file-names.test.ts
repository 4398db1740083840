// File names are not text the CLI may print as it is. A name can hold line breaks and workflow commands
// (`x\n::error file=README.md,line=1::…\n::stop-commands::…`): printed raw on stderr by `validate --format
// github`, or on stdout by `format --check` (the documented CI step), it forged annotations on a pull request
// and hid the real ones. And a name can be bytes that are not UTF-8 (`bad\xff\xfename.copis`), which copis
// reported as "no such file (it disappeared while copis ran)" and never validated.
// Each is run through the shipped bundle, as CI runs it, and every stream of every mode is checked.
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, fixture, workspace, type Run } from './helpers.js';

const FORGED = 'x\n::error file=README.md,line=1::forged\n::stop-commands::token.copis';
const FORGED_SHOWN = 'x\\n::error file=README.md,line=1::forged\\n::stop-commands::token.copis';
const BINARY = 'y\n::stop-commands::token\r::warning::binary\u001b[2K.copis';
const BINARY_SHOWN = 'y\\n::stop-commands::token\\r::warning::binary\\x1B[2K.copis';
const MESSY = 'z\u2028::notice::messy.copis';
const MESSY_SHOWN = 'z\\u{2028}::notice::messy.copis';

/** A workflow command at the start of a line, or a line break other than \n anywhere: what a name must never produce. */
function expectNoForgedLines(run: Run, label: string, legitimate = 0): void {
    for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
        const commands = text.split('\n').filter(line => line.startsWith('::'));
        // The only workflow commands are copis's own annotations, one per diagnostic (github format, stdout).
        expect(commands.filter(line => !/^::(error|warning|notice) file=[^:\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[\w-]+::/.test(line)), `${label} ${stream}`).toEqual([]);
        if (stream === 'stdout') expect(commands.length, label).toBe(legitimate);
        expect(text, `${label} ${stream}`).not.toMatch(/[\r\v\f\u0085\u2028\u2029\u001b]/);
    }
}

/** A model whose name forges annotations, an unreadable file whose name stops workflow commands, one not formatted, and shop.copis. */
function forgedNames(): string {
    return workspace({
        [FORGED]: 'journey J "J" { customers Nobody }\n',
        [BINARY]: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0),
        [MESSY]: 'customer   M "M"{value low}\n',
        'shop.copis': fixture('shop.copis')
    });
}

describe('a file name with line breaks and workflow commands', () => {
    it('validate: escaped in text, github, json and sarif, and in the problems on stderr', () => {
        const dir = forgedNames();
        const text = bundle(dir, 'validate');
        expectNoForgedLines(text, 'text');
        expect(text.stdout).toContain(`${FORGED_SHOWN}:1:27  error  \`Nobody\` is not declared`);
        expect(text.stderr).toBe(`copis: ${BINARY_SHOWN}: looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text\n`);

        const github = bundle(dir, 'validate', '--format', 'github');
        const diagnostics = JSON.parse(bundle(dir, 'validate', '--format', 'json').stdout).diagnostics.length;
        expectNoForgedLines(github, 'github', diagnostics);
        expect(github.stdout).toContain(`::error file=x\\n%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged\\n%3A%3Astop-commands%3A%3Atoken.copis,line=1,col=27,`);
        expect(github.stderr).toBe(text.stderr);

        for (const format of ['json', 'sarif']) {
            const run = bundle(dir, 'validate', '--format', format);
            expectNoForgedLines(run, format);
            const json = JSON.parse(run.stdout);
            const files = format === 'json' ? json.files : json.runs[0].artifacts.map((a: { location: { uri: string } }) => decodeURIComponent(a.location.uri));
            expect(files, format).toEqual(['shop.copis', FORGED_SHOWN, MESSY_SHOWN]);
        }
    });

    it('format --check and format: escaped in what is not formatted, what was formatted, and the problems', () => {
        const dir = forgedNames();
        const check = bundle(dir, 'format', '--check');
        expectNoForgedLines(check, 'format --check');
        expect(check.stdout).toBe(`not formatted: shop.copis\nnot formatted: ${MESSY_SHOWN}\n2 of 3 files not formatted; run copis format to fix\n`);
        expect(check.stderr).toBe(`copis: ${BINARY_SHOWN}: looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text\n`);
        const format = bundle(dir, 'format');
        expectNoForgedLines(format, 'format');
        expect(format.stdout).toBe(`formatted: shop.copis\nformatted: ${MESSY_SHOWN}\n3 files: 2 formatted\n`);
        // The file is formatted under its own name.
        expect(readFileSync(join(dir, MESSY), 'utf8')).toBe('customer M "M" { value low }\n');
    });

    it('export: escaped in `exported:`, in the problems of the files around FILE, and in every refusal that names a path', () => {
        const dir = forgedNames();
        const ok = bundle(dir, 'export', 'shop.copis', '--to', 'svg', '-o', `out\n::error::forged.svg`);
        expectNoForgedLines(ok, 'export');
        expect(ok.stdout).toBe('exported: out\\n::error::forged.svg\n');
        expect(ok.stderr).toContain(`copis: ${BINARY_SHOWN}: looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text; exporting without it\n`);
        expect(ok.stderr).toContain(`${FORGED_SHOWN}:1:27  error`);
        mkdirSync(join(dir, 'folder\n::error::f'));
        const refusals = [
            bundle(dir, 'export', MESSY, '--to', 'svg'),
            bundle(dir, 'export', 'shop.copis', '--to', 'svg', '-o', 'folder\n::error::f'),
            bundle(dir, 'export', 'shop.copis', '--to', 'svg', '-o', 'm\n::error::.copis'),
            bundle(dir, 'export', 'nope\n::error::x.copis', '--to', 'svg'),
            bundle(dir, 'export', 'shop.copis', '--to', 'svg', '--workspace', 'w\n::error::w'),
            bundle(dir, 'export', 'shop.copis', '--to', 'svg', '--journey', 'J\n::error::j'),
            bundle(dir, 'validate', '--format', 'json\n::error::x'),
            bundle(dir, 'validate', '--bad-option\n::error::x')
        ];
        refusals.forEach((run, i) => {
            expect(run.code, String(i)).toBe(2);
            expectNoForgedLines(run, `refusal ${i}`);
        });
        expect(refusals[0].stderr.trimEnd().split('\n').at(-1)).toMatch(/^copis: z\\u\{2028\}::notice::messy\.copis: declares no journey; /);
        expect(refusals[1].stderr).toBe("copis: -o folder\\n::error::f: is a folder; name the output file, e.g. -o folder\\n::error::f/journey.svg\n");
        expect(refusals[3].stderr).toBe('copis: nope\\n::error::x.copis: no such file; check the path\n');
    });

    it('a glob and a symbolic link reach such a file, and show it escaped', () => {
        const dir = forgedNames();
        const glob = bundle(dir, 'validate', '*.copis', '--format', 'json');
        expectNoForgedLines(glob, 'glob');
        expect(JSON.parse(glob.stdout).files).toEqual(['shop.copis', FORGED_SHOWN, MESSY_SHOWN]);
        // Reached through a link whose name comes first, the file is shown by that name (each file once).
        symlinkSync(FORGED, join(dir, 'link\n::error::l.copis'));
        const linked = bundle(dir, 'validate', '--format', 'github');
        expectNoForgedLines(linked, 'link', JSON.parse(bundle(dir, 'validate', '--format', 'json').stdout).diagnostics.length);
        expect(linked.stdout).toContain('::error file=link\\n%3A%3Aerror%3A%3Al.copis,line=1,col=27,');
    });
});

// ---- names that are not UTF-8 ----------------------------------------------------------------------------------

const latin1Name = (name: string) => Buffer.from(name, 'latin1');

describe('a file name that is not UTF-8', () => {
    /** shop.copis's journey, with its customer declared in `bad\xff\xfename.copis` (and a duplicate there). */
    function withBadName(): { dir: string; bad: Buffer } {
        const dir = workspace({
            'buy.copis': fixture('shop.copis').replace('customer Shopper "Shopper" { value medium clv 300 EUR }\n', ''),
            'sub/other.copis': 'system Shop "Duplicate" { type web }\n'
        });
        const bad = Buffer.concat([Buffer.from(`${dir}/`), latin1Name('bad\xff\xfename.copis')]);
        writeFileSync(bad, 'customer   Shopper "Shopper" { value medium clv 300 EUR }\n');
        return { dir, bad };
    }

    it('is found, read and validated, and shown with its bytes escaped (text and JSON)', () => {
        const { dir } = withBadName();
        const run = bundle(dir, 'validate', '--format', 'json');
        expect(run.stderr).toBe('');
        const json = JSON.parse(run.stdout);
        expect(json.files).toEqual(['bad\\xFF\\xFEname.copis', 'buy.copis', 'sub/other.copis']);
        // Shopper is declared there: buy.copis's references to it resolve.
        expect(json.diagnostics.filter((d: { code: string }) => d.code === 'unresolved-reference')).toEqual([]);
        const text = bundle(dir, 'validate');
        expect(text.stdout).toMatch(/\n3 files: /);
        expect(text.stdout).not.toContain('\uFFFD');
    });

    it('a message about it names it escaped', () => {
        const { dir, bad } = withBadName();
        writeFileSync(bad, 'customer Shopper "Shopper" { value medium clv 300 EUR }\nsystem Shop "Again" { type web }\n');
        const text = bundle(dir, 'validate');
        expect(text.stdout).toContain('buy.copis:1:8  error  `Shop` is already declared as a system (at bad\\xFF\\xFEname.copis:2); rename one of them.  duplicate-name');
    });

    it('a glob matches it; format formats it under its own name; format --check lists it', () => {
        const { dir, bad } = withBadName();
        expect(JSON.parse(bundle(dir, 'validate', '*.copis', '--format', 'json').stdout).files).toEqual(['bad\\xFF\\xFEname.copis', 'buy.copis']);
        expect(bundle(dir, 'format', '--check', '*.copis')).toMatchObject({ code: 1, stdout: 'not formatted: bad\\xFF\\xFEname.copis\nnot formatted: buy.copis\n2 of 2 files not formatted; run copis format to fix\n' });
        expect(bundle(dir, 'format', '*.copis')).toEqual({ code: 0, stdout: 'formatted: bad\\xFF\\xFEname.copis\nformatted: buy.copis\n2 files: 2 formatted\n', stderr: '' });
        expect(readFileSync(bad, 'utf8')).toBe('customer Shopper "Shopper" { value medium  clv 300 EUR }\n');
        // Still under the same bytes, and nothing else beside it.
        expect(readdirSync(dir, { encoding: 'buffer' }).map(n => n.toString('hex')).sort()).toEqual([latin1Name('bad\xff\xfename.copis'), Buffer.from('buy.copis'), Buffer.from('sub')].map(b => b.toString('hex')).sort());
    });

    it('an export loads it with FILE, so that the journey draws its customer', () => {
        const { dir } = withBadName();
        const run = bundle(dir, 'export', 'buy.copis', '--to', 'json');
        expect(run.code).toBe(0);
        const json = JSON.parse(run.stdout);
        expect(json.files).toEqual(['buy.copis', 'bad\\xFF\\xFEname.copis', 'sub/other.copis']);
        expect(json.journey.customers).toEqual(['Shopper']);
        expect(json.journey.customerDetails[0].location.file).toBe('bad\\xFF\\xFEname.copis');
    });
});
