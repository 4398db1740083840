import { readFileSync } from 'node:fs';
import { AstUtils, EmptyFileSystem, GrammarAST, URI, type LangiumDocument } from 'langium';
import { DefaultCompletionProvider } from 'langium/lsp';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { DECLARATIONS, ENUM_RULES, PROPERTIES } from '../../../language-server/lsp/completion/completion-info.js';
import { createCopisLspServices, type CopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';

const referenceExample = readFileSync(new URL('../fixtures/reference-example.copis', import.meta.url), 'utf8');

// ---- helpers (local to this file) --------------------------------------------------

const CURSOR = '|';

interface Workspace {
    Copis: CopisLspServices;
    documents: LangiumDocument[];
}

/** Builds `files` (name → text) as one workspace under file:///ws/. */
async function workspace(files: Record<string, string>): Promise<Workspace> {
    const { shared, Copis } = createCopisLspServices({ connection: undefined, ...EmptyFileSystem });
    const documents = Object.entries(files).map(([name, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    return { Copis, documents };
}

async function completeAt(ws: Workspace, document: LangiumDocument, offset: number): Promise<CompletionItem[]> {
    const list = await ws.Copis.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset)
    });
    return list?.items ?? [];
}

/** The completion items at `|` in `text` (main.copis), with `others` as further files of the workspace. */
async function complete(text: string, others: Record<string, string> = {}): Promise<CompletionItem[]> {
    const offset = text.indexOf(CURSOR);
    if (offset < 0 || text.indexOf(CURSOR, offset + 1) >= 0) throw new Error('mark the cursor with exactly one `|`');
    const ws = await workspace({ 'main.copis': text.slice(0, offset) + text.slice(offset + 1), ...others });
    return completeAt(ws, ws.documents[0], offset);
}

async function labels(text: string, others: Record<string, string> = {}): Promise<string[]> {
    return (await complete(text, others)).map(i => i.label);
}

/** Labels of the items that are not snippets (keywords, properties, values, references). */
async function words(text: string, others: Record<string, string> = {}): Promise<string[]> {
    return (await complete(text, others)).filter(i => i.kind !== CompletionItemKind.Snippet).map(i => i.label);
}

async function snippets(text: string): Promise<string[]> {
    return (await complete(text)).filter(i => i.kind === CompletionItemKind.Snippet).map(i => i.label);
}

function item(items: CompletionItem[], label: string, kind?: CompletionItemKind): CompletionItem {
    const found = items.find(i => i.label === label && (kind === undefined || i.kind === kind));
    if (!found) throw new Error(`no item \`${label}\` among ${items.map(i => i.label).join(', ')}`);
    return found;
}

/** The labels in the order an editor shows them without a typed prefix (by sortText, then label). */
function ordered(items: CompletionItem[]): string[] {
    return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label)).map(i => i.label);
}

/** The text a snippet inserts when every placeholder keeps its default, empty tab stops get `fill`. */
function expand(body: string, fill: string): string {
    return body
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$0/g, '')
        .replace(/\$\d+/g, fill);
}

const CHANNELS = ['web', 'mobile', 'email', 'phone', 'chat', 'social', 'store', 'in-person', 'mail', 'sms', 'video', 'partner', 'other'];
const TOP_LEVEL = ['customer', 'system', 'information', 'objective', 'process', 'journey'];
const IN_JOURNEY = ['objective', 'process', 'stage', 'moment', 'pain', 'opportunity'];

/** A workspace-sized model: top-level names, two journeys (one in another file). */
const SHARED = `customer Shopper "Shopper"
customer Gifter
system Oms "Order management"
system Storefront
information OrderRecord "Order record" { source Oms }
objective Loyal "Keep customers" { kpi Repeat { metric repeat-purchase } }
process Refund "Refund" { owner "Finance" }
`;

const OTHER = `journey Other {
  process Ship "Ship parcels" { owner "Warehouse" }
  stage Later { touchpoint Survey "Survey" { channel email } }
  moment Happy { at Survey }
  pain Lost { at Survey }
  objective Grow { kpi Nps { metric nps } }
}
`;

/** main.copis around a cursor line inside journey Shop's stage Buy, touchpoint Checkout. */
function shop(touchpoint: string, extra = ''): string {
    return `journey Shop "Shop" {
  customers Shopper
  objective Fast { kpi OnTime "On time" { metric percent } }
  process Pay "Take payment" { owner "Payments" }
  process Pack { owner "Warehouse" }
  stage Browse "Browsing" { category consideration
    touchpoint Page "Product page" { channel web }
  }
  stage Buy "Purchase" { category purchase
    touchpoint Checkout "Checkout" { ${touchpoint} }
  }
  moment Paid { at Checkout }
  pain Slow { at Page }
  ${extra}
}
`;
}

