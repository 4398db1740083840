// copis diff judges each revision's KPIs as copis validate judges them at that revision: with the
// actuals its config files name, read from that revision, as of one day for both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../language-server/validation/as-of.js';
import { ROOT, copis } from '../helpers.js';
import { parseXml, xmlElements } from '../xml-tree.js';
import { diffJson as diffOf } from './diff-json.js';
import { commit, git, repository, write } from './git-repo.js';
import { edit } from './models.js';

const RETAIL = join(ROOT, 'examples', 'retail');
const retail = (name: string) => readFileSync(join(RETAIL, name), 'utf8');
const JOURNEY = 'models/retail/buy-and-return.copis';
const ACTUALS = 'models/retail/actuals.csv';
// The examples' actuals run to 2026-11-30: judged as of a day after, whatever day the tests run.
const AS_OF = '2026-12-01';

/** A repository holding examples/retail under models/ (its config names actuals.csv), committed. */
function retailRepository(): string {
    return repository({
        [JOURNEY]: retail('buy-and-return.copis'),
        'models/retail/shared.copis': retail('shared.copis'),
        [ACTUALS]: retail('actuals.csv'),
        'models/retail/copis.config.json': '{ "actuals": ["actuals.csv"] }\n'
    });
}

interface Diagnostic { code: string; severity: string; file: string; line: number; element?: string; kpi?: string }
interface Change { id: string; change: string; properties: unknown[]; status?: { from: string; to: string }; kpi?: string; actual?: { from?: { value: string; date: string }; to?: { value: string; date: string } } }

/** What the diff's JSON report holds, as these tests read it. */
type DiffJson = {
    asOf: string; base: { actuals: number }; head: { actuals: number };
    summary: { elements: Record<string, number>; kpis: { nowMissed: number; nowMet: number; actualChanged: number }; notCompared: number };
    journeys: { id: string; elements: Change[] }[]; elements: Change[];
    diagnostics: { introduced: Diagnostic[]; fixed: Diagnostic[] };
    notCompared: { revision: string; file: string; reason: string; message: string }[];
};

const diffJson = (dir: string, ...args: string[]) => diffOf<DiffJson>(dir, ...args);

/** `copis validate ARGS --format json` in `dir`: the codes it reports, sorted. */
async function validateCodes(dir: string, ...args: string[]): Promise<string[]> {
    const run = await copis(dir, 'validate', '--format', 'json', ...args);
    return (JSON.parse(run.stdout) as { diagnostics: { code: string }[] }).diagnostics.map(d => d.code).sort();
}

const changes = (json: Awaited<ReturnType<typeof diffJson>>) => json.journeys.flatMap(j => j.elements);
const codes = (list: Diagnostic[]) => list.map(d => `${d.code} ${d.element ?? d.kpi ?? d.file}`).sort();

