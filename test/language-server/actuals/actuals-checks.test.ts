import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildJourneyModel } from '../../../language-server/model/build-model.js';
import * as ast from '../../../language-server/generated/ast.js';
import { URI } from 'langium';
import { rootFromConfig } from '../../../language-server/workspace/model-files.js';
import { loadWorkspace, withCode } from '../../helpers.js';

const MODEL = `customer Shopper { value high  clv 1450 EUR }
objective Shared { kpi Revenue { metric clv  current 100 EUR  target >= 90 EUR } }
journey Shop {
  customers Shopper
  objective Fast {
    kpi OnTime { metric percent  current 91%  target >= 97% }
    kpi Nps { metric nps  current 32  target >= 30  due 2026-06-30 }
    kpi Handle { metric resolution-time  current 3d  target <= 2d }
  }
  stage S { touchpoint T { channel web } }
  moment M { at T  kind second  polarity positive  kpis OnTime, Nps, Handle, Shared.Revenue }
  opportunity O { addresses M  improves OnTime, Handle }
}
`;

const MODEL_URI = 'file:///test/main.copis';
const CSV_URI = 'file:///test/actuals.csv';

/** Validates MODEL (or `model`) with the CSV of actuals: the model's and the CSV's diagnostics, and the journey model. */
async function withActuals(csv: string, options: { asOf?: string; model?: string; config?: string; more?: Array<{ uri: string; text: string }> } = {}) {
    // With `config`, file:///test is a model root with that copis.config.json.
    const roots = options.config === undefined ? [] : [rootFromConfig(URI.parse('file:///test'), options.config)];
    const { documents, services } = await loadWorkspace([{ uri: MODEL_URI, text: options.model ?? MODEL }], {
        actuals: [{ uri: CSV_URI, text: csv }, ...options.more ?? []], roots, ...(options.asOf ? { asOf: options.asOf } : {})
    });
    const model = documents[0].parseResult.value as ast.Model;
    const journey = model.elements.find(ast.isJourney)!;
    return {
        copis: documents[0].diagnostics ?? [],
        csv: services.validation.Actuals.diagnostics(CSV_URI),
        other: (uri: string) => services.validation.Actuals.diagnostics(uri),
        journey: buildJourneyModel(journey, { actualsOf: services.validation.Actuals.lookup }).model
    };
}

function kpi(journey: Awaited<ReturnType<typeof withActuals>>['journey'], name: string) {
    return journey.objectives.flatMap(o => o.kpis).find(k => k.name === name)!;
}

/** `line:column code message` (from 1) of the diagnostics. */
function at(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);
}

