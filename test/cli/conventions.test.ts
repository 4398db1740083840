// CLI conventions users expect from other tools: -v, `-` for standard input with --stdin-filepath, colour on a terminal only.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { terminalTakesColor } from '../../src/cli/io.js';
import { BUNDLE, ROOT, bundle, fixture, workspace, type Run } from './helpers.js';

const ESC = '\x1b[';

/** `copis ARGS` in-process with `stdin` as standard input and the terminal's colour answer. */
async function copisWith(cwd: string, io: { stdin?: string | Uint8Array; color?: boolean }, ...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const input = typeof io.stdin === 'string' ? new TextEncoder().encode(io.stdin) : io.stdin;
    const code = await runCli(args, {
        cwd, stdout: t => { stdout += t; }, stderr: t => { stderr += t; },
        ...(input === undefined ? {} : { stdin: async () => input }),
        ...(io.color === undefined ? {} : { color: io.color })
    }, '9.8.7');
    return { code, stdout, stderr };
}

/** The bundle with `input` on its standard input. */
function bundleWithInput(cwd: string, input: string, env: Record<string, string> = {}, ...args: string[]): Run {
    const result = spawnSync(process.execPath, [BUNDLE, ...args], { cwd, input, encoding: 'utf8', timeout: 30000, env: { ...process.env, ...env } });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const unformatted = 'customer   Shopper "Shopper"   { value high }\n';
const formatted = 'customer Shopper "Shopper" { value high }\n';

describe('version', () => {
    it('answers -v, -V and --version alike, with the version alone', async () => {
        for (const flag of ['-v', '-V', '--version']) {
            expect(await copisWith(ROOT, {}, flag), flag).toEqual({ code: 0, stdout: '9.8.7\n', stderr: '' });
        }
    });

    it('lists -V and --version in the help and mentions -v', async () => {
        const help = await copisWith(ROOT, {}, '--help');
        expect(help.stdout).toMatch(/-V, --version +print the version of copis \(-v too\)/);
    });

    it('-v in the shipped bundle prints package.json\'s version', () => {
        const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
        expect(bundle(ROOT, '-v')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    });
});

describe('validate -', () => {
    it('validates standard input, named <stdin> without --stdin-filepath', async () => {
        const run = await copisWith(workspace(), { stdin: fixture('broken.copis') }, 'validate', '-');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^<stdin>:2:77 {2}error {2}`Nope` is not declared/m);
        expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 file: 1 error, 1 warning, 1 information');
    });

    it('names it by --stdin-filepath, and its text stands in for that file on disk beside the others', async () => {
        // returns.copis refers to shop.copis's Shopper: on disk broken, on stdin fixed.
        const dir = workspace({ 'models/shop.copis': fixture('shop.copis'), 'models/returns.copis': 'journey R "R" { customers Nobody }\n' });
        const onDisk = await copisWith(dir, {}, 'validate', 'models', '--format', 'json');
        expect(JSON.parse(onDisk.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('unresolved-reference');
        const run = await copisWith(dir, { stdin: fixture('returns.copis') }, 'validate', 'models', '-', '--stdin-filepath', 'models/returns.copis', '--format', 'json');
        const json = JSON.parse(run.stdout);
        expect(json.files.sort()).toEqual(['models/returns.copis', 'models/shop.copis']);
        expect(json.diagnostics.map((d: { code: string }) => d.code)).not.toContain('unresolved-reference');
        expect(run.code).toBe(0);
    });

    it('--stdin-filepath alone reads standard input (as prettier takes it)', async () => {
        const run = await copisWith(workspace(), { stdin: fixture('broken.copis') }, 'validate', '--stdin-filepath', 'a/b.copis');
        expect(run.stdout).toMatch(/^a\/b\.copis:2:77 {2}error/m);
    });

    describe('--stdin-filepath alone, in a model root: the text is validated as that file would be, with its whole root', () => {
        // The root: shop.copis declares what returns.copis uses; the config raises kpi-off-target and names actuals.
        const kpiJourney = 'journey R "R" {\n  customers Shopper\n  objective O "O" { kpi Csat "CSAT" { metric csat target >= 90% current 50% } }\n}\n';
        const root = (files: Record<string, string> = {}) => workspace({
            'models/copis.config.json': '{ "rules": { "kpi-off-target": "error" }, "actuals": ["actuals.csv"], "staleAfter": "5000w", "exclude": ["drafts/**"] }\n',
            'models/shop.copis': fixture('shop.copis'),
            'models/actuals.csv': 'kpi,date,value\nR.Csat,2026-01-01,95%\n',
            'models/r.copis': kpiJourney,
            ...files
        });
        const codes = (stdout: string) => JSON.parse(stdout).diagnostics.map((d: { code: string }) => d.code);

        it('a file on disk: its root\'s other files are loaded, not reported', async () => {
            const dir = root({ 'models/returns.copis': 'journey R "R" { customers Nobody }\n' });
            const run = await copisWith(dir, { stdin: fixture('returns.copis') }, 'validate', '--stdin-filepath', 'models/returns.copis', '--format', 'json');
            expect(codes(run.stdout)).not.toContain('unresolved-reference');
            expect(JSON.parse(run.stdout).files).toEqual(['models/returns.copis', 'models/actuals.csv']);
            expect(run.stderr).toBe('');
            expect(run.code).toBe(0);
        });

        it('a file not on disk (a new one) belongs to the root it would be in', async () => {
            const run = await copisWith(root(), { stdin: fixture('returns.copis') }, 'validate', '--stdin-filepath', 'models/new/returns.copis', '--format', 'json');
            expect(run.stderr).toBe('');
            expect(codes(run.stdout)).not.toContain('unresolved-reference');
            expect(run.code).toBe(0);
        });

        it('the root\'s rules and actuals apply to it', async () => {
            const dir = root();
            // The actual (95%) meets the target that the file's `current` (50%) misses: no kpi-off-target.
            const met = await copisWith(dir, { stdin: kpiJourney }, 'validate', '--stdin-filepath', 'models/r.copis', '--format', 'json');
            expect(codes(met.stdout)).not.toContain('kpi-off-target');
            expect(met.code).toBe(0);
            // It misses a target of 99%: kpi-off-target, which the config makes an error.
            const off = await copisWith(dir, { stdin: kpiJourney.replace('>= 90%', '>= 99%') }, 'validate', '--stdin-filepath', 'models/r.copis', '--format', 'json');
            expect(JSON.parse(off.stdout).diagnostics.filter((d: { code: string }) => d.code === 'kpi-off-target').map((d: { severity: string; message: string }) => [d.severity, d.message])).toEqual([['error', expect.stringContaining('actual 95%')]]);
            expect(off.code).toBe(1);
        });

        it('a path its root\'s config excludes is a model of its own, as that file on disk would be', async () => {
            const run = await copisWith(root(), { stdin: fixture('returns.copis') }, 'validate', '--stdin-filepath', 'models/drafts/returns.copis', '--format', 'json');
            expect(codes(run.stdout)).toContain('unresolved-reference');
        });
    });

    it('refuses binary standard input with what to do, exit 2', async () => {
        const run = await copisWith(workspace(), { stdin: new Uint8Array([0x50, 0, 0x4b]) }, 'validate', '-');
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('copis: <stdin>: looks like a binary file');
    });

    it('reads the real standard input in the bundle', () => {
        const run = bundleWithInput(workspace(), fixture('broken.copis'), {}, 'validate', '-', '--stdin-filepath', 'x.copis', '--format', 'github');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^::error file=x\.copis,line=2,col=77,/m);
    });
});

describe('format -', () => {
    it('writes the formatted text to stdout and nothing else', async () => {
        expect(await copisWith(workspace(), { stdin: unformatted }, 'format', '-')).toEqual({ code: 0, stdout: formatted, stderr: '' });
    });

    it('keeps a byte order mark', async () => {
        const run = await copisWith(workspace(), { stdin: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(unformatted)]) }, 'format', '-');
        expect(run.stdout).toBe(`\uFEFF${formatted}`);
    });

    it('gives text with syntax errors back unchanged, exit 1, so a filter loses nothing', async () => {
        const broken = 'customer Shopper {\n';
        const run = await copisWith(workspace(), { stdin: broken }, 'format', '-', '--stdin-filepath', 'm/a.copis');
        expect(run).toEqual({ code: 1, stdout: broken, stderr: expect.stringContaining('copis: m/a.copis: has syntax errors') });
    });

    it('--check says whether standard input is formatted', async () => {
        expect(await copisWith(workspace(), { stdin: formatted }, 'format', '--check', '-')).toEqual({ code: 0, stdout: '1 file: all formatted\n', stderr: '' });
        const not = await copisWith(workspace(), { stdin: unformatted }, 'format', '--check', '--stdin-filepath', 'a.copis');
        expect(not.code).toBe(1);
        expect(not.stdout).toContain('not formatted: a.copis\n');
    });

    it('refuses other paths beside -, exit 2, and touches nothing', async () => {
        const dir = workspace({ 'a.copis': unformatted });
        const run = await copisWith(dir, { stdin: unformatted }, 'format', '-', 'a.copis');
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(readFileSync(join(dir, 'a.copis'), 'utf8')).toBe(unformatted);
    });

    it('works as a filter in the bundle', () => {
        expect(bundleWithInput(workspace(), unformatted, {}, 'format', '-')).toEqual({ code: 0, stdout: formatted, stderr: '' });
    });
});

