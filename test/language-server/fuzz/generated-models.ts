/**
 * A fast-check arbitrary for `.copis` models whose syntax is valid (the grammar, copis.langium):
 * customers, systems, information, objectives with KPIs, processes, journeys with stages,
 * touchpoints, moments, pains and opportunities, in any order, with or without titles and
 * bodies, every property kind and value form — laid out at random: spaces, tabs, newlines,
 * blank lines, indentation, one-line forms, CRLF, and `//`, `/* *\/` and `/** *\/` comments
 * between any two tokens. References name declarations of the model (qualified or not) or
 * nothing, so the models also exercise linking and validation.
 */
import fc from 'fast-check';
import { reservedWords } from './corpus.js';

/** A token of the model; `decl` marks the keyword that starts a declaration (doc comments go before it). */
interface Token {
    text: string;
    decl?: boolean;
}

const reserved = new Set(reservedWords);

/** Enum words the grammar also accepts as names. */
const enumNames = ['high', 'email', 'support', 'first', 'data', 'custom', 'positive', 'usage', 'web', 'other'];

const idArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,9}$/).filter(s => !reserved.has(s));

/** Names: a small pool (so references resolve and names collide), random identifiers, enum words. */
const nameArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('Shopper', 'Oms', 'Web', 'Order', 'J', 'Buy', 'Pay', 'T1', 'T2', 'Nps', 'Fast', 'P', '_x') },
    { weight: 3, arbitrary: idArb },
    { weight: 1, arbitrary: fc.constantFrom(...enumNames) }
);

const qnameArb: fc.Arbitrary<string[]> = fc.oneof(
    { weight: 4, arbitrary: nameArb.map(n => [n]) },
    { weight: 1, arbitrary: fc.array(nameArb, { minLength: 2, maxLength: 3 }) }
);

const stringChar = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'abcXYZ 019,.-_'.split('')) },
    { weight: 2, arbitrary: fc.constantFrom('\\"', '\\\\', '\\n', '//', '/*', '*/', '{', '}', "'", '\t') },
    { weight: 2, arbitrary: fc.constantFrom('é', '😀', 'مرحبا', '名', '\u200B', '\u00A0', '\u2028') }
);
const stringArb = fc.array(stringChar, { maxLength: 8 }).map(cs => `"${cs.join('')}"`);

const num = fc.oneof(fc.integer({ min: -200, max: 5000 }).map(String), fc.tuple(fc.integer({ min: -20, max: 200 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`));
const quantityArb: fc.Arbitrary<Token[]> = fc.oneof(
    num.map(n => [{ text: n }]),
    fc.tuple(num, fc.constantFrom('EUR', 'USD', 'CHF', 'eur', 'X')).map(([n, c]) => [{ text: n }, { text: c }]),
    num.map(n => [{ text: `${n}%` }]),
    fc.tuple(num, fc.constantFrom('s', 'm', 'h', 'd', 'w')).map(([n, u]) => [{ text: n + u }]),
    fc.tuple(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(([y, m, d]) => [{ text: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` }])
);

const tokens = (...texts: string[]): Token[] => texts.map(text => ({ text }));
const list = <T>(arb: fc.Arbitrary<T>, toTokens: (t: T) => Token[]) =>
    fc.array(arb, { minLength: 1, maxLength: 3 }).map(items => items.flatMap((item, i) => [...(i > 0 ? tokens(',') : []), ...toTokens(item)]));
const qnameTokens = (q: string[]) => q.flatMap((n, i) => [...(i > 0 ? tokens('.') : []), { text: n }]);

const prop = (key: string, value: fc.Arbitrary<Token[]>) => value.map(v => [{ text: key }, ...v]);
const enumProp = (key: string, values: string[]) => prop(key, fc.constantFrom(...values).map(v => tokens(v)));
const stringProp = (key: string) => prop(key, stringArb.map(s => tokens(s)));
const refsProp = (key: string) => prop(key, list(qnameArb, qnameTokens));
const refProp = (key: string) => prop(key, qnameArb.map(qnameTokens));
const quantityProp = (key: string) => prop(key, quantityArb);

const impact = ['low', 'medium', 'high', 'critical'];
const classification = ['public', 'internal', 'confidential', 'personal', 'sensitive'];
const metrics = ['nps', 'csat', 'ces', 'conversion', 'retention', 'repeat-purchase', 'first-contact-resolution', 'percent', 'churn',
    'cart-abandonment', 'return-rate', 'clv-growth', 'response-time', 'resolution-time', 'cycle-time', 'clv', 'count', 'custom'];
const categories = ['awareness', 'consideration', 'purchase', 'delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention', 'advocacy'];
const channels = ['web', 'mobile', 'email', 'phone', 'chat', 'social', 'store', 'in-person', 'mail', 'sms', 'video', 'partner', 'other'];

