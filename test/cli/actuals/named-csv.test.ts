import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, copis, workspace } from '../helpers.js';

/**
 * A CSV file named on the command line is a file of KPI actuals (language §7), checked as actuals of the
 * model root it belongs to; a file that is neither .copis nor .csv is refused with what copis takes.
 */
const MODEL = `journey Shop {
  objective Fast "Deliver fast" {
    kpi OnTime "On-time rate" { metric percent  current 91%  target >= 97% }
    kpi Nps { metric nps  current 20  target >= 30 }
  }
}
`;
const AS_OF = ['--as-of', '2026-12-01'];
/** One row of each problem the file itself can have: unknown KPI, bad value, bad date, duplicate. */
const BAD = 'kpi,date,value\nShop.OnTme,2026-11-30,95%\nShop.OnTime,2026-11-30,95\nShop.Nps,2026-13-01,30\nShop.Nps,2026-11-30,31\nShop.Nps,2026-11-30,32\n';

function codesOf(stdout: string, file: string): string[] {
    return stdout.split('\n').filter(l => l.startsWith(`${file}:`)).map(l => {
        const [where] = l.split('  ');
        return `${where.slice(file.length + 1)} ${l.slice(l.lastIndexOf('  ') + 2)}`;
    });
}

describe('copis validate FILE.csv', () => {
    it('checks the CSV as actuals of its model root: its problems with line and column, its KPIs against that root, only it reported', async () => {
        const dir = workspace({
            'models/copis.config.json': '{ "actuals": ["data/*.csv"] }',
            'models/shop.copis': MODEL,
            'models/data/kpis.csv': BAD,
            // Another actuals file of the root, with a problem of its own: loaded (its rows count), not reported.
            'models/data/other.csv': 'kpi,date,value\nShop.Gone,2026-11-30,1%\n'
        });
        const run = await copis(dir, 'validate', 'models/data/kpis.csv', ...AS_OF);
        expect(run.stderr).toBe('');
        expect(codesOf(run.stdout, 'models/data/kpis.csv')).toEqual([
            '2:1 actuals-unknown-kpi', '3:24 actuals-bad-value', '4:10 actuals-bad-row', '6:10 actuals-duplicate'
        ]);
        expect(run.stdout).toContain('models/data/kpis.csv:2:1  error  `Shop.OnTme` names no KPI; did you mean `Shop.OnTime`?  actuals-unknown-kpi');
        // The model's own diagnostics (kpi-off-target) and the other CSV file are not what was named.
        expect(run.stdout).not.toContain('shop.copis');
        expect(run.stdout).not.toContain('other.csv');
        expect(run.stdout).toContain('1 file: 3 errors, 1 warning, 0 information');
        expect(run.code).toBe(1);
        const json = JSON.parse((await copis(dir, 'validate', 'models/data/kpis.csv', '--format', 'json', ...AS_OF)).stdout);
        expect(json.files).toEqual(['models/data/kpis.csv']);
        expect(json.diagnostics.map((d: { file: string; line: number; column: number; code: string }) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
            'models/data/kpis.csv:2:1 actuals-unknown-kpi', 'models/data/kpis.csv:3:24 actuals-bad-value',
            'models/data/kpis.csv:4:10 actuals-bad-row', 'models/data/kpis.csv:6:10 actuals-duplicate'
        ]);
    });

    it('a good CSV of the root: no problems, exit 0; from inside its folder too; and the KPIs of another root are not its', async () => {
        const dir = workspace({
            'a/copis.config.json': '{ "actuals": ["kpis.csv"] }', 'a/shop.copis': MODEL, 'a/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n',
            'b/copis.config.json': '{}', 'b/store.copis': MODEL.replace('journey Shop', 'journey Store'),
            'b/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n'
        });
        expect(await copis(dir, 'validate', 'a/kpis.csv', ...AS_OF)).toEqual({ code: 0, stdout: '1 file: no problems\n', stderr: '' });
        expect(await copis(`${dir}/a`, 'validate', 'kpis.csv', ...AS_OF)).toEqual({ code: 0, stdout: '1 file: no problems\n', stderr: '' });
        // b's model has Store.OnTime, not Shop.OnTime: the row names no KPI of the root the file is in.
        const other = await copis(dir, 'validate', 'b/kpis.csv', ...AS_OF);
        expect(other.stdout).toContain('b/kpis.csv:2:1  error  `Shop.OnTime` names no KPI; did you mean `Store.OnTime`?  actuals-unknown-kpi');
    });

    it('the root\'s rules hold for it, and a duplicate across the root\'s actuals files is found', async () => {
        const dir = workspace({
            'copis.config.json': '{ "actuals": ["*.csv"], "rules": { "actuals-duplicate": "error" } }', 'shop.copis': MODEL,
            'first.csv': 'kpi,date,value\nShop.Nps,2026-11-30,31\n', 'second.csv': 'kpi,date,value\nShop.Nps,2026-11-30,32\n'
        });
        const run = await copis(dir, 'validate', 'second.csv', ...AS_OF);
        expect(run.stdout).toContain('second.csv:2:10  error  A second row for `Shop.Nps` on 2026-11-30 (the first is line 2 of first.csv, and it counts); remove one of them.  actuals-duplicate');
    });

    it('beside .copis files: the named model is judged by it, and both are reported', async () => {
        const dir = workspace({ 'copis.config.json': '{}', 'shop.copis': MODEL, 'extra.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\nShop.Nps,2026-11-30,35\n' });
        const without = await copis(dir, 'validate', 'shop.copis', ...AS_OF);
        expect(without.stdout).toContain('kpi-off-target');
        const run = await copis(dir, 'validate', 'shop.copis', 'extra.csv', '--format', 'json', ...AS_OF);
        const json = JSON.parse(run.stdout);
        expect(json.files).toEqual(['shop.copis', 'extra.csv']);
        expect(json.diagnostics.map((d: { code: string }) => d.code)).not.toContain('kpi-off-target');
    });

    it('not in its root\'s `actuals`: checked as actuals of that root all the same, and a note says so', async () => {
        const dir = workspace({ 'models/copis.config.json': '{ "actuals": ["data/*.csv"] }', 'models/shop.copis': MODEL, 'models/exports/kpis.csv': 'kpi,date,value\nShop.OnTme,2026-11-30,98%\n' });
        const run = await copis(dir, 'validate', 'models/exports/kpis.csv', ...AS_OF);
        expect(run.stderr).toBe('copis: models/exports/kpis.csv: note: not in the `actuals` of models/copis.config.json, so copis reads it only when it is named, and the editor not at all; read as actuals of that model all the same (add it to `actuals` to read it with the model)\n');
        expect(run.stdout).toContain('models/exports/kpis.csv:2:1  error  `Shop.OnTme` names no KPI; did you mean `Shop.OnTime`?  actuals-unknown-kpi');
        expect(run.code).toBe(1);
    });

    it('in no model root: checked against the .copis files of its folder, or against the models named beside it, with a note', async () => {
        const dir = workspace({ 'shop.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTme,2026-11-30,98%\n', 'data/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\nShop.Nope,2026-11-30,1\n' });
        const alone = await copis(dir, 'validate', 'kpis.csv', ...AS_OF);
        expect(alone.stderr).toBe('copis: kpis.csv: note: no copis.config.json at or above it, so copis reads it only when it is named, and the editor not at all; read as actuals of the .copis files of its folder (.), as copis validate loads them\n');
        expect(alone.stdout).toContain('kpis.csv:2:1  error  `Shop.OnTme` names no KPI; did you mean `Shop.OnTime`?  actuals-unknown-kpi');
        expect(alone.stdout).toContain('1 file: 1 error');
        const beside = await copis(dir, 'validate', 'shop.copis', 'data/kpis.csv', ...AS_OF);
        expect(beside.stderr).toContain('copis: data/kpis.csv: note: no copis.config.json at or above it');
        expect(beside.stderr).toContain('read as actuals of every model of the run, as --actuals FILE is');
        expect(beside.stdout.split('\n').filter(l => / error /.test(l))).toEqual(['data/kpis.csv:3:1  error  `Shop.Nope` names no KPI; did you mean `Shop.Nps`?  actuals-unknown-kpi']);
        expect(beside.stdout).not.toContain('kpi-off-target: KPI `OnTime`');
    });

    it('in no model root and beside no model: nothing to check it against, said once, exit 2', async () => {
        const dir = workspace({ 'data/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n' });
        const run = await copis(dir, 'validate', 'data/kpis.csv');
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n')[0]).toBe('copis: data/kpis.csv: an actuals file, but no model to check it against: there is no copis.config.json at or above it, and no .copis file in its folder; name the model too (copis validate models/ data/kpis.csv), or name this file in the `actuals` of the model\'s copis.config.json');
        expect(run.stderr).toMatch(/\ncopis: nothing to validate: /);
    });

    it('a CSV file that cannot be read is a problem of the run; the rest is validated', async () => {
        const dir = workspace({ 'copis.config.json': '{}', 'shop.copis': MODEL, 'bin.csv': new Uint8Array([0x6b, 0, 0x70]) });
        const run = await copis(dir, 'validate', 'shop.copis', 'bin.csv', ...AS_OF);
        expect(run.stderr).toMatch(/^copis: bin\.csv: looks like a binary file [^\n]*\(an actuals file, named on the command line\)\n/);
        expect(run.stdout).toContain('shop.copis:');
        expect(run.code).toBe(1);
    });
});

