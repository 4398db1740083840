import { TextDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { ResponseError } from 'vscode-languageserver';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { lspWorkspace } from './lsp-workspace.js';

/** Builds a workspace of `files` (name → text) in the language server. */
async function workspace(files: Record<string, string>) {
    const { Copis, doc, at } = await lspWorkspace(files);
    const rename = (name: string, needle: string, newName: string, shift = 0, n = 0) =>
        Copis.lsp.RenameProvider!.rename(doc(name), { ...at(name, needle, shift, n), newName });
    const prepare = (name: string, needle: string, shift = 0, n = 0) => Copis.lsp.RenameProvider!.prepareRename(doc(name), at(name, needle, shift, n));
    return { rename, prepare, doc, files };
}

/** The text of every file after `edit`. */
function applied(files: Record<string, string>, edit: WorkspaceEdit | undefined): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, text] of Object.entries(files)) {
        const edits: TextEdit[] = edit?.changes?.[`file:///ws/${name}`] ?? [];
        result[name] = TextDocument.applyEdits(TextDocument.create(name, 'copis', 1, text), edits);
    }
    return result;
}

/** The codes of the errors in every file after building `files` afresh. */
async function errors(files: Record<string, string>): Promise<string[]> {
    const { docs } = await lspWorkspace(files);
    return docs.flatMap(d => (d.diagnostics ?? []).filter(x => x.severity === 1).map(x => `${d.uri.path}: ${String(x.code)} ${x.message}`));
}

async function refusal(promise: unknown): Promise<string> {
    try {
        await promise;
    } catch (error) {
        return (error as ResponseError<void>).message;
    }
    throw new Error('the rename was not refused');
}

const A = `customer Shopper "Shopper" { value high }
system Oms "Order management"
process Refund "Refund a return" { owner "Finance" }
journey Shop "Shop online" {
  customers Shopper
  objective Fast { kpi OnTime { metric percent  current 91%  target >= 97% } }
  process Fulfil { owner "Warehouse"  systems Oms }
  stage Buy { category purchase
    touchpoint Checkout { channel web  processes Fulfil }
  }
  moment Paid { at Checkout  kind first  kpis OnTime  recovery Refund }
}
`;

const B = `information Rec { source Oms }
journey Other {
  customers Shopper
  stage S { category delivery  touchpoint T { processes Shop.Fulfil, Refund } }
  moment M { at T  kpis Shop.OnTime }
}
`;

const files = { 'a.copis': A, 'b.copis': B };

