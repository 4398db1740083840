/**
 * fast-check arbitraries that break `.copis` texts: delete, duplicate or move spans, insert
 * keywords, punctuation, numbers and hostile unicode, truncate anywhere, unbalance braces and
 * quotes — and a few pathological shapes (10,000 nested braces, very long lines and lists).
 */
import fc from 'fast-check';
import { corpus, keywords, type SourceFile } from './corpus.js';

/** Text that tends to hurt: emoji (surrogate pairs, ZWJ sequences), right-to-left text and marks, NUL, lone surrogates, odd line breaks. */
export const hostileUnicode: string[] = [
    '😀', '👩‍👩‍👧‍👦', '🇪🇺', '\u{1F600}\u{1F3FD}', 'e\u0301', '\u0301',
    'مرحبا', 'שלום', '\u202E', '\u202D', '\u200F', '\u2066', '\u2069',
    '\u0000', '\u0001', '\u007F', '\uFEFF', '\u200B', '\u00A0', '\u3000',
    '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD800b', '\uDC00\uD800',
    '\r', '\r\n', '\n\r', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C', '\t',
    'Ω', 'ß', 'İ', 'ﬁ', '名前', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\uFFFD', '\uFFFF'
];

const punctuation = ['{', '}', '{', '}', '"', '"', ',', '.', '..', '%', '-', '=', '>=', '<=', '>', '<', '/', '*', '/*', '*/', '/**', '//', '\\', '\\"', ':', ';', '#', '@', '(', ')'];

const numberish = ['0', '-0', '42', '-20', '3.5', '97%', '0.86%', '-5%', '45s', '1.5h', '2d', '-3w', '1450 EUR', '2027-06-30', '2027-02-30', '9999-99-99',
    '1e9', '99999999999999999999999', '1.', '.5', '--1', '1..2', 'NaN', 'Infinity', '12abc', '2027-06-30x'];

/** Names that are also properties of every JavaScript object: a lookup table keyed by plain objects trips on them. */
export const prototypeNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'];

/** One inserted piece: a keyword, punctuation, a number form, hostile unicode, a name or random text. */
export const insertion: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keywords) },
    { weight: 3, arbitrary: fc.constantFrom(...punctuation) },
    { weight: 2, arbitrary: fc.constantFrom(...numberish) },
    { weight: 3, arbitrary: fc.constantFrom(...hostileUnicode) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}(\.[A-Za-z_][A-Za-z0-9_]{0,8})?$/) },
    { weight: 1, arbitrary: fc.constantFrom(...prototypeNames) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) }
).chain(piece => fc.constantFrom(piece, ` ${piece} `, `${piece} `, `\n${piece}\n`));

/** One edit of a text; positions are fractions of its length (so they shrink toward the start). */
export type Mutation =
    | { op: 'delete'; at: number; length: number }
    | { op: 'duplicate'; at: number; length: number; to: number }
    | { op: 'move'; at: number; length: number; to: number }
    | { op: 'insert'; at: number; text: string }
    | { op: 'replace'; at: number; length: number; text: string }
    | { op: 'truncate'; at: number }
    /** Replaces a name (the one nearest `at`) by `to`: every occurrence, or only the one at `at`. */
    | { op: 'rename'; at: number; to: string | number; everywhere: boolean }
    | { op: 'unbalance'; at: number; text: '{' | '}' | '"' | '/*' | '{{{{' | '}}}}' | '""' | '"\\' };

/**
 * A position as a fraction of the text's length, uniform: fast-check's default bias toward
 * extremes would put almost every edit at the very start or end of the text.
 */
export const fraction: fc.Arbitrary<number> = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map(n => n / 1_000_000);
const spanLength = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 400 }));

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fraction, length: spanLength }),
    fc.record({ op: fc.constant('duplicate' as const), at: fraction, length: spanLength, to: fraction }),
    fc.record({ op: fc.constant('move' as const), at: fraction, length: spanLength, to: fraction }),
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fraction, text: insertion }) },
    fc.record({ op: fc.constant('replace' as const), at: fraction, length: fc.integer({ min: 1, max: 8 }), text: insertion }),
    fc.record({ op: fc.constant('truncate' as const), at: fraction }),
    // `to`: a hostile name, or (a number) another name of the text, chosen by fraction of their count.
    { weight: 2, arbitrary: fc.record({ op: fc.constant('rename' as const), at: fraction, to: fc.oneof(fc.constantFrom(...prototypeNames, 'email', 'high', '_', 'x'), fraction), everywhere: fc.boolean() }) },
    fc.record({ op: fc.constant('unbalance' as const), at: fraction, text: fc.constantFrom('{' as const, '}' as const, '"' as const, '/*' as const, '{{{{' as const, '}}}}' as const, '""' as const, '"\\' as const) })
);

/** Applies one mutation (positions in UTF-16 code units, so a surrogate pair may be split: on purpose). */
export function mutate(text: string, m: Mutation): string {
    const pos = (f: number) => Math.min(text.length, Math.floor(f * (text.length + 1)));
    const at = pos(m.at);
    switch (m.op) {
        case 'delete': return text.slice(0, at) + text.slice(at + m.length);
        case 'duplicate': {
            const span = text.slice(at, at + m.length);
            const to = pos(m.to);
            return text.slice(0, to) + span + text.slice(to);
        }
        case 'move': {
            const span = text.slice(at, at + m.length);
            const rest = text.slice(0, at) + text.slice(at + m.length);
            const to = Math.min(rest.length, Math.floor(m.to * (rest.length + 1)));
            return rest.slice(0, to) + span + rest.slice(to);
        }
        case 'insert':
        case 'unbalance': return text.slice(0, at) + m.text + text.slice(at);
        case 'replace': return text.slice(0, at) + m.text + text.slice(at + m.length);
        case 'truncate': return text.slice(0, at);
        case 'rename': return rename(text, at, m.to, m.everywhere);
    }
}

