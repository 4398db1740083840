import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// The server under an editor nobody on the project wrote: Debian's Neovim (0.7), headless.
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0 && /NVIM v0\.([7-9]|\d\d)|NVIM v[1-9]/.test(nvim.stdout);
if (!available) console.log('neovim.test.ts: skipped, no Neovim 0.7 or later on this machine (apt-get install neovim)');

describe.skipIf(!available)('Neovim\'s LSP client', () => {
    test('closing an unsaved buffer: the journey resolves against the file on disk again; a lens runs its command', () => {
        const dir = mkdtempSync(join(tmpdir(), 'copis-nvim-'));
        try {
            writeFileSync(join(dir, 'shared.copis'), 'customer GiftBuyer "Gift buyer" { value medium }\nsystem Shop "Shop" { type web  owner "E-commerce" }\n');
            writeFileSync(join(dir, 'journey.copis'), [
                'journey Gift "Gift" {', '  customers GiftBuyer', '  process Pay "Pay" { owner "Payments"  systems Shop }',
                '  stage Buy "Buy" { category purchase', '    touchpoint Checkout "Checkout" { channel web  processes Pay  customers GiftBuyer }', '  }', '}', ''
            ].join('\n'));
            const result = join(dir, 'result.txt');
            const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${resolve(import.meta.dirname, 'neovim/close-unsaved.lua')}`], {
                encoding: 'utf8', timeout: 60_000,
                env: { ...process.env, COPIS_SERVER: resolve(import.meta.dirname, '../../../dist/server.cjs'), COPIS_NODE: process.execPath, COPIS_WS: dir, COPIS_RESULT: result }
            });
            expect(run.error).toBeUndefined();
            expect(readFileSync(result, 'utf8').split('\n').filter(Boolean)).toEqual([
                'start: 0',
                'unsaved edit: 2',
                'closed: 0',
                'message: 1 touchpoint · 0 moments of truth. Touchpoints of `Buy`: Checkout. Moments of truth: none.'
            ]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 90_000);
});