describe('the actual takes the place of current', () => {
    const csv = 'kpi,date,value\nShop.OnTime,2026-09-30,92%\nShop.OnTime,2026-10-31,93.5%\nShop.OnTime,2026-11-30,97.5%\nShop.Nps,2026-11-30,12\n';

    test('met or missed is judged by the latest row on or before the as-of date', async () => {
        const { copis, csv: problems, journey } = await withActuals(csv);
        expect(problems).toEqual([]);
        // OnTime: 91% in the file would miss 97%; its actual 97.5% meets it. Nps: 32 meets 30; its actual 12 misses.
        const offTarget = withCode(copis, 'kpi-off-target').map(d => d.message);
        expect(offTarget).toEqual([
            'KPI `Nps` is off target: actual 12 on 2026-11-30 (actuals.csv), target >= 30.',
            'KPI `Handle` is off target: current 3d, target <= 2d.'
        ]);
        expect(kpi(journey, 'OnTime')).toMatchObject({
            current: { form: 'percent', value: 97.5 }, writtenCurrent: { text: '91%' }, met: true,
            actual: { date: '2026-11-30', value: { text: '97.5%' }, ageDays: 1, stale: false, location: { uri: CSV_URI, range: { start: { line: 3, character: 23 } } } },
            series: [{ date: '2026-09-30', value: { text: '92%' } }, { date: '2026-10-31', value: { text: '93.5%' } }],
            trend: { from: '2026-10-31', change: 'up', improving: true }
        });
        expect(kpi(journey, 'Nps').met).toBe(false);
        // A KPI without rows keeps its current value and has no series.
        expect(kpi(journey, 'Handle')).toMatchObject({ current: { text: '3d' }, met: false });
        expect(kpi(journey, 'Handle').actual).toBeUndefined();
        expect(kpi(journey, 'Handle').series).toBeUndefined();
    });

    test('kpi-overdue judges the actual too', async () => {
        const { copis } = await withActuals(csv);
        expect(withCode(copis, 'kpi-overdue').map(d => d.message)).toEqual([
            'KPI `Nps` was due on 2026-06-30 and is still off target (actual 12 on 2026-11-30 (actuals.csv), target >= 30) as of 2026-12-01; improve it, or agree a new `due` date.'
        ]);
    });

    test('rows after the as-of date are not read; an earlier as-of picks an earlier row', async () => {
        const { journey } = await withActuals(csv, { asOf: '2026-11-15' });
        expect(kpi(journey, 'OnTime')).toMatchObject({ current: { text: '93.5%' }, met: false, actual: { date: '2026-10-31', ageDays: 15 }, series: [{ date: '2026-09-30' }] });
        expect(kpi(journey, 'Nps')).toMatchObject({ current: { text: '32' }, met: true });
        expect(kpi(journey, 'Nps').actual).toBeUndefined();
    });

    test('an as-of date before every row: no actual, the current value as written', async () => {
        const { copis, journey } = await withActuals(csv, { asOf: '2026-01-01' });
        expect(kpi(journey, 'OnTime')).toMatchObject({ current: { text: '91%' }, met: false });
        expect(kpi(journey, 'OnTime').actual).toBeUndefined();
        expect(kpi(journey, 'OnTime').writtenCurrent).toBeUndefined();
        expect(withCode(copis, 'kpi-off-target').map(d => d.message)).toContain('KPI `OnTime` is off target: current 91%, target >= 97%.');
        expect(withCode(copis, 'kpi-stale')).toEqual([]);
    });

    test('a KPI of a top-level objective is named `Objective.Kpi`', async () => {
        const { journey, csv: problems } = await withActuals('kpi,date,value\nShared.Revenue,2026-11-30,80 EUR\n');
        expect(problems).toEqual([]);
        expect(kpi(journey, 'Revenue')).toMatchObject({ id: 'Shared.Revenue', current: { text: '80 EUR' }, writtenCurrent: { text: '100 EUR' }, met: false });
    });

    test('the columns may come in any order, and others are ignored', async () => {
        const { journey, csv: problems } = await withActuals('source,value,kpi,date\nBI,97.5%,Shop.OnTime,2026-11-30\n');
        expect(problems).toEqual([]);
        expect(kpi(journey, 'OnTime').met).toBe(true);
    });

    test('a trend that goes the wrong way is not improving; the direction comes from the metric', async () => {
        const { journey } = await withActuals('kpi,date,value\nShop.Handle,2026-10-01,2d\nShop.Handle,2026-11-01,4d\n');
        expect(kpi(journey, 'Handle').trend).toEqual({ from: '2026-10-01', change: 'up', improving: false });
    });
});

describe('actuals-unknown-kpi', () => {
    test('a row that names no KPI, on its kpi cell, with did-you-mean', async () => {
        const { csv } = await withActuals('kpi,date,value\nShop.OnTme,2026-11-30,95%\nOnTime,2026-11-30,95%\nNowhere.Else,2026-11-30,1\n');
        expect(at(csv)).toEqual([
            '2:1 actuals-unknown-kpi `Shop.OnTme` names no KPI; did you mean `Shop.OnTime`?',
            // The simple name alone is not how a row names a KPI: the qualified one is suggested.
            '3:1 actuals-unknown-kpi `OnTime` names no KPI; did you mean `Shop.OnTime`?',
            '4:1 actuals-unknown-kpi `Nowhere.Else` names no KPI; write a KPI\'s name as from outside its journey: `Journey.Kpi` (`Objective.Kpi` for a top-level objective).'
        ]);
        expect(csv[0]).toMatchObject({ severity: 1, range: { end: { line: 1, character: 10 } }, data: { code: 'actuals-unknown-kpi', suggestion: 'Shop.OnTime' } });
    });
});

