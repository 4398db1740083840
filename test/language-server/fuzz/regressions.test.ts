/**
 * Failures the fuzzers found (server-fuzz.test.ts, format-fuzz.test.ts), shrunk, one test each.
 * Each failed before its fix; docs/robustness.md lists them with their cause and fix.
 */
import { describe, expect, test } from 'vitest';
import * as ast from '../../../language-server/generated/ast.js';
import { editableLspServices } from '../lsp/lsp-workspace.js';
import { formatText } from '../../../language-server/formatting/format-text.js';
import { applyTextEdits, comments, lspEdits } from './format-oracle.js';
import { build, createServices } from './lsp-harness.js';

/** Diagnostics as `line:col code` (from 1), sorted. */
function codesOf(diagnostics: Array<{ code?: unknown; range: { start: { line: number; character: number } } }>): string[] {
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`).sort();
}

/** An editor workspace (Langium's incremental builds) whose files can be edited. */
async function editorWorkspace(files: Record<string, string>) {
    const ws = editableLspServices(files);
    await ws.build();
    return ws;
}

/** The same files built once, from scratch, in the given order. */
async function freshWorkspace(files: Array<[string, string]>) {
    const services = createServices();
    const docs = await build(services, files);
    return { services, doc: (name: string) => docs.find(d => d.uri.path.endsWith(`/${name}`))! };
}

describe('regressions found by the fuzzers', () => {
    test('#1 a name declared in two files resolves to the same one, whatever the order the files were loaded or edited in', async () => {
        // Shrunk from: the health example workspace, its first 232 characters deleted from
        // outpatient-visit.copis. The parser recovers `information ReferralLetter` (a touchpoint's
        // property) as a top-level declaration, so `ReferralLetter` is declared in both files.
        const a = 'information Letter "in a.copis"\nprocess P { owner "Ops"  reads Letter }\n';
        const b = 'information Letter "in b.copis"\n';
        // `duplicate-name` calls the declaration in a.copis the first (workspace order: by file):
        // references resolve to it, so b.copis's is the unused one.
        const expected = { a: ['2:9 unused-declaration'], b: ['1:13 duplicate-name', '1:13 unused-declaration'] };
        const titleOfTarget = (model: unknown) => {
            const process = (model as ast.Model).elements.find(ast.isProcess)!;
            return ((process.props[1] as ast.ReadsProp).refs[0].ref as ast.Information | undefined)?.title;
        };
        const loadedBFirst = await freshWorkspace([['b.copis', b], ['a.copis', a]]);
        expect(titleOfTarget(loadedBFirst.doc('a.copis').parseResult.value)).toBe('in a.copis');
        expect(codesOf(loadedBFirst.doc('a.copis').diagnostics!)).toEqual(expected.a);
        expect(codesOf(loadedBFirst.doc('b.copis').diagnostics!)).toEqual(expected.b);
        // Editing a.copis (without changing it) re-indexes it: it must still be the first.
        const ws = await editorWorkspace({ 'a.copis': a, 'b.copis': b });
        await ws.edit('a.copis', a);
        expect(titleOfTarget(ws.doc('a.copis').parseResult.value)).toBe('in a.copis');
        expect(codesOf(ws.doc('a.copis').diagnostics!)).toEqual(expected.a);
        expect(codesOf(ws.doc('b.copis').diagnostics!)).toEqual(expected.b);
    });

    test('#2 a file that starts declaring a name first takes over the references of a file that refers to neither', async () => {
        // Shrunk from: the retail example workspace, the first 133 characters of
        // buy-and-return.copis deleted: `information OrderRecord` and others (touchpoint
        // properties) are recovered as top-level declarations, before shared.copis's in
        // workspace order. shared.copis refers to nothing in buy-and-return.copis, so Langium
        // did not relink it: its process still read its own `OrderRecord`, unlike a fresh build.
        const b = 'information Letter "in b.copis"\nprocess P { owner "Ops"  reads Letter }\n';
        const a = 'information Letter "in a.copis"\n';
        const ws = await editorWorkspace({ 'a.copis': '', 'b.copis': b });
        await ws.edit('a.copis', a);
        const fresh = await freshWorkspace([['a.copis', a], ['b.copis', b]]);
        for (const name of ['a.copis', 'b.copis']) {
            expect(codesOf(ws.doc(name).diagnostics!), name).toEqual(codesOf(fresh.doc(name).diagnostics!));
        }
        const reads = (ws.doc('b.copis').parseResult.value as ast.Model).elements.find(ast.isProcess)!.props[1] as ast.ReadsProp;
        expect((reads.refs[0].ref as ast.Information).title).toBe('in a.copis');
        expect(codesOf(ws.doc('b.copis').diagnostics!)).toEqual(['1:13 duplicate-name', '1:13 unused-declaration', '2:9 unused-declaration']);
    });

    test('#3 a message that names a line (or kind, or customer) of another file follows edits of that file', async () => {
        // Shrunk from: the health example workspace; one edit of outpatient-visit.copis turned it
        // into a file that redeclares shared.copis's information, a second edit removed a line
        // break above them. shared.copis's `duplicate-name` still said "(at outpatient-visit.copis:131)"
        // where a fresh build says 130: the facts that decide whether a file is validated again
        // did not include what its messages say about other files.
        const ws = await editorWorkspace({ 'a.copis': '\nsystem Oms\n', 'b.copis': 'system Oms\n' });
        const messages = (name: string) => ws.doc(name).diagnostics!.filter(d => d.code !== 'unused-declaration').map(d => `${String(d.code)}: ${d.message}`);
        expect(messages('b.copis')).toEqual(['duplicate-name: `Oms` is already declared as a system (at a.copis:2); rename one of them.']);
        await ws.edit('a.copis', 'system Oms\n');
        expect(messages('b.copis')).toEqual(['duplicate-name: `Oms` is already declared as a system (at a.copis:1); rename one of them.']);
        // The same for the kind of the first declaration...
        await ws.edit('a.copis', 'customer Oms { value low }\n');
        expect(messages('b.copis')).toEqual(['duplicate-name: `Oms` is already declared as a customer (at a.copis:1); rename one of them.']);
        // ... the kind of a top-level declaration that a journey member hides ...
        // (b.copis refers to nothing in a.copis: Langium has no reason to rebuild it.)
        await ws.edit('b.copis', 'journey J { stage Oms { touchpoint T } }\n');
        expect(messages('b.copis')).toContain('shadowed-name: Stage `Oms` hides the top-level customer `Oms` inside journey `J`; rename it to keep both reachable.');
        await ws.edit('a.copis', 'system Oms\n');
        expect(messages('b.copis')).toContain('shadowed-name: Stage `Oms` hides the top-level system `Oms` inside journey `J`; rename it to keep both reachable.');
        // ... and the customer of a lower tier that `clv-tier-mismatch` compares with.
        await ws.edit('a.copis', 'customer Rich { value low  clv 900 EUR }\n');
        await ws.edit('b.copis', 'customer Poor { value high  clv 100 EUR }\n');
        expect(messages('b.copis').filter(m => m.startsWith('clv'))).toEqual([expect.stringContaining('less than `Rich` (low tier, 900 EUR)')]);
        await ws.edit('a.copis', 'customer Wealthy { value medium  clv 900 EUR }\n');
        expect(messages('b.copis').filter(m => m.startsWith('clv'))).toEqual([expect.stringContaining('less than `Wealthy` (medium tier, 900 EUR)')]);
    });

    test('#4 a file with both line ends: no formatting edit starts or ends between the \\r and \\n of a CRLF', async () => {
        // Found by format-fuzz (generated models with mixed line ends), shrunk. The file's line
        // end is its first one (\n here); the gap `\r\n` becomes `\n`, and the smallest edit
        // removed just the `\r`: an offset between `\r` and `\n` has no LSP position (it maps
        // to the end of the line), so the editor's edit removed nothing. The CLI and the editor
        // formatted differently, and the editor's result was not formatted.
        for (const text of ['/**\n*/\r\ninformation Shopper', 'journey Shopper\n"" { } //\r\n', 'system A\nsystem B\r\n']) {
            const formatted = formatText(text)!;
            expect(applyTextEdits(text, await lspEdits(text))).toBe(formatted);
            expect(formatText(formatted)).toBe(formatted);
        }
        expect(formatText('system A\nsystem B\r\n')).toBe('system A\nsystem B\n');
    });

    test('#5 formatting twice changes nothing when a comment holds the first line break', () => {
        // Found by format-fuzz, shrunk. The line end was taken from the first `\n` of the text:
        // here the leading `\r\n` (which formatting removes), the second time the `\n` inside the
        // doc comment (which formatting never changes), so the second run rewrote every line end.
        const text = '\r\n/**\n*/\r\ncustomer Shopper';
        const once = formatText(text)!;
        expect(once).toBe('/**\n*/\r\ncustomer Shopper\r\n');
        expect(formatText(once)).toBe(once);
    });

    test('#6 a lone \\r ends a line comment: formatting keeps what follows it out of the comment', async () => {
        // Found by format-fuzz (generated models with old Mac line ends), shrunk. The lexer and
        // the editor end a line at `\r`; the formatter counted only `\n`, saw the block comment
        // on the line comment's line and joined them: `// /***/`, one comment instead of two
        // (`customer A // a\r// b` became `customer A  // a // b`). Code after a line comment
        // always got a new line; only comments were swallowed.
        const text = '/***/\rjourney //\rShopper //\r{ //\r/***/\r  moment //\r_ //\r}';
        const formatted = formatText(text)!;
        expect(comments(formatted)).toEqual(comments(text));
        // As if the line ends were `\n` (a file of `\r` line ends becomes one of `\n`).
        expect(formatted).toBe(formatText(text.replace(/\r/g, '\n')));
        expect(formatText('customer A // a\r// b\rcustomer B')).toBe('customer A  // a\n// b\ncustomer B\n');
        expect(applyTextEdits(text, await lspEdits(text))).toBe(formatted);
    });
});


