import { EmptyFileSystem, EmptyFileSystemProvider, URI, type LangiumDocument } from 'langium';
import { createCopisCoreServices, type CopisServices } from '../../../language-server/copis-module.js';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { describe, expect, test } from 'vitest';
import type * as ast from '../../../language-server/generated/ast.js';
import { editableLspServices, lspWorkspace } from '../lsp/lsp-workspace.js';

const shared = [
    'customer Ana "Ana" { value high  clv 900 EUR }',
    'system Crm "CRM" { type crm }',
    ...Array.from({ length: 6 }, (_, i) => `information Info${i} "Record ${i}" { source Crm  owner "Data"  classification internal }`),
    'journey Buy "Buy" {',
    '  customers Ana',
    '  stage S "Stage" {',
    '    touchpoint T "Web" { channel web  systems Crm }',
    '  }',
    '}',
    ''
].join('\n');

describe('the editor re-parses only the declarations an edit touched', () => {
    test('a title edited in the journey: the declarations before it are the same nodes, diagnostics as after a fresh build', async () => {
        const { shared: services, texts } = editableLspServices({ 'main.copis': shared });
        const uri = URI.parse('file:///ws/main.copis');
        const document = await services.workspace.LangiumDocuments.getOrCreateDocument(uri);
        await services.workspace.DocumentBuilder.build([document], { validation: true });
        const before = (document.parseResult.value as ast.Model).elements.slice();

        // an edit that leaves the file valid, then one that breaks it (an unknown system), then back
        for (const text of [
            shared.replace('"Web"', '"Web shop"'),
            shared.replace('systems Crm }', 'systems Crn }'),
            shared.replace('"Stage"', '"Stage 1"')
        ]) {
            texts.set(uri.toString(), text);
            await services.workspace.DocumentBuilder.update([uri], []);
            const fresh = await lspWorkspace({ 'main.copis': text });
            const codes = (d: LangiumDocument) => d.diagnostics?.map(x => [x.code, x.range, x.message]);
            expect(codes(document)).toEqual(codes(fresh.doc('main.copis')));
            expect(document.textDocument.getText()).toBe(text);
        }
        const after = (document.parseResult.value as ast.Model).elements;
        // the customer, the system and the records were never parsed again
        expect(after.slice(0, 8)).toEqual(before.slice(0, 8));
        after.slice(0, 8).forEach((node, i) => expect(node).toBe(before[i]));
        expect(after[8]).not.toBe(before[8]);
    });
});

/** Makes the parser of `Copis` throw as a stack overflow does on any text that holds `needle`. */
function overflowOn(Copis: CopisServices, needle: string): void {
    const parser = Copis.parser.LangiumParser;
    const parse = parser.parse.bind(parser);
    parser.parse = ((text: string, options?: object) => {
        if (text.includes(needle)) throw new RangeError('Maximum call stack size exceeded');
        return parse(text, options);
    }) as typeof parser.parse;
}