describe('actuals-bad-value', () => {
    test('a value of the wrong form or outside the range of the KPI\'s metric, on its value cell', async () => {
        const { csv, journey } = await withActuals('kpi,date,value\nShop.OnTime,2026-11-30,95\nShop.Nps,2026-11-30,140\nShop.Handle,2026-11-30,fast\nShop.OnTime,2026-11-29,"95 %"\nShop.Nps,2026-11-29,\n');
        expect(at(csv)).toEqual([
            '2:24 actuals-bad-value The value of `Shop.OnTime` (metric percent) takes a percent (e.g. `97%`), not `95`.',
            '3:21 actuals-bad-value The value of `Shop.Nps` (metric nps) is `140`, outside its range (-100 to 100).',
            '4:24 actuals-bad-value `fast` is not a value; write it as in a .copis file, e.g. `93.5%`, `38`, `4h` or `1450 EUR`.',
            '5:24 actuals-bad-value `95 %` is not a value; write it as in a .copis file, e.g. `93.5%`, `38`, `4h` or `1450 EUR`.',
            '6:21 actuals-bad-value This row has no value; write the measurement as in a .copis file, e.g. `93.5%`, `38`, `4h` or `1450 EUR`.'
        ]);
        // A bad row is no measurement: the file's current values stand.
        expect(kpi(journey, 'OnTime').actual).toBeUndefined();
        expect(kpi(journey, 'Nps').current?.text).toBe('32');
    });
});

describe('actuals-bad-row', () => {
    test('a header without one of the columns: one problem on the header, no row read', async () => {
        const { csv, journey } = await withActuals('kpi,day,value\nShop.OnTime,2026-11-30,99%\n');
        expect(at(csv)).toEqual(['1:1 actuals-bad-row The header row has no `date` column (it names `kpi`, `day`, `value`); the first row must name the columns `kpi`, `date` and `value`, in any order.']);
        expect(kpi(journey, 'OnTime').actual).toBeUndefined();
    });

    test('a bad date, a missing cell, a row that is not CSV; the good rows around them count', async () => {
        const { csv, journey } = await withActuals('kpi,date,value\nShop.OnTime,2026-02-30,95%\nShop.OnTime,30/11/2026,95%\nShop.OnTime,2026-11-30\nShop.Nps,"2026-11-30,5\nShop.OnTime,2026-11-29,98%\n');
        expect(at(csv)).toEqual([
            '2:13 actuals-bad-row `2026-02-30` is not a real date; check the month and day (e.g. `2026-11-30`).',
            '3:13 actuals-bad-row `30/11/2026` is not a date written `YYYY-MM-DD` (e.g. `2026-11-30`).',
            '4:1 actuals-bad-row This row has 2 cells and no `value`; write `kpi,date,value` in the header\'s order.',
            '5:1 actuals-bad-row This row is not CSV: a quoted field is never closed; close it with `"`.'
        ]);
        expect(kpi(journey, 'OnTime').actual?.date).toBe('2026-11-29');
    });

    test('an empty file says what it needs; a row of empty cells is no measurement', async () => {
        expect(at((await withActuals('')).csv)).toEqual(['1:1 actuals-bad-row The file is empty; its first row must name the columns `kpi`, `date` and `value`.']);
        expect((await withActuals('kpi,date,value\n,,\n  ,, \n')).csv).toEqual([]);
    });

    test('CRLF line ends and a BOM do not move the positions', async () => {
        const { csv } = await withActuals('\uFEFFkpi,date,value\r\nShop.OnTime,2026-13-01,95%\r\n');
        expect(at(csv)).toEqual(['2:13 actuals-bad-row `2026-13-01` is not a real date; check the month and day (e.g. `2026-11-30`).']);
    });
});