let errors: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
    errors = vi.spyOn(console, 'error');
});
afterEach(() => {
    // The provider logs (and swallows) any failure: a logged error is a failed test.
    expect(errors).not.toHaveBeenCalled();
    errors.mockClear();
});

// ---- keywords and properties ---------------------------------------------------------

describe('the completion tables follow the grammar', () => {
    test('every property rule, declaration rule and enumeration is described; list properties are the `+=` ones', async () => {
        const { Copis } = await workspace({});
        const rules = Copis.Grammar.rules.filter(GrammarAST.isParserRule);
        const keyRules = rules.filter(r => AstUtils.streamAllContents(r).some(n => GrammarAST.isAssignment(n) && n.feature === 'key'));
        expect(Object.keys(PROPERTIES).sort()).toEqual(keyRules.map(r => r.name).sort());
        for (const rule of keyRules) {
            const list = AstUtils.streamAllContents(rule).some(n => GrammarAST.isAssignment(n) && n.operator === '+=');
            expect(PROPERTIES[rule.name].list ?? false, rule.name).toBe(list);
        }
        const declarationRules = rules.filter(r => r.name !== 'TopLevel' && AstUtils.streamAllContents(r).some(n => GrammarAST.isAssignment(n) && n.feature === 'name'));
        expect(Object.keys(DECLARATIONS).sort()).toEqual(declarationRules.map(r => r.name).sort());
        const enums = rules.filter(r => r.dataType && !['Name', 'NameKeyword', 'QName', 'Comparator'].includes(r.name)
            && AstUtils.streamAllContents(r).every(n => GrammarAST.isKeyword(n) || GrammarAST.isAlternatives(n)));
        expect([...ENUM_RULES].sort()).toEqual(enums.map(r => r.name).sort());
    });
});

