import { DocumentState, EmptyFileSystemProvider, URI, type FileSystemNode } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FileChangeType } from 'vscode-languageserver';
import { ActualsSync } from '../../../language-server/lsp/actuals-sync.js';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { rootFromConfig } from '../../../language-server/workspace/model-files.js';
import { TEST_AS_OF } from '../../helpers.js';

const MODEL = `journey Shop {
  objective Fast { kpi OnTime { metric percent  current 91%  target >= 97% } }
}
`;

/** A config whose `actuals` name every CSV file at the top of the workspace. */
const CONFIG = { 'copis.config.json': '{ "actuals": ["*.csv"] }' };

/**
 * The language server's services over a file system the test can change, and an ActualsSync
 * publishing into `published`. Every `copis.config.json` of `files` makes its folder a model root
 * (as the workspace manager's walk would); `roots()` reads them again.
 */
async function editor(files: Record<string, string>) {
    const texts = new Map(Object.entries(files).map(([path, text]) => [`file:///ws/${path}`, text]));
    const fileSystem = Object.assign(new EmptyFileSystemProvider(), {
        readFile: async (uri: URI) => {
            const text = texts.get(uri.toString());
            if (text === undefined) throw new Error(`ENOENT ${uri}`);
            return text;
        },
        readFileSync: (uri: URI) => texts.get(uri.toString()) ?? '',
        readDirectory: async (folder: URI): Promise<FileSystemNode[]> => {
            const prefix = `${folder.toString().replace(/\/$/, '')}/`;
            const children = new Map<string, boolean>();
            for (const uri of texts.keys()) {
                if (!uri.startsWith(prefix)) continue;
                const [first, ...rest] = uri.slice(prefix.length).split('/');
                children.set(prefix + first, rest.length > 0 || children.get(prefix + first) === true);
            }
            return [...children].map(([uri, isDirectory]) => ({ uri: URI.parse(uri), isFile: !isDirectory, isDirectory }));
        }
    });
    const { shared, Copis } = createCopisLspServices({ connection: undefined, fileSystemProvider: () => fileSystem });
    Copis.validation.AsOf.set(TEST_AS_OF);
    const published = new Map<string, Diagnostic[]>();
    /** What the client was told the actuals files are, each time. */
    const announced: string[][] = [];
    const sync = new ActualsSync(shared, Copis.validation.Actuals, fileSystem, (uri, diagnostics) => published.set(uri, diagnostics), uris => announced.push(uris));
    const roots = () => shared.workspace.ModelRoots.setScan('test', [...texts].filter(([uri]) => uri.endsWith('/copis.config.json'))
        .map(([uri, text]) => rootFromConfig(URI.parse(uri.slice(0, -'/copis.config.json'.length)), text)));
    roots();
    const copis = [...texts].filter(([uri]) => uri.endsWith('.copis')).map(([uri, text]) => {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
        shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await shared.workspace.DocumentBuilder.build(copis, { validation: true });
    const codes = () => (copis[0].diagnostics ?? []).map(d => `${String(d.code)}: ${d.message}`);
    const edit = async (path: string, text: string) => {
        texts.set(`file:///ws/${path}`, text);
        await shared.workspace.DocumentBuilder.update([URI.parse(`file:///ws/${path}`)], []);
    };
    const kpi = () => {
        const model = shared.workspace.LangiumDocuments.getDocument(URI.parse('file:///ws/model.copis'))!.parseResult.value as import('../../../language-server/generated/ast.js').Model;
        return (model.elements[0] as import('../../../language-server/generated/ast.js').Journey).objectives[0].kpis[0];
    };
    return { sync, texts, published, announced, codes, Copis, edit, kpi, roots };
}

describe('KPI actuals in the editor', () => {
    test('the CSV files the config\'s `actuals` name are read (wildcards not into node_modules, dot-folders or model roots of their own); their problems are published', async () => {
        const { sync, published, codes } = await editor({
            'copis.config.json': '{ "actuals": ["data/**/*.csv", "extra.csv"] }',
            'model.copis': MODEL,
            'data/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\nShop.OnTme,2026-11-30,1%\n',
            'extra.csv': 'kpi,date,value\nShop.OnTime,2026-11-01,97%\n',
            'exports/other.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,1%\n',
            'data/node_modules/pkg/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,1%\n',
            'data/.cache/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,1%\n',
            'data/sub/copis.config.json': '{}',
            'data/sub/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,1%\n'
        });
        expect(codes()).toContain('kpi-off-target: KPI `OnTime` is off target: current 91%, target >= 97%.');
        await sync.discover();
        expect([...published.keys()].sort()).toEqual(['file:///ws/data/kpis.csv', 'file:///ws/extra.csv']);
        expect(published.get('file:///ws/data/kpis.csv')!.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`)).toEqual(['3:1 actuals-unknown-kpi']);
        expect(published.get('file:///ws/extra.csv')).toEqual([]);
        // The KPI was validated again with its actual (the latest row: 98% on 2026-11-30) which meets the target.
        expect(codes().filter(c => c.startsWith('kpi-off-target'))).toEqual([]);
    });

    test('without `actuals` in a config, no CSV file is read', async () => {
        const { sync, published } = await editor({ 'copis.config.json': '{}', 'model.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n' });
        await sync.discover();
        await sync.watched({ changes: [{ uri: 'file:///ws/kpis.csv', type: FileChangeType.Changed }] });
        await sync.edited('file:///ws/kpis.csv', 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n');
        expect(published.size).toBe(0);
    });

    test('a changed, a new and a deleted actuals file: the KPIs are checked again and the problems follow', async () => {
        const { sync, texts, published, codes } = await editor({ ...CONFIG, 'model.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n' });
        await sync.discover();
        expect(codes().some(c => c.startsWith('kpi-off-target'))).toBe(false);

        texts.set('file:///ws/kpis.csv', 'kpi,date,value\nShop.OnTime,2026-11-30,95%\nShop.OnTime,2026-11-30,96%\n');
        await sync.watched({ changes: [{ uri: 'file:///ws/kpis.csv', type: FileChangeType.Changed }] });
        expect(codes()).toContain('kpi-off-target: KPI `OnTime` is off target: actual 95% on 2026-11-30 (kpis.csv), target >= 97%.');
        expect(published.get('file:///ws/kpis.csv')!.map(d => String(d.code))).toEqual(['actuals-duplicate']);

        // A broken header is reported, not ignored.
        texts.set('file:///ws/kpis.csv', 'kpi;date;value\n');
        await sync.watched({ changes: [{ uri: 'file:///ws/kpis.csv', type: FileChangeType.Changed }] });
        expect(published.get('file:///ws/kpis.csv')!.map(d => String(d.code))).toEqual(['actuals-bad-row']);

        texts.set('file:///ws/new.csv', 'kpi,date,value\nShop.OnTime,2026-11-29,99%\n');
        // exports/ is not what `*.csv` names: that file is left alone.
        texts.set('file:///ws/exports/low.csv', 'kpi,date,value\nShop.OnTime,2026-11-30,1%\n');
        await sync.watched({ changes: [
            { uri: 'file:///ws/new.csv', type: FileChangeType.Created }, { uri: 'file:///ws/exports/low.csv', type: FileChangeType.Created }
        ] });
        expect(codes().some(c => c.startsWith('kpi-off-target'))).toBe(false);
        expect(published.has('file:///ws/exports/low.csv')).toBe(false);

        texts.delete('file:///ws/new.csv');
        await sync.watched({ changes: [{ uri: 'file:///ws/new.csv', type: FileChangeType.Deleted }] });
        expect(published.get('file:///ws/new.csv')).toEqual([]);
        expect(codes()).toContain('kpi-off-target: KPI `OnTime` is off target: current 91%, target >= 97%.');
    });

    test('a KPI renamed in the model: the actuals file\'s problems are published again after that build', async () => {
        const { sync, published, Copis } = await editor({ ...CONFIG, 'model.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n' });
        await sync.discover();
        expect(published.get('file:///ws/kpis.csv')).toEqual([]);
        const document = Copis.shared.workspace.LangiumDocuments.all.toArray()[0];
        const renamed = Copis.shared.workspace.LangiumDocumentFactory.fromString(MODEL.replace('kpi OnTime', 'kpi OnTimes'), document.uri);
        Copis.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
        Copis.shared.workspace.LangiumDocuments.addDocument(renamed);
        await Copis.shared.workspace.DocumentBuilder.build([renamed], { validation: true });
        expect(published.get('file:///ws/kpis.csv')!.map(d => d.message)).toEqual(['`Shop.OnTime` names no KPI; did you mean `Shop.OnTimes`?']);
    });

    test('an edit that changes no KPI\'s name or metric does not match the rows again; one that does, does', async () => {
        const { sync, Copis, edit, kpi, codes } = await editor({ ...CONFIG, 'model.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n' });
        await sync.discover();
        const actuals = Copis.validation.Actuals;
        const before = actuals.of(kpi());
        expect(before?.actual?.value.text).toBe('98%');
        await edit('model.copis', MODEL.replace('journey Shop {', 'journey Shop "The shop" {'));
        // A new tree, the same KPIs: the same matched rows.
        expect(actuals.of(kpi())).toBe(before);
        await edit('model.copis', MODEL.replace('metric percent', 'metric csat'));
        const after = actuals.of(kpi());
        expect(after).not.toBe(before);
        expect(after?.actual?.value.text).toBe('98%');
        await edit('model.copis', MODEL.replace('metric percent  current 91%  target >= 97%', 'metric nps  current 40  target >= 45'));
        // 98% is no NPS: the row is a bad value now, and the KPI has no actual.
        expect(actuals.of(kpi())).toBeUndefined();
        expect(actuals.diagnostics('file:///ws/kpis.csv').map(d => String(d.code))).toEqual(['actuals-bad-value']);
        expect(codes()).toContain('kpi-off-target: KPI `OnTime` is off target: current 40, target >= 45.');
    });

    test('an open CSV file\'s unsaved text counts while it is open; once closed, the file on disk counts again', async () => {
        const { sync, published, codes } = await editor({ ...CONFIG, 'model.copis': MODEL, 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n' });
        await sync.discover();
        expect(codes().some(c => c.startsWith('kpi-off-target'))).toBe(false);
        await sync.edited('file:///ws/kpis.csv', 'kpi,date,value\nShop.OnTime,2026-11-30,90%\nShop.OnTime,2026-11-31,91%\n');
        expect(codes()).toContain('kpi-off-target: KPI `OnTime` is off target: actual 90% on 2026-11-30 (kpis.csv), target >= 97%.');
        expect(published.get('file:///ws/kpis.csv')!.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`)).toEqual(['3:13 actuals-bad-row']);
        // Closed without saving: the file on disk (98%) again.
        await sync.edited('file:///ws/kpis.csv', undefined);
        expect(codes().some(c => c.startsWith('kpi-off-target'))).toBe(false);
        expect(published.get('file:///ws/kpis.csv')).toEqual([]);
    });

    test('an open CSV file that the config does not name is ignored, and a burst of edits is one check', async () => {
        const { sync, published, Copis, kpi } = await editor({ 'copis.config.json': '{ "actuals": ["kpis.csv"] }', 'model.copis': MODEL });
        await sync.edited('file:///ws/people.csv', 'name,age\nAda,36\n');
        expect(published.size).toBe(0);
        expect(Copis.validation.Actuals.uris()).toEqual([]);
        let builds = 0;
        Copis.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => { builds++; });
        await Promise.all([1, 2, 3, 4, 5].map(n => sync.edited('file:///ws/kpis.csv', `kpi,date,value\nShop.OnTime,2026-11-30,9${n}%\n`)));
        // The last text counts; five edits, at most two checks (one may have started before the others came).
        expect(Copis.validation.Actuals.latest(kpi())?.value.text).toBe('95%');
        expect(builds).toBeGreaterThanOrEqual(1);
        expect(builds).toBeLessThanOrEqual(2);
    });

    test('a config that changes: its new `actuals` are read, the old ones let go, and its `staleAfter` judges the KPIs', async () => {
        const { sync, texts, published, codes, roots } = await editor({
            'copis.config.json': '{ "actuals": ["old.csv"] }', 'model.copis': MODEL,
            'old.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n', 'new.csv': 'kpi,date,value\nShop.OnTime,2026-11-01,90%\n'
        });
        await sync.discover();
        expect(codes().some(c => c.startsWith('kpi-off-target'))).toBe(false);
        texts.set('file:///ws/copis.config.json', '{ "actuals": ["new.csv"], "staleAfter": "2w" }');
        roots();
        // (The workspace manager walks again and relinks the root's documents; then the sync reads the files.)
        await sync.discover();
        expect(published.get('file:///ws/old.csv')).toEqual([]);
        expect(published.get('file:///ws/new.csv')).toEqual([]);
        expect(codes()).toContain('kpi-off-target: KPI `OnTime` is off target: actual 90% on 2026-11-01 (new.csv), target >= 97%.');
        expect(codes().filter(c => c.startsWith('kpi-stale'))).toEqual([
            `kpi-stale: KPI \`OnTime\`'s latest actual is from 2026-11-01, ${daysTo('2026-11-01')} days before ${TEST_AS_OF} (older than 2w, the \`staleAfter\` of its model); add a newer row to new.csv, or check that the KPI is still measured.`
        ]);
    });

    test('the client is told which CSV files are actuals files, whenever that changes (and only then): it forwards the unsaved text of those only', async () => {
        const { sync, texts, announced, Copis, roots } = await editor({
            'copis.config.json': '{ "actuals": ["data/*.csv"] }', 'model.copis': MODEL,
            'data/kpis.csv': 'kpi,date,value\nShop.OnTime,2026-11-30,98%\n', 'people.csv': 'kpi,name\nx,Ada\n'
        });
        await sync.discover();
        expect(announced).toEqual([['file:///ws/data/kpis.csv']]);
        // Builds and edits that change no file's being one tell nothing new.
        await Copis.shared.workspace.DocumentBuilder.update([URI.parse('file:///ws/model.copis')], []);
        await sync.edited('file:///ws/data/kpis.csv', 'kpi,date,value\nShop.OnTime,2026-11-30,97%\n');
        await sync.edited('file:///ws/people.csv', 'kpi,name\ny,Bob\n');
        expect(announced).toHaveLength(1);
        texts.set('file:///ws/data/more.csv', 'kpi,date,value\n');
        await sync.watched({ changes: [{ uri: 'file:///ws/data/more.csv', type: FileChangeType.Created }] });
        expect(announced.at(-1)).toEqual(['file:///ws/data/kpis.csv', 'file:///ws/data/more.csv']);
        texts.set('file:///ws/copis.config.json', '{ "actuals": ["people.csv"] }');
        roots();
        await sync.discover();
        expect(announced.at(-1)).toEqual(['file:///ws/people.csv']);
        texts.set('file:///ws/copis.config.json', '{}');
        roots();
        await sync.discover();
        expect(announced.at(-1)).toEqual([]);
        expect(announced).toHaveLength(4);
    });
});

function daysTo(date: string): number {
    return Math.round((Date.parse(`${TEST_AS_OF}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}
