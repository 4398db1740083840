import { describe, expect, test } from 'vitest';
import { diagnose } from '../../helpers.js';
import { diag, pos } from '../util.js';

describe('moment-customer-off-path', () => {
    function paths(body: string): string {
        return `customer A
customer B
process P { owner "Team" }
journey J {
  customers A, B
  stage S { category usage
    touchpoint ForA { channel web  customers A  processes P }
    touchpoint Everyone { channel web  processes P }
  }
${body}
}
`;
    }

    test('a moment for customers none of whom passes its touchpoint: on its `customers`, naming who does pass', async () => {
        const text = paths('  moment M { at ForA  customers B }');
        const found = await diag(text, 'moment-customer-off-path');
        expect(found).toMatchObject([{ ...pos(text, 'customers B }'), severity: 'warning' }]);
        expect(found[0].message).toBe('Moment of truth `M` is for `B`, but none of them passes its touchpoint `ForA` (`A` passes it); name customers who pass `ForA`, or add them to its `customers`.');
        expect(found[0].text.end.character - found[0].text.start.character).toBe('customers B'.length);
    });

    test('not when one of them passes it, when the touchpoint is for everyone, or when the moment names nobody', async () => {
        for (const moment of ['  moment M { at ForA  customers A, B }', '  moment M { at Everyone  customers B }', '  moment M { at ForA }']) {
            expect(await diag(paths(moment), 'moment-customer-off-path'), moment).toEqual([]);
        }
    });

    test('a customer that names another kind is no customer: the rest is still off the path', async () => {
        const text = paths('  moment M { at ForA  customers B, P }');
        expect((await diagnose(text)).map(d => d.code).sort()).toEqual(['moment-customer-off-path', 'wrong-kind']);
    });

    test('silent while a customer of the moment or of the touchpoint does not resolve', async () => {
        expect((await diagnose(paths('  moment M { at ForA  customers B, Aa }'))).map(d => d.code)).toEqual(['unresolved-reference']);
        const text = paths('  moment M { at ForA  customers B }').replace('customers A  processes P }', 'customers A, Bee  processes P }');
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });
});

describe('touchpoint-customer-outside-journey', () => {
    function visit(journeyCustomers: string, touchpointCustomers: string): string {
        return `customer Patient
customer Carer
system Mail { type messaging }
process P { owner "Team" }
journey Visit {
  ${journeyCustomers}
  stage S { category onboarding
    touchpoint Directions { channel email  customers ${touchpointCustomers}  processes P  systems Mail }
  }
  moment M { at Directions }
}
`;
    }

    test('a touchpoint names a customer who is not one of its journey\'s customers: on that name', async () => {
        const text = visit('customers Patient', 'Patient, Carer');
        const found = await diag(text, 'touchpoint-customer-outside-journey');
        expect(found).toMatchObject([{ ...pos(text, 'Carer  processes'), severity: 'warning' }]);
        expect(found[0].message).toBe('Touchpoint `Directions` names `Carer`, who is not one of the customers of journey `Visit`; add `Carer` to the journey\'s `customers`, or leave them out here.');
    });

    test('not when the journey has them', async () => {
        expect(await diag(visit('customers Patient, Carer', 'Patient, Carer'), 'touchpoint-customer-outside-journey')).toEqual([]);
    });

    test('not when the journey names no customers (journey-without-customers says so) or one that does not resolve', async () => {
        expect(await diag(visit('', 'Carer'), 'touchpoint-customer-outside-journey')).toEqual([]);
        expect((await diagnose(visit('customers Patient, Carr', 'Carer'))).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('a journey customer that names another kind does not stand for the missing one', async () => {
        const codes = (await diagnose(visit('customers Patient, Mail', 'Carer'))).map(d => d.code).sort();
        expect(codes).toEqual(['touchpoint-customer-outside-journey', 'wrong-kind']);
    });
});