describe('keywords and property names valid at the cursor', () => {
    test('an empty file: the top-level declarations only', async () => {
        expect(await words('|')).toEqual(TOP_LEVEL);
    });

    test('after a top-level declaration (braces optional), between two, and at the end of the file', async () => {
        expect(await words('customer A |')).toEqual(TOP_LEVEL);
        expect(await words('customer A "Title" |')).toEqual(TOP_LEVEL);
        expect(await words('system S { type web }\n|\njourney J {}')).toEqual(TOP_LEVEL);
        expect(await words('journey J { customers A }\n\n|')).toEqual(TOP_LEVEL);
    });

    test('a typed prefix narrows the keywords', async () => {
        expect(await words('sys|')).toEqual(['system']);
        expect(await words('journey J { st| }')).toEqual(['stage']);
        expect(await words('journey J { stage S { touchpoint T { c| } } }')).toEqual(['channel', 'customers']);
    });

    test('in a customer', async () => {
        expect(await words('customer C { | }')).toEqual(['segment', 'value', 'clv', 'needs', 'count']);
    });

    test('in a system', async () => {
        expect(await words('system S { | }')).toEqual(['type', 'owner', 'approved']);
    });

    test('in an information', async () => {
        expect(await words('information I { | }')).toEqual(['source', 'owner', 'classification']);
    });

    test('in an objective (top level and in a journey): `for` and `kpi`', async () => {
        expect(await words('objective O { | }')).toEqual(['for', 'kpi']);
        expect(await words('journey J { objective O { | } }')).toEqual(['for', 'kpi']);
    });

    test('in a KPI', async () => {
        expect(await words('objective O { kpi K { | } }')).toEqual(['metric', 'current', 'target', 'due', 'unit', 'better', 'owner']);
    });

    test('in a process (top level and in a journey)', async () => {
        const all = ['owner', 'lane', 'systems', 'reads', 'writes', 'supports', 'steps', 'sla'];
        expect(await words('process P { | }')).toEqual(all);
        expect(await words('journey J { process P { | } }')).toEqual(all);
    });

    test('in a journey: customers and the nested declarations, not the top-level-only ones', async () => {
        const offered = await words('journey J { | }');
        expect(offered).toEqual(['customers', ...IN_JOURNEY]);
        for (const absent of ['customer', 'system', 'information', 'journey', 'touchpoint', 'kpi', 'channel', 'owner']) {
            expect(offered).not.toContain(absent);
        }
    });

    test('in a stage: category and touchpoint', async () => {
        expect(await words('journey J { stage S { | } }')).toEqual(['category', 'touchpoint']);
    });

    test('in a touchpoint: its seven properties, not `owner` or `at`', async () => {
        const offered = await words(shop('|'));
        expect(offered).toEqual(['channel', 'customers', 'processes', 'systems', 'information', 'emotion', 'reach']);
        expect(offered).not.toContain('owner');
        expect(offered).not.toContain('at');
    });

    test('in a moment of truth', async () => {
        const offered = await words('journey J { moment M { | } }');
        expect(offered).toEqual(['at', 'kind', 'polarity', 'impact', 'customers', 'kpis', 'recovery', 'owner']);
        expect(offered).not.toContain('severity');
    });

    test('in a pain and in an opportunity', async () => {
        expect(await words('journey J { pain P { | } }')).toEqual(['at', 'severity']);
        expect(await words('journey J { opportunity O { | } }')).toEqual(['addresses', 'improves', 'owner', 'effort', 'confidence', 'status']);
    });

    test('a property already given is not offered again; the others still are', async () => {
        const offered = await words(shop('channel web  |'));
        expect(offered).not.toContain('channel');
        expect(offered).toEqual(['customers', 'processes', 'systems', 'information', 'emotion', 'reach']);
        expect(await words('journey J { moment M { at T  kind second\n  |\n  owner "x" } }')).toEqual(['polarity', 'impact', 'customers', 'kpis', 'recovery']);
    });

    test('a list property already given is not offered again either (extend it with a comma)', async () => {
        const offered = await words(shop('processes Pay  systems Oms  |'));
        expect(offered).toEqual(['channel', 'customers', 'information', 'emotion', 'reach']);
        expect(await words('process P { steps "a"  | }')).not.toContain('steps');
        expect(await words('journey J { opportunity O { addresses X  effort low  | } }')).toEqual(['improves', 'owner', 'confidence', 'status']);
        // The journey already names its customers.
        expect(await words('journey J { customers A\n  | }')).toEqual(IN_JOURNEY);
    });

    test('a property given in a nested declaration does not hide it in the outer one, and vice versa', async () => {
        // `customers` of the touchpoint is not the journey's.
        expect(await words('journey J { stage S { touchpoint T { customers A } }\n  | }')).toContain('customers');
        // The journey's `customers` is not the moment's.
        expect(await words('journey J { customers A  moment M { | } }')).toContain('customers');
        // After a moment without braces the cursor is back in the journey, which has customers.
        expect(await words('journey J { customers A  moment M |\n}')).not.toContain('customers');
    });

    test('the property being typed is offered even though it parses as given', async () => {
        expect(await words('system S { own| }')).toEqual(['owner']);
        expect(await words('system S { owner| }')).toEqual(['owner']);
        expect(await words('system S { owner "x"  own| }')).toEqual([]);
    });

    test('no keywords where a name is declared', async () => {
        expect(await labels('customer |')).toEqual([]);
        expect(await labels('journey J { stage S { touchpoint | } }')).toEqual([]);
        expect(await labels('journey J { stage S { touchpoint e| } }')).toEqual([]);
    });

    test('property items: a detail saying what the property takes, documentation, the key and a space', async () => {
        const items = await complete(shop('|'));
        const channel = item(items, 'channel');
        expect(channel.kind).toBe(CompletionItemKind.Property);
        expect(channel.detail).toBe('channel web/mobile/…');
        expect(channel.documentation).toMatchObject({ kind: 'markdown' });
        expect(channel.insertText).toBe('channel ');
        // A value picked from a list: completion opens again after the key.
        expect(channel.command?.command).toBe('editor.action.triggerSuggest');
        expect(item(items, 'processes').detail).toBe('processes → process, …');
        expect(item(items, 'processes').documentation).toMatchObject({ value: expect.stringContaining('write `processes` once') });
        const emotion = item(items, 'emotion');
        expect(emotion.detail).toBe('emotion -2..2');
        expect(emotion.command).toBeUndefined();
        expect(item(await complete('system S { | }'), 'owner').detail).toBe('owner "text"');
    });

    test('no space after the key when it is typed in front of a value', async () => {
        expect(item(await complete('system S { ow| "IT" }'), 'owner').insertText).toBe('owner');
        expect(item(await complete('system S { ow|"IT" }'), 'owner').insertText).toBe('owner ');
        expect(item(await complete('system S {\n  ow|\n}'), 'owner').insertText).toBe('owner ');
        expect(item(await complete('system S { ow|  }'), 'owner').insertText).toBe('owner ');
    });

    test('declaration keywords carry a detail and documentation', async () => {
        const stage = item(await complete('journey J { | }'), 'stage', CompletionItemKind.Keyword);
        expect(stage.detail).toBe('declare a stage');
        expect(stage.documentation).toBeTruthy();
        expect(stage.insertText).toBe('stage ');
    });
});