const customerProps = fc.oneof(stringProp('segment'), enumProp('value', ['high', 'medium', 'low']), quantityProp('clv'), prop('needs', list(stringArb, s => tokens(s))));
const systemProps = fc.oneof(enumProp('type', ['web', 'app', 'crm', 'erp', 'ticketing', 'payment', 'messaging', 'analytics', 'data', 'other']), stringProp('owner'), enumProp('approved', classification));
const informationProps = fc.oneof(refProp('source'), stringProp('owner'), enumProp('classification', classification));
const kpiProps = fc.oneof(
    enumProp('metric', metrics), quantityProp('current'),
    prop('target', fc.tuple(fc.option(fc.constantFrom('>=', '<=', '='), { nil: undefined }), quantityArb).map(([op, q]) => [...(op ? tokens(op) : []), ...q])),
    quantityProp('due'), stringProp('unit'), enumProp('better', ['higher', 'lower']), stringProp('owner')
);
const processProps = fc.oneof(stringProp('owner'), enumProp('lane', ['frontstage', 'backstage', 'support']), refsProp('systems'), refsProp('reads'), refsProp('writes'),
    refsProp('supports'), prop('steps', list(stringArb, s => tokens(s))), quantityProp('sla'));
const touchpointProps = fc.oneof(enumProp('channel', channels), refsProp('customers'), refsProp('processes'), refsProp('systems'), refsProp('information'), quantityProp('emotion'));
const momentProps = fc.oneof(refProp('at'), enumProp('kind', ['zero', 'first', 'actual', 'second', 'third', 'ultimate']), enumProp('polarity', ['positive', 'negative', 'mixed']),
    enumProp('impact', impact), refsProp('customers'), refsProp('kpis'), refProp('recovery'), stringProp('owner'));
const painProps = fc.oneof(refProp('at'), enumProp('severity', impact));
const opportunityProps = fc.oneof(refsProp('addresses'), refsProp('improves'), stringProp('owner'));

/** `keyword Name "title"? ({ members })?`; members are tokens already. */
function declaration(keyword: string, members: fc.Arbitrary<Token[][]>): fc.Arbitrary<Token[]> {
    return fc.record({
        name: nameArb,
        title: fc.option(stringArb, { nil: undefined }),
        body: fc.option(members, { freq: 4, nil: undefined })
    }).map(({ name, title, body }) => [
        { text: keyword, decl: true }, { text: name }, ...(title ? tokens(title) : []),
        ...(body ? [...tokens('{'), ...body.flat(), ...tokens('}')] : [])
    ]);
}

const members = (...arbs: Array<fc.Arbitrary<Token[]>>) => (max: number) => fc.array(fc.oneof(...arbs), { maxLength: max });

const kpi = declaration('kpi', members(kpiProps)(5));
const objective = declaration('objective', members(refsProp('for'), kpi)(4));
const touchpoint = declaration('touchpoint', members(touchpointProps)(6));
const stage = declaration('stage', members(enumProp('category', categories), touchpoint)(4));
const process = declaration('process', members(processProps)(6));
const journey = declaration('journey', members(
    refsProp('customers'), objective, process, stage, stage,
    declaration('moment', members(momentProps)(6)),
    declaration('pain', members(painProps)(3)),
    declaration('opportunity', members(opportunityProps)(3))
)(10));

const topLevel: fc.Arbitrary<Token[]> = fc.oneof(
    declaration('customer', members(customerProps)(5)),
    declaration('system', members(systemProps)(4)),
    declaration('information', members(informationProps)(4)),
    objective,
    process,
    { weight: 2, arbitrary: journey }
);

/** The tokens of a model (valid syntax). */
export const modelTokens: fc.Arbitrary<Token[]> = fc.array(topLevel, { maxLength: 6 }).map(elements => elements.flat());

// ---- layout ----------------------------------------------------------------------

