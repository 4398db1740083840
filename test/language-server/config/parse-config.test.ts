import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../../language-server/config/copis-config.js';
import { parseConfig } from '../../../language-server/config/parse-config.js';

/** Each problem as `line:column message` (both from 1), for readable failures. */
function problems(text: string): string[] {
    return parseConfig(text).problems.map(p => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
}

describe('copis.config.json', () => {
    test('reads every field, with comments and a trailing comma', () => {
        const { config, problems } = parseConfig(`{
  // which files are the model
  "$schema": "./node_modules/copis/config.schema.json",
  "include": ["journeys/**/*.copis", "shared.copis"],
  "exclude": ["journeys/drafts/**"],
  /* severities */
  "rules": { "unused-declaration": "off", "touchpoint-without-channel": "error", "kpi-off-target": "warning" },
  "actuals": ["data/*.csv"],
  "staleAfter": "12w",
}`);
        expect(problems).toEqual([]);
        expect(config).toEqual({
            include: ['journeys/**/*.copis', 'shared.copis'],
            exclude: ['journeys/drafts/**'],
            rules: { 'unused-declaration': 'off', 'touchpoint-without-channel': 'error', 'kpi-off-target': 'warning' },
            actuals: ['data/*.csv'],
            staleAfter: { text: '12w', seconds: 12 * 7 * 86400 }
        });
    });

    test('an empty file, or one with comments only, is the defaults without a problem', () => {
        for (const text of ['', '  \n', '// nothing to configure yet\n']) {
            expect(parseConfig(text)).toEqual({ config: DEFAULT_CONFIG, problems: [] });
        }
        expect(parseConfig('{}').config).toEqual(DEFAULT_CONFIG);
        expect(DEFAULT_CONFIG.staleAfter).toEqual({ text: '90d', seconds: 90 * 86400 });
        expect(DEFAULT_CONFIG.include).toEqual(['**/*.copis']);
    });

    test('JSON that does not parse: one problem at the first error, and every default holds', () => {
        const text = '{\n  "exclude": ["drafts/**"]\n  "rules": {}\n}';
        const parsed = parseConfig(text);
        expect(parsed.config).toEqual(DEFAULT_CONFIG);
        expect(problems(text)).toEqual(['3:3 copis.config.json is not valid JSON: a comma (`,`) was expected; every setting keeps its default until this is fixed.']);
        expect(problems('{ "include": ["a.copis" ')).toHaveLength(1);
        expect(problems('{ "include": ["a.copis" ')[0]).toMatch(/^1:\d+ copis\.config\.json is not valid JSON: a closing bracket/);
        expect(problems('[1, 2]')).toEqual(['1:1 copis.config.json must hold an object, e.g. `{ "exclude": ["drafts/**"] }`; every setting keeps its default.']);
    });

    test('an unknown field is reported on its name, with a suggestion, and the rest applies', () => {
        const text = '{\n  "exclude": ["old/**"],\n  "rule": { "unused-declaration": "off" }\n}';
        expect(problems(text)).toEqual([
            '3:3 Unknown field `rule`; did you mean `rules`? copis.config.json has the fields `include`, `exclude`, `rules`, `actuals`, `staleAfter`; it is ignored.'
        ]);
        // Nothing like it: the fields, after a semicolon.
        expect(problems('{ "zzz": 1 }')).toEqual([
            '1:3 Unknown field `zzz`; copis.config.json has the fields `include`, `exclude`, `rules`, `actuals`, `staleAfter`; it is ignored.'
        ]);
        expect(parseConfig(text).config).toEqual({ ...DEFAULT_CONFIG, exclude: ['old/**'] });
    });

    test('a field of the wrong type is reported on its value, and its default holds', () => {
        const text = '{ "include": "journeys/**", "exclude": [3, "ok/**", "/abs/**", "../up/**", "a\\\\b"], "staleAfter": 90, "rules": [] }';
        const parsed = parseConfig(text);
        expect(parsed.config.include).toEqual(DEFAULT_CONFIG.include);
        expect(parsed.config.exclude).toEqual(['ok/**']);
        expect(parsed.config.staleAfter).toEqual(DEFAULT_CONFIG.staleAfter);
        expect(parsed.config.rules).toEqual({});
        const messages = parsed.problems.map(p => p.message);
        expect(messages).toEqual([
            '`include` must be a list of glob patterns, e.g. `["journeys/**/*.copis"]`; the default (`**/*.copis`) holds.',
            'This pattern of `exclude` must be a string; it is ignored.',
            'This pattern of `exclude` is absolute; patterns are relative to the folder of copis.config.json; it is ignored.',
            'This pattern of `exclude` leaves the model root (`..`); patterns are relative to the folder of copis.config.json; it is ignored.',
            'This pattern of `exclude` holds a backslash; separate folders with `/`; it is ignored.',
            '`staleAfter` must be a duration such as `"90d"`, `"12w"` or `"36h"` (a positive number and s, m, h, d or w); the default 90d holds.',
            '`rules` must be an object of codes and severities, e.g. `{ "unused-declaration": "off" }`; no rule is changed.'
        ]);
        // Each on the value it is about.
        expect(parsed.problems[0].range.start.character).toBe(text.indexOf('"journeys/**"'));
        expect(parsed.problems[1].range.start.character).toBe(text.indexOf('3,'));
    });

    test('rules: an unknown code, a bad severity, and `syntax`, which cannot be changed, are left out; the others apply', () => {
        const text = `{
  "rules": {
    "unused-declaraton": "off",
    "kpi-off-target": "info",
    "stage-order": "loud",
    "syntax": "warning",
    "invalid-config": "off",
    "hidden-moment": "error",
    "unused-declaration": "warn"
  },
  "stale": "30d"
}`;
        const parsed = parseConfig(text);
        expect(parsed.config.rules).toEqual({ 'hidden-moment': 'error' });
        expect(problems(text)).toEqual([
            '3:5 `unused-declaraton` is not a copis diagnostic code; did you mean `unused-declaration`? (the codes are listed in docs/language.md §9); this rule is ignored.',
            '4:23 The severity of `kpi-off-target` must be one of "off", "information", "warning", "error" (did you mean "information"?); this rule is ignored.',
            '5:20 The severity of `stage-order` must be one of "off", "information", "warning", "error"; this rule is ignored.',
            '6:5 `syntax` cannot be changed: a file that does not parse is always an error; remove this rule.',
            '7:5 `invalid-config` cannot be changed: a wrong config file is always an error; remove this rule.',
            '9:27 The severity of `unused-declaration` must be one of "off", "information", "warning", "error" (did you mean "warning"?); this rule is ignored.',
            '11:3 Unknown field `stale`; did you mean `staleAfter`? copis.config.json has the fields `include`, `exclude`, `rules`, `actuals`, `staleAfter`; it is ignored.'
        ]);
    });

    test('staleAfter takes the durations of the language, positive only', () => {
        expect(parseConfig('{ "staleAfter": "36h" }').config.staleAfter).toEqual({ text: '36h', seconds: 36 * 3600 });
        expect(parseConfig('{ "staleAfter": "1.5d" }').config.staleAfter).toEqual({ text: '1.5d', seconds: 1.5 * 86400 });
        for (const bad of ['"0d"', '"90"', '"-3d"', '"3 months"', 'null']) {
            const parsed = parseConfig(`{ "staleAfter": ${bad} }`);
            expect(parsed.config.staleAfter, bad).toEqual(DEFAULT_CONFIG.staleAfter);
            expect(parsed.problems, bad).toHaveLength(1);
        }
    });

    test('positions count UTF-16 characters and CRLF line ends', () => {
        const text = '{\r\n  "émoji😀": 1,\r\n  "exclude": 2\r\n}';
        const parsed = parseConfig(text);
        expect(parsed.problems.map(p => [p.range.start, p.range.end])).toEqual([
            [{ line: 1, character: 2 }, { line: 1, character: 2 + '"émoji😀"'.length }],
            [{ line: 2, character: 13 }, { line: 2, character: 14 }]
        ]);
    });

    test('a byte order mark is not text: the file parses, and positions count without it', () => {
        const parsed = parseConfig('\uFEFF{ "exlude": [] }');
        expect(parsed.problems.map(p => p.range.start)).toEqual([{ line: 0, character: 2 }]);
        expect(parseConfig('\uFEFF{ "exclude": ["a/**"] }')).toEqual({ config: { ...DEFAULT_CONFIG, exclude: ['a/**'] }, problems: [] });
    });

    test('a field given twice: the last counts, and the repetition is reported', () => {
        const parsed = parseConfig('{ "exclude": ["a/**"], "exclude": ["b/**"] }');
        expect(parsed.config.exclude).toEqual(['b/**']);
        expect(parsed.problems.map(p => p.message)).toEqual(['`exclude` is given twice; the last one counts: remove the other.']);
    });
});