// ---- enum values -----------------------------------------------------------------------

describe('enum values after their property', () => {
    const cases: Array<[string, string, string[]]> = [
        ['channel', shop('channel |'), CHANNELS],
        ['kind', 'journey J { moment M { kind | } }', ['zero', 'first', 'actual', 'second', 'third', 'ultimate']],
        ['polarity', 'journey J { moment M { polarity | } }', ['positive', 'negative', 'mixed']],
        ['impact', 'journey J { moment M { impact | } }', ['low', 'medium', 'high', 'critical']],
        ['severity', 'journey J { pain P { severity | } }', ['low', 'medium', 'high', 'critical']],
        ['lane', 'process P { lane | }', ['frontstage', 'backstage', 'support']],
        ['type', 'system S { type | }', ['web', 'app', 'crm', 'erp', 'ticketing', 'payment', 'messaging', 'analytics', 'data', 'other']],
        ['classification', 'information I { classification | }', ['public', 'internal', 'confidential', 'personal', 'sensitive']],
        ['approved', 'system S { approved | }', ['public', 'internal', 'confidential', 'personal', 'sensitive']],
        ['metric', 'objective O { kpi K { metric | } }', [
            'nps', 'csat', 'ces', 'conversion', 'retention', 'repeat-purchase', 'first-contact-resolution', 'percent', 'churn',
            'cart-abandonment', 'return-rate', 'clv-growth', 'response-time', 'resolution-time', 'cycle-time', 'clv', 'count', 'custom'
        ]],
        ['category', 'journey J { stage S { category | } }', [
            'awareness', 'consideration', 'purchase', 'delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention', 'advocacy'
        ]],
        ['value', 'customer C { value | }', ['high', 'medium', 'low']],
        ['better', 'objective O { kpi K { metric count  better | } }', ['higher', 'lower']],
        ['effort', 'journey J { opportunity O { effort | } }', ['low', 'medium', 'high']],
        ['status', 'journey J { opportunity O { status | } }', ['idea', 'planned', 'doing', 'done']]
    ];

    test.each(cases)('after `%s`: exactly its values, in the grammar\'s order', async (_key, text, values) => {
        const items = await complete(text);
        expect(ordered(items)).toEqual(values);
        expect(items.every(i => i.kind === CompletionItemKind.EnumMember && i.detail)).toBe(true);
    });

    test('at the end of the file and with the closing braces missing', async () => {
        expect(await labels('system S { type |')).toContain('crm');
        expect(await labels('journey J { stage S { touchpoint T { channel |')).toEqual(CHANNELS);
    });

    test('a typed prefix narrows the values; the value at the cursor is completed, not what follows it', async () => {
        expect(await labels(shop('channel em|'))).toEqual(['email']);
        expect(await labels('process P { lane f| }')).toEqual(['frontstage']);
        expect(await labels(shop('channel web|'))).toEqual(['web']);
    });

    test('values carry what they mean', async () => {
        expect(item(await complete('objective O { kpi K { metric | } }'), 'churn').detail).toBe('percent · 0% to 100% · lower is better');
        expect(item(await complete('journey J { moment M { kind | } }'), 'second').detail).toContain('SMOT');
        expect(item(await complete('journey J { stage S { category | } }'), 'purchase').detail).toBe('stage category · lifecycle step 3');
        // count and custom have no direction of their own: `better` gives it
        expect(item(await complete('objective O { kpi K { metric | } }'), 'count').detail).toBe('number · 0 or more · better as `better` says');
        expect(item(await complete('objective O { kpi K { better | } }'), 'lower').detail).toBe('better when lower');
        expect(item(await complete(shop('channel |')), 'in-person').detail).toContain('face to face');
        // the weights of the value at stake (language §7)
        expect(item(await complete('journey J { opportunity O { effort | } }'), 'high').detail).toBe('effort · weight 4');
        expect(item(await complete('journey J { moment M { impact | } }'), 'critical').detail).toBe('level 4 of 4 · weight 1');
        expect(item(await complete('journey J { opportunity O { status | } }'), 'done').detail).toContain('apart from the ranking');
    });

    test('the value-at-stake properties say what they take', async () => {
        expect(item(await complete('customer C { | }'), 'count').detail).toBe('count number (12000)');
        expect(item(await complete(shop('|')), 'reach').detail).toBe('reach percent (40%)');
        const opportunity = await complete('journey J { opportunity O { | } }');
        expect(item(opportunity, 'confidence').detail).toBe('confidence percent (70%)');
        expect(item(opportunity, 'effort').command?.command).toBe('editor.action.triggerSuggest');
    });

    test('the moment kinds that fit the category of the touchpoint\'s stage come first', async () => {
        const items = await complete(shop('channel web', 'moment Waiting { at Checkout  kind | }'));
        // Checkout is in a `purchase` stage: first (the choice) and actual (order to receipt) belong there.
        expect(ordered(items).slice(0, 2)).toEqual(['first', 'actual']);
        expect(ordered(items)).toHaveLength(6);
    });

    test('comparators after `target`, the metric\'s better direction first', async () => {
        expect(ordered(await complete('objective O { kpi K { target | } }'))).toEqual(['>=', '<=', '=']);
        const churn = await complete('objective O { kpi K { metric churn  target | } }');
        expect(ordered(churn)).toEqual(['<=', '>=', '=']);
        expect(item(churn, '<=').detail).toBe('at most · churn: lower is better');
        expect(item(churn, '>=').detail).toBe('at least');
        expect(churn.every(i => i.kind === CompletionItemKind.Operator)).toBe(true);
    });

    test('comparators follow `better` where it is written, and have no preference where no direction is known', async () => {
        const complaints = await complete('objective O { kpi K { metric count  better lower  target | } }');
        expect(ordered(complaints)).toEqual(['<=', '>=', '=']);
        expect(item(complaints, '<=').detail).toBe('at most · better lower: lower is better');
        const overridden = await complete('objective O { kpi K { metric churn  better higher  target | } }');
        expect(ordered(overridden)[0]).toBe('>=');
        const count = await complete('objective O { kpi K { metric count  target | } }');
        expect(count.map(i => i.detail)).toEqual(['at least', 'at most', 'exactly']);
    });

    test('`better` and `owner` are offered once in a KPI', async () => {
        expect(await words('objective O { kpi K { better lower  owner "x"  | } }')).toEqual(['metric', 'current', 'target', 'due', 'unit']);
        expect(item(await complete('objective O { kpi K { | } }'), 'better').detail).toBe('better higher/lower');
    });

    test('no enum values, keywords or names after a property that takes a number, a string or a date', async () => {
        expect(await labels(shop('emotion |'))).toEqual([]);
        expect(await labels('system S { owner | }')).toEqual([]);
        expect(await labels('objective O { kpi K { due | } }')).toEqual([]);
    });
});

