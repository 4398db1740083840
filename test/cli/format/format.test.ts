import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, copis, workspace } from '../helpers.js';

const messy = 'customer   Shopper "Shopper"{value medium clv 300 EUR}\n\n\n\nsystem Shop{type web owner "IT"}';
const tidy = 'customer Shopper "Shopper" { value medium  clv 300 EUR }\n\nsystem Shop { type web  owner "IT" }\n';

describe('copis format', () => {
    it('rewrites a file into the canonical layout, and a second run changes nothing', async () => {
        const dir = workspace({ 'a.copis': messy });
        const run = await copis(dir, 'format');
        expect(run).toEqual({ code: 0, stdout: 'formatted: a.copis\n1 file: 1 formatted\n', stderr: '' });
        expect(readFileSync(join(dir, 'a.copis'), 'utf8')).toBe(tidy);
        expect(await copis(dir, 'format')).toEqual({ code: 0, stdout: '1 file: 0 formatted\n', stderr: '' });
        // No temporary file is left beside it.
        expect(readdirSync(dir)).toEqual(['a.copis']);
    });

    it('--check lists what is not formatted, changes nothing, and exits 1', async () => {
        const dir = workspace({ 'a.copis': messy, 'b.copis': tidy });
        const run = await copis(dir, 'format', '--check');
        expect(run).toEqual({ code: 1, stdout: 'not formatted: a.copis\n1 of 2 files not formatted; run copis format to fix\n', stderr: '' });
        expect(readFileSync(join(dir, 'a.copis'), 'utf8')).toBe(messy);
        expect((await copis(dir, 'format', '--check', 'b.copis')).code).toBe(0);
    });

    it('leaves a file with syntax errors untouched, says so, and still formats the others', async () => {
        const broken = 'journey J {  stage S { touchpoint T { channel fax } }';
        const dir = workspace({ 'a.copis': messy, 'broken.copis': broken });
        const run = await copis(dir, 'format');
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('copis: broken.copis: has syntax errors, left as it is; fix them first (copis validate shows them)\n');
        expect(readFileSync(join(dir, 'broken.copis'), 'utf8')).toBe(broken);
        expect(readFileSync(join(dir, 'a.copis'), 'utf8')).toBe(tidy);
    });

    it('exits 2 when nothing can be read, and on bad usage', async () => {
        expect((await copis(workspace(), 'format')).code).toBe(2);
        expect((await copis(workspace({ 'a.copis': tidy }), 'format', '--fix')).code).toBe(2);
    });

    it('the examples are in the canonical layout (the shipped bundle agrees)', () => {
        const run = bundle(join(import.meta.dirname, '..', '..', '..'), 'format', '--check', 'examples');
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/^\d+ files: all formatted\n$/);
        expect(run.code).toBe(0);
    });
});
