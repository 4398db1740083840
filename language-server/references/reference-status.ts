import type { AstNode, AstNodeDescription, LinkingError, Reference } from 'langium';
import * as ast from '../generated/ast.js';

/**
 * A linking error that knows what the name does name: a declaration of another kind than the
 * reference expects (the linker looks it up once, when linking fails; see CopisLinker).
 */
export interface CopisLinkingError extends LinkingError {
    otherKind?: AstNodeDescription;
}

/**
 * What a reference says about its target (§6): it names a declaration of the expected kind
 * (`resolved`), one of another kind (`wrong-kind`: then it is known NOT to name one of the
 * expected kind; `target` is what it does name), or nothing (`unresolved`: it may mean anything
 * of the expected kind, so the rules it could change stay silent).
 */
export type ReferenceStatus =
    | { state: 'resolved'; target: AstNode }
    | { state: 'wrong-kind'; target: AstNode | undefined }
    | { state: 'unresolved' };

export function referenceStatus(reference: Reference): ReferenceStatus {
    const target = reference.ref;
    if (target) return { state: 'resolved', target };
    const other = (reference.error as CopisLinkingError | undefined)?.otherKind;
    return other ? { state: 'wrong-kind', target: other.node } : { state: 'unresolved' };
}

/**
 * Whether a reference that does not name `candidate` may still have been meant for it, so that
 * a rule about `candidate` stays silent until it is fixed: a name that resolves to nothing may
 * mean anything of the expected kind; one that names a declaration of the wrong kind may mean
 * only what that declaration is part of, holds, or happens at (`at Visit`, a stage, may mean one
 * of its touchpoints; `improves Loyalty`, an objective, one of its KPIs; a pain `at` a moment the
 * moment's touchpoint). A pain `at` a system means no touchpoint at all.
 */
export function mayMean(reference: Reference, candidate: AstNode): boolean {
    const status = referenceStatus(reference);
    switch (status.state) {
        case 'resolved': return false;
        case 'unresolved': return true;
        case 'wrong-kind': return status.target !== undefined && related(status.target, candidate);
    }
}

/** Two declarations are related when they share a place: one is, holds or happens at the other, or both sit in one stage or objective. */
export function related(a: AstNode, b: AstNode): boolean {
    const places = placesOf(a);
    return placesOf(b).some(p => places.includes(p));
}

/** A declaration, what holds it (a stage, an objective; not a journey or the file), and where it happens (`at`). */
function placesOf(node: AstNode): AstNode[] {
    const places: AstNode[] = [node];
    const container = node.$container;
    if (container && (ast.isStage(container) || ast.isObjective(container))) places.push(container);
    if (ast.isMoment(node) || ast.isPain(node)) {
        for (const prop of node.props) {
            const target = ast.isAtProp(prop) || ast.isPainAtProp(prop) ? prop.ref?.ref : undefined;
            if (target) places.push(target);
        }
    }
    return places;
}