const commentChar = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'abc XYZ 019,.-_'.split('')) },
    { weight: 2, arbitrary: fc.constantFrom('"', '{', '}', '//', '/*', '*', '/', '\t', '  ', 'customer', 'stage {') },
    { weight: 1, arbitrary: fc.constantFrom('é', '😀', 'שלום', '\u200B', '\u00A0') }
);
const lineCommentArb = fc.array(commentChar, { maxLength: 10 }).map(cs => `//${cs.join('')}`);
const blockText = fc.array(fc.oneof({ weight: 6, arbitrary: commentChar }, { weight: 1, arbitrary: fc.constantFrom('\n', '\n  ', '\n\t * ', '\n\n') }), { maxLength: 12 })
    .map(cs => cs.join('').replace(/\*\//g, '* /'));
const blockCommentArb = blockText.map(t => `/*${t.startsWith('*') ? ` ${t}` : t}*/`);
// `/**` + `/...` would close at once (`/**/`).
const docCommentArb = blockText.map(t => `/**${t.startsWith('/') ? ` ${t}` : t}*/`);

const indentArb = fc.constantFrom('', '', ' ', '  ', '    ', '\t', '\t  ', '        ');
const trailingArb = fc.constantFrom('', '', '', ' ', '\t', '   ');

/** What goes between two tokens. */
type GapPiece = { kind: 'space'; text: string } | { kind: 'newlines'; count: number; trailing: string; indent: string }
    | { kind: 'line'; text: string } | { kind: 'block'; text: string; ownLine: boolean };

const gapPiece: fc.Arbitrary<GapPiece> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(' ', ' ', '  ', '\t', '   ').map(text => ({ kind: 'space' as const, text })) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('newlines' as const), count: fc.constantFrom(1, 1, 1, 2, 3), trailing: trailingArb, indent: indentArb }) },
    { weight: 1, arbitrary: lineCommentArb.map(text => ({ kind: 'line' as const, text })) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('block' as const), text: fc.oneof(blockCommentArb, docCommentArb), ownLine: fc.boolean() }) }
);

/** A gap: usually one piece; `empty` only where tokens cannot merge (next to punctuation). */
const gapArb = fc.oneof(
    { weight: 8, arbitrary: gapPiece.map(p => [p]) },
    { weight: 2, arbitrary: fc.array(gapPiece, { minLength: 0, maxLength: 4 }) }
);

function renderGap(pieces: GapPiece[], eol: string, mayBeEmpty: boolean): string {
    let out = '';
    for (const p of pieces) {
        switch (p.kind) {
            case 'space': out += p.text; break;
            case 'newlines': out += (p.trailing + eol).repeat(p.count) + p.indent; break;
            // A line comment runs to the end of the line.
            case 'line': out += ` ${p.text}${eol}`; break;
            case 'block': out += p.ownLine ? `${eol}${p.text}${eol}` : ` ${p.text} `; break;
        }
    }
    if (out === '' && !mayBeEmpty) out = ' ';
    return out;
}

const punctuation = new Set(['{', '}', ',', '.']);

/** The layout of a token list: gaps (cycled when there are fewer than tokens), line ends, and a doc comment before some declarations. */
export interface Layout {
    gaps: GapPiece[][];
    /** Where gaps run out: `compact` joins tokens with one space, `cycle` repeats the gaps. */
    rest: 'compact' | 'cycle';
    /** `mixed`: `\n`, `\r\n` and `\r` in turn. */
    eol: '\n' | '\r\n' | '\r' | 'mixed';
    docs: Array<string | undefined>;
    leading: GapPiece[];
    trailing: GapPiece[];
}

export const layoutArb: fc.Arbitrary<Layout> = fc.record({
    gaps: fc.array(gapArb, { maxLength: 40 }),
    rest: fc.constantFrom('compact' as const, 'cycle' as const),
    eol: fc.constantFrom('\n' as const, '\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const),
    docs: fc.array(fc.option(docCommentArb, { freq: 2, nil: undefined }), { maxLength: 12 }),
    leading: fc.array(gapPiece, { maxLength: 2 }),
    trailing: fc.array(gapPiece, { maxLength: 2 })
});

export function render(model: Token[], layout: Layout): string {
    let out = '';
    let declIndex = 0;
    let gapIndex = 0;
    const eolAt = (i: number) => layout.eol === 'mixed' ? ['\n', '\r\n', '\n', '\r'][i % 4] : layout.eol;
    out += renderGap(layout.leading, eolAt(0), true);
    model.forEach((token, i) => {
        if (i > 0) {
            const previous = model[i - 1];
            const mayBeEmpty = punctuation.has(previous.text) || punctuation.has(token.text);
            const gap = layout.gaps.length === 0 ? undefined
                : gapIndex < layout.gaps.length ? layout.gaps[gapIndex] : layout.rest === 'cycle' ? layout.gaps[gapIndex % layout.gaps.length] : undefined;
            gapIndex++;
            out += renderGap(gap ?? [{ kind: 'space', text: ' ' }], eolAt(i), mayBeEmpty);
        }
        if (token.decl) {
            const doc = layout.docs.length > 0 ? layout.docs[declIndex % layout.docs.length] : undefined;
            declIndex++;
            if (doc) out += `${doc}${eolAt(i)}${i > 0 ? '  ' : ''}`;
        }
        out += token.text;
    });
    out += renderGap(layout.trailing, eolAt(model.length), true);
    return out;
}

/** A valid-syntax model, laid out at random. */
export const generatedModel: fc.Arbitrary<string> = fc.tuple(modelTokens, layoutArb).map(([model, layout]) => render(model, layout));
