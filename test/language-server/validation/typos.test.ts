import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { validateTexts } from '../../../language-server/workspace/validate-workspace.js';

/**
 * One typo, one diagnostic that says what to write instead (§6: one root cause, one diagnostic).
 *
 * typos/_workspace holds a small clean workspace (a shared file and a journey). Each case in typos/
 * is one of its files with one typical mistake, and says in its header what it must give:
 *   // typo: what the mistake is
 *   // replaces: the file of the workspace it stands for
 *   // expect: the codes of the case file's diagnostics, all of them
 *   // at: the text (JSON) where the first of them starts
 *   // message: a fragment of its message
 * The other file of the workspace must stay without diagnostics: a typo in one file never changes another's.
 */
const folder = join(import.meta.dirname, 'typos');
const workspace = Object.fromEntries(readdirSync(join(folder, '_workspace')).map(f => [f, readFileSync(join(folder, '_workspace', f), 'utf8')]));
const cases = readdirSync(folder).filter(f => f.endsWith('.copis')).sort().map(file => {
    const text = readFileSync(join(folder, file), 'utf8');
    const header = (key: string) => {
        const value = new RegExp(`^// ${key}: (.*)$`, 'm').exec(text)?.[1];
        if (value === undefined) throw new Error(`${file}: no \`// ${key}:\` in its header`);
        return value;
    };
    return { file, text, typo: header('typo'), replaces: header('replaces'), expect: header('expect').split(/\s+/), at: JSON.parse(header('at')) as string, message: header('message') };
});

async function diagnose(files: Record<string, string>): Promise<Map<string, Diagnostic[]>> {
    const result = await validateTexts(Object.entries(files).map(([name, text]) => ({ uri: `file:///typos/${name}`, text })));
    return new Map(Object.keys(files).map(name => [name, result.get(`file:///typos/${name}`) ?? []]));
}

const summary = (ds: Diagnostic[]) => ds.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message}`);

describe('the typo corpus', () => {
    test('has at least 30 cases, each for a file of the workspace', () => {
        expect(cases.length).toBeGreaterThanOrEqual(30);
        for (const c of cases) expect(Object.keys(workspace), c.file).toContain(c.replaces);
    });

    test('the workspace the cases start from is clean', async () => {
        for (const [name, diagnostics] of await diagnose(workspace)) expect(summary(diagnostics), name).toEqual([]);
    });

    test.each(cases.map(c => [c.file, c] as const))('%s', async (_file, c) => {
        const diagnostics = await diagnose({ ...workspace, [c.replaces]: c.text });
        const own = diagnostics.get(c.replaces)!;
        expect(summary(own).map(s => s.replace(/^\S+ ([^:]+):.*$/, '$1')), `${c.typo}:\n${summary(own).join('\n')}`).toEqual(c.expect);
        const first = own[0];
        const body = c.text.indexOf('\n', c.text.indexOf('\n// message:') + 1) + 1; // after the header
        const offset = c.text.indexOf(c.at, body);
        expect(offset, `\`${c.at}\` is not in the case's text`).toBeGreaterThan(0);
        const before = c.text.slice(0, offset).split('\n');
        expect(first.range.start, c.typo).toEqual({ line: before.length - 1, character: before[before.length - 1].length });
        expect(first.message, c.typo).toContain(c.message);
        for (const [name, others] of diagnostics) if (name !== c.replaces) expect(summary(others), `${c.typo}: ${name}`).toEqual([]);
    });
});