describe('actuals-duplicate', () => {
    test('two rows for one KPI and date: a warning on the second, and the first counts', async () => {
        const { csv, journey } = await withActuals('kpi,date,value\nShop.OnTime,2026-11-30,98%\nShop.OnTime,2026-11-30,90%\n');
        expect(at(csv)).toEqual(['3:13 actuals-duplicate A second row for `Shop.OnTime` on 2026-11-30 (the first is line 2, and it counts); remove one of them.']);
        expect(csv[0].severity).toBe(2);
        expect(kpi(journey, 'OnTime').current?.text).toBe('98%');
    });

    test('rows dated after the as-of date are checked too, though not read', async () => {
        const { csv, journey } = await withActuals('kpi,date,value\nShop.OnTime,2027-01-31,98%\nShop.OnTime,2027-01-31,99%\nShop.OnTime,2026-11-30,95%\n');
        expect(at(csv)).toEqual(['3:13 actuals-duplicate A second row for `Shop.OnTime` on 2027-01-31 (the first is line 2, and it counts); remove one of them.']);
        expect(kpi(journey, 'OnTime')).toMatchObject({ actual: { date: '2026-11-30' }, series: [] });
    });

    test('across two files, the file of the first row is named', async () => {
        const other = 'file:///test/more.csv';
        const { other: problemsOf } = await withActuals('kpi,date,value\nShop.OnTime,2026-11-30,98%\n', { more: [{ uri: other, text: 'kpi,date,value\nShop.OnTime,2026-11-30,90%\n' }] });
        expect(at(problemsOf(other))).toEqual(['2:13 actuals-duplicate A second row for `Shop.OnTime` on 2026-11-30 (the first is line 2 of actuals.csv, and it counts); remove one of them.']);
    });
});

describe('kpi-stale', () => {
    test('on the KPI whose latest actual is older than 90 days before the as-of date', async () => {
        const csv = 'kpi,date,value\nShop.OnTime,2026-08-01,98%\nShop.Nps,2026-09-02,40\n';
        const { copis } = await withActuals(csv);
        // 2026-08-01 is 122 days before 2026-12-01; 2026-09-02 is 90 days before: not older than 90.
        expect(withCode(copis, 'kpi-stale')).toMatchObject([{
            line: 6, column: 9, severity: 'information',
            message: 'KPI `OnTime`\'s latest actual is from 2026-08-01, 122 days before 2026-12-01 (older than 90d, the `staleAfter` of its model); add a newer row to actuals.csv, or check that the KPI is still measured.'
        }]);
    });

    test('staleAfter is the model root\'s (its config file\'s `staleAfter`), in any unit', async () => {
        const csv = 'kpi,date,value\nShop.Nps,2026-11-01,40\nShop.OnTime,2026-11-29,98%\n';
        const { copis } = await withActuals(csv, { config: '{ "staleAfter": "2w" }' });
        expect(withCode(copis, 'kpi-stale').map(d => d.message)).toEqual([expect.stringContaining('KPI `Nps`\'s latest actual is from 2026-11-01, 30 days before 2026-12-01 (older than 2w, the `staleAfter` of its model)')]);
        // 36h: an actual of two days ago is stale, one of the day before is not.
        const hours = await withActuals('kpi,date,value\nShop.Nps,2026-11-29,40\nShop.OnTime,2026-11-30,98%\n', { config: '{ "staleAfter": "36h" }' });
        expect(withCode(hours.copis, 'kpi-stale').map(d => d.message)).toEqual([expect.stringContaining('KPI `Nps`\'s latest actual is from 2026-11-29, 2 days before 2026-12-01 (older than 36h')]);
        expect(kpi(hours.journey, 'Nps').actual).toMatchObject({ stale: true, staleAfter: '36h', ageDays: 2 });
        expect(kpi(hours.journey, 'OnTime').actual).toMatchObject({ stale: false, staleAfter: '36h', ageDays: 1 });
    });

    test('the config\'s `rules` apply to the CSV file\'s problems', async () => {
        const csv = 'kpi,date,value\nShop.OnTime,2026-11-30,98%\nShop.OnTime,2026-11-30,97%\nShop.Nope,2026-11-30,1%\n';
        const { csv: problems } = await withActuals(csv, { config: '{ "rules": { "actuals-duplicate": "off", "actuals-unknown-kpi": "warning" } }' });
        expect(problems.map(d => `${String(d.code)} ${d.severity}`)).toEqual(['actuals-unknown-kpi 2']);
    });

    test('a KPI without actuals is never stale', async () => {
        const { copis } = await withActuals('kpi,date,value\n');
        expect(withCode(copis, 'kpi-stale')).toEqual([]);
    });
});
