/**
 * Reads `copis.config.json` (JSON with comments). Whatever is wrong is a problem with its place in
 * the file, and the default holds for it: a file that is not JSON gives every default, a field that
 * is wrong gives that field's default, a rule that is wrong is left out. Nothing here throws.
 */
// The ES module build: the UMD one that `main` names loads its parts with a `require` that bundles cannot follow.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { Range } from 'vscode-languageserver-types';
import { SECONDS, type DurationUnit } from '../model/values.js';
import { CODES, type Code } from '../validation/codes.js';
import { closestName } from '../validation/did-you-mean.js';
import { CONFIG_FILE, DEFAULT_CONFIG, FIXED_CODES, RULE_SETTINGS, type ConfigDuration, type CopisConfig, type RuleSetting } from './copis-config.js';

export interface ConfigProblem {
    message: string;
    /** Where in the file (LSP positions: lines and UTF-16 characters from 0). */
    range: Range;
}

export interface ParsedConfig {
    config: CopisConfig;
    problems: ConfigProblem[];
}

const FIELDS = ['$schema', 'include', 'exclude', 'rules', 'actuals', 'staleAfter'] as const;
type Field = typeof FIELDS[number];

const SYNTAX: Record<string, string> = {
    InvalidSymbol: 'an unexpected character',
    InvalidNumberFormat: 'a malformed number',
    PropertyNameExpected: 'a field name in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon (`:`) was expected after the field name',
    CommaExpected: 'a comma (`,`) was expected',
    CloseBraceExpected: 'a closing brace (`}`) was expected',
    CloseBracketExpected: 'a closing bracket (`]`) was expected',
    EndOfFileExpected: 'nothing may follow the closing brace',
    InvalidCommentToken: 'a malformed comment',
    UnexpectedEndOfComment: 'a comment is not closed (`*/`)',
    UnexpectedEndOfString: 'a string is not closed (`"`)',
    UnexpectedEndOfNumber: 'a number ends too early',
    InvalidUnicode: 'a malformed `\\u` escape',
    InvalidEscapeCharacter: 'an unknown escape in a string',
    InvalidCharacter: 'a character that a JSON string cannot hold (a line break or a control character)'
};

export function parseConfig(source: string): ParsedConfig {
    // A byte order mark is not part of the text an editor shows (positions count without it).
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const lines = lineStarts(text);
    const at = (offset: number, length: number): Range => ({ start: position(lines, offset), end: position(lines, offset + Math.max(length, 0)) });
    const problems: ConfigProblem[] = [];
    const problem = (node: { offset: number; length: number }, message: string) => problems.push({ message, range: at(node.offset, node.length) });

    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    if (errors.length > 0) {
        // One root cause: the first error; what follows it is often the parser's recovery.
        const first = errors[0];
        problem(first, `${CONFIG_FILE} is not valid JSON: ${SYNTAX[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error)}; every setting keeps its default until this is fixed.`);
        return { config: DEFAULT_CONFIG, problems };
    }
    if (tree === undefined) return { config: DEFAULT_CONFIG, problems }; // empty, or comments only: the defaults, on purpose
    if (tree.type !== 'object') {
        problem(tree, `${CONFIG_FILE} must hold an object, e.g. \`{ "exclude": ["drafts/**"] }\`; every setting keeps its default.`);
        return { config: DEFAULT_CONFIG, problems };
    }

    const config: { -readonly [K in keyof CopisConfig]: CopisConfig[K] } = { ...DEFAULT_CONFIG };
    const seen = new Set<string>();
    for (const property of tree.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value) continue;
        const name = String(key.value);
        if (!(FIELDS as readonly string[]).includes(name)) {
            const suggestion = closestName(name, FIELDS) ?? startOfOne(name, FIELDS);
            problem(key, `Unknown field \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ';'} ${CONFIG_FILE} has the fields ${FIELDS.filter(f => f !== '$schema').map(f => `\`${f}\``).join(', ')}; it is ignored.`);
            continue;
        }
        if (seen.has(name)) problem(key, `\`${name}\` is given twice; the last one counts: remove the other.`);
        seen.add(name);
        switch (name as Field) {
            case '$schema':
                if (value.type !== 'string') problem(value, '`$schema` must be a string (the URL or path of the JSON Schema); it is ignored.');
                break;
            case 'include':
            case 'exclude':
            case 'actuals': {
                const globs = globList(value, name, problem);
                if (globs) config[name as 'include' | 'exclude' | 'actuals'] = globs;
                break;
            }
            case 'rules': {
                const rules = ruleSettings(value, problem);
                if (rules) config.rules = rules;
                break;
            }
            case 'staleAfter': {
                const duration = parseDuration(value);
                if (duration) config.staleAfter = duration;
                else problem(value, `\`staleAfter\` must be a duration such as \`"90d"\`, \`"12w"\` or \`"36h"\` (a positive number and s, m, h, d or w); the default ${DEFAULT_CONFIG.staleAfter.text} holds.`);
                break;
            }
        }
    }
    return { config, problems };
}

