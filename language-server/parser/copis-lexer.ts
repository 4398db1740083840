import { createToken, Lexer as ChevrotainLexer, type TokenType } from 'chevrotain';
import { DefaultLexer, type LangiumCoreServices, type LexerResult, type TokenizeOptions } from 'langium';
import { INVALID_TOKEN_NAME } from '../validation/syntax-messages.js';
import { grammarVocabulary } from './grammar-vocabulary.js';
import { repairTokens, type Vocabulary } from './lexical-repair.js';

/** A word the lexer cannot read: never lexed from text (lexical-repair.ts makes it), accepted by no rule. */
const INVALID: TokenType = createToken({ name: INVALID_TOKEN_NAME, pattern: ChevrotainLexer.NA });

/**
 * Langium's lexer, then lexical-repair.ts on what it could not read. Only the document's own
 * parse is repaired: completion lexes the text before the cursor, where a half-typed word is not
 * a mistake.
 */
export class CopisLexer extends DefaultLexer {
    private readonly vocabulary: Vocabulary;

    constructor(services: LangiumCoreServices) {
        super(services);
        const words = grammarVocabulary(services.Grammar);
        const keywords = new Map(Object.entries(this.tokenTypes).filter(([name]) => !/^[A-Z][A-Z0-9_]*$/.test(name)));
        this.vocabulary = {
            STRING: this.tokenTypes.STRING,
            ID: this.tokenTypes.ID,
            NUMBER: this.tokenTypes.NUMBER,
            INVALID,
            keywords,
            topLevel: words.topLevel,
            nested: words.declarations,
            properties: words.properties,
            nameKeywords: new Set(nameKeywords(services)),
            blocks: new Map([...words.blockContents].map(([rule, inside]) => [words.ruleKeyword.get(rule)!, inside])),
            open: this.tokenTypes['{'],
            close: this.tokenTypes['}']
        };
    }

    override get definition(): DefaultLexer['definition'] {
        return { ...this.tokenTypes, [INVALID_TOKEN_NAME]: INVALID };
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        if (options?.mode === 'partial') return result;
        const repaired = repairTokens(text, result, this.vocabulary);
        return repaired === result ? result : { ...result, tokens: repaired.tokens, errors: repaired.errors };
    }
}

/** The keywords of the `NameKeyword` rule: enum words that may also be names. */
function nameKeywords(services: LangiumCoreServices): string[] {
    const rule = services.Grammar.rules.find(r => r.name === 'NameKeyword');
    const out: string[] = [];
    const walk = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const n = node as { $type?: string; value?: string; elements?: unknown[] };
        if (n.$type === 'Keyword' && n.value) out.push(n.value);
        n.elements?.forEach(walk);
    };
    walk((rule as { definition?: unknown } | undefined)?.definition);
    return out;
}
