// Who refers to each declaration (model/referrers.ts): one walk over the workspace, innermost declarations,
// each declaration and property once, in document order.
import { describe, expect, it } from 'vitest';
import * as ast from '../../../language-server/generated/ast.js';
import { idOf } from '../../../language-server/model/build-model.js';
import { referrersOf } from '../../../language-server/model/referrers.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';

const shared = `
customer Shopper { value high }
system Shop "Web shop" { type web }
information Order { source Shop }
`;
const journeys = `
journey Buy {
  customers Shopper
  process Pay { owner "P"  systems Shop, Shop  writes Order }
  stage S { category purchase
    touchpoint Checkout { channel web  processes Pay  systems Shop  customers Shopper }
  }
  moment M { at Checkout  kind first  polarity negative  impact high }
  opportunity O { addresses M, Nope }
}
journey Return { customers Shopper
  stage R { category support touchpoint Ask { channel chat  systems Shop } }
}
`;

describe('referrersOf', () => {
    it('lists, for every declaration, the innermost declarations that refer to it and the property, once each, across files', async () => {
        const { documents } = await loadWorkspace([{ uri: 'file:///shared.copis', text: shared }, { uri: 'file:///journeys.copis', text: journeys }], { validate: false });
        const referrers = referrersOf(documents);
        const byId = new Map<string, string[]>();
        for (const [target, list] of referrers) byId.set(idOf(target), list.map(r => `${idOf(r.node)} ${r.property}`));
        expect(Object.fromEntries(byId)).toEqual({
            Shop: ['Order source', 'Buy.Pay systems', 'Buy.Checkout systems', 'Return.Ask systems'],
            Order: ['Buy.Pay writes'],
            Shopper: ['Buy customers', 'Buy.Checkout customers', 'Return customers'],
            'Buy.Pay': ['Buy.Checkout processes'],
            'Buy.Checkout': ['Buy.M at'],
            'Buy.M': ['Buy.O addresses']
        });
        // The unresolved `Nope` adds nothing; what nothing refers to is not in the map.
        const names = [...referrers.keys()].map(n => n.name);
        expect(names).not.toContain('O');
        expect([...referrers.keys()].every(n => ast.isDeclaration(n))).toBe(true);
    });
});
