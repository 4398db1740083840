// The complete examples of the docs — the ```copis blocks marked `<!-- copis-example: complete … -->` — as
// a reader runs them beside the commands shown: `copis format --check` passes, and `copis validate` finds no
// error and no warning (`--max-warnings 0`). Fragments of the language guide are not complete files and
// carry no marker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, copis, workspace } from '../cli/helpers.js';

const MARKER = '<!-- copis-example: complete';
/** The documents whose first example a new user copies, and where that example is. */
const FIRST_EXAMPLES: { file: string; after?: string }[] = [
    { file: 'README.md' },
    { file: 'docs/packaging/npm/README.md' },
    { file: 'docs/language.md', after: '## 2. A complete short example' }
];

interface Block { file: string; line: number; text: string; marked: boolean }

function copisBlocks(file: string): Block[] {
    const source = readFileSync(join(ROOT, file), 'utf8');
    return [...source.matchAll(/^(<!-- copis-example: complete[^\n]*-->\n)?```copis\n([\s\S]*?)^```$/gm)].map(m => ({
        file,
        line: source.slice(0, m.index).split('\n').length + (m[1] ? 1 : 0),
        text: m[2],
        marked: m[1] !== undefined
    }));
}

const marked = FIRST_EXAMPLES.flatMap(({ file }) => copisBlocks(file)).filter(b => b.marked);

describe('the docs\' complete examples', () => {
    it('are marked: the first example of each document', () => {
        for (const { file, after } of FIRST_EXAMPLES) {
            const source = readFileSync(join(ROOT, file), 'utf8');
            const from = after === undefined ? 0 : source.indexOf(after);
            expect(from, `${file}: ${after}`).toBeGreaterThanOrEqual(0);
            const first = source.indexOf('```copis\n', from);
            expect(first, `${file} has no copis example`).toBeGreaterThan(0);
            expect(source.slice(0, first).endsWith('-->\n') && source.slice(source.lastIndexOf('\n', first - 2) + 1, first).startsWith(MARKER), `${file}:${source.slice(0, first).split('\n').length}: its first example is not marked complete`).toBe(true);
        }
        expect(marked.length).toBeGreaterThanOrEqual(FIRST_EXAMPLES.length);
    });

    for (const block of marked) {
        describe(`${block.file}:${block.line}`, () => {
            it('is formatted as copis format writes it', async () => {
                const dir = workspace({ 'example.copis': block.text });
                const run = await copis(dir, 'format', '--check', 'example.copis');
                expect(run.stdout + run.stderr).not.toContain('not formatted');
                expect(run.code, run.stdout + run.stderr).toBe(0);
            });

            it('has no error and no warning', async () => {
                const dir = workspace({ 'example.copis': block.text });
                const run = await copis(dir, 'validate', '--format', 'json', '--max-warnings', '0', 'example.copis');
                const found = JSON.parse(run.stdout) as { diagnostics: { severity: string; code: string }[] };
                expect(found.diagnostics.filter(d => d.severity !== 'information').map(d => d.code)).toEqual([]);
                expect(run.code).toBe(0);
            });
        });
    }
});
