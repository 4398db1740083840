import { URI, type LangiumDocument } from 'langium';
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
