import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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

    test('the README\'s configuration for Neovim 0.7 and 0.8 starts the server for a .copis file, rooted at its repository', () => {
        const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
        const section = readme.slice(readme.indexOf('Neovim 0.7 and 0.8'));
        const snippet = /```lua\n([\s\S]*?)```/.exec(section)?.[1];
        expect(snippet, 'the README has a Lua block after "Neovim 0.7 and 0.8"').toBeDefined();
        // As installed in the repository, with the bundle in place of `npx copis-language-server`.
        const npx = "cmd = { 'npx', 'copis-language-server', '--stdio' }";
        expect(snippet).toContain(npx);
        const server = resolve(import.meta.dirname, '../../../dist/server.cjs');
        const dir = realpathSync(mkdtempSync(join(tmpdir(), 'copis-nvim-readme-')));
        try {
            mkdirSync(join(dir, '.git'));
            mkdirSync(join(dir, 'journeys'));
            writeFileSync(join(dir, 'shared.copis'), 'customer Rider "Rider" { value medium }\n');
            writeFileSync(join(dir, 'journeys', 'ride.copis'), 'journey Ride "Ride" {\n  customers Ridr\n}\n');
            const config = join(dir, 'init.lua');
            writeFileSync(config, snippet!.replace(npx, `cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(server)}, '--stdio' }`));
            const result = join(dir, 'result.txt');
            const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${resolve(import.meta.dirname, 'neovim/readme-0.7.lua')}`], {
                encoding: 'utf8', timeout: 60_000, cwd: join(dir, 'journeys'),
                env: { ...process.env, COPIS_CONFIG: config, COPIS_FILE: join(dir, 'journeys', 'ride.copis'), COPIS_RESULT: result }
            });
            expect(run.error).toBeUndefined();
            const lines = readFileSync(result, 'utf8').split('\n').filter(Boolean);
            expect(lines[0]).toBe('filetype: copis');
            // `Ridr` resolves against shared.copis one folder up only if the server is rooted at the repository.
            expect(lines[1]).toContain('unresolved-reference `Ridr` is not declared; did you mean `Rider`?');
            expect(lines).toContain(`client: copis at ${dir}`);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 90_000);
});
