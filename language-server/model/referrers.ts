import type { AstNode, LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { forEachReference } from '../references/reference-walk.js';

/** A declaration that refers to another one, and the property it does it with (`processes`, `at`, ...). */
export interface Referrer {
    node: ast.Declaration;
    property: string;
}

/**
 * Who refers to each declaration of a workspace: for every resolved reference, the declaration that
 * holds it (the innermost one: a touchpoint, not its stage) and the property it is written in. One walk
 * over the documents, in their order (each declaration's referrers in document order, each pair of
 * declaration and property once); a declaration nothing refers to is not in the map.
 */
export function referrersOf(documents: readonly LangiumDocument[]): Map<ast.Declaration, Referrer[]> {
    const referrers = new Map<ast.Declaration, Referrer[]>();
    const seen = new Set<string>();
    const ids = new Map<AstNode, number>();
    const idOf = (node: AstNode) => {
        let id = ids.get(node);
        if (id === undefined) ids.set(node, id = ids.size);
        return id;
    };
    for (const document of documents) {
        const root = document.parseResult?.value;
        if (!root) continue;
        forEachReference(root, ({ reference, container }) => {
            const target = 'ref' in reference ? reference.ref : undefined;
            if (!ast.isDeclaration(target)) return;
            const source = declarationOf(container);
            if (!source || source === target) return;
            const property = (container as { key?: unknown }).key;
            const key = typeof property === 'string' ? property : container.$containerProperty ?? '';
            const pair = `${idOf(target)} ${idOf(source)} ${key}`;
            if (seen.has(pair)) return;
            seen.add(pair);
            let list = referrers.get(target);
            if (!list) referrers.set(target, list = []);
            list.push({ node: source, property: key });
        });
    }
    return referrers;
}

/** The innermost declaration that holds `node` (itself when it is one). */
export function declarationOf(node: AstNode | undefined): ast.Declaration | undefined {
    for (let current = node; current; current = current.$container) {
        if (ast.isDeclaration(current)) return current;
    }
    return undefined;
}