// ---- references --------------------------------------------------------------------------

describe('references of the kinds the property expects', () => {
    const files = { 'shared.copis': SHARED, 'other.copis': OTHER };

    test('`processes`: processes only — local, top-level (another file) and of another journey', async () => {
        const offered = await labels(shop('processes |'), files);
        expect(offered.sort()).toEqual(['Other.Ship', 'Pack', 'Pay', 'Refund']);
    });

    test('`at` in a moment: touchpoints only', async () => {
        const offered = await labels(shop('channel web', 'moment Late { at | }'), files);
        expect(offered.sort()).toEqual(['Checkout', 'Other.Survey', 'Page']);
    });

    test('`at` in a pain: touchpoints and stages', async () => {
        const offered = await labels(shop('channel web', 'pain Queue { at | }'), files);
        expect(offered.sort()).toEqual(['Browse', 'Buy', 'Checkout', 'Other.Later', 'Other.Survey', 'Page']);
    });

    test('`addresses`: pains and moments of truth', async () => {
        const offered = await labels(shop('channel web', 'opportunity Faster { addresses | }'), files);
        expect(offered.sort()).toEqual(['Other.Happy', 'Other.Lost', 'Paid', 'Slow']);
    });

    test('`kpis` and `improves`: KPIs, a top-level objective\'s KPI once, by its simple name', async () => {
        const kpis = (await labels(shop('channel web', 'moment Late { kpis | }'), files)).sort();
        expect(kpis).toEqual(['OnTime', 'Other.Nps', 'Repeat']);
        expect((await labels(shop('channel web', 'opportunity O { improves | }'), files)).sort()).toEqual(kpis);
    });

    test('the other reference properties', async () => {
        expect((await labels(shop('systems |'), files)).sort()).toEqual(['Oms', 'Storefront']);
        expect((await labels(shop('customers |'), files)).sort()).toEqual(['Gifter', 'Shopper']);
        expect((await labels(shop('information |'), files)).sort()).toEqual(['OrderRecord']);
        expect((await labels('journey J {\n  customers |\n}', files)).sort()).toEqual(['Gifter', 'Shopper']);
        expect((await labels('process P { reads | }', files)).sort()).toEqual(['OrderRecord']);
        expect((await labels('process P { writes | }', files)).sort()).toEqual(['OrderRecord']);
        expect((await labels('process P { supports | }', files)).sort()).toEqual(['Loyal', 'Other.Grow']);
        expect((await labels('objective O { for | }', files)).sort()).toEqual(['Gifter', 'Shopper']);
        expect((await labels('information I { source | }', files)).sort()).toEqual(['Oms', 'Storefront']);
        expect((await labels(shop('channel web', 'moment Late { recovery | }'), files)).sort()).toEqual(['Other.Ship', 'Pack', 'Pay', 'Refund']);
    });

    test('journey-local names first, then top-level names, then other journeys\' qualified names', async () => {
        const items = await complete(shop('processes |'), files);
        expect(ordered(items)).toEqual(['Pack', 'Pay', 'Refund', 'Other.Ship']);
        expect(item(items, 'Pay').sortText! < item(items, 'Refund').sortText!).toBe(true);
    });

    test('no `ThisJourney.Name` twins of local names', async () => {
        const offered = await labels(shop('processes |'), files);
        expect(offered.some(l => l.startsWith('Shop.'))).toBe(false);
        expect(await labels(shop('processes Shop.|'), files)).toEqual([]);
    });

    test('outside any journey, members of journeys are offered qualified', async () => {
        expect((await labels(`process Top { supports | }\n${shop('channel web')}`, files)).sort()).toEqual(['Loyal', 'Other.Grow', 'Shop.Fast']);
    });

    test('after `Journey.`: that journey\'s members of the right kind', async () => {
        expect(await labels(shop('processes Other.|'), files)).toEqual(['Other.Ship']);
        expect(await labels(shop('processes Other.Sh|'), files)).toEqual(['Other.Ship']);
        expect(await labels(shop('channel web', 'moment Late { at Other.| }'), files)).toEqual(['Other.Survey']);
        const edit = item(await complete(shop('processes Other.S|'), files), 'Other.Ship').textEdit!;
        expect('range' in edit && edit.range.start.character).toBe(shop('processes Other.S|').split('\n')[9].indexOf('Other.S'));
    });

    test('a typed prefix narrows the candidates; it also finds a qualified name by its last part', async () => {
        expect((await labels(shop('processes Pa|'), files)).sort()).toEqual(['Pack', 'Pay']);
        expect(await labels(shop('processes Sh|'), files)).toEqual(['Other.Ship']);
        expect(await labels(shop('processes Pay|'), files)).toEqual(['Pay']);
    });

    test('names already in the list are not offered again', async () => {
        expect((await labels(shop('processes Pay, |'), files)).sort()).toEqual(['Other.Ship', 'Pack', 'Refund']);
        expect((await labels(shop('processes Pay, Pack, |'), files)).sort()).toEqual(['Other.Ship', 'Refund']);
        expect((await labels(shop('processes Pay,|'), files)).sort()).toEqual(['Other.Ship', 'Pack', 'Refund']);
        // The name being edited is still offered.
        expect(await labels(shop('processes Pa|, Pack'), files)).toEqual(['Pay']);
    });

    test('reference items: kind and title as detail, the file of a name from another file', async () => {
        const items = await complete(shop('channel web', 'moment Late { at | }'), files);
        expect(item(items, 'Checkout').detail).toBe('touchpoint · Checkout');
        expect(item(items, 'Checkout').kind).toBe(CompletionItemKind.Method);
        expect(item(items, 'Checkout').labelDetails).toBeUndefined();
        expect(item(items, 'Other.Survey').labelDetails?.description).toBe('other.copis');
        const processes = await complete(shop('processes |'), files);
        expect(item(processes, 'Refund').detail).toBe('process · Refund');
        expect(item(processes, 'Pack').detail).toBe('process');
        expect(item(processes, 'Refund').labelDetails?.description).toBe('shared.copis');
    });

    test('a doc comment becomes the documentation', async () => {
        const items = await complete('/** The order system. */\nsystem Oms\nprocess P { systems | }');
        expect(item(items, 'Oms').documentation).toMatchObject({ value: expect.stringContaining('The order system.') });
    });
});