describe('copis diff judges KPIs with each revision\'s actuals', () => {
    it('a raised target that the actual still meets is no met → missed and no kpi-off-target (validate finds no problem)', async () => {
        const dir = retailRepository();
        commit(dir, { [JOURNEY]: edit(retail('buy-and-return.copis'), ['current 3.4%  target >= 3.2%', 'current 3.4%  target >= 3.5%']) });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        // The written current (3.4%) would miss 3.5%; the actual (3.6% of 2026-11-30) meets it.
        expect(changes(json)).toEqual([expect.objectContaining({ id: 'RetailBuyAndReturn.Conversion', change: 'changed', kpi: 'met', properties: [{ property: 'target', from: '≥ 3.2%', to: '≥ 3.5%' }] })]);
        expect(changes(json)[0].status).toBeUndefined();
        expect(json.summary.kpis).toEqual({ nowMissed: 0, nowMet: 0, actualChanged: 0 });
        expect(json.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(json.base.actuals).toBe(1);
        expect(json.head.actuals).toBe(1);
        expect(await validateCodes(dir, 'models', '--as-of', AS_OF)).toEqual([]);
    });

    it('introduces the diagnostics validate reports at HEAD and not at BASE: none when an actual meets the target', async () => {
        const dir = retailRepository();
        const text = retail('buy-and-return.copis');
        const start = text.indexOf('  opportunity QrReturns');
        expect(start).toBeGreaterThan(0);
        const end = text.indexOf('  }\n', start) + 4;
        commit(dir, { [JOURNEY]: text.slice(0, start) + text.slice(end) });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(changes(json).map(c => `${c.change} ${c.id}`)).toEqual(['removed RetailBuyAndReturn.QrReturns']);
        // ReturnCsat's actual (86%) meets its target (85%): no opportunity needs to improve it.
        expect(json.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(await validateCodes(dir, 'models', '--as-of', AS_OF)).toEqual([]);
        // As of a day before every row, `current` as written (78%) judges it, in the diff as in validate.
        const early = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', '2026-09-01');
        expect(early.asOf).toBe('2026-09-01');
        expect(codes(early.diagnostics.introduced)).toEqual(['kpi-miss-unaddressed RetailBuyAndReturn.ReturnCsat']);
        expect(await validateCodes(dir, 'models', '--as-of', '2026-09-01')).toContain('kpi-miss-unaddressed');
        git(dir, 'checkout', '-q', 'HEAD~1');
        expect(await validateCodes(dir, 'models', '--as-of', '2026-09-01')).not.toContain('kpi-miss-unaddressed');
    });

    it('a change to the actuals alone: the actual from → to, met → missed, the CSV file\'s problems and the KPI checks introduced', async () => {
        const dir = retailRepository();
        const csv = edit(retail('actuals.csv'),
            ['RetailBuyAndReturn.Conversion,2026-11-30,3.6%', 'RetailBuyAndReturn.Conversion,2026-11-30,3.7%'],
            ['RetailBuyAndReturn.ReturnCsat,2026-11-30,86%', 'RetailBuyAndReturn.ReturnCsat,2026-11-30,80%'])
            + 'RetailBuyAndReturn.Convrsion,2026-11-30,3%,typo\nRetailBuyAndReturn.RefundTime,2026-13-30,3d,bad date\n';
        commit(dir, { [ACTUALS]: csv });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(changes(json)).toEqual([
            expect.objectContaining({ id: 'RetailBuyAndReturn.Conversion', change: 'changed', properties: [], kpi: 'met', actual: { from: { value: '3.6%', date: '2026-11-30' }, to: { value: '3.7%', date: '2026-11-30' } } }),
            expect.objectContaining({ id: 'RetailBuyAndReturn.ReturnCsat', change: 'changed', properties: [], status: { from: 'met', to: 'missed' }, actual: { from: { value: '86%', date: '2026-11-30' }, to: { value: '80%', date: '2026-11-30' } } })
        ]);
        // No declaration changed: the data did.
        expect(json.summary.elements).toEqual({ added: 0, removed: 0, renamed: 0, moved: 0, changed: 0 });
        expect(json.summary.kpis).toEqual({ nowMissed: 1, nowMet: 0, actualChanged: 2 });
        expect(codes(json.diagnostics.introduced)).toEqual([
            'actuals-bad-row RetailBuyAndReturn.RefundTime', 'actuals-unknown-kpi RetailBuyAndReturn.Convrsion', 'kpi-off-target RetailBuyAndReturn.ReturnCsat'
        ]);
        expect(json.diagnostics.introduced.filter(d => d.code.startsWith('actuals-')).map(d => `${d.file}:${d.line}`)).toEqual([`${ACTUALS}:13`, `${ACTUALS}:14`]);
        expect(json.diagnostics.fixed).toEqual([]);
        // What validate reports at HEAD: the same codes.
        expect(await validateCodes(dir, 'models', '--as-of', AS_OF)).toEqual(['actuals-bad-row', 'actuals-unknown-kpi', 'kpi-off-target']);

        const text = await copis(dir, 'diff', 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(text.stdout).not.toMatch(/No changes in meaning/);
        expect(text.stdout).toMatch(/^KPIs judged with their actuals as of 2026-12-01: 1 actuals file → 1 actuals file$/m);
        expect(text.stdout).toMatch(/^ {2}~ changed {2}kpi ReturnCsat "Satisfaction with the return" \(KPI met → missed\)\n {6}actual: 86% \(2026-11-30\) → 80% \(2026-11-30\)$/m);
        expect(text.stdout).toMatch(/^ {2}\+ models\/retail\/actuals\.csv:13:1 {2}error {2}`RetailBuyAndReturn\.Convrsion` names no KPI.* {2}actuals-unknown-kpi \[RetailBuyAndReturn\.Convrsion\]$/m);
        expect(text.stdout).toMatch(/^Summary: 1 journey changed; 1 KPI now missed; 2 KPI actuals changed; 3 problems introduced \(2 errors, 1 information\)\.$/m);
        expect((await copis(dir, 'diff', 'HEAD~1', 'HEAD', '--as-of', AS_OF, '--fail-on', 'introduced-errors')).code).toBe(1);

        const md = await copis(dir, 'diff', 'HEAD~1', 'HEAD', '--as-of', AS_OF, '--format', 'md');
        expect(md.stdout).toMatch(/^## copis diff: 1 journey changed · 1 KPI now missed · 2 KPI actuals changed · 3 problems introduced/m);
        expect(md.stdout).toContain('| ✏️ changed, **now missed** | kpi `ReturnCsat` Satisfaction with the return | KPI met → missed<br>actual: 86% (2026-11-30) → 80% (2026-11-30) |');
    });

    it('matches an actuals file\'s problems by the KPI its row names, not by line: sorting the rows changes nothing', async () => {
        const dir = retailRepository();
        const bad = 'RetailBuyAndReturn.Convrsion,2026-11-30,3%,typo\nRetailBuyAndReturn.RefundTime,2026-13-30,3d,bad date\nRetailBuyAndReturn.DeliveryNps,2026-11-30,44,again\n';
        commit(dir, { [ACTUALS]: retail('actuals.csv') + bad });
        const [header, ...rows] = (retail('actuals.csv') + bad).trimEnd().split('\n');
        commit(dir, { [ACTUALS]: [header, ...rows.reverse()].join('\n') + '\n' });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(json.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(changes(json)).toEqual([]);
        // Fixing them: each fixed, by its KPI (the duplicate's row was the first of its date once sorted the other way: still the same KPI).
        commit(dir, { [ACTUALS]: retail('actuals.csv') });
        const fixed = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(codes(fixed.diagnostics.fixed)).toEqual(['actuals-bad-row RetailBuyAndReturn.RefundTime', 'actuals-duplicate RetailBuyAndReturn.DeliveryNps', 'actuals-unknown-kpi RetailBuyAndReturn.Convrsion']);
        expect(fixed.diagnostics.introduced).toEqual([]);
    });

    it('a row that names no KPI is matched by its text', async () => {
        const dir = retailRepository();
        commit(dir, { [ACTUALS]: retail('actuals.csv') + ',2026-11-30,3%,no kpi\n' });
        const moved = retail('actuals.csv').replace('kpi,date,value,source\n', 'kpi,date,value,source\n,2026-11-30,3%,no kpi\n');
        commit(dir, { [ACTUALS]: moved });
        expect((await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF)).diagnostics).toEqual({ introduced: [], fixed: [] });
        commit(dir, { [ACTUALS]: moved.replace(',2026-11-30,3%,no kpi', ',2026-11-30,4%,no kpi') });
        const other = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(codes(other.diagnostics.introduced)).toEqual([`actuals-bad-row ${ACTUALS}`]);
        expect(codes(other.diagnostics.fixed)).toEqual([`actuals-bad-row ${ACTUALS}`]);
        expect(other.diagnostics.introduced[0].kpi).toBeUndefined();
    });

    it('reads each revision\'s own config and actuals: a glob walked in the commit, the working tree from the disk', async () => {
        const dir = repository({
            [JOURNEY]: retail('buy-and-return.copis'), 'models/retail/shared.copis': retail('shared.copis'),
            'models/retail/copis.config.json': '{}\n'
        });
        // BASE has no actuals: `current` as written. HEAD names data/*.csv, two files found by the glob in the commit's tree.
        commit(dir, {
            'models/retail/copis.config.json': '{ "actuals": ["data/*.csv"] }\n',
            'models/retail/data/conversion.csv': 'kpi,date,value\nRetailBuyAndReturn.Conversion,2026-11-30,3.0%\n',
            'models/retail/data/csat.csv': 'kpi,date,value\nRetailBuyAndReturn.ReturnCsat,2026-11-30,90%\n',
            'models/retail/data/ignored.txt': 'RetailBuyAndReturn.Conversion,2026-11-30,9%\n'
        });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(json.base.actuals).toBe(0);
        expect(json.head.actuals).toBe(2);
        expect(changes(json).map(c => ({ id: c.id, status: c.status, actual: c.actual }))).toEqual([
            { id: 'RetailBuyAndReturn.Conversion', status: { from: 'met', to: 'missed' }, actual: { to: { value: '3.0%', date: '2026-11-30' } } },
            { id: 'RetailBuyAndReturn.ReturnCsat', status: { from: 'missed', to: 'met' }, actual: { to: { value: '90%', date: '2026-11-30' } } }
        ]);
        // Uncommitted, on the disk: the working tree's actuals.
        write(dir, { 'models/retail/data/csat.csv': 'kpi,date,value\nRetailBuyAndReturn.ReturnCsat,2026-11-30,80%\n' });
        const worktree = await diffJson(dir, 'HEAD', '--as-of', AS_OF);
        expect(changes(worktree)).toEqual([expect.objectContaining({
            id: 'RetailBuyAndReturn.ReturnCsat', status: { from: 'met', to: 'missed' }, actual: { from: { value: '90%', date: '2026-11-30' }, to: { value: '80%', date: '2026-11-30' } }
        })]);
        // The as-of day picks the row, the same day for both revisions; by default, today.
        const early = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', '2026-11-01');
        expect(early.journeys).toEqual([]);
        expect((await diffJson(dir, 'HEAD~1', 'HEAD')).asOf).toBe(localDate(new Date()));
    });

    it('a config\'s actuals file that is not in a commit is listed as not compared; --actuals FILE serves both revisions from the disk', async () => {
        const dir = retailRepository();
        git(dir, 'rm', '-q', '--cached', ACTUALS);
        write(dir, { 'models/retail/.gitignore': 'actuals.csv\n' });
        commit(dir, {}, 'the actuals come from CI');
        // Both commits: the base has it, the head does not (CI downloads it into the working tree).
        const json = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF);
        expect(json.notCompared).toEqual([expect.objectContaining({ revision: 'head', file: ACTUALS, reason: 'unreadable', message: expect.stringMatching(/^not in this commit; commit it, or name a file on the disk with --actuals FILE \(an actuals file, `actuals` of models\/retail\/copis\.config\.json\)$/) })]);
        expect(json.summary.kpis.actualChanged).toBe(5);
        // The file on the disk, for both: the same measurements, so nothing changed.
        const both = await diffJson(dir, 'HEAD~1', 'HEAD', '--as-of', AS_OF, '--actuals', ACTUALS);
        expect(both.notCompared).toEqual([]);
        expect(both.journeys).toEqual([]);
        expect(both.diagnostics).toEqual({ introduced: [], fixed: [] });
        const none = await copis(dir, 'diff', 'HEAD~1', 'HEAD', '--as-of', AS_OF, '--actuals', 'nowhere.csv');
        expect(none.code).toBe(0);
        expect(none.stdout).toMatch(/^ {2}nowhere\.csv cannot be read at HEAD~1 and at HEAD: no such file; check the path \(an actuals file, --actuals\)$/m);
        expect(none.stdout).toMatch(/2 files not compared\.$/m);
    });

    it('draws the KPIs with their actuals in the picture, as export and site do', async () => {
        const dir = retailRepository();
        write(dir, { [JOURNEY]: edit(retail('buy-and-return.copis'), ['current 3.4%  target >= 3.2%', 'current 3.4%  target >= 3.3%']) });
        const run = await copis(dir, 'diff', 'HEAD', '--as-of', AS_OF, '--to', 'svg');
        expect(run.code).toBe(0);
        const kpi = xmlElements(parseXml(run.stdout)).find(e => e.attributes['data-id'] === 'RetailBuyAndReturn.ReturnCsat' && e.attributes['data-status'] !== undefined);
        expect(kpi?.attributes['data-status']).toBe('met');
        expect(run.stdout).toMatch(/ReturnCsat · metric csat · now 86% · target ≥ 85% · met/);
        const exported = await copis(dir, 'export', JOURNEY, '--to', 'svg', '--as-of', AS_OF);
        expect(exported.stdout).toMatch(/ReturnCsat · metric csat · now 86% · target ≥ 85% · met/);
    });
});

describe('copis diff: files not compared', () => {
    it('counts a file that cannot be read at both revisions once, and says both', async () => {
        const dir = repository({ 'models/a.copis': 'system A "A" { type web  owner "X" }\n', 'models/logo.copis': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]) });
        commit(dir, { 'models/logo.copis': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 2]), 'models/a.copis': 'system A "A" { type web  owner "Y" }\n' });
        const json = await diffJson(dir, 'HEAD~1', 'HEAD');
        expect(json.notCompared.map(n => `${n.revision} ${n.file}`)).toEqual(['base models/logo.copis', 'head models/logo.copis']);
        expect(json.summary.notCompared).toBe(1);
        const text = await copis(dir, 'diff', 'HEAD~1', 'HEAD');
        expect(text.stdout).toMatch(/^ {2}models\/logo\.copis cannot be read at HEAD~1 and at HEAD: looks like a binary file/m);
        // Said once for both, not once per revision.
        expect(text.stdout.match(/cannot be read/g)).toHaveLength(1);
        expect(text.stdout).toMatch(/; 1 file not compared\.$/m);
    });

    it('says what each revision found when they differ', async () => {
        const dir = repository({ 'models/a.copis': 'system A "A" { type web  owner "X" }\n', 'models/b.copis': Buffer.from([0xff, 0xfe, 0x41, 0]) });
        commit(dir, { 'models/b.copis': 'system B "B" { type web  owner \n' });
        const text = await copis(dir, 'diff', 'HEAD~1', 'HEAD');
        expect(text.stdout).toMatch(/^ {2}models\/b\.copis cannot be read at HEAD~1: is UTF-16 text; save it as UTF-8, and does not parse at HEAD \(1:\d+: .+\); left out of the comparison: B$/m);
        expect(text.stdout).toMatch(/1 file not compared\.$/m);
    });
});
