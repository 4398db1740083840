import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readActualsFile, type ActualsFile } from '../../../language-server/actuals/actuals-file.js';
import { resolveActuals, type KpiEntry } from '../../../language-server/actuals/resolve-actuals.js';
import { referenceRead, referenceResolve } from './reference-actuals.js';

// Files of actuals of every kind the language knows (§7): rows of known and unknown KPIs, names and
// cells with white space around them, real and unreal dates, dates out of order and twice, values
// that break their metric, rows with a cell too few or of empty cells, a header in any order or
// with a column missing, quoted cells (the general reading), uniform and mixed line breaks, several
// files. The columns of numbers must give what one object per row gave, diagnostic for diagnostic.
const KPI_NAMES = ['J.A', 'J.B', 'O.C', 'J.D'];
const ODD_NAMES = [' J.A', 'J.A ', 'J.Typo', 'Nope.X', ''];
const DATES = ['2026-01-31', '2026-02-28', '2026-10-31', '2026-11-30', '2026-12-01', '2026-12-02', '2027-01-01'];
const ODD_DATES = [' 2026-11-30', '2026-02-30', '30.11.2026', ''];
const VALUES = ['1', '42', '95%', '12.5%', '3d', '4h', '10 EUR', '0.5'];
const ODD_VALUES = ['150%', '10 eur', '-1', ' 42 ', 'x', ''];
const METRICS = ['percent', 'nps', 'resolution-time', 'clv', 'csat', undefined, undefined, undefined];

const cell = (usual: readonly string[], odd: readonly string[]) => fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...usual) },
    { weight: 2, arbitrary: fc.constantFrom(...odd) }
);
const name = cell(KPI_NAMES, ODD_NAMES);
const date = cell(DATES, ODD_DATES);
const value = cell(VALUES, ODD_VALUES);
/** A row: its cells for the columns `kpi`, `date`, `value` and `note`, written in the header's order; sometimes a cell short, or none. */
const row = fc.oneof(
    { weight: 20, arbitrary: fc.record({ kpi: name, date, value, note: fc.constantFrom('note', '') }) },
    { weight: 1, arbitrary: fc.record({ kpi: name, date }) },
    { weight: 1, arbitrary: fc.constantFrom(',,', '', ' ') }
);
const HEADERS = [['kpi', 'date', 'value'], ['date', 'kpi', 'value'], ['value', 'kpi', 'date'], ['kpi', 'date', 'value', 'note'], ['kpi', 'note', 'date', 'value']];
const header = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...HEADERS).map(columns => ({ columns, text: columns.join(',') })) },
    { weight: 1, arbitrary: fc.constantFrom({ columns: ['kpi', 'date', 'value'], text: 'KPI , Date,Value' }, { columns: ['kpi', 'date'], text: 'kpi,date' }, { columns: ['kpi', 'when', 'value'], text: 'kpi,when,value' }) }
);
const csv = fc.tuple(header, fc.array(row, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r', 'mixed'), fc.boolean(), fc.nat(3)).map(([head, rows, eol, bom, quoted]) => {
    const written = rows.map(r => typeof r === 'string' ? r : head.columns.map(c => (r as Record<string, string>)[c]).filter(c => c !== undefined).join(','));
    // In one file of four, a quoted cell: the text is not plain, and csv-parse's records decide.
    const lines = [head.text, ...quoted === 0 && written.length > 0 ? [written[0].replace(/^([^,]*)/, '"$1"'), ...written.slice(1)] : written];
    const text = eol === 'mixed' ? lines.map((l, i) => l + ['\n', '\r\n'][i % 2]).join('') : lines.join(eol) + eol;
    return (bom ? '\uFEFF' : '') + text;
});
const metric = fc.constantFrom(...METRICS);
const kpis = fc.tuple(metric, metric, metric, metric, fc.boolean()).map(([a, b, c, d, typo]) => {
    const map = new Map<string, KpiEntry<string>>([['J.A', { key: 'a', metric: a }], ['J.B', { key: 'b', metric: b }], ['O.C', { key: 'c', metric: c }], ['J.D', { key: 'd', metric: d }]]);
    if (typo) map.set('J.Typos', { key: 'typos', metric: 'nps' });
    return map;
});

/** A file's good rows as objects. */
const rowsOf = (file: ActualsFile) => Array.from({ length: file.rows.length }, (_, i) => file.rowAt(i));

describe('the actuals kept in columns give what one object per row gave', () => {
    test('rows, problems, diagnostics, actuals and series, for any files, KPIs and as-of date', () => {
        fc.assert(fc.property(fc.array(csv, { minLength: 1, maxLength: 3 }), kpis, fc.constantFrom(...DATES), fc.constantFrom(undefined, 1, 20), (texts, entries, asOf, chunk) => {
            const label = JSON.stringify({ texts, asOf, chunk, kpis: [...entries] });
            const files = texts.map((text, i) => ({ uri: `file:///test/${i}.csv`, file: readActualsFile(text, { chunk }) }));
            const reference = texts.map((text, i) => ({ uri: `file:///test/${i}.csv`, file: referenceRead(text) }));
            files.forEach(({ file }, i) => {
                expect(file.problems, label).toEqual(reference[i].file.problems);
                expect(rowsOf(file), label).toEqual(reference[i].file.rows);
            });
            const resolved = resolveActuals(files, entries, asOf);
            const expected = referenceResolve(reference, entries, asOf);
            expect(resolved.diagnostics, label).toEqual(expected.diagnostics);
            expect(new Set(resolved.byKpi.keys()), label).toEqual(new Set(expected.byKpi.keys()));
            for (const [key, { actual, series }] of expected.byKpi) {
                const found = resolved.byKpi.get(key)!;
                expect(found.actual, label).toEqual(actual);
                expect(found.series, label).toEqual(series);
            }
        }), { numRuns: 1500 });
    });

    test('a value written alike in many rows is read once and shared, and what reads it sees it unchanged', () => {
        const text = 'kpi,date,value\n' + Array.from({ length: 30 }, (_, i) => `J.A,2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')},95%`).join('\n');
        const file = readActualsFile(text);
        expect(file.rows.length).toBe(30);
        expect(file.rows.values).toEqual([{ form: 'percent', value: 95, text: '95%' }]);
        expect(file.rows.dates).toHaveLength(30);
        expect(rowsOf(file)).toEqual(referenceRead(text).rows);
    });
});
