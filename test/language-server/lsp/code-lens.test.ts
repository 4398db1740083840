import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { SHOW_LENS_DETAILS } from '../../../language-server/lsp/code-lens.js';
import { lspWorkspace } from './lsp-workspace.js';

const reference = readFileSync(new URL('../fixtures/reference-example.copis', import.meta.url), 'utf8');

/** The code lenses of `a.copis` as `line: title` (lines from 1). */
async function lenses(files: Record<string, string>): Promise<string[]> {
    const { Copis, docs } = await lspWorkspace(files);
    const result = await Copis.lsp.CodeLensProvider!.provideCodeLens(docs[0], { textDocument: { uri: docs[0].uri.toString() } }) ?? [];
    for (const lens of result) {
        // A command the server runs (an empty one made Neovim say it "does not support command ``").
        expect(lens.command?.command).toBe(SHOW_LENS_DETAILS);
        expect(lens.command?.arguments).toEqual([{ uri: docs[0].uri.toString(), position: lens.range.start }]);
        expect(docs[0].textDocument.getText(lens.range)).toMatch(/^[A-Za-z_]\w*$/);
    }
    return result.map(l => `${l.range.start.line + 1}: ${l.command!.title}`);
}

describe('code lens', () => {
    test('the reference example: journey, objective and stages', async () => {
        expect(await lenses({ 'a.copis': reference })).toEqual([
            '21: 5 stages · 5 touchpoints · 2 moments of truth',
            '24: 0 of 2 KPIs on target',
            '50: 1 touchpoint · 0 moments of truth',
            '53: 1 touchpoint · 0 moments of truth',
            '56: 1 touchpoint · 0 moments of truth',
            '64: 1 touchpoint · 1 moment of truth',
            '67: 1 touchpoint · 1 moment of truth',
            // InstantRefund: no effort, and its customer Shopper has no count
            '87: no priority: no effort given · no value at risk known · 1 input missing'
        ]);
    });

    test('opportunities: rank by priority among the journey\'s, and the value at risk they address', async () => {
        const text = `customer C { clv 100 EUR  count 1000 }
customer U { clv 50 USD  count 10 }
journey J {
  customers C
  stage S { touchpoint T { reach 50% } }
  moment Bad { at T  polarity negative  impact high }
  pain Slow { at T  severity critical }
  opportunity Big { addresses Bad, Slow  effort low  confidence 80% }
  opportunity Small { addresses Bad  effort high }
  opportunity Shipped { addresses Bad  effort low  status done }
  opportunity Unsized { addresses Slow }
  opportunity Nothing { addresses Nope  effort low }
}
journey K {
  customers C, U
  stage S { touchpoint T }
  moment Bad { at T  polarity mixed  impact medium }
  opportunity Both { addresses Bad  effort medium }
}
`;
        // Bad: 1000 × 100 EUR × 50% = 50,000 EUR at risk; Slow the same. Big: (50,000 × 0.75 + 50,000 × 1) × 80% ÷ 1 = 70,000;
        // Small: 37,500 × 50% ÷ 4 = 4,687.5. In K, Both is ranked in each currency it has value in.
        expect((await lenses({ 'a.copis': text })).filter(l => /priority|done/.test(l))).toEqual([
            '8: priority 1 of 2 · 100,000 EUR at risk addressed',
            '9: priority 2 of 2 · 50,000 EUR at risk addressed',
            '10: done · 50,000 EUR at risk addressed',
            '11: no priority: no effort given · 50,000 EUR at risk addressed',
            '12: no priority: nothing known at risk · no value at risk known',
            '18: priority 1 of 1 in EUR, 1 of 1 in USD · 100,000 EUR + 500 USD at risk addressed'
        ]);
    });

    test('objectives: met of judged, KPIs without current or target counted apart; a top-level objective too', async () => {
        const text = `objective Grow { kpi A { metric nps  current 50  target >= 40 } }
journey J {
  objective O {
    kpi Met { metric churn  current 3%  target <= 5% }
    kpi Missed { metric csat  current 70%  target >= 80% }
    kpi Unmeasured { metric nps  target >= 40 }
  }
  objective Empty
  objective Vague { kpi K { metric nps } }
  stage S
}
`;
        expect(await lenses({ 'a.copis': text })).toEqual([
            '1: 1 of 1 KPI on target',
            '2: 1 stage · 0 touchpoints · 0 moments of truth',
            '3: 1 of 3 KPIs on target · 1 without current or target',
            '8: no KPIs',
            '9: 1 KPI · none with both current and target',
            '10: 0 touchpoints · 0 moments of truth'
        ]);
    });

    test('broken text gives lenses for what is named and never throws', async () => {
        expect(await lenses({ 'a.copis': 'journey J { stage S { touchpoint T { channel } } stage { } moment M { at T' })).toEqual([
            '1: 1 stage · 1 touchpoint · 1 moment of truth',
            '1: 1 touchpoint · 1 moment of truth'
        ]);
        await lenses({ 'a.copis': 'objective { kpi { current' });
    });
});

