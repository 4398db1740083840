import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type CopisConfig } from '../../../language-server/config/copis-config.js';
import { loadWorkspace } from '../../helpers.js';

const text = `customer Shopper "Shopper" { value medium }
system Crm "CRM" { type crm  owner "IT" }
journey Buy "Buy" {
  customers Shopper
  stage Get "Get" { category delivery
    touchpoint Parcel "Parcel" { emotion 1 }
  }
}
customer Shopper "Again" { value low }
`;

/** `code:severity` of each diagnostic of the text in a root with these rules. */
async function severities(rules: CopisConfig['rules']): Promise<string[]> {
    const { documents } = await loadWorkspace([{ uri: 'file:///root/main.copis', text }], {
        roots: [{ uri: 'file:///root', config: { ...DEFAULT_CONFIG, rules }, problems: [] }]
    });
    return (documents[0].diagnostics ?? []).map(d => `${String(d.code)}:${d.severity}`).sort();
}

describe("a model root's rules", () => {
    test('set the severity of a code, or turn it off; the others keep theirs', async () => {
        const defaults = await severities({});
        expect(defaults).toEqual(expect.arrayContaining(['duplicate-name:1', 'touchpoint-without-channel:2', 'unused-declaration:3', 'touchpoint-without-process:3']));
        const configured = await severities({
            'touchpoint-without-channel': 'error', 'unused-declaration': 'off', 'duplicate-name': 'warning', 'touchpoint-without-process': 'information'
        });
        expect(configured).toContain('touchpoint-without-channel:1');
        expect(configured).toContain('duplicate-name:2');
        expect(configured).toContain('touchpoint-without-process:3');
        expect(configured.filter(c => c.startsWith('unused-declaration'))).toEqual([]);
        expect(configured.filter(c => !/^(touchpoint-without-channel|duplicate-name|touchpoint-without-process)/.test(c)))
            .toEqual(defaults.filter(c => !/^(touchpoint-without-channel|duplicate-name|touchpoint-without-process|unused-declaration)/.test(c)));
    });

    test('syntax stays an error whatever the rules say', async () => {
        const { documents } = await loadWorkspace([{ uri: 'file:///root/main.copis', text: 'customer {' }], {
            roots: [{ uri: 'file:///root', config: { ...DEFAULT_CONFIG, rules: { syntax: 'off' } as CopisConfig['rules'] }, problems: [] }]
        });
        const syntax = (documents[0].diagnostics ?? []).filter(d => d.code === 'syntax');
        expect(syntax.length).toBeGreaterThan(0);
        expect(syntax.every(d => d.severity === 1)).toBe(true);
    });

    test('apply to the documents of their root only', async () => {
        const { documents } = await loadWorkspace([
            { uri: 'file:///a/main.copis', text },
            { uri: 'file:///b/main.copis', text }
        ], { roots: [{ uri: 'file:///a', config: { ...DEFAULT_CONFIG, rules: { 'touchpoint-without-channel': 'off' } }, problems: [] }] });
        expect(documents[0].diagnostics?.some(d => d.code === 'touchpoint-without-channel')).toBe(false);
        expect(documents[1].diagnostics?.some(d => d.code === 'touchpoint-without-channel')).toBe(true);
    });
});
