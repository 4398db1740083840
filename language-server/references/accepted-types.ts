import type { AstReflection } from 'langium';

/**
 * The node types a reference of each type accepts (the type itself and its subtypes), as
 * `reflection.isSubtype` answers, each set made on first use. A reference's type is known before
 * its candidates are looked at, so each candidate costs one set lookup: Langium's `isSubtype` looks
 * the pair up in an object per subtype, and the scope lookups ask it for every candidate of every
 * reference (0.6 % of `copis validate`'s instructions on 10,000 declarations).
 */
export class AcceptedTypes {
    private readonly sets = new Map<string, ReadonlySet<string>>();
    private readonly types: readonly string[];
    private readonly isSubtype: (subtype: string, supertype: string) => boolean;

    constructor(reflection: AstReflection) {
        this.types = reflection.getAllTypes();
        this.isSubtype = reflection.isSubtype.bind(reflection);
    }

    of(referenceType: string): ReadonlySet<string> {
        return this.sets.get(referenceType) ?? this.make(referenceType);
    }

    private make(referenceType: string): ReadonlySet<string> {
        const accepted = new Set(this.types.filter(type => this.isSubtype(type, referenceType)));
        // A type the grammar does not declare is still itself (isSubtype's first answer).
        accepted.add(referenceType);
        this.sets.set(referenceType, accepted);
        return accepted;
    }
}

/** The sets each reflection answers from, so that the scope lookups read the same ones. */
const answering = new WeakMap<AstReflection, AcceptedTypes>();

/**
 * Has `reflection.isSubtype` (and so `isInstance` and every generated `ast.isX` guard) answer from
 * AcceptedTypes' sets, with the same answers (test: every pair of types). The models, the rules and
 * the linker ask the guards for every node and reference target: 1.5 % of `copis validate`'s
 * instructions on 10,000 declarations went to the reflection's nested lookups and their recursion.
 */
export function answerSubtypesFromSets<R extends AstReflection>(reflection: R): R {
    if (answering.has(reflection)) return reflection;
    // The sets come from the reflection's own answer, asked of an object that inherits its types: the method calls
    // `this.isSubtype` for the supertypes, which must not be the one made here. (No second reflection: each holds the
    // whole grammar's metadata, millions of instructions at every start.)
    const own = Object.create(reflection, { isSubtype: { value: reflection.isSubtype }, subtypes: { value: {} } }) as AstReflection;
    const sets = new AcceptedTypes(own);
    reflection.isSubtype = (subtype: string, supertype: string): boolean => subtype === supertype || sets.of(supertype).has(subtype);
    answering.set(reflection, sets);
    return reflection;
}

/** The sets `reflection` answers from (answerSubtypesFromSets), or new ones for a reflection that does not. */
export function acceptedTypesOf(reflection: AstReflection): AcceptedTypes {
    return answering.get(reflection) ?? new AcceptedTypes(reflection);
}
