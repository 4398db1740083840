import { chmodSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleUnprivileged, copis, fixture, handOver, lines, workspace } from '../helpers.js';

const shop = fixture('shop.copis');
const returns = fixture('returns.copis');
const warnings = fixture('warnings.copis');
const broken = fixture('broken.copis');

describe('copis validate: results and exit codes', () => {
    it('exits 0 and says "no problems" on a clean workspace', async () => {
        const dir = workspace({ 'shop.copis': shop });
        const run = await copis(dir, 'validate');
        expect(run).toEqual({ code: 0, stdout: '1 file: no problems\n', stderr: '' });
    });

    it('resolves references across files: each file alone has errors, together none', async () => {
        const dir = workspace({ 'shop.copis': shop, 'more/returns.copis': returns });
        const alone = await copis(dir, 'validate', 'more/returns.copis');
        expect(alone.code).toBe(1);
        expect(alone.stdout).toMatch(/^more\/returns\.copis:3:13 {2}error {2}`Shopper` is not declared.* {2}unresolved-reference$/m);
        const together = await copis(dir, 'validate', '.');
        expect(together).toEqual({ code: 0, stdout: '2 files: no problems\n', stderr: '' });
    });

    it('exits 1 on an error, with one text line per diagnostic and the summary', async () => {
        const dir = workspace({ 'broken.copis': broken, 'shop.copis': shop });
        const run = await copis(dir, 'validate');
        expect(run.code).toBe(1);
        const out = lines(run.stdout);
        expect(out.at(-1)).toBe('2 files: 1 error, 1 warning, 1 information');
        for (const line of out.slice(0, -1)) expect(line).toMatch(/^broken\.copis:\d+:\d+ {2}(error|warning|information) {2}\S.* {2}[a-z-]+$/);
        expect(out).toContain('broken.copis:2:77  error  `Nope` is not declared: `processes` expects a process; declare it or correct the name.  unresolved-reference');
    });

    it('reports a syntax error with the code `syntax`', async () => {
        const dir = workspace({ 'syntax.copis': fixture('syntax.copis') });
        const run = await copis(dir, 'validate', '--format', 'json');
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout).diagnostics).toContainEqual(expect.objectContaining({ code: 'syntax', severity: 'error', line: 1 }));
    });

    it('exits 0 with warnings and no limit, 0 within --max-warnings, 1 over it', async () => {
        const dir = workspace({ 'shop.copis': shop, 'warnings.copis': warnings });
        const none = await copis(dir, 'validate');
        expect(none.code).toBe(0);
        expect(lines(none.stdout).at(-1)).toBe('2 files: 0 errors, 2 warnings, 2 information');
        expect((await copis(dir, 'validate', '--max-warnings', '2')).code).toBe(0);
        const over = await copis(dir, 'validate', '--max-warnings', '1');
        expect(over.code).toBe(1);
        expect(over.stderr).toBe('copis: too many warnings: 2 (--max-warnings 1)\n');
    });

    it('--quiet shows errors only, but hidden warnings still count for --max-warnings', async () => {
        const dir = workspace({ 'broken.copis': broken, 'warnings.copis': warnings });
        const quiet = await copis(dir, 'validate', '--quiet');
        expect(quiet.code).toBe(1);
        const out = lines(quiet.stdout);
        expect(out.slice(0, -1).every(l => l.includes('  error  '))).toBe(true);
        expect(out.slice(0, -1)).toHaveLength(1);
        expect(out.at(-1)).toBe('2 files: 1 error, 3 warnings, 3 information (6 not shown: --quiet)');

        const onlyWarnings = workspace({ 'warnings.copis': warnings });
        const hidden = await copis(onlyWarnings, 'validate', '-q', '--max-warnings', '0');
        expect(hidden.code).toBe(1);
        expect(lines(hidden.stdout)).toEqual(['1 file: 0 errors, 2 warnings, 2 information (4 not shown: --quiet)']);
        const json = JSON.parse((await copis(onlyWarnings, 'validate', '-q', '--format', 'json')).stdout);
        expect(json.diagnostics).toEqual([]);
        expect(json.summary).toEqual({ files: 1, errors: 0, warnings: 2, information: 2 });
    });

    it('prints JSON sorted by file then position, with relative paths', async () => {
        const dir = workspace({ 'z/broken.copis': broken, 'a/warnings.copis': warnings });
        const run = await copis(dir, 'validate', '--format', 'json');
        expect(run.code).toBe(1);
        const json = JSON.parse(run.stdout);
        expect(json.files).toEqual(['a/warnings.copis', 'z/broken.copis']);
        const keys = json.diagnostics.map((d: { file: string; line: number; column: number }) => [d.file, d.line, d.column]);
        expect(keys).toEqual([...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]));
        expect(json.diagnostics[0].file).toBe('a/warnings.copis');
        for (const d of json.diagnostics) {
            expect(typeof d.line).toBe('number');
            expect(typeof d.endColumn).toBe('number');
            expect(['error', 'warning', 'information']).toContain(d.severity);
        }
        expect(json.summary).toEqual({ files: 2, errors: 1, warnings: 3, information: 3 });
    });

    it('prints SARIF and github commands for the same diagnostics', async () => {
        const dir = workspace({ 'broken.copis': broken });
        const sarif = JSON.parse((await copis(dir, 'validate', '--format', 'sarif')).stdout);
        const results = sarif.runs[0].results;
        expect(results.map((r: { level: string }) => r.level)).toEqual(['warning', 'note', 'error']);
        expect(results[2].locations[0].physicalLocation).toEqual({
            artifactLocation: { uri: 'broken.copis', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 77, endLine: 2, endColumn: 81 }
        });
        expect(sarif.runs[0].tool.driver.version).toBe('test-version');
        const github = await copis(dir, 'validate', '--format', 'github');
        expect(github.code).toBe(1);
        expect(lines(github.stdout).slice(0, 3).map(l => l.slice(0, l.indexOf(' ')))).toEqual(['::warning', '::notice', '::error']);
        expect(github.stdout).toContain('::error file=broken.copis,line=2,col=77,endLine=2,endColumn=81,title=unresolved-reference::`Nope` is not declared');
    });

    it('strips a UTF-8 byte order mark', async () => {
        const dir = workspace({ 'shop.copis': '\uFEFF' + shop });
        expect(await copis(dir, 'validate')).toEqual({ code: 0, stdout: '1 file: no problems\n', stderr: '' });
    });
});

