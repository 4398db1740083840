import { spawnSync } from 'node:child_process';
import * as childProcess from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lazyModuleText } from '../../scripts/lazy-builtins.mjs';

describe('a lazy built-in in a bundle (scripts/lazy-builtins.mjs)', () => {
    const names = Object.keys(childProcess).filter(n => n !== 'default');

    it('has every export of the module, each the module\'s own, and loads it only when one is read', () => {
        const text = lazyModuleText('node:child_process', [...names, 'default']);
        // The stand-in's text as a function's body, in a fresh Node that has not loaded node:child_process yet.
        const script = `const stand = (() => { ${text.replace('module.exports =', 'return')} })();\n`
            + `const before = process.moduleLoadList.includes('NativeModule child_process');\n`
            + `const keys = Object.keys(stand);\n`
            + `const spawnSync = stand.spawnSync;\n`
            + `const real = require('node:child_process');\n`
            + `console.log(JSON.stringify({ before, keys, same: keys.every(k => stand[k] === real[k]), ran: spawnSync(process.execPath, ['-e', 'process.stdout.write("ok")']).stdout.toString() }));\n`;
        const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
        expect(run.stderr).toBe('');
        const result = JSON.parse(run.stdout);
        expect(result.before).toBe(false);
        expect(result.keys).toEqual(names);
        expect(result.same).toBe(true);
        expect(result.ran).toBe('ok');
    });
});
