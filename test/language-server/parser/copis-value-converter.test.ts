// The value converter finds each grammar element's rule and each rule's conversion once: the values must be
// Langium's (its DefaultValueConverter), strings aside, which copis converts itself (copis-lexer.test.ts).
import { CstUtils, DefaultValueConverter, EmptyFileSystem, GrammarAST, GrammarUtils, type CstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { CopisValueConverter } from '../../../language-server/parser/copis-value-converter.js';
import { corpus } from '../fuzz/corpus.js';

const { Copis } = createCopisCoreServices(EmptyFileSystem);

/** Whether `node` holds a string literal's token (a STRING, as a title, a value, a list item). */
function isString(node: CstNode): boolean {
    const feature = GrammarAST.isCrossReference(node.grammarSource) ? GrammarUtils.getCrossReferenceTerminal(node.grammarSource) : node.grammarSource;
    return GrammarAST.isRuleCall(feature) && feature.rule.ref?.name === 'STRING';
}

describe('the value converter', () => {
    test("converts every value of the examples and fixtures as Langium's does, names, references, numbers and enum words", () => {
        const ours = new CopisValueConverter();
        const langiums = new DefaultValueConverter();
        let compared = 0;
        for (const file of corpus) {
            const root = Copis.parser.LangiumParser.parse(file.text).value.$cstNode!;
            for (const node of CstUtils.streamCst(root)) {
                if (node.hidden || !node.grammarSource || isString(node)) continue;
                expect(ours.convert(node.text, node), `${file.name} ${node.offset}`).toEqual(langiums.convert(node.text, node));
                expect(ours.convert(node.text, node)).toEqual(langiums.convert(node.text, node)); // (a second time: from what was kept)
                compared++;
            }
        }
        expect(compared).toBeGreaterThan(1000);
    });
});
