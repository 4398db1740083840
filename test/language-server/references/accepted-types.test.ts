import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { CopisAstReflection, reflection as generatedReflection } from '../../../language-server/generated/ast.js';
import { AcceptedTypes, answerSubtypesFromSets } from '../../../language-server/references/accepted-types.js';

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

    test('a reflection that answers isSubtype from the sets answers as before, for every pair; the services\' and the generated guards\' reflections do', () => {
        const original = new CopisAstReflection();
        const { shared } = createCopisCoreServices(EmptyFileSystem);
        const answering = [answerSubtypesFromSets(new CopisAstReflection()), shared.AstReflection, generatedReflection];
        const types = [...original.getAllTypes(), 'NotAType'];
        for (const reflection of answering) {
            expect(reflection.isSubtype).not.toBe(original.isSubtype);
            for (const supertype of types) {
                for (const subtype of types) expect(reflection.isSubtype(subtype, supertype), `${subtype} < ${supertype}`).toBe(original.isSubtype(subtype, supertype));
                expect(reflection.getAllSubTypes(supertype)).toEqual(original.getAllSubTypes(supertype));
            }
        }
    });
});