// ---- snippets ---------------------------------------------------------------------------

describe('snippets for new declarations', () => {
    test('top level: the six top-level kinds and a whole journey', async () => {
        expect(await snippets('|')).toEqual([...TOP_LEVEL, 'journey (four stages)']);
    });

    test('in a journey, a stage and an objective: the kinds declared there', async () => {
        expect(await snippets('journey J { | }')).toEqual(IN_JOURNEY);
        expect(await snippets('journey J { stage S { | } }')).toEqual(['touchpoint']);
        expect(await snippets('objective O { | }')).toEqual(['kpi']);
        expect(await snippets('journey J { objective O { | } }')).toEqual(['kpi']);
    });

    test('nowhere else', async () => {
        for (const text of [shop('|'), 'customer C { | }', 'process P { | }', 'objective O { kpi K { | } }', 'journey J { moment M { | } }',
            shop('channel |'), shop('processes |'), 'customer |', 'customer C { segment "|" }']) {
            expect(await snippets(text), text).toEqual([]);
        }
    });

    test('the touchpoint snippet: tab stops, a choice of channels, processes and emotion', async () => {
        const touchpoint = item(await complete('journey J { stage S { | } }'), 'touchpoint', CompletionItemKind.Snippet);
        expect(touchpoint.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect(touchpoint.insertText).toBe(`touchpoint \${1:Name} "\${2:Title}" {\n\tchannel \${3|${CHANNELS.join(',')}|}\n\tprocesses $4\n\temotion \${5:0}\n}`);
        expect(touchpoint.detail).toBe('New touchpoint');
        expect(touchpoint.documentation).toMatchObject({ value: expect.stringContaining('channel web') });
    });

    test('the whole-journey snippet: four classic stages, each with a touchpoint', async () => {
        const journey = item(await complete('|'), 'journey (four stages)').insertText!;
        const stages = [...journey.matchAll(/stage (\w+) "[^"]*" \{\s*category ([\w-]+)\s*touchpoint/g)].map(m => m[2]);
        expect(stages).toEqual(['awareness', 'consideration', 'purchase', 'post-purchase']);
    });

    test('every snippet, expanded, parses', async () => {
        const contexts: Array<[string, (body: string) => string]> = [
            ['|', body => body],
            ['journey J { | }', body => `journey J { ${body} }`],
            ['journey J { stage S { | } }', body => `journey J { stage S { ${body} } }`],
            ['objective O { | }', body => `objective O { ${body} }`]
        ];
        for (const [text, wrap] of contexts) {
            for (const snippet of (await complete(text)).filter(i => i.kind === CompletionItemKind.Snippet)) {
                const ws = await workspace({ 'main.copis': wrap(expand(snippet.insertText!, 'X')) });
                const { lexerErrors, parserErrors } = ws.documents[0].parseResult;
                expect([...lexerErrors, ...parserErrors].map(e => e.message), snippet.label).toEqual([]);
            }
        }
    });

    test('no snippets for a client without snippet support', async () => {
        const ws = await workspace({ 'main.copis': 'journey J {  }' });
        const provider = ws.Copis.lsp.CompletionProvider as unknown as { clientCapabilities?: object };
        provider.clientCapabilities = { completionItem: { snippetSupport: false } };
        const items = await completeAt(ws, ws.documents[0], 'journey J { '.length);
        expect(items.map(i => i.label)).toEqual(['customers', ...IN_JOURNEY]);
    });
});

// ---- robustness ----------------------------------------------------------------------------

describe('where there is nothing to complete, and never an exception', () => {
    test('inside strings and comments: nothing', async () => {
        expect(await labels('customer C "Sho|pper" { }')).toEqual([]);
        expect(await labels('customer C { segment "|" }')).toEqual([]);
        expect(await labels('customer C { segment "unterminated|\n}')).toEqual([]);
        expect(await labels('journey J { stage S { touchpoint T { // ch|\n } } }')).toEqual([]);
        expect(await labels('journey J { /* ch| */ }')).toEqual([]);
        expect(await labels('journey J { /* a\n  st| \n */ }')).toEqual([]);
        expect(await labels('/* unterminated |')).toEqual([]);
    });

    test('right after a string or a comment, completion is back', async () => {
        expect(await words('customer C "Shopper" |')).toEqual(TOP_LEVEL);
        expect(await words('journey J { stage S { touchpoint T { // comment\n  ch| } } }')).toEqual(['channel']);
        expect(await words('journey J { /* c */ st| }')).toEqual(['stage']);
    });

    test('the trigger character `.` is declared; a dot in a number offers nothing', async () => {
        const { Copis } = await workspace({});
        expect(Copis.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toContain('.');
        expect(await labels('objective O { kpi K { current 3.| } }')).toEqual([]);
        expect(await labels('customer C { clv 1450.| }')).toEqual([]);
        expect(await labels('process P { sla 1.|')).toEqual([]);
    });

    test('every offset of the reference example', async () => {
        const ws = await workspace({ 'main.copis': referenceExample });
        let offered = 0;
        for (let offset = 0; offset <= referenceExample.length; offset++) {
            offered += (await completeAt(ws, ws.documents[0], offset)).length;
        }
        expect(offered).toBeGreaterThan(1000);
    });

    const broken = [
        '',
        '{',
        '}}}',
        'journey',
        'journey {',
        'journey J { stage { touchpoint T { channel',
        'journey J { stage S { touchpoint T { channel nowhere processes , , emotion }',
        'customer C "unterminated\n value high }',
        'system S { type web type app owner }\njourney J { moment M { at . kind } pain',
        'journey J { customers A, B,\n  moment M { at J. }\n  opportunity O { addresses M, J.',
        'objective O { kpi K { metric nps current 97% target >= 1.5h due 2027-13-45 } }',
        '/* open comment\njourney J {',
        'journey J { stage S { touchpoint T { emotion -2 } } } } } process P { steps "a", }',
        '@#$%^&*()\u00e9 journey J { stage S { touchpoint \u00fc { } } }'
    ];

    test.each(broken.map(text => [text]))('every offset of a broken text: %j', async text => {
        const ws = await workspace({ 'main.copis': text, 'other.copis': OTHER });
        for (let offset = 0; offset <= text.length; offset++) {
            await expect(completeAt(ws, ws.documents[0], offset)).resolves.toBeDefined();
        }
    });
});

describe('parsing from the top-level declaration around the cursor', () => {
    /** The same provider, parsing the whole text before the cursor as Langium does by default. */
    function wholeFileParsing(ws: Workspace): void {
        const provider = ws.Copis.lsp.CompletionProvider as unknown as Record<string, unknown>;
        provider.findFeaturesAt = (textDocument: unknown, offset: number) =>
            (DefaultCompletionProvider.prototype as unknown as { findFeaturesAt: (d: unknown, o: number) => unknown }).findFeaturesAt.call(provider, textDocument, offset);
    }

    const texts = [
        ['the reference example', referenceExample],
        ['a broken text', 'system S { type web type app owner }\ncustomer C { value }\njourney J { moment M { at . kind } pain P {\nprocess Q { lane'],
        ['a journey left open', 'customer C\njourney J { stage S { touchpoint T { channel web }\nsystem X { type crm }\njourney K { stage L { }']
    ];

    test.each(texts)('offers what parsing the whole file offers, at every offset of %s', async (_name, text) => {
        const fast = await workspace({ 'main.copis': text });
        const slow = await workspace({ 'main.copis': text });
        wholeFileParsing(slow);
        const show = (items: CompletionItem[]) => items.map(i => `${i.label}:${i.kind}`).join(' ');
        for (let offset = 0; offset <= text.length; offset++) {
            const expected = show(await completeAt(slow, slow.documents[0], offset));
            expect(show(await completeAt(fast, fast.documents[0], offset)), `offset ${offset}`).toBe(expected);
        }
    });

    test('completion at the end of a long file parses only the last declaration', async () => {
        const text = `${'system S { type web }\n'.repeat(500)}journey Last { customers A  stage S { touchpoint T {  } } }`;
        const ws = await workspace({ 'main.copis': text });
        const parse = vi.spyOn(ws.Copis.parser.CompletionParser, 'parse');
        const items = await completeAt(ws, ws.documents[0], text.length - 6);
        expect(items.map(i => i.label)).toEqual(['channel', 'customers', 'processes', 'systems', 'information', 'emotion', 'reach']);
        expect(parse).toHaveBeenCalled();
        for (const [input] of parse.mock.calls) expect(input.startsWith('journey Last {')).toBe(true);
    });
});
