import { EmbeddedActionsParser, serializeGrammar } from 'chevrotain';
import { AstUtils, EmptyFileSystem } from 'langium';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCopisCoreServices } from '../../language-server/copis-module.js';
import { patchedLexerText, patchedRecorderText } from '../../scripts/chevrotain-start.mjs';

// The file esbuild bundles (chevrotain's package.json exports no subpath to resolve it by).
const lexer = readFileSync(join('node_modules', 'chevrotain', 'lib', 'src', 'scan', 'lexer.js'), 'utf8');

/** The table `initCharCodeToOptimizedIndexMap` makes in chevrotain's lexer.js text `text`, run on its own. */
function table(text: string): unknown[] {
    const start = text.indexOf('let charCodeToOptimizedIdxMap = [];');
    const init = text.indexOf('function initCharCodeToOptimizedIndexMap()');
    const end = text.indexOf('\n}\n', init) + 3;
    expect(start).toBeGreaterThan(0);
    expect(init).toBeGreaterThan(start);
    const code = `${text.slice(start, end).replace(/export function/g, 'function')}\ninitCharCodeToOptimizedIndexMap();\nreturn charCodeToOptimizedIdxMap;`;
    return new Function('minOptimizationVal', code)(256) as unknown[];
}

describe("chevrotain's lexer table filled by ranges (scripts/chevrotain-start.mjs)", () => {
    it('makes the same table as chevrotain: every one of the 65,536 entries, none missing', () => {
        const patched = patchedLexerText(lexer);
        expect(patched).not.toBe(lexer);
        const before = table(lexer);
        const after = table(patched);
        expect(after).toHaveLength(65536);
        expect(Object.keys(after)).toHaveLength(65536);
        expect(after).toEqual(before);
        expect([after[255], after[256], after[509], after[510], after[65535]]).toEqual([255, 256, 256, 257, 512]);
    });

    it('fails the build, saying what to do, when chevrotain no longer has the loop', () => {
        expect(() => patchedLexerText(lexer.replace('i > 255 ?', 'i >= 256 ?'), 'lexer.js')).toThrow(/lexer\.js no longer has the loop it changes .*check whether the change is still needed/);
    });
});

const recorderFile = join('node_modules', 'chevrotain', 'lib', 'src', 'parse', 'parser', 'traits', 'gast_recorder.js');
const recorder = readFileSync(recorderFile, 'utf8');

/** The methods `enableRecording` and `disableRecording` of gast_recorder.js's text `text`, as functions. */
function recorderMethods(text: string): { enableRecording: () => void; disableRecording: () => void } {
    const start = text.indexOf('    enableRecording() {');
    const end = text.indexOf('    //   Parser methods are called inside an ACTION?');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const methods = text.slice(start, end).replace(/\n {4}disableRecording\(\)/, ',\n    disableRecording()');
    return new Function(`return {\n${methods}\n};`)();
}

/**
 * Recorded rules as data to compare: each parser has its own token patterns that are functions (a keyword's
 * matcher, parser/copis-lexer.ts), told apart by what they match (`keyword`) and their name; expressions by their text.
 */
function comparable(rules: readonly unknown[]): unknown[] {
    return JSON.parse(JSON.stringify(rules, (_key, value: unknown) =>
        value instanceof RegExp ? `regexp ${String(value)}` : typeof value === 'function' ? `function ${value.name}` : value));
}

/** chevrotain's parser of copis, built with the recorder methods `methods`: the rules it recorded, its own property names, its prototype. */
function recordedParser(methods: ReturnType<typeof recorderMethods>) {
    let owner = EmbeddedActionsParser.prototype as object;
    while (!Object.prototype.hasOwnProperty.call(owner, 'enableRecording')) owner = Object.getPrototypeOf(owner);
    const original = { enableRecording: (owner as typeof methods).enableRecording, disableRecording: (owner as typeof methods).disableRecording };
    Object.assign(owner, methods);
    try {
        const langiumParser = createCopisCoreServices(EmptyFileSystem).Copis.parser.LangiumParser;
        const chevrotainParser = (langiumParser as unknown as { wrapper: EmbeddedActionsParser & { gastProductionsCache: Record<string, never> } }).wrapper;
        return {
            langiumParser,
            rules: comparable(serializeGrammar(Object.values(chevrotainParser.gastProductionsCache))),
            own: Object.getOwnPropertyNames(chevrotainParser),
            prototype: Object.getPrototypeOf(chevrotainParser)
        };
    } finally {
        Object.assign(owner, original);
    }
}

describe("chevrotain's grammar recorder on a prototype of its own (scripts/chevrotain-start.mjs)", () => {
    it('records the same rules, and leaves the parser with the same own properties and prototype', () => {
        const patched = patchedRecorderText(recorder);
        expect(patched).not.toBe(recorder);
        const before = recordedParser(recorderMethods(recorder));
        const after = recordedParser(recorderMethods(patched));
        expect(after.rules.length).toBeGreaterThan(50);
        expect(after.rules).toEqual(before.rules);
        expect(after.own).toEqual(before.own);
        expect(after.own).not.toContain('CONSUME');
        expect(after.own).not.toContain('consume');
        expect(after.prototype).toBe(before.prototype);
        // And it parses as the other: every node of an example, in order.
        const text = readFileSync(join('examples', 'health', 'outpatient-visit.copis'), 'utf8');
        const nodes = (parser: typeof after.langiumParser) => {
            const result = parser.parse(text);
            return { errors: result.parserErrors.length, nodes: [...AstUtils.streamAst(result.value)].map(n => `${n.$type} ${n.$cstNode?.offset} ${n.$cstNode?.length}`) };
        };
        const parsed = nodes(after.langiumParser);
        expect(parsed.errors).toBe(0);
        expect(parsed.nodes.length).toBeGreaterThan(20);
        expect(parsed).toEqual(nodes(before.langiumParser));
    });

    it('fails the build, saying what to do, when chevrotain records otherwise', () => {
        expect(() => patchedRecorderText(recorder.replace('delete that.LA;', 'delete that.LA_;'), 'gast_recorder.js')).toThrow(/gast_recorder\.js no longer records as it changes it .*check whether the change is still needed/);
        expect(() => patchedRecorderText(recorder.replace('this.LA = this.LA_RECORD;', 'this.LA = this.LA_RECORD;\n            this.extra = 1;'), 'gast_recorder.js')).toThrow(/no longer records/);
    });
});