describe('what copis takes on the command line', () => {
    it('a file that is neither .copis nor .csv: what copis takes; a config file: name its folder; the rest goes on', async () => {
        const dir = workspace({ 'models/copis.config.json': '{}', 'models/shop.copis': MODEL, 'notes.txt': 'journey X {}\n' });
        const run = await copis(dir, 'validate', 'notes.txt', 'models/copis.config.json', 'models/shop.copis', ...AS_OF);
        expect(run.stderr).toBe([
            'copis: models/copis.config.json: a config file is checked with its model; name its folder instead (copis validate models)',
            'copis: notes.txt: not a .copis or .csv file; copis validate takes .copis model files (and folders and patterns that hold them) and .csv files of KPI actuals', ''
        ].join('\n'));
        expect(run.stdout).toContain('models/shop.copis:');
        expect(run.code).toBe(1);
        const only = await copis(dir, 'validate', 'notes.txt');
        expect(only.code).toBe(2);
        expect(only.stderr).toContain('copis: notes.txt: not a .copis or .csv file');
        expect(only.stderr).toContain('copis: nothing to validate: no .copis file found;');
    });

    it('site and report take a CSV file as actuals of its root; actuals apply needs the files to rewrite', async () => {
        const dir = workspace({ 'copis.config.json': '{}', 'shop.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n' });
        const report = await copis(dir, 'report', 'kpis.csv', '--to', 'json', ...AS_OF);
        expect(report.code).toBe(0);
        const json = JSON.parse(report.stdout);
        expect(json.files).toEqual(['shop.copis']);
        expect(json.actuals).toEqual(['kpis.csv']);
        expect(json.report.kpis.find((k: { kpi: { id: string } }) => k.kpi.id === 'Shop.OnTime').kpi).toMatchObject({ current: { text: '98%' }, met: true });
        const site = await copis(dir, 'site', 'kpis.csv', '-o', 'site', ...AS_OF);
        expect(site.code, site.stderr).toBe(0);
        const kpis = readFileSync(join(dir, 'site/kpis.html'), 'utf8');
        expect(kpis).toContain('98%');
        expect(kpis).toContain('2026-11-30');
        const apply = await copis(dir, 'actuals', 'apply', 'kpis.csv', ...AS_OF);
        expect(apply.code).toBe(2);
        expect(apply.stderr).toContain('copis: nothing to apply to: no .copis file named;');
        const both = await copis(dir, 'actuals', 'apply', '--check', 'shop.copis', 'kpis.csv', ...AS_OF);
        expect(both.stdout).toContain('shop.copis:3:57  Shop.OnTime: current 91% → 98% (actual of 2026-11-30)');
    });

    it('the shipped bundle: copis validate FILE.csv', () => {
        const dir = workspace({ 'copis.config.json': '{ "actuals": ["kpis.csv"] }', 'shop.copis': MODEL, 'kpis.csv': BAD });
        const run = bundle(dir, 'validate', 'kpis.csv', ...AS_OF);
        expect(run.stderr).toBe('');
        expect(codesOf(run.stdout, 'kpis.csv')).toEqual(['2:1 actuals-unknown-kpi', '3:24 actuals-bad-value', '4:10 actuals-bad-row', '6:10 actuals-duplicate']);
    });
});
