import { EmptyFileSystem } from 'langium';
import { createCopisCoreServices, type CopisServices } from '../copis-module.js';
import type * as ast from '../generated/ast.js';
import { applyEdits, layoutEdits } from './layout.js';

let services: CopisServices | undefined;

/**
 * The text in the canonical layout (see layout.ts), or `undefined` when it does not parse
 * (lexer or parser errors): a broken file is never reformatted. The CLI's `copis format` uses this.
 */
export function formatText(text: string): string | undefined {
    services ??= createCopisCoreServices(EmptyFileSystem, { batch: true }).Copis;
    const result = services.parser.LangiumParser.parse<ast.Model>(text);
    if (result.lexerErrors.length > 0 || result.parserErrors.length > 0) return undefined;
    const edits = layoutEdits(result.value, text);
    return edits && applyEdits(text, edits);
}
