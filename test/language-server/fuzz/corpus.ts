/**
 * What the fuzzers start from and how long they run: the example models, the grammar's
 * keywords, and the run settings (FUZZ_RUNS, FUZZ_SEED).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Parameters } from 'fast-check';

export const root = resolve(import.meta.dirname, '../../..');

export interface SourceFile {
    /** Relative to the project, e.g. `examples/retail/shared.copis`. */
    name: string;
    text: string;
}

function copisFiles(dir: string): SourceFile[] {
    return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter(f => f.endsWith('.copis'))
        .sort()
        .map(f => ({ name: relative(root, join(root, dir, f)), text: readFileSync(join(root, dir, f), 'utf8') }));
}

/** examples/**\/*.copis and test/language-server/fixtures/*.copis. */
export const corpus: SourceFile[] = [...copisFiles('examples'), ...copisFiles('test/language-server/fixtures')];

/** The example folders: the files of one folder form one workspace (cross-file references). */
export const exampleWorkspaces: SourceFile[][] = (() => {
    const byFolder = new Map<string, SourceFile[]>();
    for (const file of corpus) {
        const folder = file.name.slice(0, file.name.lastIndexOf('/'));
        byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
    }
    return [...byFolder.values()].filter(files => files.length > 1);
})();

const grammar = readFileSync(join(root, 'language-server/copis.langium'), 'utf8');

/** Every keyword of the grammar (`'...'` literals), punctuation included. */
export const keywords: string[] = [...new Set([...grammar.matchAll(/'([^']+)'/g)].map(m => m[1]))].sort();

/** The keywords that may also be names (the alternatives of the grammar's `Name` rule). */
export const nameKeywords: string[] = (() => {
    const rule = /^Name returns string:([\s\S]*?);/m.exec(grammar);
    if (!rule) throw new Error('no Name rule in copis.langium');
    return [...rule[1].matchAll(/'([^']+)'/g)].map(m => m[1]);
})();

/** Keywords that can never be a name: declaration and property keywords, punctuation, hyphenated values. */
export const reservedWords: string[] = keywords.filter(k => /^[a-z]/.test(k) && !nameKeywords.includes(k));

function envInt(name: string): number | undefined {
    const value = process.env[name];
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, not ${JSON.stringify(value)}`);
    return n;
}

/** The default seed: runs are reproducible unless FUZZ_SEED says otherwise. */
export const DEFAULT_SEED = 20260601;

/** The default of FUZZ_RUNS: the whole fuzz folder then takes about a minute on two cores. */
export const DEFAULT_FUZZ_RUNS = 150;

/** FUZZ_RUNS, or its default. */
export function fuzzRuns(): number {
    return envInt('FUZZ_RUNS') ?? DEFAULT_FUZZ_RUNS;
}

/**
 * fast-check's parameters for a property that runs `weight` × FUZZ_RUNS times (at least once):
 * cheap properties get a larger weight than those that build a workspace and send every request.
 * FUZZ_SEED replaces the seed. On failure fast-check prints the seed, the counterexample (shrunk)
 * and its path; `FUZZ_SEED=<seed>` with the same FUZZ_RUNS replays it.
 */
export function fuzzParameters<T>(weight: number, extra: Parameters<T> = {}): Parameters<T> {
    const seed = envInt('FUZZ_SEED') ?? DEFAULT_SEED;
    return { numRuns: Math.max(1, Math.round(fuzzRuns() * weight)), seed, ...extra };
}

/** A vitest time limit for a property: `defaultMs` at the default FUZZ_RUNS, proportionally more for longer runs. */
export function testTimeout(defaultMs: number): number {
    return Math.max(defaultMs, Math.ceil(defaultMs * fuzzRuns() / DEFAULT_FUZZ_RUNS));
}
