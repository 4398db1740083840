import fc from 'fast-check';
import { DefaultLexer, EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { corpus, fuzzParameters } from '../fuzz/corpus.js';
import { generatedModel } from '../fuzz/generated-models.js';
import { mutate, mutation } from '../fuzz/mutations.js';

const { Copis } = createCopisCoreServices(EmptyFileSystem);
const plain = new DefaultLexer(Copis);
const tokens = (result: ReturnType<DefaultLexer['tokenize']>) => result.tokens.map(t => [t.tokenType.name, t.image, t.startOffset, t.startLine, t.startColumn]);

describe('the lexer repairs only what it could not read', () => {
    test('a text the lexer reads is left as it is: every example and fixture, every generated model', () => {
        for (const file of corpus) {
            if (plain.tokenize(file.text).errors.length > 0) continue;
            expect(tokens(Copis.parser.Lexer.tokenize(file.text)), file.name).toEqual(tokens(plain.tokenize(file.text)));
        }
        fc.assert(fc.property(generatedModel, text => {
            expect(tokens(Copis.parser.Lexer.tokenize(text))).toEqual(tokens(plain.tokenize(text)));
        }), fuzzParameters(2));
    });

    test('on broken texts, every token it makes spans its own text, in order, and nothing is left unreported', () => {
        fc.assert(fc.property(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 3 }), (file, mutations) => {
            const text = mutations.reduce(mutate, file.text);
            const result = Copis.parser.Lexer.tokenize(text);
            let previous = -1;
            for (const t of result.tokens) {
                if (t.isInsertedInRecovery) continue; // a `{` put back, without text
                expect(text.slice(t.startOffset, t.endOffset! + 1)).toBe(t.image);
                expect(t.startOffset).toBeGreaterThan(previous);
                previous = t.endOffset!;
            }
            // What the plain lexer could not read is still an error: a lexing error, or a token no rule accepts.
            if (plain.tokenize(text).errors.length > 0) {
                const parsed = Copis.parser.LangiumParser.parse(text);
                expect(parsed.lexerErrors.length + parsed.parserErrors.length).toBeGreaterThan(0);
            }
        }), fuzzParameters(3));
    });
});
