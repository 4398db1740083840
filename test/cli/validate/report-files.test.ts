import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copis, fixture, workspace } from '../helpers.js';

const broken = fixture('broken.copis');
const shop = fixture('shop.copis');
const warnings = fixture('warnings.copis');

describe('copis validate --report FORMAT=FILE', () => {
    it('writes each named format to its file, as --format prints it, from one run', async () => {
        const dir = workspace({ 'broken.copis': broken, 'shop.copis': shop });
        const run = await copis(dir, 'validate', '--format', 'github', '--report', 'sarif=out/copis.sarif', '--report', 'markdown=summary.md');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^::error file=broken\.copis,/m);
        expect(run.stderr).toBe('');
        const sarif = await copis(dir, 'validate', '--format', 'sarif');
        const markdown = await copis(dir, 'validate', '--format', 'markdown');
        expect(readFileSync(join(dir, 'out/copis.sarif'), 'utf8')).toBe(sarif.stdout);
        expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(markdown.stdout);
        expect(JSON.parse(sarif.stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('unresolved-reference');
    });

    it('applies --quiet to the files too, and never colours them', async () => {
        const dir = workspace({ 'warnings.copis': warnings });
        const run = await copis(dir, 'validate', '--quiet', '--color', '--report', 'text=report.txt', '--report', 'json=report.json');
        const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
        expect(json.summary.warnings).toBeGreaterThan(0);
        expect(json.diagnostics.filter((d: { severity: string }) => d.severity !== 'error')).toEqual([]);
        const text = readFileSync(join(dir, 'report.txt'), 'utf8');
        expect(text).not.toContain('\u001b[');
        expect(run.stdout).toContain('\u001b[');
        expect(text).toBe((await copis(dir, 'validate', '--quiet', '--no-color')).stdout);
    });

    it('replaces a file it names, whole', async () => {
        const dir = workspace({ 'shop.copis': shop, 'report.json': 'old text that is longer than any report of one clean file could ever be '.repeat(40) });
        const run = await copis(dir, 'validate', '--report', 'json=report.json');
        expect(run.code).toBe(0);
        expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.errors).toBe(0);
    });

    it('says on stderr which file could not be written, exits 2, writes the others and leaves no folder behind', async () => {
        const dir = workspace({ 'shop.copis': shop, 'taken': 'a file, not a folder' });
        const run = await copis(dir, 'validate', '--report', 'sarif=taken/deeper/copis.sarif', '--report', 'json=ok/report.json');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^copis: taken\/deeper\/copis\.sarif: could not be written: a part of its path is a file, not a folder \((ENOTDIR|EEXIST)\); it is unchanged$/m);
        expect(run.stdout).toBe('1 file: no problems\n');
        expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('a file, not a folder');
        expect(JSON.parse(readFileSync(join(dir, 'ok/report.json'), 'utf8')).summary.errors).toBe(0);
    });

    it('keeps the exit code of the problems when every file is written', async () => {
        const dir = workspace({ 'broken.copis': broken });
        const run = await copis(dir, 'validate', '--report', 'json=report.json');
        expect(run.code).toBe(1);
        expect(existsSync(join(dir, 'report.json'))).toBe(true);
    });

    it('refuses a value that is not FORMAT=FILE, or one file named twice, before reading anything (exit 2)', async () => {
        const dir = workspace({ 'shop.copis': shop });
        for (const bad of ['sarif=', 'copis.sarif', '=copis.sarif']) {
            const run = await copis(dir, 'validate', '--report', bad);
            expect(run.code).toBe(2);
            expect(run.stderr).toContain('Expected FORMAT=FILE, e.g. sarif=copis.sarif (formats: text, json, sarif, github, markdown).');
            expect(run.stdout).toBe('');
        }
        // FORMAT=FILE with a format there is not: that is what is wrong.
        for (const [bad, said] of [['html=report.html', 'html is not a report format; the formats: text, json, sarif, github, markdown.'], ['sraif=x.sarif', 'sraif is not a report format (did you mean sarif?); the formats: text, json, sarif, github, markdown.']]) {
            const run = await copis(dir, 'validate', '--report', bad);
            expect(run.code).toBe(2);
            expect(run.stderr).toContain(said);
            expect(run.stdout).toBe('');
        }
        const twice = await copis(dir, 'validate', '--report', 'json=r.json', '--report', 'sarif=./r.json');
        expect(twice.code).toBe(2);
        expect(twice.stderr).toContain('./r.json is named by two reports; give each report a file of its own.');
        expect(existsSync(join(dir, 'r.json'))).toBe(false);
    });

    it('is in the help, with an example', async () => {
        const help = (await copis(workspace({}), 'validate', '--help')).stdout;
        expect(help).toMatch(/--report <format=file>\s+also write the report in another format to a file/);
        expect(help).toContain('copis validate --format github --report sarif=copis.sarif --report markdown=summary.md');
    });
});