describe('copis validate --as-of', () => {
    const overdue = `customer C
process P { owner "x" }
journey J {
  customers C
  objective O { kpi K { metric nps  current -4  target >= 10  due 2026-10-31 } }
  stage S { touchpoint T { channel web  processes P } }
  moment M { at T  kpis K }
  opportunity Fix { addresses M  improves K }
}
`;

    it('judges due dates as of the date given: overdue after it, not before', async () => {
        const dir = workspace({ 'j.copis': overdue });
        const after = await copis(dir, 'validate', '--as-of', '2026-11-01');
        expect(lines(after.stdout)).toEqual([
            'j.copis:5:21  information  KPI `K` is off target: current -4, target >= 10.  kpi-off-target',
            'j.copis:5:67  warning  KPI `K` was due on 2026-10-31 and is still off target (current -4, target >= 10) as of 2026-11-01; update `current`, or agree a new `due` date.  kpi-overdue',
            '1 file: 0 errors, 1 warning, 1 information'
        ]);
        expect(after.code).toBe(0);
        expect((await copis(dir, 'validate', '--as-of', '2026-11-01', '--max-warnings', '0')).code).toBe(1);
        const before = await copis(dir, 'validate', '--as-of', '2026-10-31', '--format', 'json');
        expect(JSON.parse(before.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['kpi-off-target']);
    });

    it('refuses a date that is not YYYY-MM-DD or not real (exit 2, says what to write)', async () => {
        const dir = workspace({ 'j.copis': overdue });
        for (const bad of ['31.10.2026', '2026-02-30', 'today']) {
            const run = await copis(dir, 'validate', '--as-of', bad);
            expect(run.code, bad).toBe(2);
            expect(run.stdout).toBe('');
            expect(run.stderr, bad).toContain('YYYY-MM-DD');
        }
    });

    it('is in the help', async () => {
        expect((await copis(workspace(), 'validate', '--help')).stdout.replace(/\s+/g, ' ')).toContain('--as-of <date> judge KPI due dates (kpi-overdue) and read actuals as of this date, YYYY-MM-DD (default: today)');
    });
});

describe('copis validate: input that cannot be used', () => {
    it('names a missing path on stderr and still validates the good file', async () => {
        const dir = workspace({ 'broken.copis': broken });
        const run = await copis(dir, 'validate', 'missing.copis', 'broken.copis');
        expect(run.stderr).toBe('copis: missing.copis: no such file or folder; check the path\n');
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('broken.copis:2:77  error');
        const clean = workspace({ 'shop.copis': shop });
        // The good file is clean, but a path that names nothing must not let CI pass.
        expect((await copis(clean, 'validate', 'nope/', 'shop.copis')).code).toBe(1);
    });

    it('reports a folder with no .copis file; with nothing else to read, exits 2', async () => {
        const dir = workspace({ 'docs/readme.md': '# hi', 'node_modules/x/a.copis': shop });
        const run = await copis(dir, 'validate', 'docs');
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^copis: docs: no \.copis files in this folder .*\n/);
        expect(run.stderr).toMatch(/nothing to validate/);
        const root = await copis(dir, 'validate');
        expect(root.code).toBe(2);
        expect(root.stderr).toMatch(/^copis: \.: no \.copis files in this folder \(node_modules, dot-folders, gitignored files and what copis\.config\.json excludes are skipped\)/);
    });

    it('reports a binary file and validates the others', async () => {
        const dir = workspace({ 'shop.copis': shop, 'image.copis': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
        const run = await copis(dir, 'validate', '--format', 'json');
        expect(run.stderr).toBe('copis: image.copis: looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text\n');
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout).files).toEqual(['shop.copis']);
    });

    it('reports a broken symbolic link named *.copis (unreadable even as root) and validates the others', async () => {
        const dir = workspace({ 'shop.copis': shop });
        symlinkSync(join(dir, 'deleted.copis'), join(dir, 'link.copis'));
        const run = await copis(dir, 'validate');
        expect(run.stderr).toBe('copis: link.copis: broken symbolic link: its target does not exist; fix or remove the link\n');
        expect(run).toMatchObject({ code: 1, stdout: '1 file: no problems\n' });
    });

    it('reports a FIFO named *.copis without waiting on it, and validates the others', async () => {
        const dir = workspace({ 'broken.copis': broken });
        execFileSync('mkfifo', [join(dir, 'pipe.copis')]);
        const run = await copis(dir, 'validate');
        expect(run.stderr).toBe('copis: pipe.copis: not a regular file (a FIFO, socket or device); copis reads only regular files\n');
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('1 file: 1 error');
    });

    it('reports a symbolic link loop named *.copis (unreadable even as root) and validates the others', async () => {
        const dir = workspace({ 'shop.copis': shop });
        symlinkSync(join(dir, 'b.copis'), join(dir, 'a.copis'));
        symlinkSync(join(dir, 'a.copis'), join(dir, 'b.copis'));
        const run = await copis(dir, 'validate');
        expect(run.stderr).toBe([
            'copis: a.copis: too many levels of symbolic links; fix the link',
            'copis: b.copis: too many levels of symbolic links; fix the link',
            ''
        ].join('\n'));
        expect(run).toMatchObject({ code: 1, stdout: '1 file: no problems\n' });
    });

    // Root reads a chmod 000 file: the shipped bundle runs as an ordinary user (nobody, when the tests run as root).
    it('reports a file without read permission (chmod 000) and validates the others', () => {
        const dir = workspace({ 'shop.copis': shop, 'secret.copis': 'customer Other "Other" { value low }' });
        handOver(dir);
        chmodSync(join(dir, 'secret.copis'), 0o000);
        const run = bundleUnprivileged(dir, 'validate');
        chmodSync(join(dir, 'secret.copis'), 0o644);
        expect(run.stderr).toBe('copis: secret.copis: permission denied; make the file readable (chmod a+r) or leave it out\n');
        expect(run).toMatchObject({ code: 1, stdout: '1 file: no problems\n' });
    });

    it('exits 2 when no file at all could be read, printing nothing on stdout', async () => {
        const dir = workspace({ 'bin.copis': new Uint8Array([0, 1, 2]) });
        symlinkSync(join(dir, 'gone'), join(dir, 'dangling.copis'));
        const run = await copis(dir, 'validate', '--format', 'json');
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n')).toEqual([
            'copis: bin.copis: looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text',
            'copis: dangling.copis: broken symbolic link: its target does not exist; fix or remove the link',
            'copis: nothing to validate: no readable .copis file found; pass the files or folders that hold your models (copis validate --help)',
            ''
        ]);
    });
});