describe('rename', () => {
    test('a journey member, on its declaration: the declaration, its simple references and only the member part of `Journey.Name` elsewhere', async () => {
        const ws = await workspace(files);
        const edit = await ws.rename('a.copis', 'kpi OnTime', 'Punctual', 4);
        const after = applied(files, edit);
        expect(after['a.copis']).toContain('kpi Punctual {');
        expect(after['a.copis']).toContain('kpis Punctual  recovery');
        expect(after['b.copis']).toContain('kpis Shop.Punctual }');
        expect(Object.values(edit!.changes!).flat()).toHaveLength(3);
        expect(await errors(after)).toEqual([]);
    });

    test('a journey member, from the member part of a qualified reference in another file', async () => {
        const ws = await workspace(files);
        const edit = await ws.rename('b.copis', 'Shop.Fulfil', 'Ship', 'Shop.F'.length);
        const after = applied(files, edit);
        expect(after['a.copis']).toContain('process Ship { owner');
        expect(after['a.copis']).toContain('processes Ship }');
        expect(after['b.copis']).toContain('processes Shop.Ship, Refund');
        expect(await errors(after)).toEqual([]);
    });

    test('a journey: its name and the `Journey.` prefix of qualified references to its members', async () => {
        const ws = await workspace(files);
        const edit = await ws.rename('a.copis', 'journey Shop', 'Store', 'journey S'.length);
        const after = applied(files, edit);
        expect(after['a.copis']).toContain('journey Store "Shop online"');
        expect(after['b.copis']).toContain('processes Store.Fulfil, Refund');
        expect(after['b.copis']).toContain('kpis Store.OnTime }');
        expect(edit!.changes!['file:///ws/a.copis']).toHaveLength(1);
        expect(await errors(after)).toEqual([]);
    });

    test('a journey, from the qualifier of a reference to one of its members', async () => {
        const ws = await workspace(files);
        const edit = await ws.rename('b.copis', 'Shop.OnTime', 'Store', 1);
        const after = applied(files, edit);
        expect(after['a.copis']).toContain('journey Store "Shop online"');
        expect(after['b.copis']).toContain('processes Store.Fulfil');
        expect(after['b.copis']).toContain('kpis Store.OnTime');
    });

    test('a top-level declaration across files', async () => {
        const ws = await workspace(files);
        const edit = await ws.rename('b.copis', 'source Oms', 'Erp', 'source O'.length);
        expect(edit!.changes!['file:///ws/a.copis']).toHaveLength(2);
        expect(edit!.changes!['file:///ws/b.copis']).toHaveLength(1);
        const after = applied(files, edit);
        expect(after['a.copis']).toContain('system Erp "Order management"');
        expect(after['a.copis']).toContain('systems Erp }');
        expect(after['b.copis']).toContain('source Erp }');
        expect(await errors(after)).toEqual([]);
    });

    test('a KPI of a top-level objective: simple and `Objective.Kpi` references; renaming the objective renames the prefix', async () => {
        const top = { 'o.copis': 'objective Grow { kpi Nps { metric nps  current 30  target >= 40 } }', 'j.copis': 'journey J { moment M { kpis Nps, Grow.Nps } }' };
        const ws = await workspace(top);
        expect(applied(top, await ws.rename('o.copis', 'Nps', 'Score', 1))['j.copis']).toBe('journey J { moment M { kpis Score, Grow.Score } }');
        expect(applied(top, await ws.rename('o.copis', 'Grow', 'Expand', 1))).toEqual({
            'o.copis': 'objective Expand { kpi Nps { metric nps  current 30  target >= 40 } }',
            'j.copis': 'journey J { moment M { kpis Nps, Expand.Nps } }'
        });
    });

    test('a qualified reference written with spaces and a comment keeps them', async () => {
        const spaced = { 'a.copis': A, 'c.copis': 'journey C { moment M { kpis Shop /* the shop */ . OnTime } }' };
        const ws = await workspace(spaced);
        expect(applied(spaced, await ws.rename('a.copis', 'kpi OnTime', 'Punctual', 4))['c.copis']).toBe('journey C { moment M { kpis Shop /* the shop */ . Punctual } }');
        expect(applied(spaced, await ws.rename('c.copis', 'Shop /*', 'Store', 1))['c.copis']).toBe('journey C { moment M { kpis Store /* the shop */ . OnTime } }');
    });

    test('an enum word is a valid name (the grammar accepts it as a name)', async () => {
        const ws = await workspace(files);
        const after = applied(files, await ws.rename('a.copis', 'touchpoint Checkout', 'email', 'touchpoint C'.length));
        expect(after['a.copis']).toContain('touchpoint email {');
        expect(after['a.copis']).toContain('at email  kind');
        expect(await errors(after)).toEqual([]);
    });

    test('refuses a name that is not an identifier', async () => {
        const ws = await workspace(files);
        expect(await refusal(ws.rename('a.copis', 'system Oms', '2fast', 8))).toBe(
            '`2fast` is not a valid name: a name starts with a letter or `_` and has only letters, digits and `_`.');
        expect(await refusal(ws.rename('a.copis', 'system Oms', 'order-system', 8))).toContain('`order-system` is not a valid name');
        expect(await refusal(ws.rename('a.copis', 'system Oms', '', 8))).toContain('is not a valid name');
    });

    test('refuses a reserved keyword', async () => {
        const ws = await workspace(files);
        expect(await refusal(ws.rename('a.copis', 'system Oms', 'stage', 8))).toBe('`stage` is a keyword of the language and cannot be a name; choose another name.');
        expect(await refusal(ws.rename('a.copis', 'system Oms', 'owner', 8))).toContain('`owner` is a keyword');
        expect(await refusal(ws.rename('a.copis', 'system Oms', 'journey', 8))).toContain('`journey` is a keyword');
    });

    test('refuses a clash at top level, across the workspace', async () => {
        const ws = await workspace(files);
        expect(await refusal(ws.rename('a.copis', 'system Oms', 'Rec', 8))).toBe('`Rec` is already declared as an information (b.copis, line 1); choose another name.');
        expect(await refusal(ws.rename('a.copis', 'system Oms', 'Other', 8))).toContain('`Other` is already declared as a journey (b.copis, line 2)');
    });

    test('refuses a clash inside the journey, but not with a member of another journey', async () => {
        const ws = await workspace(files);
        expect(await refusal(ws.rename('a.copis', 'touchpoint Checkout', 'Paid', 12))).toBe(
            '`Paid` is already declared in journey `Shop` as a moment of truth (a.copis, line 11); choose another name.');
        expect(await ws.rename('a.copis', 'touchpoint Checkout', 'T', 12)).toBeDefined();
    });

    test('refuses a journey member name that would hide a top-level declaration the journey refers to', async () => {
        const ws = await workspace(files);
        expect(await refusal(ws.rename('a.copis', 'process Fulfil', 'Refund', 9))).toBe(
            'Journey `Shop` refers to the top-level process `Refund` (a.copis, line 11); a process called `Refund` would hide it there. Choose another name.');
        // A stage may hide a top-level process name: no reference there expects a stage.
        expect(await ws.rename('a.copis', 'stage Buy', 'Refund', 7)).toBeDefined();
    });

    test('refuses a top-level name that a journey member would hide from a reference in that journey', async () => {
        const ws = await workspace(files);
        expect(await refusal(ws.rename('a.copis', 'process Refund', 'Fulfil', 9))).toBe(
            'In journey `Shop`, `Fulfil` is its own process (a.copis, line 7); the reference to process `Refund` there (a.copis, line 11) would point to it. Choose another name.');
    });

    test('renaming to the same name changes nothing', async () => {
        const ws = await workspace(files);
        expect(applied(files, await ws.rename('a.copis', 'system Oms', 'Oms', 8))).toEqual(files);
    });

    test('prepareRename: the name part under the cursor, or nothing', async () => {
        const ws = await workspace(files);
        const text = (range: { start: { line: number; character: number }; end: { line: number; character: number } } | undefined, name = 'b.copis') => {
            const doc = ws.doc(name).textDocument;
            return range && doc.getText(range);
        };
        expect(text(await ws.prepare('b.copis', 'Shop.OnTime', 'Shop.O'.length))).toBe('OnTime');
        expect(text(await ws.prepare('b.copis', 'Shop.OnTime', 1))).toBe('Shop');
        expect(text(await ws.prepare('a.copis', 'system Oms', 8), 'a.copis')).toBe('Oms');
        // Right after a name still names it (the cursor at the end of a word).
        expect(text(await ws.prepare('a.copis', 'system Oms', 10), 'a.copis')).toBe('Oms');
        expect(await ws.prepare('a.copis', 'system Oms', 2)).toBeUndefined();
        expect(await ws.prepare('a.copis', 'channel web', 9)).toBeUndefined();
        expect(await ws.prepare('a.copis', '"Order management"', 3)).toBeUndefined();
        expect(await ws.prepare('a.copis', 'current 91%', 9)).toBeUndefined();
        expect(await ws.rename('a.copis', 'channel web', 'x', 9)).toBeUndefined();
    });

    test('an unresolved reference cannot be renamed', async () => {
        const broken = { 'a.copis': 'journey J { stage S { touchpoint T { processes Nowhere } } }' };
        const ws = await workspace(broken);
        expect(await ws.prepare('a.copis', 'Nowhere', 2)).toBeUndefined();
        expect(await ws.rename('a.copis', 'Nowhere', 'Somewhere', 2)).toBeUndefined();
    });
});

