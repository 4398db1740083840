import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../helpers.js';
import { summary } from './util.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

describe('the examples/ folder', () => {
    test('every .copis file, loaded as one workspace, parses and has no error and no warning', async () => {
        const files = (await glob('**/*.copis', { cwd: examplesDir, absolute: true })).sort();
        expect(files.length, `no .copis file under ${examplesDir}: the examples are missing`).toBeGreaterThan(0);
        const { documents } = await loadWorkspace(files.map(f => ({ uri: pathToFileURL(f).toString(), text: readFileSync(f, 'utf8') })));
        const found: string[] = [];
        for (const doc of documents) {
            const file = doc.uri.path.slice(doc.uri.path.indexOf('/examples/') + 1);
            for (const e of doc.parseResult.lexerErrors) found.push(`${file}: lexer: ${e.message}`);
            for (const e of doc.parseResult.parserErrors) found.push(`${file}: parser: ${e.message}`);
            const bad = (doc.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
            found.push(...summary(bad).map(s => `${file}:${s}`));
        }
        expect(found).toEqual([]);
    });

    test('with the actuals.csv of each example: no problem in the CSV files, and still no error and no warning', async () => {
        const files = (await glob('**/*.copis', { cwd: examplesDir, absolute: true })).sort();
        const csvs = (await glob('*/actuals.csv', { cwd: examplesDir, absolute: true })).sort();
        expect(csvs.map(f => f.slice(examplesDir.length))).toEqual(['health/actuals.csv', 'retail/actuals.csv', 'saas/actuals.csv']);
        const { documents, services } = await loadWorkspace(files.map(f => ({ uri: pathToFileURL(f).toString(), text: readFileSync(f, 'utf8') })), {
            actuals: csvs.map(f => ({ uri: pathToFileURL(f).toString(), text: readFileSync(f, 'utf8') }))
        });
        for (const csv of csvs) expect(summary(services.validation.Actuals.diagnostics(pathToFileURL(csv).toString())), csv).toEqual([]);
        const bad = documents.flatMap(d => summary((d.diagnostics ?? []).filter(x => x.severity === 1 || x.severity === 2)));
        expect(bad).toEqual([]);
        // Every actuals row names a KPI of the examples and is read: each KPI it names has an actual.
        const measured = documents.flatMap(d => (d.diagnostics ?? []).filter(x => x.code === 'kpi-off-target').map(x => x.message));
        expect(measured).toEqual(['KPI `BookingNps` is off target: actual 6 on 2026-11-30 (actuals.csv), target >= 10.']);
    });
});