function rename(text: string, at: number, to: string | number, everywhere: boolean): string {
    const names = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].filter(n => /[A-Z_]/.test(n[0][0]));
    if (names.length === 0) return text;
    const chosen = names.find(n => n.index + n[0].length >= at) ?? names[names.length - 1];
    const replacement = typeof to === 'string' ? to : names[Math.min(names.length - 1, Math.floor(to * names.length))][0];
    const targets = everywhere ? names.filter(n => n[0] === chosen[0]) : [chosen];
    let result = '';
    let from = 0;
    for (const n of targets) {
        result += text.slice(from, n.index) + replacement;
        from = n.index + n[0].length;
    }
    return result + text.slice(from);
}

export function applyMutations(text: string, mutations: Mutation[]): string {
    return mutations.reduce(mutate, text);
}

/** Pathological texts built around a piece of an example. */
export type Shape =
    | { shape: 'nested-braces'; depth: number; closed: boolean }
    | { shape: 'nested-declarations'; depth: number }
    | { shape: 'long-qualified-name'; length: number }
    | { shape: 'long-list'; length: number }
    | { shape: 'long-line'; length: number }
    | { shape: 'many-comments'; count: number; closed: boolean }
    | { shape: 'repeated-keyword'; keyword: string; count: number }
    | { shape: 'unterminated-string'; length: number }
    | { shape: 'long-string'; length: number }
    | { shape: 'unterminated-comment'; length: number };

export function shapeText(s: Shape): string {
    switch (s.shape) {
        case 'nested-braces':
            return `journey J {\n${'{'.repeat(s.depth)}${s.closed ? '}'.repeat(s.depth) : ''}\n}\n`;
        case 'nested-declarations':
            return `${'journey J { stage S { touchpoint T { '.repeat(s.depth)}${'} } } '.repeat(s.depth)}\n`;
        case 'long-qualified-name':
            return `journey J { moment M { at ${Array.from({ length: s.length }, (_, i) => `N${i}`).join('.')} } }\n`;
        case 'long-list':
            return `journey J { customers ${Array.from({ length: s.length }, (_, i) => `C${i % 7}`).join(', ')} }\n`;
        case 'long-line':
            return `customer C "${'x'.repeat(s.length)}" { segment "${'é😀'.repeat(s.length / 4)}" }`;
        case 'many-comments':
            return `${`/** doc */ customer C${s.closed ? '' : ' /*'} `.repeat(s.count)}\n`;
        case 'repeated-keyword':
            return `${s.keyword} `.repeat(s.count);
        case 'unterminated-string':
            return `customer C "${'a'.repeat(s.length)}\nsystem S "x\n`;
        case 'long-string':
            // (Past ~4.2 million characters the grammar's regular expression overflowed V8's stack.)
            return `customer C "${'ab\\"'.repeat(s.length / 4)}" { value high }\njourney J "J" { customers C }\n`;
        case 'unterminated-comment':
            return `customer C "C" { value high }\n/* ${'journey J { customers C }\n'.repeat(s.length / 27)}`;
    }
}

export const shape: fc.Arbitrary<Shape> = fc.oneof(
    fc.record({ shape: fc.constant('nested-braces' as const), depth: fc.constantFrom(10, 1000, 10_000), closed: fc.boolean() }),
    fc.record({ shape: fc.constant('nested-declarations' as const), depth: fc.constantFrom(2, 100, 2000) }),
    fc.record({ shape: fc.constant('long-qualified-name' as const), length: fc.constantFrom(3, 1000, 10_000) }),
    fc.record({ shape: fc.constant('long-list' as const), length: fc.constantFrom(3, 1000, 10_000) }),
    fc.record({ shape: fc.constant('long-line' as const), length: fc.constantFrom(100, 100_000) }),
    fc.record({ shape: fc.constant('many-comments' as const), count: fc.constantFrom(3, 1000, 5000), closed: fc.boolean() }),
    fc.record({ shape: fc.constant('repeated-keyword' as const), keyword: fc.constantFrom(...keywords), count: fc.constantFrom(5, 2000) }),
    fc.record({ shape: fc.constant('unterminated-string' as const), length: fc.constantFrom(10, 50_000) })
);

/** An example (by index into the corpus) and the mutations applied to it. */
export interface MutatedCase {
    source: number;
    mutations: Mutation[];
    /** Pathological text inserted at a fraction of the example, or replacing it. */
    shape: undefined | { shape: Shape; at: number; alone: boolean };
}

export const mutatedCase: fc.Arbitrary<MutatedCase> = fc.record({
    source: fc.integer({ min: 0, max: corpus.length - 1 }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }),
    // One case in eight carries a pathological shape (they are slow to build).
    shape: fc.oneof(
        { weight: 7, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.record({ shape, at: fraction, alone: fc.boolean() }) }
    )
});

export function caseText(c: MutatedCase, files: SourceFile[] = corpus): string {
    let text = files[c.source].text;
    if (c.shape) {
        const piece = shapeText(c.shape.shape);
        if (c.shape.alone) text = piece;
        else {
            const at = Math.floor(c.shape.at * (text.length + 1));
            text = text.slice(0, at) + piece + text.slice(at);
        }
    }
    return applyMutations(text, c.mutations);
}
