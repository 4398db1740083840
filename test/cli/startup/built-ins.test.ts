// What `copis validate` loads of Node: node:crypto and node:child_process cost every run 3 and 1.5 ms to load and it
// needs neither, nor node:net, which a stream for a piped stdout needs (docs/performance.md, "Starting copis"). They
// are loaded where they are used: format and export replace files (temporary names), SARIF hashes its fingerprints and
// asks git for the repository's root, diff runs git.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, fixture, workspace } from '../helpers.js';

/** The built-ins a run of the shipped CLI loaded (a preloaded script reads Node's list at exit), with its result. */
function loaded(dir: string, ...args: string[]) {
    const preload = join(dir, 'loaded.cjs');
    // (with the system's write: process.stderr, a pipe here, would load node:net itself)
    writeFileSync(preload, "process.on('exit', () => require('node:fs').writeSync(2, '\\nLOADED ' + process.moduleLoadList.filter(m => m.startsWith('NativeModule ')).map(m => m.slice(13)).join(' ') + '\\nREQUIRED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
    const result = spawnSync(process.execPath, ['-r', preload, BUNDLE, ...args], { cwd: dir, encoding: 'utf8', timeout: 30000, env: { ...process.env, COPIS_CODE_CACHE: 'off' } });
    const line = /\nLOADED (.*)\nREQUIRED (.*)\n$/.exec(result.stderr);
    if (!line) throw new Error(`no list of modules: ${result.stderr}`);
    return { code: result.status, stdout: result.stdout, modules: new Set(line[1].split(' ')), required: JSON.parse(line[2]) as string[] };
}

describe('the built-ins the shipped CLI loads', () => {
    it('validate loads neither node:crypto nor node:child_process', () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        const run = loaded(dir, 'validate', '--format', 'json');
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout).diagnostics).toEqual([]);
        expect(run.modules.has('fs/promises')).toBe(true); // the list is the run's
        expect(run.modules.has('crypto')).toBe(false);
        expect(run.modules.has('child_process')).toBe(false);
        // stdout is a pipe here: written directly, with no socket made for it (src/cli/standard-output.ts)
        expect(run.modules.has('net')).toBe(false);
        // nothing from outside the bundle, though this repository's node_modules (picomatch for one) is above dist/ (scripts/fdir-start.mjs)
        expect(run.required.some(file => file.endsWith('cli.cjs'))).toBe(true);
        expect(run.required.filter(file => file.includes('node_modules'))).toEqual([]);
    });

    it('SARIF loads both where it uses them (the fingerprints, git for the root), and still gives its fingerprints', () => {
        const dir = workspace({ 'warnings.copis': fixture('warnings.copis') });
        const run = loaded(dir, 'validate', '--format', 'sarif');
        const sarif = JSON.parse(run.stdout);
        expect(sarif.runs[0].results.length).toBeGreaterThan(0);
        expect(sarif.runs[0].results[0].partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
        expect(run.modules.has('crypto')).toBe(true);
        expect(run.modules.has('child_process')).toBe(true);
    });
});
