import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../../language-server/config/copis-config.js';
import { findSuppressions } from '../../../language-server/validation/suppressions.js';
import { codes, loadWorkspace } from '../../helpers.js';
import { diag, pos } from '../util.js';

const model = `customer Shopper "Shopper" { value medium }
journey Buy "Buy" {
  customers Shopper
  stage Get "Get" { category delivery
    // copis-disable-next-line touchpoint-without-channel, touchpoint-without-process -- the courier decides
    touchpoint Parcel "Parcel" { emotion 1 }
  }
}
`;

describe('copis-disable-next-line', () => {
    test('silences the codes it names on the next line, and nothing else', async () => {
        const plain = await diag(model.replace(/ *\/\/ copis-disable.*\n/, ''), 'touchpoint-without-channel');
        expect(plain).toHaveLength(1);
        expect(await diag(model, 'touchpoint-without-channel')).toEqual([]);
        expect(await diag(model, 'touchpoint-without-process')).toEqual([]);
        expect(await diag(model, 'unused-suppression')).toEqual([]);
        // Only the next line: the same touchpoint two lines down is reported.
        const lower = model.replace('    touchpoint Parcel', '\n    touchpoint Parcel');
        expect(await diag(lower, 'touchpoint-without-channel')).toHaveLength(1);
    });

    test('the reason is optional; codes may be separated by commas and spaces', async () => {
        const text = model.replace(' -- the courier decides', '').replace(', ', ',');
        expect(await diag(text, 'touchpoint-without-channel')).toEqual([]);
        expect(await diag(text, 'touchpoint-without-process')).toEqual([]);
        expect(findSuppressions('// copis-disable-next-line a,b c -- d, e\n')[0].codes.map(c => c.code)).toEqual(['a', 'b', 'c']);
    });

    test('inside a string or a block comment, or as a longer word, it is no suppression', () => {
        expect(findSuppressions('customer A "// copis-disable-next-line x"\n')).toEqual([]);
        expect(findSuppressions('/* // copis-disable-next-line x\n */\n')).toEqual([]);
        expect(findSuppressions('// copis-disable-next-lines x\n')).toEqual([]);
        expect(findSuppressions('customer A "a \\" // quoted" // copis-disable-next-line x\n')).toHaveLength(1);
        // After a string left open (a syntax error), the next line is read as code again.
        expect(findSuppressions('customer A "open\n// copis-disable-next-line x\n')).toHaveLength(1);
        const [s] = findSuppressions('a\r\n\r\n  // copis-disable-next-line stage-order\n');
        expect(s.line).toBe(2);
        expect(s.codes).toEqual([{ code: 'stage-order', range: { start: { line: 2, character: 29 }, end: { line: 2, character: 40 } } }]);
    });
});

describe('unused-suppression', () => {
    test('a named code that does not occur on the next line is reported on that code', async () => {
        const text = model.replace('touchpoint-without-process', 'stage-order');
        const found = await diag(text, 'unused-suppression');
        expect(found).toEqual([expect.objectContaining({
            ...pos(text, 'stage-order'), severity: 'information',
            message: 'Nothing to silence: the next line has no `stage-order`; remove it from this comment.'
        })]);
        // What it does silence stays silent.
        expect(await diag(text, 'touchpoint-without-channel')).toEqual([]);
    });

    test('an unknown code gets a suggestion; `syntax` cannot be silenced; a comment without codes says what to write', async () => {
        const typo = await diag(model.replace('touchpoint-without-process', 'touchpoint-without-proces'), 'unused-suppression');
        expect(typo.map(d => d.message)).toEqual(['`touchpoint-without-proces` is not a copis diagnostic code (did you mean `touchpoint-without-process`?), so it silences nothing; correct it or remove it.']);
        const unknown = await diag(model.replace('touchpoint-without-process', 'no-such-rule'), 'unused-suppression');
        expect(unknown.map(d => d.message)).toEqual(['`no-such-rule` is not a copis diagnostic code (the codes are in docs/language.md §9), so it silences nothing; correct it or remove it.']);
        const syntax = await diag(model.replace('touchpoint-without-process', 'syntax'), 'unused-suppression');
        expect(syntax.map(d => d.message)).toEqual(['A syntax error cannot be silenced: fix the text, and remove `syntax` from this comment.']);
        const bare = await diag(model.replace(' touchpoint-without-channel, touchpoint-without-process -- the courier decides', ''), 'unused-suppression');
        expect(bare.map(d => d.message)).toEqual(['`copis-disable-next-line` names no code; name the codes it silences on the next line, e.g. `// copis-disable-next-line unused-declaration -- kept for the next release`.']);
        expect(bare[0].line).toBe(5);
    });

    test('syntax errors are never silenced, and while a file does not parse nothing is reported as unused', async () => {
        const broken = model.replace('touchpoint-without-process', 'syntax').replace('{ emotion 1 }', '{ emotion 1 ');
        const { documents } = await loadWorkspace([{ uri: 'file:///test/main.copis', text: broken }]);
        expect(codes(documents[0].diagnostics ?? [])).toContain('syntax');
        expect(codes(documents[0].diagnostics ?? [])).not.toContain('unused-suppression');
    });

    test('the config can change its severity or turn it off', async () => {
        const text = model.replace('touchpoint-without-process', 'stage-order');
        const load = async (rules: object) => (await loadWorkspace([{ uri: 'file:///r/main.copis', text }], {
            roots: [{ uri: 'file:///r', config: { ...DEFAULT_CONFIG, rules }, problems: [] }]
        })).documents[0].diagnostics ?? [];
        expect((await load({ 'unused-suppression': 'warning' })).filter(d => d.code === 'unused-suppression').map(d => d.severity)).toEqual([2]);
        expect(codes(await load({ 'unused-suppression': 'off' }))).not.toContain('unused-suppression');
    });
});
