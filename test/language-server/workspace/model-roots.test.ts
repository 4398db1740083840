import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../../language-server/config/copis-config.js';
import { ModelRoots, OUTSIDE, rootKey, type ModelRoot } from '../../../language-server/workspace/model-roots.js';
import { loadWorkspace } from '../../helpers.js';
import { summary } from '../util.js';

const root = (uri: string, rules: ModelRoot['config']['rules'] = {}): ModelRoot => ({ uri, config: { ...DEFAULT_CONFIG, rules }, problems: [] });

const saas = `customer Admin "Admin" { value medium }
journey SaasOnboarding "Onboarding" {
  customers Admin
  process AnswerTicket "Answer" { owner "Support" }
  stage Use "Use" { category usage
    touchpoint Help "Help" { channel chat  processes AnswerTicket }
  }
}
`;
const retail = `customer Shopper "Shopper" { value medium }
journey Buy "Buy" {
  customers Shopper
  stage Get "Get" { category delivery
    touchpoint Parcel "Parcel" { channel mail  processes SaasOnboarding.AnswerTicket }
  }
}
`;

/** The diagnostics of each file, as `file: line:col code: message`. */
async function diagnostics(files: Record<string, string>, roots: ModelRoot[]): Promise<string[]> {
    const { documents } = await loadWorkspace(Object.entries(files).map(([uri, text]) => ({ uri, text })), { roots });
    return documents.flatMap(d => summary(d.diagnostics ?? []).map(s => `${d.uri.path}: ${s}`));
}

describe('model roots', () => {
    test('two roots never see each other: no reference, no suggestion, no duplicate, no use across them', async () => {
        const files = {
            'file:///repo/saas/onboarding.copis': saas,
            'file:///repo/retail/buy.copis': retail,
            'file:///repo/retail/shared.copis': 'customer Admin "Retail admin" { value medium }\nsystem Crm "CRM" { type crm  owner "IT" }\n',
            'file:///repo/saas/shared.copis': 'process Bill "Bill" { owner "Finance"  systems Crm }\n'
        };
        const separate = await diagnostics(files, [root('file:///repo/saas'), root('file:///repo/retail')]);
        expect(separate.filter(s => /unresolved-reference|duplicate-name|wrong-kind/.test(s))).toEqual([
            '/repo/retail/buy.copis: 5:58 unresolved-reference: `SaasOnboarding.AnswerTicket` is not declared: `processes` expects a process; declare it or correct the name.',
            '/repo/saas/shared.copis: 1:48 unresolved-reference: `Crm` is not declared: `systems` expects a system; declare it or correct the name.'
        ]);
        // Used only from the other root: unused in its own.
        expect(separate).toContain('/repo/retail/shared.copis: 2:8 unused-declaration: System `Crm` is not used anywhere; refer to it, or remove it.');
        // Loaded as one model (no roots), as before: it resolves, and `Admin` is declared twice.
        const together = await diagnostics(files, []);
        expect(together.filter(s => /unresolved-reference/.test(s))).toEqual([]);
        expect(together.filter(s => /duplicate-name/.test(s))).toHaveLength(1);
    });

    test('a document belongs to the nearest root above it; outside every root, documents share one scope', () => {
        const roots = new ModelRoots();
        const changed = roots.setScan('ws', [root('file:///repo'), root('file:///repo/models/saas'), root('file:///repo/models')]);
        expect([...changed].sort()).toEqual(['file:///repo', 'file:///repo/models', 'file:///repo/models/saas']);
        expect(roots.rootOf('file:///repo/models/saas/a/b.copis').uri).toBe('file:///repo/models/saas');
        expect(roots.rootOf('file:///repo/models/saasy/b.copis').uri).toBe('file:///repo/models');
        expect(roots.rootOf('file:///repo/x.copis').uri).toBe('file:///repo');
        expect(roots.rootOf('file:///elsewhere/x.copis')).toBe(OUTSIDE);
        expect(roots.rootOf('untitled:Untitled-1')).toBe(OUTSIDE);
        // An isolated document (open, but left out by the rules) is a scope of its own, with its root's config.
        expect(roots.setIsolated('file:///repo/build/x.copis', true)).toBe(true);
        expect(roots.scopeOf('file:///repo/build/x.copis')).toBe('file:///repo/build/x.copis');
        expect(roots.rootOf('file:///repo/build/x.copis').uri).toBe('file:///repo');
        // The same roots again change nothing; a changed config changes that root only; a dropped scan removes its roots.
        expect(roots.setScan('ws', [root('file:///repo'), root('file:///repo/models/saas'), root('file:///repo/models')]).size).toBe(0);
        expect([...roots.setScan('ws', [root('file:///repo'), root('file:///repo/models/saas', { 'stage-order': 'off' }), root('file:///repo/models')])]).toEqual(['file:///repo/models/saas']);
        expect(roots.rootOf('file:///repo/models/saas/a.copis').config.rules).toEqual({ 'stage-order': 'off' });
        expect([...roots.dropScan('ws')].sort()).toEqual(['file:///repo', 'file:///repo/models', 'file:///repo/models/saas']);
        expect(roots.rootOf('file:///repo/models/saas/a.copis')).toBe(OUTSIDE);
    });

    test('a root stays while any scan has it (two workspace folders in one root)', () => {
        const roots = new ModelRoots();
        roots.setScan('a', [root('file:///repo')]);
        roots.setScan('b', [root('file:///repo')]);
        expect(roots.dropScan('a').size).toBe(0);
        expect(roots.rootOf('file:///repo/x.copis').uri).toBe('file:///repo');
    });

    test('root keys are normalised URIs without a trailing slash', () => {
        expect(rootKey('file:///repo/models/')).toBe('file:///repo/models');
        expect(rootKey('file:///C:/Models')).toBe('file:///c%3A/Models');
    });
});
