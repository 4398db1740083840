// The shipped bundle, run as a user runs it: `npm test` builds dist/cli.cjs first (or run `npm run bundle`).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, ROOT, bundle, fixture, workspace } from './helpers.js';

const STACK_LINE = /^\s+at .+[:(]/m;

describe('dist/cli.cjs', () => {
    it('starts with a shebang, so that `copis` runs it with node', () => {
        bundle(ROOT, '--version'); // fails with a clear message when the bundle is missing
        expect(readFileSync(BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    });

    it('prints the version of package.json', () => {
        const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
        expect(bundle(ROOT, '--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    });

    it('validates a workspace across files: clean, exit 0', () => {
        const dir = workspace({ 'models/shop.copis': fixture('shop.copis'), 'models/returns/returns.copis': fixture('returns.copis') });
        expect(bundle(dir, 'validate')).toEqual({ code: 0, stdout: '2 files: no problems\n', stderr: '' });
    });

    it('reports problems in text and JSON, exit 1', () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis') });
        const text = bundle(dir, 'validate', 'broken.copis');
        expect(text.code).toBe(1);
        expect(text.stdout).toContain('broken.copis:2:77  error  `Nope` is not declared');
        expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('1 file: 1 error, 1 warning, 1 information');
        const json = bundle(dir, 'validate', '--format', 'json');
        expect(json.code).toBe(1);
        expect(JSON.parse(json.stdout).summary).toEqual({ files: 1, errors: 1, warnings: 1, information: 1 });
    });

    it('exits 2 on bad usage and on nothing readable, with a message and no stack trace', () => {
        const dir = workspace({ 'empty/readme.md': '' });
        for (const args of [['validate', '--format', 'yaml'], ['validate', '--max-warnings', 'x'], ['validate', 'empty'], ['validate', 'missing']]) {
            const run = bundle(dir, ...args);
            expect(run.code, args.join(' ')).toBe(2);
            expect(run.stderr).not.toMatch(STACK_LINE);
            expect(run.stderr.length).toBeGreaterThan(0);
        }
    });

    it('shows help for validate, with examples', () => {
        const run = bundle(ROOT, 'validate', '--help');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('Usage: copis validate [options] [paths...]');
        expect(run.stdout).toContain('$ copis validate --format github --max-warnings 0');
    });

    it('stops quietly when its output pipe closes early (`| head`)', () => {
        const stages = Array.from({ length: 3000 }, (_, i) => `  stage S${i} "S${i}" { category awareness }`).join('\n');
        const dir = workspace({ 'big.copis': `journey Big "Big" {\n${stages}\n}\n` });
        const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BUNDLE}" validate | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 60000 });
        expect(result.stdout).toMatch(/^big\.copis:1:9 {2}/);
        expect(result.stderr).toBe('');
    });
});
