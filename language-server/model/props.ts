import type { AstNode, Reference } from 'langium';
import type * as ast from '../generated/ast.js';
import { parseQuantity, type Value } from './values.js';

/** The common shape of every property node: `key` plus one of the value slots. */
export interface AnyProp extends AstNode {
    key: string;
    value?: string | ast.Quantity;
    values?: string[];
    ref?: Reference<ast.Declaration>;
    refs?: Array<Reference<ast.Declaration>>;
    op?: string;
}

export function propsOf(node: AstNode): AnyProp[] {
    return ((node as { props?: AnyProp[] }).props) ?? [];
}

export function findProp(node: AstNode, key: string): AnyProp | undefined {
    return propsOf(node).find(p => p.key === key);
}

export function hasProp(node: AstNode, key: string): boolean {
    return findProp(node, key) !== undefined;
}

/** A string or enum property's value (the first one given). */
export function textProp(node: AstNode, key: string): string | undefined {
    const value = findProp(node, key)?.value;
    return typeof value === 'string' ? value : undefined;
}

/** A string-list property: every occurrence, concatenated. */
export function listProp(node: AstNode, key: string): string[] {
    return propsOf(node).filter(p => p.key === key).flatMap(p => p.values ?? []);
}

export function quantityProp(node: AstNode, key: string): { prop: AnyProp; value: Value } | undefined {
    const prop = findProp(node, key);
    const value = prop && typeof prop.value === 'object' ? parseQuantity(prop.value) : undefined;
    return prop && value ? { prop, value } : undefined;
}

/** Every reference a property holds, in order, across repeated occurrences. */
export function refsOf(node: AstNode, key: string): Array<Reference<ast.Declaration>> {
    const result: Array<Reference<ast.Declaration>> = [];
    for (const p of propsOf(node)) {
        if (p.key !== key) continue;
        if (p.ref) result.push(p.ref);
        if (p.refs) result.push(...p.refs);
    }
    return result;
}

/** The resolved targets of a reference property that satisfy `guard`, without duplicates. */
export function targetsOf<T extends AstNode>(node: AstNode, key: string, guard: (n: unknown) => n is T): T[] {
    const seen = new Set<AstNode>();
    const result: T[] = [];
    for (const r of refsOf(node, key)) {
        const target = r.ref;
        if (target && guard(target) && !seen.has(target)) {
            seen.add(target);
            result.push(target);
        }
    }
    return result;
}
