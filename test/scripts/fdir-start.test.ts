import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchedFdirText } from '../../scripts/fdir-start.mjs';

const fdir = readFileSync(join('node_modules', 'fdir', 'dist', 'index.mjs'), 'utf8');

describe("fdir without its probe for picomatch (scripts/fdir-start.mjs)", () => {
    it('takes out the probe and nothing else', () => {
        const patched = patchedFdirText(fdir);
        expect(fdir).toContain('__require("picomatch")');
        expect(patched).not.toContain('picomatch")');
        expect(patched).toContain('let pm = null;');
        expect(fdir.length - patched.length).toBe('try {\n\t__require.resolve("picomatch");\n\tpm = __require("picomatch");\n} catch {}\n'.length);
    });

    it("tinyglobby never asks fdir for its glob matching, which needed the probe's picomatch", () => {
        const tinyglobby = readFileSync(join('node_modules', 'tinyglobby', 'dist', 'index.mjs'), 'utf8');
        expect(tinyglobby).toContain('new fdir(');
        expect(tinyglobby).not.toMatch(/\.glob(WithOptions)?\(/);
        expect(tinyglobby).not.toContain('globFunction');
    });

    it('fails the build, saying what to do, when fdir no longer probes as expected', () => {
        expect(() => patchedFdirText(fdir.replace('pm = __require("picomatch");', 'pm = __require("picomatch/posix");'), 'index.mjs')).toThrow(/index\.mjs no longer has the probe for picomatch .*check whether the change is still needed/);
    });
});
