import { describe, expect, test, vi } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import { diagnose } from '../../helpers.js';
import { diag, pos, summary } from '../util.js';

describe('syntax', () => {
    test('a missing value: an error at the offending token saying what was expected', async () => {
        const text = 'customer C {\n  segment\n}';
        const found = await diag(text, 'syntax');
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ ...pos(text, '}'), severity: 'error', message: expect.stringContaining('a quoted string') });
    });

    test('an unknown property: the properties allowed there', async () => {
        const text = 'system S {\n  colour "red"\n}';
        expect(await diag(text, 'syntax')).toMatchObject([{
            ...pos(text, 'colour'), severity: 'error',
            message: '`colour` is not a property of a system; a system takes `type`, `owner` or `approved`.'
        }]);
    });

    test('a missing name', async () => {
        const text = 'journey J { customers }';
        expect(await diag(text, 'syntax')).toMatchObject([{ ...pos(text, '}'), severity: 'error', message: 'Expected a name but found `}`.' }]);
    });

    test('a missing value lists the forms a value may take', async () => {
        const text = 'process P { owner "x"  sla }';
        expect(await diag(text, 'syntax')).toMatchObject([{ ...pos(text, '}'), severity: 'error', message: expect.stringContaining('a duration such as `30m`') }]);
    });

    test('a wrong enum value lists the right ones', async () => {
        const text = 'journey J { stage S { category shopping } }';
        const found = await diag(text, 'syntax');
        expect(found).toMatchObject([{
            ...pos(text, 'shopping'), severity: 'error',
            message: 'Expected `awareness`, `consideration`, `purchase`, `delivery`, `onboarding`, `usage`, `support`, `post-purchase`, `retention` or `advocacy` but found `shopping`.'
        }]);
    });

    test('an unterminated string', async () => {
        const text = 'customer C "Shopper\ncustomer D';
        const found = await diag(text, 'syntax');
        expect(found.length).toBeGreaterThan(0);
        expect(found[0]).toMatchObject({ ...pos(text, '"'), severity: 'error', message: expect.stringContaining('Unterminated string') });
    });

    test('an unexpected character', async () => {
        const text = 'customer C { value high } #';
        expect(await diag(text, 'syntax')).toMatchObject([{ ...pos(text, '#'), severity: 'error', message: expect.stringContaining('`#`') }]);
    });

    test('an emoji outside a string is quoted whole; invisible characters and lone surrogates by code point', async () => {
        const messages = async (text: string) => (await diag(text, 'syntax')).map(d => d.message);
        expect(await messages('customer C { value high } 😀')).toContain('Unexpected character `😀`; it has no meaning in a .copis file.');
        expect(await messages('customer C { value high } \u202E')).toContain('Unexpected character U+202E; it has no meaning in a .copis file.');
        expect(await messages('customer C { value high } \uD800')).toContain('Unexpected character U+D800; it has no meaning in a .copis file.');
        expect(await messages('customer C { value high } \u0000')).toContain('Unexpected character U+0000; it has no meaning in a .copis file.');
        expect(await messages('customer C { value high } 名')).toContain('Unexpected character `名`; it has no meaning in a .copis file.');
    });

    test('an extra closing brace', async () => {
        const text = 'customer C { value high } }';
        expect(await diag(text, 'syntax')).toMatchObject([{ ...pos(text, '} }'), column: pos(text, '} }').column + 2, severity: 'error', message: expect.stringContaining('extra `}`') }]);
    });

    test('every diagnostic of a broken file carries a code', async () => {
        const diagnostics = await diagnose('customer { \njourney J { stage }\n moment @');
        expect(diagnostics.length).toBeGreaterThan(0);
        expect(diagnostics.filter(d => !d.code)).toEqual([]);
    });

    test('not for valid text', async () => {
        expect(await diag('customer C { value high }\njourney J { customers C }', 'syntax')).toEqual([]);
    });
});

