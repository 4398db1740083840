import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, test } from 'vitest';
import { dirname } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { findActualsFiles } from '../../language-server/actuals/actuals-globs.js';
import { rootFromConfig } from '../../language-server/workspace/model-files.js';
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

    test('each a model root whose config names its actuals.csv: no problem in the CSV files, and still no error and no warning', async () => {
        const files = (await glob('**/*.copis', { cwd: examplesDir, absolute: true })).sort();
        const configs = (await glob('*/copis.config.json', { cwd: examplesDir, absolute: true })).sort();
        const roots = configs.map(f => rootFromConfig(URI.file(dirname(f)), readFileSync(f, 'utf8')));
        expect(roots.flatMap(r => r.problems)).toEqual([]);
        const refs = await findActualsFiles(roots, new NodeFileSystemProvider());
        expect(refs.map(r => [fileURLToPath(r.uri).slice(examplesDir.length), fileURLToPath(r.scope).slice(examplesDir.length)]))
            .toEqual([['health/actuals.csv', 'health'], ['retail/actuals.csv', 'retail'], ['saas/actuals.csv', 'saas']]);
        const csvs = refs.map(r => fileURLToPath(r.uri));
        const { documents, services } = await loadWorkspace(files.map(f => ({ uri: pathToFileURL(f).toString(), text: readFileSync(f, 'utf8') })), {
            roots, actuals: refs.map(r => ({ uri: r.uri, scope: r.scope, text: readFileSync(fileURLToPath(r.uri), 'utf8') }))
        });
        for (const csv of csvs) expect(summary(services.validation.Actuals.diagnostics(pathToFileURL(csv).toString())), csv).toEqual([]);
        const bad = documents.flatMap(d => summary((d.diagnostics ?? []).filter(x => x.severity === 1 || x.severity === 2)));
        expect(bad).toEqual([]);
        // Every actuals row names a KPI of the examples and is read: each KPI it names has an actual.
        const measured = documents.flatMap(d => (d.diagnostics ?? []).filter(x => x.code === 'kpi-off-target').map(x => x.message));
        expect(measured).toEqual(['KPI `BookingNps` is off target: actual 6 on 2026-11-30 (actuals.csv), target >= 10.']);
    });
});