describe('one file cannot stop the others from loading', () => {
    const files: Record<string, string> = {
        'file:///ws/shared.copis': 'system Crm "CRM" { type crm  owner "IT" }\n',
        'file:///ws/broken.copis': 'customer Ana "Ana" { value high }\n',
        'file:///ws/buy.copis': 'journey Buy "Buy" {\n  process P "P" { owner "Ops"  systems Crm }\n}\n'
    };
    /** A folder of `files`; reading `unreadable` fails as a file without permission does. */
    function folder(unreadable?: string) {
        return Object.assign(new EmptyFileSystemProvider(), {
            readFile: async (uri: URI) => {
                if (uri.toString() === unreadable) throw new Error(`EACCES: permission denied, open '${uri.path}'`);
                return files[uri.toString()] ?? '';
            },
            readDirectory: async (uri: URI) => uri.toString() === 'file:///ws'
                ? Object.keys(files).map(f => ({ uri: URI.parse(f), isFile: true, isDirectory: false }))
                : []
        });
    }

    async function loadFolder(fileSystem: ReturnType<typeof folder>, setUp?: (services: ReturnType<typeof createCopisLspServices>) => void) {
        const services = createCopisLspServices({ connection: undefined, fileSystemProvider: () => fileSystem });
        setUp?.(services);
        // What the server does after `initialized`: read the folder, build every file.
        await services.shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: 'file:///ws', name: 'ws' }]);
        // The first edit's build validates the loaded files (the load itself only links them).
        await services.shared.workspace.DocumentBuilder.update([], []);
        const diagnostics = (name: string) => services.shared.workspace.LangiumDocuments.getDocument(URI.parse(`file:///ws/${name}`))?.diagnostics;
        return { services, diagnostics };
    }

    test('a file whose parse throws is one syntax error; the workspace loads and the others are checked', async () => {
        const { diagnostics } = await loadFolder(folder(), ({ Copis }) => overflowOn(Copis, 'Ana'));
        expect(diagnostics('broken.copis')?.map(d => [d.code, d.range.start, d.message])).toEqual([[
            'syntax', { line: 0, character: 0 },
            'copis could not parse this file (internal error: Maximum call stack size exceeded); please report it. The other files are checked without it.'
        ]]);
        expect(diagnostics('buy.copis')?.map(d => d.code)).toEqual(['journey-without-customers', 'journey-without-stages', 'unused-declaration']);
        expect(diagnostics('shared.copis')).toEqual([]);
    });

    test('a file that cannot be read is one error that says why; the others are checked', async () => {
        const { diagnostics } = await loadFolder(folder('file:///ws/broken.copis'));
        expect(diagnostics('broken.copis')?.map(d => [d.code, d.message])).toEqual([[
            'syntax',
            "copis could not read this file (EACCES: permission denied, open '/ws/broken.copis'); check that it exists and can be read. The other files are checked without it."
        ]]);
        expect(diagnostics('buy.copis')?.map(d => d.code)).toEqual(['journey-without-customers', 'journey-without-stages', 'unused-declaration']);
    });

    test('a file that becomes readable again is read and checked as usual', async () => {
        let unreadable: string | undefined = 'file:///ws/broken.copis';
        const fileSystem = folder();
        const read = fileSystem.readFile;
        fileSystem.readFile = (async (uri: URI) => {
            if (uri.toString() === unreadable) throw new Error('EACCES: permission denied');
            return read(uri);
        }) as typeof read;
        const { services, diagnostics } = await loadFolder(fileSystem);
        expect(diagnostics('broken.copis')?.map(d => d.code)).toEqual(['syntax']);
        unreadable = undefined;
        await services.shared.workspace.DocumentBuilder.update([URI.parse('file:///ws/broken.copis')], []);
        expect(diagnostics('broken.copis')?.map(d => d.code)).toEqual(['high-value-uncovered']);
    });
});

describe('the CLI\'s way of loading (texts read beforehand, built as one workspace)', () => {
    test('a text whose parse throws is one syntax error; the others are linked and checked', async () => {
        const { shared: services, Copis } = createCopisCoreServices(EmptyFileSystem, { batch: true });
        overflowOn(Copis, 'Ana');
        const docs = ['broken.copis', 'buy.copis', 'shared.copis'].map(name => {
            const doc = services.workspace.LangiumDocumentFactory.fromString(
                name === 'broken.copis' ? 'customer Ana "Ana"\n' : name === 'buy.copis' ? 'journey Buy "Buy" { customers Crm }\n' : 'system Crm "CRM" { type crm }\n',
                URI.parse(`file:///cli/${name}`));
            services.workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await services.workspace.DocumentBuilder.build(docs, { validation: true });
        expect(docs[0].diagnostics!.map(d => [d.code, d.message])).toEqual([[
            'syntax', 'copis could not parse this file (internal error: Maximum call stack size exceeded); please report it. The other files are checked without it.'
        ]]);
        // `Crm` resolves (to a system, where a customer is expected): the other files were linked together.
        expect(docs[1].diagnostics!.map(d => d.code)).toContain('wrong-kind');
    });
});
