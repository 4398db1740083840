import { describe, expect, it } from 'vitest';
import { copis, fixture, workspace } from '../helpers.js';

describe('copis export: the model of FILE is its model root', () => {
    it("loads FILE's whole root, wherever in it the shared declarations are, and applies its rules", async () => {
        const dir = workspace({
            'copis.config.json': '{ "rules": { "touchpoint-without-process": "warning" } }',
            'shared/shop.copis': fixture('shop.copis'),
            'journeys/returns.copis': fixture('returns.copis').replace('processes Refund ', ''),
            'build/shop.copis': fixture('shop.copis'),
            '.gitignore': 'build/\n'
        });
        const run = await copis(`${dir}/journeys`, 'export', 'returns.copis', '--to', 'json');
        expect(run.code).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report.files).toEqual(['returns.copis', '../shared/shop.copis']);
        expect(report.journey.customers).toEqual(['Shopper']);
        const codes = report.diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`);
        expect(codes).toContain('touchpoint-without-process:warning');
        expect(codes.filter((c: string) => /unresolved-reference|duplicate-name/.test(c))).toEqual([]);
        // Without the config, FILE's folder is its model, as before: Shopper is not there.
        const plain = workspace({ 'shared/shop.copis': fixture('shop.copis'), 'journeys/returns.copis': fixture('returns.copis') });
        const alone = JSON.parse((await copis(`${plain}/journeys`, 'export', 'returns.copis', '--to', 'json')).stdout);
        expect(alone.files).toEqual(['returns.copis']);
        expect(alone.diagnostics.map((d: { code: string }) => d.code)).toContain('unresolved-reference');
    });

    it("with --workspace, FILE and the files below DIR are one model, whatever the configs say", async () => {
        const dir = workspace({
            'a/copis.config.json': '{}', 'a/shop.copis': fixture('shop.copis'),
            'b/copis.config.json': '{}', 'b/returns.copis': fixture('returns.copis')
        });
        const run = await copis(dir, 'export', 'b/returns.copis', '--to', 'json', '--workspace', '.');
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout).diagnostics.map((d: { code: string }) => d.code)).not.toContain('unresolved-reference');
    });
});
