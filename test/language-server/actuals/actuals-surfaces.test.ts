import { describe, expect, test } from 'vitest';
import { registerDiagramRequest } from '../../../language-server/lsp/diagram-request.js';
import { lspWorkspace } from '../lsp/lsp-workspace.js';

/** Language §7: the latest actual takes the place of `current` wherever met or missed is shown. */
const MODEL = `journey Shop {
  objective Fast "Deliver fast" {
    kpi OnTime "On-time rate" { metric percent  current 91%  target >= 97% }
  }
  stage S { touchpoint T { channel web } }
  moment M { at T  kind second  polarity positive  impact high  kpis OnTime }
}
`;
const ACTUALS = { 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-09-30,92%\nShop.OnTime,2026-10-31,96%\nShop.OnTime,2026-11-30,97.5%\n' };

async function hoverOn(files: Record<string, string>, actuals: Record<string, string>, needle: string, shift: number): Promise<string> {
    const { Copis, doc } = await lspWorkspace(files, { actuals });
    const d = doc('a.copis');
    const offset = files['a.copis'].indexOf(needle) + shift;
    const result = await Copis.lsp.HoverProvider!.getHoverContent(d, { textDocument: { uri: d.uri.toString() }, position: d.textDocument.positionAt(offset) });
    return (result?.contents as { value: string }).value;
}

describe('actuals in the editor\'s surfaces', () => {
    test('hover: the actual with its date, what the file says, met, the trend and the series', async () => {
        const text = await hoverOn({ 'a.copis': MODEL }, ACTUALS, 'kpi OnTime', 5);
        expect(text).toContain('metric percent · actual 97.5% on 2026-11-30 (the file says 91%) · target ≥ 97% · **met** ✓ · ↑ up since 2026-10-31 (better)');
        expect(text).toContain('Series: 2026-09-30 92% → 2026-10-31 96% → 2026-11-30 97.5%');
        // A moment names its KPI with the status its actual gives it.
        expect(await hoverOn({ 'a.copis': MODEL }, ACTUALS, 'moment M', 7)).toContain('Measured by: `Shop.OnTime` (met)');
        // Without actuals: the file's current value, missed.
        expect(await hoverOn({ 'a.copis': MODEL }, {}, 'kpi OnTime', 5)).toContain('current 91% · target ≥ 97% · **missed** ✗');
    });

    test('hover says when an actual is stale', async () => {
        const text = await hoverOn({ 'a.copis': MODEL }, { 'kpis.csv': 'kpi,date,value\nShop.OnTime,2026-06-30,98%\n' }, 'kpi OnTime', 5);
        expect(text).toContain('**stale**: measured 154 days ago');
    });

    test('code lens: the objective counts the KPI by its actual', async () => {
        const lenses = async (actuals: Record<string, string>) => {
            const { Copis, docs } = await lspWorkspace({ 'a.copis': MODEL }, { actuals });
            return ((await Copis.lsp.CodeLensProvider!.provideCodeLens(docs[0], { textDocument: { uri: docs[0].uri.toString() } })) ?? []).map(l => l.command!.title);
        };
        expect(await lenses(ACTUALS)).toContain('1 of 1 KPI on target');
        expect(await lenses({})).toContain('0 of 1 KPI on target');
    });

    test('the preview\'s payload: the diagram shows the actual and counts it met', async () => {
        const draw = async (actuals: Record<string, string>) => {
            const { shared, docs } = await lspWorkspace({ 'a.copis': MODEL }, { actuals });
            const { service } = registerDiagramRequest(shared, undefined);
            return service.diagramOf(docs[0], { uri: docs[0].uri.toString(), view: 'journey' }).svg;
        };
        const withActuals = await draw(ACTUALS);
        expect(withActuals).toContain('now 97.5%');
        expect(withActuals).not.toContain('now 91%');
        expect(await draw({})).toContain('now 91%');
    });
});
