import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'jsonc-parser/lib/esm/main.js';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../language-server/config/parse-config.js';
import { CODES, SEVERITY } from '../../../language-server/validation/codes.js';

const schemaFile = new URL('../../../docs/config.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** The schema's verdict on a config text, as the editor gives it while typing. */
function schemaAccepts(text: string): boolean {
    return validate(parse(text));
}

describe('docs/config.schema.json', () => {
    test('names every diagnostic code, with its default severity, and no other', () => {
        const rules = schema.properties.rules.properties as Record<string, { description: string; enum?: string[] }>;
        expect(Object.keys(rules).sort()).toEqual([...CODES].sort());
        for (const code of CODES) {
            const severity = SEVERITY[code] === 'info' ? 'information' : SEVERITY[code];
            expect(rules[code].description, code).toContain(`(default: ${severity})`);
        }
        expect(rules.syntax.enum).toEqual(['error']);
        expect(rules['invalid-config'].enum).toEqual(['error']);
    });

    test('agrees with the parser on what is valid', () => {
        const cases = [
            '{}',
            '{ "$schema": "x.json", "include": ["a/**/*.copis"], "exclude": ["b/**"], "actuals": ["d/*.csv"], "staleAfter": "12w", "rules": { "stage-order": "off", "kpi-off-target": "warning" } }',
            '{ "staleAfter": "1.5d" }',
            '{ "rules": { "syntax": "error" } }',
            // and what is not
            '{ "rule": {} }',
            '{ "include": "a/**" }',
            '{ "exclude": ["/abs/**"] }',
            '{ "exclude": ["../up/**"] }',
            '{ "exclude": ["a\\\\b"] }',
            '{ "exclude": [""] }',
            '{ "rules": { "unused-declaraton": "off" } }',
            '{ "rules": { "stage-order": "info" } }',
            '{ "rules": { "syntax": "off" } }',
            '{ "staleAfter": "0d" }',
            '{ "staleAfter": "90" }',
            '{ "staleAfter": 90 }',
            '[]'
        ];
        for (const text of cases) {
            expect(schemaAccepts(text), text).toBe(parseConfig(text).problems.length === 0);
        }
    });

    test("the examples' configs are valid", () => {
        for (const example of ['retail', 'saas', 'health']) {
            const text = readFileSync(new URL(`../../../examples/${example}/copis.config.json`, import.meta.url), 'utf8');
            expect(parseConfig(text).problems, example).toEqual([]);
            expect(schemaAccepts(text), example).toBe(true);
        }
    });

    test('the extension contributes it for copis.config.json, read as JSON with comments', () => {
        const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
        expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: 'copis.config.json', url: './docs/config.schema.json' }]);
        expect(manifest.contributes.languages).toContainEqual({ id: 'jsonc', filenames: ['copis.config.json'] });
        // The VSIX holds what the manifest points to.
        expect(readFileSync(new URL('../../../.vscodeignore', import.meta.url), 'utf8').split('\n')).toContain('!docs/config.schema.json');
    });
});
