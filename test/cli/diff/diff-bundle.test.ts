import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLE, bundle } from '../helpers.js';
import { repository, write } from './git-repo.js';
import { BUY, SHARED, edit } from './models.js';

/** `node dist/cli.cjs ARGS` on a pseudo-terminal (util-linux `script`), as in an interactive shell. */
function onTerminal(cwd: string, env: Record<string, string | undefined>, ...args: string[]): string {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run bundle\``);
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, BUNDLE, ...args].map(quote).join(' ');
    const result = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30000 });
    if (result.error) throw result.error;
    expect(result.status).toBe(0);
    return result.stdout;
}

function changed(): string {
    const dir = repository({ 'shared.copis': SHARED, 'buy.copis': BUY });
    write(dir, { 'buy.copis': edit(BUY, ['emotion -1', 'emotion 1']) });
    return dir;
}

const COLOUR = /\u001b\[\d+m/;

describe('copis diff from the bundle', () => {
    it('reads the revisions through git and prints the text report, uncoloured into a pipe', () => {
        const run = bundle(changed(), 'diff', 'HEAD');
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('  ~ changed  touchpoint Checkout "Checkout"\n      emotion: -1 → 1\n');
        expect(run.stdout).not.toMatch(COLOUR);
        expect(bundle(changed(), 'diff', 'HEAD', '--color').stdout).toMatch(COLOUR);
    });

    it('colours on a terminal, unless NO_COLOR is set or --no-color is given', () => {
        const dir = changed();
        const env = { NO_COLOR: undefined, FORCE_COLOR: undefined };
        expect(onTerminal(dir, env, 'diff', 'HEAD')).toMatch(/\u001b\[33m {2}~ changed {2}touchpoint Checkout "Checkout"\u001b\[0m/);
        const noColor = onTerminal(dir, { NO_COLOR: '1' }, 'diff', 'HEAD');
        expect(noColor).toContain('~ changed  touchpoint Checkout');
        expect(noColor).not.toMatch(COLOUR);
        expect(onTerminal(dir, env, 'diff', 'HEAD', '--no-color')).not.toMatch(COLOUR);
        // NO_COLOR set but empty does not count (no-color.org).
        expect(onTerminal(dir, { NO_COLOR: '' }, 'diff', 'HEAD')).toMatch(COLOUR);
    });
});
