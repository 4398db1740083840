// An export writes over its output only if nobody else has written it since the export began: a report
// edited by hand (or written by another export) while copis runs is not overwritten.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copis, fixture, workspace } from '../helpers.js';

// While the export renders, `during` runs: the moment between the export's start and its write, every time.
const race = vi.hoisted(() => ({ during: undefined as undefined | (() => void) }));
vi.mock('../../../src/cli/export/formats/mermaid.js', async original => {
    const real = await original<typeof import('../../../src/cli/export/formats/mermaid.js')>();
    return {
        ...real,
        renderMermaid: (...args: Parameters<typeof real.renderMermaid>) => {
            race.during?.();
            return real.renderMermaid(...args);
        }
    };
});
afterEach(() => {
    race.during = undefined;
});

describe('an output written by something else while the export runs', () => {
    it('an existing output changed meanwhile is left with what was written; exit 2', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), 'out/buy.mmd': 'the previous export\n' });
        race.during = () => writeFileSync(join(dir, 'out', 'buy.mmd'), 'edited by hand meanwhile\n');
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'mermaid', '-o', 'out/buy.mmd');
        expect(run).toEqual({
            code: 2,
            stdout: '',
            stderr: 'copis: out/buy.mmd: was changed by something else while copis exported, so it is left as it is, with what was written; export again\n'
        });
        expect(readFileSync(join(dir, 'out', 'buy.mmd'), 'utf8')).toBe('edited by hand meanwhile\n');
        expect(readdirSync(join(dir, 'out'))).toEqual(['buy.mmd']);
        // Without a writer, the same export replaces it.
        race.during = undefined;
        expect(await copis(dir, 'export', 'shop.copis', '--to', 'mermaid', '-o', 'out/buy.mmd')).toMatchObject({ code: 0, stdout: 'exported: out/buy.mmd\n' });
        expect(readFileSync(join(dir, 'out', 'buy.mmd'), 'utf8')).toMatch(/^journey\n/);
    });

    it('an output created meanwhile, where there was none, is not replaced either', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        race.during = () => writeFileSync(join(dir, 'buy.mmd'), 'another export got here first\n');
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'mermaid', '-o', 'buy.mmd');
        expect(run).toEqual({
            code: 2,
            stdout: '',
            stderr: 'copis: buy.mmd: was created by something else while copis exported, so it is left as it is, with what was written; export again\n'
        });
        expect(readFileSync(join(dir, 'buy.mmd'), 'utf8')).toBe('another export got here first\n');
    });
});