describe('colour', () => {
    it('is for terminals only, off with NO_COLOR (unless empty) and TERM=dumb', () => {
        expect(terminalTakesColor(true, {})).toBe(true);
        expect(terminalTakesColor(false, {})).toBe(false);
        expect(terminalTakesColor(true, { NO_COLOR: '1' })).toBe(false);
        expect(terminalTakesColor(true, { NO_COLOR: '' })).toBe(true);
        expect(terminalTakesColor(true, { TERM: 'dumb' })).toBe(false);
    });

    it('colours the severities and dims the codes when the terminal takes it', async () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis') });
        const run = await copisWith(dir, { color: true }, 'validate');
        expect(run.stdout).toContain(`${ESC}31merror${ESC}39m`);
        expect(run.stdout).toContain(`${ESC}33mwarning${ESC}39m`);
        expect(run.stdout).toContain(`${ESC}36minformation${ESC}39m`);
        expect(run.stdout).toContain(`${ESC}2munresolved-reference${ESC}22m`);
    });

    it('--no-color wins over the terminal, --color over a pipe; JSON is never coloured', async () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis') });
        expect((await copisWith(dir, { color: true }, 'validate', '--no-color')).stdout).not.toContain(ESC);
        expect((await copisWith(dir, { color: false }, 'validate', '--color')).stdout).toContain(`${ESC}31merror`);
        expect((await copisWith(dir, { color: true }, 'validate', '--format', 'json')).stdout).not.toContain(ESC);
    });

    it('the bundle colours on a terminal (a pty from script(1)), not on a pipe, not with NO_COLOR', () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis') });
        const command = `"${process.execPath}" "${BUNDLE}" validate`;
        const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 30000, env: { ...process.env, TERM: 'xterm', NO_COLOR: '' } });
        expect(tty.stdout).toContain(`${ESC}31merror${ESC}39m`);
        const noColor = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 30000, env: { ...process.env, TERM: 'xterm', NO_COLOR: '1' } });
        expect(noColor.stdout).toContain('  error  ');
        expect(noColor.stdout).not.toContain(ESC);
        expect(bundle(dir, 'validate').stdout).not.toContain(ESC);
    });

    it('a file name cannot send escape sequences or bidi overrides to the terminal', async () => {
        const name = 'a\x1b]0;pwned\x07\u202Eb.copis';
        const dir = workspace({ [name]: fixture('broken.copis') });
        const run = await copisWith(dir, {}, 'validate');
        expect(run.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
        expect(run.stdout).toContain('a\\x1B]0;pwned\\x07\\u{202E}b.copis:2:77  error');
    });
});
