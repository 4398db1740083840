import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

type Properties = Record<string, unknown>;

/**
 * Every reference under `root`, in the order of Langium's `streamAst` + `streamReferences`
 * (depth first, each node's own references before its children's). Langium's streams allocate
 * an iterator and a key list per node, and linking and the reference index each walk every node
 * of a document per build: on a 2,000-line file that was a fifth of an edit's time.
 */
export function forEachReference(root: AstNode, action: (info: ReferenceInfo) => void): void {
    // Depth first without recursion or a closure per node, and one pass over each node's properties for
    // both its references and its children (linking walks every node of the workspace): the nodes still
    // to visit, the next one last.
    const pending: AstNode[] = [root];
    let node: AstNode | undefined;
    while ((node = pending.pop()) !== undefined) {
        const next = pending.length;
        for (const property in node) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = (node as unknown as Properties)[property];
            if (typeof value !== 'object' || value === null) continue;
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const element = value[index];
                    // Lists of strings (`needs "Speed", "Clarity"`) hold neither: tested first, they never reach
                    // `isMultiReference`, whose first call (after V8 had optimised the walk without it) undid the optimisation.
                    if (typeof element !== 'object' || element === null) continue;
                    if (isAstNode(element)) pending.push(element);
                    else if (isReference(element) || isMultiReference(element)) action({ reference: element, container: node, property, index });
                }
            } else if (isAstNode(value)) {
                pending.push(value);
            } else if (isReference(value) || isMultiReference(value)) {
                action({ reference: value, container: node, property });
            }
        }
        // This node's children were pushed first to last: the first is to be visited next.
        for (let low = next, high = pending.length - 1; low < high; low++, high--) {
            const first = pending[low];
            pending[low] = pending[high];
            pending[high] = first;
        }
    }
}

/** The references held by `node` itself, not by its children. */
export function forEachOwnReference(node: AstNode, action: (info: ReferenceInfo) => void): void {
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = (node as unknown as Properties)[property];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element = value[index];
                if (isReference(element) || isMultiReference(element)) action({ reference: element, container: node, property, index });
            }
        } else if (isReference(value) || isMultiReference(value)) {
            action({ reference: value, container: node, property });
        }
    }
}

/** The direct children of `node`, in property order. */
export function forEachChild(node: AstNode, action: (child: AstNode) => void): void {
    for (const property in node) {
        if (property.charCodeAt(0) === 36) continue;
        const value = (node as unknown as Properties)[property];
        if (Array.isArray(value)) {
            for (const element of value) if (isAstNode(element)) action(element);
        } else if (isAstNode(value)) {
            action(value);
        }
    }
}
