import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { ROOT, copis } from '../helpers.js';

const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'docs', 'diff.schema.json'), 'utf8')));

/** `copis diff ARGS --format json` in `dir`: it succeeds quietly, and its report is checked against docs/diff.schema.json. */
export async function diffJson<T = any>(dir: string, ...args: string[]): Promise<T> {
    const run = await copis(dir, 'diff', '--format', 'json', ...args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(validateSchema(json), JSON.stringify(validateSchema.errors)).toBe(true);
    return json as T;
}