describe('rename and the KPI actuals files', () => {
    // Rows of two KPIs; one name quoted, one padded; a top-level objective's KPI; a row that names no KPI.
    const top = 'objective Growth "Growth" { kpi Nps { metric nps  current 30  target >= 40 } }\n';
    const csv = 'kpi,date,value\nShop.OnTime,2026-01-01,92%\n"Shop.OnTime",2026-02-01,93%\nGrowth.Nps,2026-01-01,35\n Shop.OnTime ,2026-03-01,94%\nNobody.Else,2026-01-01,1\n';
    const files = { 'a.copis': A, 'b.copis': B, 'c.copis': top };

    async function renamed(name: string, needle: string, newName: string, shift: number) {
        const { Copis, doc, at } = await lspWorkspace(files, { actuals: { 'actuals.csv': csv } });
        const edit = await Copis.lsp.RenameProvider!.rename(doc(name), { ...at(name, needle, shift), newName });
        const edits = edit?.changes?.['file:///ws/actuals.csv'] ?? [];
        const text = TextDocument.applyEdits(TextDocument.create('actuals.csv', 'csv', 1, csv), edits);
        const after = applied(files, edit);
        // Built again with the rewritten file: every row still names its KPI.
        const rebuilt = await lspWorkspace(after, { actuals: { 'actuals.csv': text } });
        const codes = rebuilt.Copis.validation.Actuals.diagnostics('file:///ws/actuals.csv').map(d => `${String(d.code)} ${String(d.message).split(' ')[0]}`);
        return { text, codes };
    }

    test('renaming a KPI rewrites the rows that name it, and only the name in the cell', async () => {
        const { text, codes } = await renamed('a.copis', 'kpi OnTime', 'Punctual', 4);
        expect(text).toBe(csv.replaceAll('Shop.OnTime', 'Shop.Punctual'));
        expect(codes).toEqual(['actuals-unknown-kpi `Nobody.Else`']);
    });

    test('renaming a journey rewrites the qualifier of its KPIs\' rows', async () => {
        const { text, codes } = await renamed('a.copis', 'journey Shop', 'Store', 8);
        expect(text).toBe(csv.replaceAll('Shop.OnTime', 'Store.OnTime'));
        expect(codes).toEqual(['actuals-unknown-kpi `Nobody.Else`']);
    });

    test('renaming a top-level objective rewrites its KPIs\' rows; an objective in a journey qualifies none', async () => {
        expect((await renamed('c.copis', 'objective Growth', 'Expansion', 10)).text).toBe(csv.replace('Growth.Nps', 'Expansion.Nps'));
        expect((await renamed('a.copis', 'objective Fast', 'Quick', 10)).text).toBe(csv);
    });
});
