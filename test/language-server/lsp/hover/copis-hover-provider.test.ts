import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { lspWorkspace } from '../lsp-workspace.js';

const reference = readFileSync(new URL('../../fixtures/reference-example.copis', import.meta.url), 'utf8');

/** Hover text at the `n`th occurrence of `needle` (plus `shift` characters) in main.copis. */
async function hoverAt(text: string, needle: string, n = 0, others: Record<string, string> = {}, shift = 1): Promise<string | undefined> {
    const { Copis, doc, at } = await lspWorkspace({ 'main.copis': text, ...others });
    const { position } = at('main.copis', needle, shift, n);
    const docs = [doc('main.copis')];
    const hover = await Copis.lsp.HoverProvider!.getHoverContent(docs[0], { textDocument: { uri: docs[0].uri.toString() }, position });
    const contents = hover?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

describe('hover', () => {
    test('a KPI reference: metric, current vs target, missed, and its reference count', async () => {
        const text = await hoverAt(reference, 'kpis OnTime', 0, {}, 'kpis O'.length);
        expect(text).toContain('**kpi** `BuyAndReturn.OnTime` — On-time delivery rate');
        expect(text).toContain('metric percent · current 91% · target ≥ 97% · **missed** ✗');
        expect(text).toContain('_1 reference_');
    });

    test('a met KPI says met', async () => {
        const text = await hoverAt('journey J { objective O { kpi K { metric churn  current 3%  target <= 5% } } }', 'kpi K', 0, {}, 4);
        expect(text).toContain('current 3% · target ≤ 5% · **met** ✓');
    });

    test('a touchpoint: its stage, channel, emotion and moments of truth', async () => {
        const text = await hoverAt(reference, 'touchpoint Delivery', 0, {}, 'touchpoint D'.length);
        expect(text).toContain('**touchpoint** `BuyAndReturn.Delivery` — Parcel delivery');
        expect(text).toContain('Stage: Delivery (delivery)');
        expect(text).toContain('Channel: mail');
        expect(text).toContain('Emotion: +2');
        expect(text).toContain('Moments of truth: `Delivered` (SMOT)');
        // `at Delivery` in the moment Delivered.
        expect(text).toContain('_1 reference_');
    });

    test('a customer from another file: doc comment, tier, CLV, needs', async () => {
        const shared = '/** People who buy gifts. */\ncustomer Gifter "Gift buyer" { segment "Occasional"  value medium  clv 300 EUR  needs "Wrapping" }';
        const text = await hoverAt('journey J { customers Gifter }', 'Gifter', 0, { 'shared.copis': shared });
        expect(text).toContain('**customer** `Gifter` — Gift buyer');
        expect(text).toContain('People who buy gifts.');
        expect(text).toContain('Value tier: medium');
        expect(text).toContain('CLV: 300 EUR');
        expect(text).toContain('Needs: Wrapping');
    });

    test('a moment, a stage, a process and an objective', async () => {
        expect(await hoverAt(reference, 'moment ReturnHassle', 0, {}, 8)).toContain('Kind: second (SMOT)');
        expect(await hoverAt(reference, 'moment ReturnHassle', 0, {}, 8)).toContain('negative · critical impact');
        expect(await hoverAt(reference, 'stage Receive', 0, {}, 7)).toContain('1 touchpoint · 1 moment of truth');
        const process = await hoverAt(reference, 'processes Fulfil', 0, {}, 'processes F'.length);
        expect(process).toContain('Owner: Warehouse');
        expect(process).toContain('SLA: 48h');
        expect(process).toContain('Steps: Pick → Pack → Hand to carrier');
        expect(await hoverAt(reference, 'objective FastDelivery', 0, {}, 10)).toContain('0 of 2 KPIs on target');
    });

    test('whitespace, keywords and broken text give nothing and never throw', async () => {
        expect(await hoverAt(reference, '  customers Shopper', 0, {}, 0)).toBeUndefined();
        const broken = 'journey J { stage S { touchpoint T { channel } moment M { at';
        for (let i = 0; i < broken.length; i++) await hoverAt(broken, broken[i], 0, {}, 0);
    });
});
