import { describe, expect, test } from 'vitest';
import { CopisAstReflection } from '../../../language-server/generated/ast.js';
import { AcceptedTypes } from '../../../language-server/references/accepted-types.js';

describe('AcceptedTypes', () => {
    test('answers as reflection.isSubtype for every pair of types, and for a type the grammar does not declare', () => {
        const reflection = new CopisAstReflection();
        const accepted = new AcceptedTypes(new CopisAstReflection());
        const types = [...reflection.getAllTypes(), 'NotAType'];
        let subtypes = 0;
        for (const supertype of types) {
            for (const subtype of types) {
                const expected = reflection.isSubtype(subtype, supertype);
                expect(accepted.of(supertype).has(subtype), `${subtype} < ${supertype}`).toBe(expected);
                if (expected && subtype !== supertype) subtypes++;
            }
        }
        // The grammar has type hierarchies (Declaration, PainTarget, Addressable, the property types): the
        // comparison above covers more than each type being itself.
        expect(subtypes).toBeGreaterThan(20);
        expect(accepted.of('Declaration').has('Touchpoint')).toBe(true);
        expect(accepted.of('PainTarget').has('Pain')).toBe(false);
    });
});