describe('unresolved-reference', () => {
    test('a name that nothing declares: on the reference, saying what the property expects', async () => {
        const text = 'journey J { stage S { touchpoint T { channel web } }  moment M { at Nowhere } }';
        expect(await diag(text, 'unresolved-reference')).toMatchObject([
            { ...pos(text, 'Nowhere'), severity: 'error', message: expect.stringContaining('`Nowhere`') }
        ]);
        expect((await diag(text, 'unresolved-reference'))[0].message).toContain('touchpoint');
    });

    test('did you mean the closest name of the right kind?', async () => {
        const text = 'journey J { stage S { touchpoint Delivery { channel mail } }  moment M { at Delivry } }';
        expect(await diag(text, 'unresolved-reference')).toMatchObject([
            { ...pos(text, 'Delivry'), severity: 'error', message: expect.stringContaining('did you mean `Delivery`?') }
        ]);
    });

    test('case-only differences are suggested', async () => {
        const text = 'customer Shopper\njourney J { customers shopper }';
        expect(await diag(text, 'unresolved-reference')).toMatchObject([
            { ...pos(text, 'shopper'), severity: 'error', message: expect.stringContaining('did you mean `Shopper`?') }
        ]);
    });

    test('a close name of another kind is not suggested', async () => {
        const text = `
system Storefrnt
journey J { stage S { touchpoint Checkout { channel web } }  moment M { at Storefront } }`;
        const found = await diag(text, 'unresolved-reference');
        expect(found).toMatchObject([{ ...pos(text, 'Storefront'), severity: 'error' }]);
        expect(found[0].message).not.toContain('Storefrnt');
        expect(found[0].message).not.toContain('did you mean');
    });

    test('a far name is not suggested', async () => {
        const text = 'customer Shopper\njourney J { customers Zz }';
        expect((await diag(text, 'unresolved-reference'))[0].message).not.toContain('did you mean');
    });

    test('in a list, only the unresolved item is reported', async () => {
        const text = 'customer A\ncustomer B\njourney J { customers A, Nobody, B }';
        expect(await diag(text, 'unresolved-reference')).toMatchObject([{ ...pos(text, 'Nobody'), severity: 'error' }]);
    });

    test('not for a resolved name', async () => {
        expect(await diag('customer A\njourney J { customers A }', 'unresolved-reference')).toEqual([]);
    });
});

describe('wrong-kind', () => {
    test('"`Oms` is a system; `at` expects a touchpoint", on the reference', async () => {
        const text = `
system Oms
journey J { stage S { touchpoint T { channel web } }  moment M { at Oms } }`;
        expect(await diag(text, 'wrong-kind')).toMatchObject([
            { ...pos(text, 'Oms', 2), severity: 'error', message: '`Oms` is a system; `at` expects a touchpoint.' }
        ]);
        expect(await diag(text, 'unresolved-reference')).toEqual([]);
    });

    test('properties that take several kinds say so', async () => {
        const text = `
customer Shopper
journey J {
  customers Shopper
  stage S { touchpoint T }
  pain P { at Shopper }
  opportunity O { addresses S }
}`;
        expect(await diag(text, 'wrong-kind')).toMatchObject([
            { ...pos(text, 'Shopper', 3), severity: 'error', message: '`Shopper` is a customer; `at` expects a touchpoint or stage.' },
            { ...pos(text, 'addresses S'), column: pos(text, 'addresses S').column + 10, severity: 'error', message: '`S` is a stage; `addresses` expects a pain or moment of truth.' }
        ]);
    });

    test('journey-local names of the wrong kind too, with an/a as fits', async () => {
        const text = `
information Order
journey J {
  objective Goal { kpi Fast { metric nps  target >= 1 } }
  stage S { touchpoint T { processes Order  information Goal } }
  moment M { at T  kpis Goal  recovery Fast }
}`;
        const messages = (await diag(text, 'wrong-kind')).map(d => d.message);
        expect(messages).toEqual([
            '`Order` is an information; `processes` expects a process.',
            '`Goal` is an objective; `information` expects an information.',
            '`Goal` is an objective; `kpis` expects a kpi.',
            '`Fast` is a kpi; `recovery` expects a process.'
        ]);
    });

    test('not for a name of the right kind', async () => {
        const text = 'system Oms\nprocess P { owner "x"  systems Oms }';
        expect(await diag(text, 'wrong-kind')).toEqual([]);
        expect(summary((await diagnose(text)).filter(d => d.severity === 1))).toEqual([]);
    });
});

describe('however many diagnostics the checks find', () => {
    test('all of them are kept: 500,000, past what one push(...all) can take without overflowing the stack', async () => {
        // Langium added them in one spread call: past about 120,000 (a 10 MB file of declarations) it threw
        // RangeError, logged it, and dropped them all — copis validate printed "no problems". Forced here by a
        // check that reports one diagnostic many times (a real file that large takes tens of seconds).
        const { shared, Copis } = createCopisCoreServices(EmptyFileSystem);
        const document = shared.workspace.LangiumDocumentFactory.fromString('customer C "C" { value low }\n', URI.parse('file:///test/many.copis'));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: false });
        const validator = Copis.validation.DocumentValidator as unknown as { validateAstNodes: (...args: unknown[]) => Promise<void> };
        validator.validateAstNodes = async (root, _options, acceptor) => {
            for (let i = 0; i < 500_000; i++) (acceptor as (s: string, m: string, i: object) => void)('hint', `finding ${i}`, { node: root });
        };
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const diagnostics = await Copis.validation.DocumentValidator.validateDocument(document);
            expect(logged).not.toHaveBeenCalled();
            expect(diagnostics).toHaveLength(500_000);
            expect(diagnostics.at(-1)?.message).toBe('finding 499999');
        } finally {
            logged.mockRestore();
        }
    });
});
