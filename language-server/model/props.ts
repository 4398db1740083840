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
    // A loop, not `find` with a closure: every rule and every model asks for properties (hundreds of thousands of calls in a workspace).
    const props = propsOf(node);
    for (let i = 0; i < props.length; i++) if (props[i].key === key) return props[i];
    return undefined;
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
    // Straight from the properties, without the list of references; a set only once there are many targets.
    const result: T[] = [];
    let seen: Set<AstNode> | undefined;
    const props = propsOf(node);
    for (let i = 0; i < props.length; i++) {
        const p = props[i];
        if (p.key !== key) continue;
        if (p.ref) seen = addTarget(result, seen, p.ref.ref, guard);
        const refs = p.refs;
        if (refs) for (let j = 0; j < refs.length; j++) seen = addTarget(result, seen, refs[j].ref, guard);
    }
    return result;
}

/** Adds `target` to `result` unless it is there; returns the set of `result` once it is too long to search. */
function addTarget<T extends AstNode>(result: T[], seen: Set<AstNode> | undefined, target: AstNode | undefined, guard: (n: unknown) => n is T): Set<AstNode> | undefined {
    if (!target || !guard(target)) return seen;
    if (seen) {
        if (!seen.has(target)) {
            seen.add(target);
            result.push(target);
        }
        return seen;
    }
    if (result.includes(target)) return undefined;
    result.push(target);
    return result.length > 16 ? new Set<AstNode>(result) : undefined;
}