type Report = (node: Node, message: string) => void;

function globList(value: Node, field: string, problem: Report): string[] | undefined {
    const example = field === 'actuals' ? '["data/actuals/*.csv"]' : field === 'include' ? '["journeys/**/*.copis"]' : '["drafts/**"]';
    const fallback = field === 'include' ? `\`${DEFAULT_CONFIG.include.join('')}\`` : 'none';
    if (value.type !== 'array') {
        problem(value, `\`${field}\` must be a list of glob patterns, e.g. \`${example}\`; the default (${fallback}) holds.`);
        return undefined;
    }
    const globs: string[] = [];
    for (const item of value.children ?? []) {
        const bad = item.type !== 'string' ? 'must be a string'
            : item.value === '' ? 'is empty'
                : /^[\\/]|^[A-Za-z]:/.test(item.value) ? 'is absolute; patterns are relative to the folder of copis.config.json'
                    : item.value.split('/').includes('..') ? 'leaves the model root (`..`); patterns are relative to the folder of copis.config.json'
                        : item.value.includes('\\') ? 'holds a backslash; separate folders with `/`'
                            : undefined;
        if (bad) problem(item, `This pattern of \`${field}\` ${bad}; it is ignored.`);
        else globs.push(item.value);
    }
    return globs;
}

function ruleSettings(value: Node, problem: Report): Partial<Record<Code, RuleSetting>> | undefined {
    if (value.type !== 'object') {
        problem(value, '`rules` must be an object of codes and severities, e.g. `{ "unused-declaration": "off" }`; no rule is changed.');
        return undefined;
    }
    const rules: Partial<Record<Code, RuleSetting>> = {};
    for (const property of value.children ?? []) {
        const [key, setting] = property.children ?? [];
        if (!key || !setting) continue;
        const code = String(key.value);
        if (!(CODES as readonly string[]).includes(code)) {
            const suggestion = closestName(code, CODES);
            problem(key, `\`${code}\` is not a copis diagnostic code${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (the codes are listed in docs/language.md §9); this rule is ignored.`);
            continue;
        }
        if (FIXED_CODES.has(code as Code) && setting.value !== 'error') {
            problem(key, `\`${code}\` cannot be changed: ${code === 'syntax' ? 'a file that does not parse' : 'a wrong config file'} is always an error; remove this rule.`);
            continue;
        }
        if (setting.type !== 'string' || !(RULE_SETTINGS as readonly string[]).includes(setting.value)) {
            const suggestion = setting.type === 'string' ? closestName(setting.value, RULE_SETTINGS) ?? startOfOne(setting.value, RULE_SETTINGS) : undefined;
            problem(setting, `The severity of \`${code}\` must be one of ${RULE_SETTINGS.map(s => `"${s}"`).join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; this rule is ignored.`);
            continue;
        }
        rules[code as Code] = setting.value as RuleSetting;
    }
    return rules;
}

/** A duration as the language writes it (`90d`, `1.5h`), but only a positive one. */
export function parseDuration(value: Node | string): ConfigDuration | undefined {
    const text = typeof value === 'string' ? value : value.type === 'string' ? value.value as string : undefined;
    const match = text === undefined ? null : /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text);
    if (!match) return undefined;
    const seconds = Number(match[1]) * SECONDS[match[2] as DurationUnit];
    return seconds > 0 ? { text: text!, seconds } : undefined;
}

/** The offset of every line's start (LSP lines: `\r\n`, `\r` and `\n` end one). */
function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        if (c === 10 || c === 13) starts.push(i + 1);
    }
    return starts;
}

function position(starts: number[], offset: number): Range['start'] {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid; else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
}

/** The one candidate that `value` is the start of (`warn` → `warning`, `stale` → `staleAfter`), if only one is. */
function startOfOne(value: string, candidates: readonly string[]): string | undefined {
    if (value.length < 3) return undefined;
    const lower = value.toLowerCase();
    const starts = candidates.filter(c => c.toLowerCase().startsWith(lower));
    return starts.length === 1 ? starts[0] : undefined;
}
