import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// The server under another editor nobody on the project wrote: Debian's Emacs (28) with eglot (1.9), in batch mode.
const probe = spawnSync('emacs', ['--batch', '--eval', "(progn (package-activate-all) (princ (if (locate-library \"eglot\") \"eglot\" \"none\")))"], { encoding: 'utf8' });
const available = probe.status === 0 && probe.stdout.trim() === 'eglot';
if (!available) console.log('emacs.test.ts: skipped, no Emacs with eglot on this machine (apt-get install emacs-nox elpa-eglot)');
const git = spawnSync('git', ['--version']).status === 0;
const script = spawnSync('script', ['--version']).status === 0;
if (available && !script) console.log('emacs.test.ts: skipped, no `script` (util-linux) to give Emacs a terminal');

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

describe.skipIf(!available || !git || !script)('Emacs with eglot', () => {
    test("the README's configuration: diagnostics, an edit, a file created on disk and formatting, rooted at the git repository", () => {
        const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
        const section = readme.slice(readme.indexOf('Emacs 29 and later'));
        const snippet = /```elisp\n([\s\S]*?)```/.exec(section)?.[1];
        expect(snippet, 'the README has an elisp block after "Emacs 29 and later"').toBeDefined();
        // As installed in the repository, with the bundle in place of `npx copis-language-server`.
        const npx = '"npx" "copis-language-server" "--stdio"';
        expect(snippet).toContain(npx);
        const server = resolve(import.meta.dirname, '../../../dist/server.cjs');
        const dir = realpathSync(mkdtempSync(join(tmpdir(), 'copis-emacs-')));
        try {
            // A real repository: eglot's file watching lists the project's files with git.
            expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
            mkdirSync(join(dir, 'journeys'));
            writeFileSync(join(dir, 'shared.copis'), 'customer Rider "Rider" { value medium }\n');
            writeFileSync(join(dir, 'journeys', 'ride.copis'), 'journey Ride "Ride" {\n  customers Ridr\n  stage Go "Go" { category usage }\n}\n');
            const config = join(dir, 'init.el');
            writeFileSync(config, snippet!.replace(npx, `${JSON.stringify(process.execPath)} ${JSON.stringify(server)} "--stdio"`));
            const result = join(dir, 'result.txt');
            // A terminal Emacs, not batch: eglot needs the command loop (see the driver). `script` gives it a terminal.
            const driver = resolve(import.meta.dirname, 'emacs/readme-eglot.el');
            const run = spawnSync('script', ['-qfec', `emacs -nw -q -l ${shellQuote(driver)}`, '/dev/null'], {
                encoding: 'utf8', timeout: 90_000, cwd: join(dir, 'journeys'),
                env: { ...process.env, TERM: 'xterm', COPIS_CONFIG: config, COPIS_FILE: join(dir, 'journeys', 'ride.copis'), COPIS_RESULT: result }
            });
            expect(run.error).toBeUndefined();
            expect(run.status, readFileSync(result, 'utf8')).toBe(0);
            const lines = readFileSync(result, 'utf8').split('\n').filter(Boolean);
            expect(lines.filter(l => l.startsWith('timeout')), run.stderr).toEqual([]);
            expect(lines[0]).toBe('mode: copis-mode');
            // `Ridr` is a near miss of `Rider` in shared.copis, one folder up: the server is rooted at the repository.
            expect(lines).toContain(`root: ${dir}`);
            expect(lines.some(l => l.startsWith('diagnostic: ') && l.includes('[unresolved-reference]') && l.includes('did you mean `Rider`?'))).toBe(true);
            const afterEdit = lines.find(l => l.startsWith('after the edit: '))!;
            expect(afterEdit).toContain('`Walker` is not declared');
            expect(afterEdit).not.toContain('`Ridr`');
            const afterFile = lines.find(l => l.startsWith('after a file on disk: '))!;
            expect(afterFile).not.toContain('`Walker`');
            expect(lines).toContain(`formatted: ${JSON.stringify('journey Ride "Ride" {\n  customers Walker\n  stage Go "Go" { category usage }\n}\n')}`);
            expect(lines).toContain('server alive: yes');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 120_000);
});
