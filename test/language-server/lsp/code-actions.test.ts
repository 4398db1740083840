import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { createCopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { diagnose } from '../../helpers.js';

const MAIN = 'file:///test/main.copis';

/** Validates `text` (plus other files of the workspace) in the language server and asks for the fixes of the `index`-th `code` diagnostic. */
async function fixesFor(text: string, code: string, others: Record<string, string> = {}, index = 0) {
    const { shared, Copis } = createCopisLspServices({ ...EmptyFileSystem, connection: undefined });
    const documents = [[MAIN, text], ...Object.entries(others).map(([name, t]) => [`file:///test/${name}`, t])].map(([uri, t]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(t, URI.parse(uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const document = documents[0];
    const diagnostic = (document.diagnostics ?? []).filter(d => d.code === code)[index];
    if (!diagnostic) throw new Error(`no ${code} diagnostic #${index} in: ${JSON.stringify(document.diagnostics?.map(d => d.code))}`);
    const actions = (await Copis.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: MAIN }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) ?? []) as CodeAction[];
    return { diagnostic, actions };
}

function apply(text: string, action: CodeAction): string {
    const edits = action.edit?.changes?.[MAIN] ?? [];
    expect(Object.keys(action.edit?.changes ?? {})).toEqual([MAIN]);
    return TextDocument.applyEdits(TextDocument.create(MAIN, 'copis', 1, text), edits);
}

/**
 * Applies the fix titled `title` to the `code` diagnostic; checks that it is a quick fix for
 * that diagnostic, that the result parses and that the diagnostic is gone. Returns the new text.
 */
async function fix(text: string, code: string, title: string, options: { others?: Record<string, string>; index?: number; preferred?: boolean } = {}): Promise<string> {
    const { diagnostic, actions } = await fixesFor(text, code, options.others, options.index);
    const action = actions.find(a => a.title === title);
    if (!action) throw new Error(`no fix "${title}"; got ${JSON.stringify(actions.map(a => a.title))}`);
    expect(action.kind).toBe('quickfix');
    expect(action.diagnostics).toEqual([diagnostic]);
    if (options.preferred !== undefined) expect(action.isPreferred === true).toBe(options.preferred);
    const fixed = apply(text, action);
    const after = await diagnose(fixed, options.others);
    expect(after.filter(d => d.code === 'syntax')).toEqual([]);
    const before = await diagnose(text, options.others);
    const count = (ds: Diagnostic[]) => ds.filter(d => d.code === code).length;
    expect(count(after)).toBe(count(before) - 1);
    expect(after.filter(d => d.code === code).map(d => d.message)).not.toContain(diagnostic.message);
    return fixed;
}

async function titles(text: string, code: string, others: Record<string, string> = {}): Promise<string[]> {
    return (await fixesFor(text, code, others)).actions.map(a => a.title);
}

const lines = (...ls: string[]) => ls.join('\n');

describe('unresolved-reference', () => {
    const text = lines(
        'customer Shopper',
        'journey J {',
        '  customers Shoper',
        '  stage S { category usage  touchpoint T { channel web } }',
        '}',
        ''
    );

    test('offers the did-you-mean name (preferred) and creating the declaration', async () => {
        expect(await titles(text, 'unresolved-reference')).toEqual(['Change to `Shopper`', 'Create customer `Shoper`']);
        expect(await fix(text, 'unresolved-reference', 'Change to `Shopper`', { preferred: true })).toBe(text.replace('Shoper\n', 'Shopper\n'));
    });

    test('a customer is created after the last customer of the file', async () => {
        expect(await fix(text, 'unresolved-reference', 'Create customer `Shoper`', { preferred: false }))
            .toBe(text.replace('customer Shopper\n', 'customer Shopper\ncustomer Shoper "Shoper"\n'));
    });

    test('a system is created at the end of the file when the file declares none', async () => {
        const source = lines('process Pay "Pay" {', '  owner "Payments"', '  systems Till', '}', '', '');
        expect(await fix(source, 'unresolved-reference', 'Create system `Till`'))
            .toBe(lines('process Pay "Pay" {', '  owner "Payments"', '  systems Till', '}', '', 'system Till "Till"', ''));
    });

    test('after a multi-line declaration of the same kind, with a blank line; its trailing comment stays', async () => {
        const source = lines(
            'information Order "Order" {',
            '  owner "Sales"',
            '}  // the order',
            'process Pay "Pay" { owner "Payments"  reads Order, Invoice }',
            ''
        );
        expect(await fix(source, 'unresolved-reference', 'Create information `Invoice`')).toBe(lines(
            'information Order "Order" {',
            '  owner "Sales"',
            '}  // the order',
            '',
            'information Invoice "Invoice"',
            'process Pay "Pay" { owner "Payments"  reads Order, Invoice }',
            ''
        ));
    });

    test('a top-level objective for a top-level process', async () => {
        const source = 'process Pay "Pay" { owner "Payments"  supports FastPay }';
        expect(await fix(source, 'unresolved-reference', 'Create objective `FastPay`'))
            .toBe(source + '\n\nobjective FastPay "FastPay"\n');
    });

    const journey = lines(
        'customer C',
        '',
        'journey J {',
        '  customers C',
        '',
        '  objective Fast "Fast" {',
        '    kpi OnTime { metric percent  target >= 90% }',
        '  }',
        '',
        '  process Pay "Pay" { owner "Payments" }',
        '',
        '  stage S1 {',
        '    category purchase',
        '    touchpoint T1 { channel web  processes Pay, Fulfill }',
        '  }',
        '  stage S2 { category delivery }',
        '',
        '  moment M { at Arrival  kind second  kpis OnTime, Speed }',
        '  opportunity O { addresses Late }',
        '}',
        ''
    );

    test('a process referenced in a journey is created in the journey, after its processes, with a placeholder owner', async () => {
        expect(await fix(journey, 'unresolved-reference', 'Create process `Fulfill` in journey `J`', { index: 0 }))
            .toBe(journey.replace('  process Pay "Pay" { owner "Payments" }\n', '  process Pay "Pay" { owner "Payments" }\n  process Fulfill "Fulfill" { owner "TODO" }\n'));
    });

    test('a touchpoint is created in the last stage, which opens up for it', async () => {
        expect(await fix(journey, 'unresolved-reference', 'Create touchpoint `Arrival` in stage `S2`', { index: 1 }))
            .toBe(journey.replace('  stage S2 { category delivery }\n', '  stage S2 { category delivery\n    touchpoint Arrival "Arrival" { channel web }\n  }\n'));
    });

    test('a KPI is created in the last objective of the journey', async () => {
        expect(await fix(journey, 'unresolved-reference', 'Create KPI `Speed` in objective `Fast`', { index: 2 }))
            .toBe(journey.replace('    kpi OnTime { metric percent  target >= 90% }\n', '    kpi OnTime { metric percent  target >= 90% }\n    kpi Speed "Speed" { metric percent  target >= 90% }\n'));
    });

    test('an opportunity addressing an unknown name gets a pain, after the moments', async () => {
        expect(await fix(journey, 'unresolved-reference', 'Create pain `Late` in journey `J`', { index: 3 }))
            .toBe(journey.replace('kpis OnTime, Speed }\n', 'kpis OnTime, Speed }\n  pain Late "Late"\n'));
    });

    test('a pain at an unknown name gets a touchpoint in a stage without braces', async () => {
        const source = lines('journey J {', '  stage S', '  pain P { at Counter }', '}');
        expect(await fix(source, 'unresolved-reference', 'Create touchpoint `Counter` in stage `S`'))
            .toBe(lines('journey J {', '  stage S {', '    touchpoint Counter "Counter" { channel web }', '  }', '  pain P { at Counter }', '}'));
    });

    test('an objective in a journey body written on one line', async () => {
        const source = 'journey J { process P { owner "X"  supports Goal } }';
        expect(await fix(source, 'unresolved-reference', 'Create objective `Goal` in journey `J`'))
            .toBe('journey J {\n  objective Goal "Goal"\n  process P { owner "X"  supports Goal } }');
    });

    test('nothing is created for a qualified name, nor a touchpoint in a journey without stages', async () => {
        expect(await titles('journey J { moment M { at Other.T } }', 'unresolved-reference')).toEqual([]);
        expect(await titles('journey J { moment M { at T } }', 'unresolved-reference')).toEqual([]);
    });
});

describe('wrong-kind', () => {
    test('offers the closest name of the kind the property expects', async () => {
        const source = lines(
            'system Checkout',
            'journey J {',
            '  stage S { touchpoint Checkouts { channel web } }',
            '  moment M { at Checkout }',
            '}'
        );
        expect(await fix(source, 'wrong-kind', 'Change to `Checkouts` (touchpoint)')).toBe(source.replace('at Checkout }', 'at Checkouts }'));
        expect(await titles(source.replace(/Checkouts/g, 'Till'), 'wrong-kind')).toEqual([]);
    });
});

describe('missing properties', () => {
    test('touchpoint-without-channel: `channel web` first, in every shape of body', async () => {
        const shapes: Array<[string, string]> = [
            ['touchpoint T { processes P }', 'touchpoint T { channel web  processes P }'],
            ['touchpoint T "T"', 'touchpoint T "T" { channel web }'],
            ['touchpoint T {}', 'touchpoint T { channel web }'],
            ['touchpoint T {\n      processes P\n      emotion 1\n    }', 'touchpoint T {\n      channel web\n      processes P\n      emotion 1\n    }'],
            ['touchpoint T {  // the web shop\n      processes P\n    }', 'touchpoint T {  // the web shop\n      channel web\n      processes P\n    }'],
            ['touchpoint T { processes P\n      emotion 1 }', 'touchpoint T {\n      channel web\n      processes P\n      emotion 1 }']
        ];
        for (const [before, after] of shapes) {
            const source = `journey J {\n  process P { owner "X" }\n  stage S {\n    ${before}\n  }\n}\n`;
            expect(await fix(source, 'touchpoint-without-channel', 'Add `channel web`')).toBe(source.replace(before, after));
        }
    });

    test('process-without-owner: a placeholder owner', async () => {
        const source = lines('process Ship "Ship" {', '  lane backstage', '  sla 2d', '}');
        expect(await fix(source, 'process-without-owner', 'Add `owner "TODO"`'))
            .toBe(lines('process Ship "Ship" {', '  owner "TODO"', '  lane backstage', '  sla 2d', '}'));
        expect(await fix('process Ship', 'process-without-owner', 'Add `owner "TODO"`')).toBe('process Ship { owner "TODO" }');
    });

    test('kpi-without-target: a target valid for the metric, pointing the way it gets better, after the other properties', async () => {
        const cases: Array<[string, string]> = [
            ['metric churn  current 12%', 'target <= 10%'],
            ['metric csat  current 80%', 'target >= 90%'],
            ['metric nps', 'target >= 30'],
            ['metric ces', 'target >= 5'],
            ['metric clv-growth', 'target >= 10%'],
            ['metric cycle-time  current 3d', 'target <= 1d'],
            ['metric clv  current 800 CHF', 'target >= 1000 CHF'],
            ['metric count', 'target >= 0'],
            ['current 3', 'target >= 0']
        ];
        for (const [props, target] of cases) {
            const source = `objective O {\n  kpi K { ${props} }\n}\n`;
            const fixed = await fix(source, 'kpi-without-target', `Add \`${target}\``);
            expect(fixed).toBe(source.replace(`{ ${props} }`, `{ ${props}  ${target} }`));
            const problems = (await diagnose(fixed)).filter(d => ['unit-mismatch', 'value-out-of-range', 'target-direction', 'percent-looks-like-fraction'].includes(String(d.code)));
            expect(problems).toEqual([]);
        }
        const multi = lines('objective O {', '  kpi K {', '    metric nps', '    current 20', '  }', '}');
        expect(await fix(multi, 'kpi-without-target', 'Add `target >= 30`'))
            .toBe(lines('objective O {', '  kpi K {', '    metric nps', '    current 20', '    target >= 30', '  }', '}'));
    });

    test('moment-without-touchpoint: `at` the first touchpoint of the journey', async () => {
        const source = lines(
            'journey J {',
            '  stage A { category awareness }',
            '  stage B { touchpoint First { channel web }  touchpoint Second { channel web } }',
            '  moment M { kind zero  polarity positive }',
            '}'
        );
        expect(await fix(source, 'moment-without-touchpoint', 'Add `at First`')).toBe(source.replace('moment M { kind', 'moment M { at First  kind'));
        expect(await titles('journey J { stage S  moment M }', 'moment-without-touchpoint')).toEqual([]);
    });
});

describe('value fixes', () => {
    test('target-direction flips the comparator', async () => {
        const source = 'objective O { kpi Churn { metric churn  current 5%  target >= 10% } }';
        expect(await fix(source, 'target-direction', 'Change `>=` to `<=`', { preferred: true })).toBe(source.replace('>=', '<='));
        const nps = 'objective O { kpi Nps { metric nps  current 50  target <= 45 } }';
        expect(await fix(nps, 'target-direction', 'Change `<=` to `>=`')).toBe(nps.replace('<=', '>='));
    });

    test('target-direction can also say the KPI is better the other way: adds `better lower` (or `better higher`)', async () => {
        // "Missed engineer appointments per month": an nps-like higher-is-better metric would be wrong here.
        const missed = 'objective O { kpi Missed { metric nps  current 120  target <= 100 } }';
        expect(await fix(missed, 'target-direction', 'Add `better lower` (lower is better for this KPI)')).toBe(
            'objective O { kpi Missed { metric nps  current 120  target <= 100  better lower } }');
        const multiLine = 'objective O {\n  kpi Churn {\n    metric churn\n    target >= 10%\n  }\n}\n';
        expect(await fix(multiLine, 'target-direction', 'Add `better higher` (higher is better for this KPI)')).toBe(
            'objective O {\n  kpi Churn {\n    metric churn\n    target >= 10%\n    better higher\n  }\n}\n');
    });

    test('target-direction against a written `better` offers to change it', async () => {
        const source = 'objective O { kpi Calls { metric count  better higher  target <= 3 } }';
        expect(await titles(source, 'target-direction')).toEqual(['Change `<=` to `>=`', 'Change `better higher` to `better lower`']);
        expect(await fix(source, 'target-direction', 'Change `better higher` to `better lower`')).toBe(source.replace('better higher', 'better lower'));
    });

    test('kpi-without-target writes a target that points the way `better` says', async () => {
        const source = 'objective O { kpi Complaints { metric count  better lower } }';
        expect(await fix(source, 'kpi-without-target', 'Add `target <= 10`')).toBe('objective O { kpi Complaints { metric count  better lower  target <= 10 } }');
    });

    test('percent-looks-like-fraction multiplies by 100', async () => {
        const source = 'objective O { kpi Csat { metric csat  current 0.86%  target >= 0.9% } }';
        expect(await fix(source, 'percent-looks-like-fraction', 'Change `0.86%` to `86%`', { preferred: true })).toBe(source.replace('0.86%', '86%'));
        expect(await fix(source, 'percent-looks-like-fraction', 'Change `0.9%` to `90%`', { index: 1 })).toBe(source.replace('0.9%', '90%'));
    });
});

describe('unused-declaration', () => {
    const used = 'journey J { customers Shopper  process P { owner "X"  systems Oms } }';

    test('removes the declaration with its doc comment, its trailing comment and one of the blank lines around it', async () => {
        const source = lines(
            'customer Shopper',
            '',
            '/** No longer used. */',
            'system Legacy "Legacy" {',
            '  type erp',
            '}  // old ERP',
            '',
            'system Oms',
            '',
            used,
            ''
        );
        expect(await fix(source, 'unused-declaration', 'Remove unused system `Legacy`'))
            .toBe(lines('customer Shopper', '', 'system Oms', '', used, ''));
    });

    test('keeps a section comment that is not a doc comment', async () => {
        const source = lines('// ---- systems ----', 'system Legacy', 'system Oms', 'customer Shopper', used);
        expect(await fix(source, 'unused-declaration', 'Remove unused system `Legacy`'))
            .toBe(lines('// ---- systems ----', 'system Oms', 'customer Shopper', used));
    });

    test('the first and the last declaration of a file', async () => {
        const first = lines('system Legacy', '', 'system Oms', 'customer Shopper', used);
        expect(await fix(first, 'unused-declaration', 'Remove unused system `Legacy`')).toBe(lines('system Oms', 'customer Shopper', used));
        const last = lines('system Oms', 'customer Shopper', used, '', '/** Gone. */', 'system Legacy { type erp }', '');
        // The journey's process `P` comes first: Legacy's is the second unused-declaration.
        expect(await fix(last, 'unused-declaration', 'Remove unused system `Legacy`', { index: 1 })).toBe(lines('system Oms', 'customer Shopper', used, ''));
    });

    test('a declaration sharing its line with another', async () => {
        const source = lines('system Oms  system Legacy', 'customer Shopper', used);
        expect(await fix(source, 'unused-declaration', 'Remove unused system `Legacy`')).toBe(lines('system Oms', 'customer Shopper', used));
    });

    test('a process inside a journey', async () => {
        const source = lines(
            'journey J {',
            '  process Used { owner "X" }',
            '  /** Never referred to. */',
            '  process Unused { owner "Y" }',
            '  stage S { touchpoint T { channel web  processes Used } }',
            '}'
        );
        expect(await fix(source, 'unused-declaration', 'Remove unused process `Unused`'))
            .toBe(lines('journey J {', '  process Used { owner "X" }', '  stage S { touchpoint T { channel web  processes Used } }', '}'));
    });
});

describe('other diagnostics', () => {
    test('get no quick fix', async () => {
        expect(await titles('journey J { customers C }\ncustomer C', 'journey-without-stages')).toEqual([]);
    });
});