describe('copis: usage', () => {
    const dir = () => workspace({ 'shop.copis': shop });

    it.each([
        [['validate', '--format', 'xml'], /argument 'xml' is invalid. Allowed choices are text, json, sarif, github/],
        [['validate', '--max-warnings', 'ten'], /argument 'ten' is invalid/],
        [['validate', '--max-warnings', '-1'], /argument '-1' is invalid/],
        [['validate', '--no-such-option'], /unknown option '--no-such-option'/],
        [['frobnicate'], /unknown command 'frobnicate'/],
        [[], /Usage: copis/]
    ])('exits 2 on %j', async (args, message) => {
        const run = await copis(dir(), ...args);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stdout).toBe('');
    });

    it('prints help for copis and for validate on stdout, exit 0', async () => {
        const main = await copis(dir(), '--help');
        expect(main.code).toBe(0);
        expect(main.stdout).toMatch(/validate \[options\] \[paths\.\.\.\]/);
        const validate = await copis(dir(), 'validate', '--help');
        expect(validate.code).toBe(0);
        for (const text of ['--format <format>', '--max-warnings <n>', '--quiet', 'Exit codes:', 'Examples:', 'node_modules']) expect(validate.stdout).toContain(text);
        expect((await copis(dir(), 'help', 'validate')).stdout).toBe(validate.stdout);
    });

    it('prints the version it is given', async () => {
        expect(await copis(dir(), '--version')).toEqual({ code: 0, stdout: 'test-version\n', stderr: '' });
    });
});

describe('copis: failures', () => {
    it('turns an unexpected exception into one line on stderr and exit 2', async () => {
        const dir = workspace({ 'shop.copis': shop });
        const { runCli } = await import('../../../src/cli/program.js');
        let stderr = '';
        const code = await runCli(['validate'], {
            cwd: dir,
            stdout: () => { throw new Error('disk full\n    at somewhere (file.js:1:1)'); },
            stderr: t => { stderr += t; }
        });
        expect(code).toBe(2);
        expect(stderr).toBe('copis: internal error: disk full; please report it\n');
    });
});