describe('the lenses\' command', () => {
    const text = `journey J {
  objective O {
    kpi Met { metric churn  current 3%  target <= 5% }
    kpi Unmeasured { metric nps  target >= 40 }
  }
  stage Browse { category consideration
    touchpoint Page { channel web }
    touchpoint Cart { channel web }
  }
  stage Empty
  moment Wow { at Cart  kind first }
}
objective Lonely
`;

    test('is offered by the server and shows, by name, what each lens counted', async () => {
        const { shared, Copis, docs } = await lspWorkspace({ 'a.copis': text });
        const handler = shared.lsp.ExecuteCommandHandler!;
        expect(handler.commands).toEqual([SHOW_LENS_DETAILS]);
        const shown: string[] = [];
        for (const lens of await Copis.lsp.CodeLensProvider!.provideCodeLens(docs[0], { textDocument: { uri: docs[0].uri.toString() } }) ?? []) {
            shown.push(await handler.executeCommand(lens.command!.command, lens.command!.arguments ?? []) as string);
        }
        expect(shown).toEqual([
            '2 stages · 2 touchpoints · 1 moment of truth. Stages of `J`: Browse (2 touchpoints · 1 moment of truth), Empty (0 touchpoints · 0 moments of truth).',
            '1 of 2 KPIs on target · 1 without current or target. `Met`: 3%, target <= 5%, on target; `Unmeasured`: no current value, target >= 40.',
            '2 touchpoints · 1 moment of truth. Touchpoints of `Browse`: Page, Cart. Moments of truth: Wow.',
            '0 touchpoints · 0 moments of truth. Touchpoints of `Empty`: none. Moments of truth: none.',
            'no KPIs. Objective `Lonely` has no KPIs; add one with `kpi`.'
        ]);
    });

    test('answers nothing for a position without a lens or an unknown document', async () => {
        const { shared } = await lspWorkspace({ 'a.copis': text });
        const handler = shared.lsp.ExecuteCommandHandler!;
        expect(await handler.executeCommand(SHOW_LENS_DETAILS, [{ uri: 'file:///ws/a.copis', position: { line: 6, character: 0 } }])).toBeUndefined();
        expect(await handler.executeCommand(SHOW_LENS_DETAILS, [{ uri: 'file:///ws/none.copis', position: { line: 0, character: 8 } }])).toBeUndefined();
        expect(await handler.executeCommand(SHOW_LENS_DETAILS, [])).toBeUndefined();
    });

    test('an opportunity\'s lens shows its figures, and a KPI with an actual is shown by it (language §7)', async () => {
        const model = `customer Shopper { value high  clv 1000 EUR  count 100 }
journey Shop {
  customers Shopper
  objective Fast { kpi Nps { metric nps  current 30  target >= 45 } }
  stage Buy { category purchase  touchpoint Pay { channel web  reach 50% } }
  moment Abandon { at Pay  kind first  polarity negative  impact high  kpis Nps }
  opportunity OneClick { addresses Abandon  effort low  confidence 80%  improves Nps }
}
`;
        const { shared, Copis, docs } = await lspWorkspace({ 'a.copis': model }, { actuals: { 'kpis.csv': 'kpi,date,value\nShop.Nps,2026-11-30,48\n' } });
        const handler = shared.lsp.ExecuteCommandHandler!;
        const shown = new Map<string, string>();
        for (const lens of await Copis.lsp.CodeLensProvider!.provideCodeLens(docs[0], { textDocument: { uri: docs[0].uri.toString() } }) ?? []) {
            shown.set(lens.command!.title, await handler.executeCommand(lens.command!.command, lens.command!.arguments ?? []) as string);
        }
        // Abandon: 100 × 1,000 EUR × 50% = 50,000 EUR at risk; value 50,000 × 0.75 = 37,500 EUR; priority 37,500 × 80% ÷ 1 = 30,000 EUR.
        expect(shown.get('priority 1 of 1 · 50,000 EUR at risk addressed')).toBe(
            'priority 1 of 1 · 50,000 EUR at risk addressed. `OneClick`: Value: 37,500 EUR; Shop.Abandon (moment): 50,000 EUR at risk × 0.75 (impact high) = 37,500 EUR; '
            + 'Priority: 30,000 EUR = value × 80% confidence ÷ 1 (effort) · rank 1 of 1.');
        expect(shown.get('1 of 1 KPI on target')).toBe('1 of 1 KPI on target. `Nps`: actual 48 on 2026-11-30, target >= 45, on target.');
    });
});
