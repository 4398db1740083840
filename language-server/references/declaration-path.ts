import { CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Position } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';

/**
 * The names of the declarations around `position`, outermost first, joined by dots
 * (`BuyOnline.Checkout.Pay`): what a diagnostic there is about, whatever line it is on.
 * Undefined outside every declaration (a syntax error between them, say).
 */
export function declarationPathAt(document: LangiumDocument, position: Position): string | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(position);
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset) ?? CstUtils.findLeafNodeBeforeOffset(root, offset);
    return declarationPath(leaf?.astNode);
}

export function declarationPath(node: AstNode | undefined): string | undefined {
    const names: string[] = [];
    for (let current = node; current; current = current.$container) {
        if (ast.isDeclaration(current) && current.name) names.unshift(current.name);
    }
    return names.length > 0 ? names.join('.') : undefined;
}
