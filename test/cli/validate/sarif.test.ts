// SARIF that GitHub code scanning accepts: the official 2.1.0 schema (vendored under schema/), GitHub's
// documented required properties, every rule described from the language guide, paths from the
// repository root, and fingerprints that follow a declaration when it moves.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { summarize, type CliDiagnostic, type Report } from '../../../src/cli/diagnostics.js';
import { URI } from 'langium';
import { FINGERPRINT_KEY, fingerprints, toSarif } from '../../../src/cli/validate/reporters/sarif.js';
import { rootFromConfig } from '../../../language-server/workspace/model-files.js';
import { CODES, SEVERITY } from '../../../language-server/validation/codes.js';
import { RULE_DOCS } from '../../../src/cli/validate/reporters/generated/rule-docs.js';
import { copis, fixture, workspace } from '../helpers.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'schema', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

/** What the official schema says is wrong, one line each (empty: valid). */
function schemaErrors(log: unknown): string[] {
    return validateSchema(log) ? [] : (validateSchema.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
}

/** A value GitHub requires: present, and (for strings) not empty — "the empty string is not supported for required properties". */
function required(value: unknown): boolean {
    return value !== undefined && value !== null && value !== '';
}

/**
 * GitHub's "Supported SARIF output file properties" (docs.github.com, SARIF support for code scanning):
 * the properties marked required, and the documented limits (rule name 255 characters, descriptions
 * 1024, at most 10 locations a result).
 */
function githubProblems(log: Sarif.Log): string[] {
    const problems: string[] = [];
    const need = (ok: boolean, what: string) => { if (!ok) problems.push(what); };
    need(required(log.$schema), '$schema');
    need(log.version === '2.1.0', 'version 2.1.0');
    need(Array.isArray(log.runs) && log.runs.length > 0, 'runs[]');
    for (const [r, run] of (log.runs ?? []).entries()) {
        const driver = run.tool?.driver;
        need(required(driver?.name), `runs[${r}].tool.driver.name`);
        need(Array.isArray(driver?.rules), `runs[${r}].tool.driver.rules[]`);
        for (const rule of driver?.rules ?? []) {
            need(required(rule.id), 'rule.id');
            need(rule.name === undefined || rule.name.length <= 255, `rule ${rule.id}: name within 255 characters`);
            need(required(rule.shortDescription?.text) && rule.shortDescription!.text.length <= 1024, `rule ${rule.id}: shortDescription.text (1..1024)`);
            need(required(rule.fullDescription?.text) && rule.fullDescription!.text.length <= 1024, `rule ${rule.id}: fullDescription.text (1..1024)`);
            need(required(rule.help?.text), `rule ${rule.id}: help.text`);
            need(rule.defaultConfiguration?.level === undefined || ['note', 'warning', 'error'].includes(rule.defaultConfiguration.level), `rule ${rule.id}: defaultConfiguration.level`);
        }
        need(Array.isArray(run.results), `runs[${r}].results[]`);
        for (const [i, result] of (run.results ?? []).entries()) {
            const at = `runs[${r}].results[${i}]`;
            need(required(result.message?.text), `${at}.message.text`);
            need(Array.isArray(result.locations) && result.locations.length >= 1 && result.locations.length <= 10, `${at}.locations[] (1..10)`);
            for (const location of result.locations ?? []) {
                const physical = location.physicalLocation;
                need(required(physical?.artifactLocation?.uri), `${at}: physicalLocation.artifactLocation.uri`);
                for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) need(Number.isInteger(physical?.region?.[key]), `${at}: region.${key}`);
            }
            need(Object.values(result.partialFingerprints ?? {}).some(required), `${at}.partialFingerprints`);
        }
    }
    return problems;
}

const err: CliDiagnostic = { file: 'a/b.copis', line: 3, column: 5, endLine: 3, endColumn: 9, severity: 'error', code: 'unresolved-reference', message: '`Nope` is not declared.', element: 'Shop.Buy' };
const warn: CliDiagnostic = { file: 'a/b.copis', line: 7, column: 1, endLine: 8, endColumn: 2, severity: 'warning', code: 'stage-without-touchpoints', message: 'Stage `S` has no touchpoint.', element: 'Shop.S' };
const info: CliDiagnostic = { file: 'c.copis', line: 1, column: 1, endLine: 1, endColumn: 4, severity: 'information', code: 'unused-declaration', message: 'Unused.' };

function report(diagnostics: CliDiagnostic[], files = ['a/b.copis', 'c.copis']): Report {
    return { files, diagnostics, summary: summarize(files.length, diagnostics), hidden: 0, toolVersion: '1.2.3' };
}

function results(log: Sarif.Log): Sarif.Result[] {
    return log.runs[0].results ?? [];
}

function uriOf(result: Sarif.Result): Sarif.ArtifactLocation | undefined {
    return result.locations?.[0].physicalLocation?.artifactLocation;
}

/** `git init` in a new folder, with `files`; returns the folder. */
function repository(files: Record<string, string>): string {
    const dir = workspace(files);
    execFileSync('git', ['init', '-q', dir]);
    return dir;
}

describe('SARIF against the official 2.1.0 schema and GitHub\'s required properties', () => {
    const log = toSarif(report([err, warn, info, { ...err, line: 9 }]), { cwd: '/work/project', root: '/work/project' });

    it('is valid under the OASIS schema (ajv, draft-04)', () => {
        expect(schemaErrors(log)).toEqual([]);
    });

    it('has every property GitHub requires, within its limits', () => {
        expect(githubProblems(log)).toEqual([]);
    });

    it('the checks can fail: a result without fingerprints or location, a rule without help, are caught', () => {
        const broken = structuredClone(log);
        delete results(broken)[0].partialFingerprints;
        results(broken)[1].locations = [];
        delete broken.runs[0].tool.driver.rules![0].help;
        expect(githubProblems(broken)).toEqual(expect.arrayContaining([
            'runs[0].results[0].partialFingerprints', 'runs[0].results[1].locations[] (1..10)', 'rule syntax: help.text'
        ]));
        const invalid = structuredClone(log) as unknown as { runs: { columnKind: string }[] };
        invalid.runs[0].columnKind = 'bytes';
        expect(schemaErrors(invalid).length).toBeGreaterThan(0);
    });

    it('names the tool and its version, counts columns in UTF-16 code units', () => {
        expect(log.version).toBe('2.1.0');
        expect(log.runs[0].tool.driver).toMatchObject({ name: 'copis', version: '1.2.3' });
        expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    });

    it('lists every rule of the language in every run, described from docs/language.md, with its default level', () => {
        const rules = log.runs[0].tool.driver.rules!;
        expect(rules.map(r => r.id)).toEqual(CODES);
        const guide = readFileSync(join(import.meta.dirname, '../../../docs/language.md'), 'utf8');
        for (const rule of rules) {
            const doc = RULE_DOCS[rule.id];
            expect(doc, rule.id).toBeDefined();
            expect(rule.shortDescription!.text).toBe(doc.short);
            expect(rule.fullDescription!.text).toBe(doc.full);
            expect(rule.help).toEqual({ text: doc.text, markdown: doc.markdown });
            expect(guide, rule.id).toContain(`#### \`${rule.id}\``);
            const level = { error: 'error', warning: 'warning', info: 'note' }[SEVERITY[rule.id as keyof typeof SEVERITY]];
            expect(rule.defaultConfiguration?.level, rule.id).toBe(level);
        }
        const unresolved = rules.find(r => r.id === 'unresolved-reference')!;
        expect(unresolved.shortDescription!.text).toBe('a name refers to nothing');
        expect(unresolved.help!.markdown).toContain('```copis\ncustomer Shopper\njourney Shop { customers Shoper }\n```');
        expect(unresolved.help!.text).toContain('    journey Shop { customers Shoper }');
        expect(unresolved.help!.text).not.toContain('**');
    });

    it('gives each result its rule (by id and index), level, message, location and fingerprint', () => {
        const rules = log.runs[0].tool.driver.rules!;
        expect(results(log).map(r => r.level)).toEqual(['error', 'warning', 'note', 'error']);
        for (const result of results(log)) expect(rules[result.ruleIndex!].id).toBe(result.ruleId);
        expect(results(log)[1]).toMatchObject({
            ruleId: 'stage-without-touchpoints',
            message: { text: 'Stage `S` has no touchpoint.' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'a/b.copis', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 1, endLine: 8, endColumn: 2 } } }]
        });
        expect(results(log)[1].partialFingerprints![FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{16}:1$/);
        expect(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri).toBe('file:///work/project/');
    });

    it('describes a code the guide does not know (a newer rule) rather than dropping its results', () => {
        const odd = toSarif(report([{ ...info, code: 'brand-new-rule' }]), { cwd: '/p', root: '/p' });
        const rule = odd.runs[0].tool.driver.rules!.at(-1)!;
        expect(rule.id).toBe('brand-new-rule');
        expect(githubProblems(odd)).toEqual([]);
        expect(schemaErrors(odd)).toEqual([]);
    });

    it('percent-encodes a path as a URI reference, and stays valid with hostile names and messages', () => {
        const name = 'my models/a#1%?<x>.copis';
        const hostile = toSarif(report([{ ...err, file: name, message: 'a "quote" \u0000 \u202e </script>' }], [name]), { cwd: '/p', root: '/p' });
        expect(uriOf(results(hostile)[0])!.uri).toBe('my%20models/a%231%25%3F%3Cx%3E.copis');
        expect(schemaErrors(hostile)).toEqual([]);
    });
});

describe('SARIF paths from the repository root', () => {
    it('gives paths relative to the git work tree, wherever copis runs in it', async () => {
        const dir = repository({ 'team/models/shop.copis': fixture('broken.copis') });
        const run = await copis(join(dir, 'team'), 'validate', 'models', '--format', 'sarif');
        const log = JSON.parse(run.stdout) as Sarif.Log;
        expect(uriOf(results(log)[0])).toEqual({ uri: 'team/models/shop.copis', uriBaseId: '%SRCROOT%' });
        expect(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri).toMatch(/^file:\/\/\/.+\/$/);
        expect(log.runs[0].artifacts![0].location).toEqual({ uri: 'team/models/shop.copis', uriBaseId: '%SRCROOT%' });
        expect(schemaErrors(log)).toEqual([]);
        expect(githubProblems(log)).toEqual([]);
        expect(log.runs[0].tool.driver.version).toBe('test-version');
    });

    it('outside a repository, relative to the working directory', async () => {
        const dir = workspace({ 'models/shop.copis': fixture('broken.copis') });
        const log = JSON.parse((await copis(dir, 'validate', '--format', 'sarif')).stdout) as Sarif.Log;
        expect(uriOf(results(log)[0])).toEqual({ uri: 'models/shop.copis', uriBaseId: '%SRCROOT%' });
    });

    it('a file outside the repository gets an absolute file URI', async () => {
        const outside = workspace({ 'x.copis': fixture('broken.copis') });
        const dir = repository({ 'a.copis': fixture('shop.copis') });
        const log = JSON.parse((await copis(dir, 'validate', join(outside, 'x.copis'), '--format', 'sarif')).stdout) as Sarif.Log;
        expect(uriOf(results(log)[0])!.uri).toMatch(/^file:\/\/\/.*\/x\.copis$/);
        expect(uriOf(results(log)[0])!.uriBaseId).toBeUndefined();
    });
});

describe('SARIF fingerprints', () => {
    const model = [
        'customer Shopper "Shopper" { value high clv 900 EUR }',
        'customer Shopper "Gifter" { value low }',
        'journey Shop "Shop" {',
        '  customers Shopper',
        '  stage Buy "Buy" { category purchase touchpoint Pay "Pay" { processes Nope } }',
        '  stage Empty "Empty" { category delivery }',
        '}',
        ''
    ].join('\n');
    const tenLines = Array.from({ length: 10 }, (_, i) => `system S${i} "S${i}" { type web owner "IT" }`).join('\n') + '\n';

    async function sarifOf(text: string): Promise<Sarif.Result[]> {
        const dir = repository({ 'm.copis': text });
        return results(JSON.parse((await copis(dir, 'validate', '--format', 'sarif')).stdout) as Sarif.Log);
    }

    /** Fingerprint by rule and message, for the results that are not about the ten systems. */
    function byRule(list: Sarif.Result[]): Map<string, string> {
        return new Map(list.filter(r => !/`S\d`/.test(r.message.text ?? '')).map(r => [`${r.ruleId} ${r.message.text?.replace(/\d+/g, '#')}`, r.partialFingerprints![FINGERPRINT_KEY]]));
    }

    it('stay the same when the journey moves down ten lines (and the duplicate\'s message names a new line)', async () => {
        const before = await sarifOf(model);
        const journeyAt = model.split('\n').findIndex(l => l.startsWith('journey'));
        const lines = model.split('\n');
        const moved = [...lines.slice(0, journeyAt), ...tenLines.trimEnd().split('\n'), ...lines.slice(journeyAt)].join('\n');
        const after = await sarifOf(moved);
        const codes = before.map(r => r.ruleId);
        expect(codes).toEqual(expect.arrayContaining(['duplicate-name', 'unresolved-reference', 'stage-without-touchpoints']));
        const pay = (list: Sarif.Result[]) => list.find(r => r.ruleId === 'unresolved-reference')!;
        expect(pay(after).locations![0].physicalLocation!.region!.startLine).toBe(pay(before).locations![0].physicalLocation!.region!.startLine! + 10);
        expect(byRule(after)).toEqual(byRule(before));
    });

    it('stay the same when the first of two duplicates moves, though the message says where it is', async () => {
        const before = await sarifOf(model);
        const after = await sarifOf(tenLines + model);
        const duplicate = (list: Sarif.Result[]) => list.find(r => r.ruleId === 'duplicate-name')!;
        expect(duplicate(after).message.text).not.toBe(duplicate(before).message.text);
        expect(duplicate(after).partialFingerprints).toEqual(duplicate(before).partialFingerprints);
    });

    it('differ for the same problem in two declarations, and number repeats of one', () => {
        const a = { ...warn, element: 'Shop.A', message: 'Stage `A` has no touchpoint.' };
        const b = { ...warn, element: 'Other.A', message: 'Stage `A` has no touchpoint.' };
        const [pa, pb, pa2] = fingerprints([a, b, { ...a, line: 20 }]);
        expect(pa).not.toBe(pb);
        expect(pa.split(':')[0]).toBe(pa2.split(':')[0]);
        expect([pa.split(':')[1], pa2.split(':')[1]]).toEqual(['1', '2']);
    });

    it('are unique within a run', async () => {
        const list = await sarifOf(model);
        const prints = list.map(r => `${r.locations![0].physicalLocation!.artifactLocation!.uri} ${r.partialFingerprints![FINGERPRINT_KEY]}`);
        expect(new Set(prints).size).toBe(prints.length);
    });
});

describe('SARIF: the config\'s rule severities as the invocation\'s configuration overrides', () => {
    const rootOf = (folder: string, rules: string) => rootFromConfig(URI.file(folder), `{ "rules": ${rules} }`);

    it('gives each rule a config changes as an override of its default level, by id and index (SARIF §3.20.5, §3.51)', () => {
        const models = rootOf('/p/models', '{ "unused-declaration": "error", "touchpoint-without-process": "off", "stage-without-touchpoints": "warning", "duplicate-name": "warning" }');
        const log = toSarif({ ...report([{ ...info, severity: 'error' }]), roots: [models] }, { cwd: '/p', root: '/p' });
        expect(schemaErrors(log)).toEqual([]);
        expect(githubProblems(log)).toEqual([]);
        const rules = log.runs[0].tool.driver.rules!;
        const index = (id: string) => rules.findIndex(r => r.id === id);
        const configFile = { uri: 'models/copis.config.json', uriBaseId: '%SRCROOT%' };
        // stage-without-touchpoints is a warning by default: setting it so overrides nothing.
        expect(SEVERITY['stage-without-touchpoints']).toBe('warning');
        expect(log.runs[0].invocations).toEqual([{
            executionSuccessful: true,
            ruleConfigurationOverrides: [
                { descriptor: { id: 'duplicate-name', index: index('duplicate-name') }, configuration: { level: 'warning' }, properties: { configFile } },
                { descriptor: { id: 'touchpoint-without-process', index: index('touchpoint-without-process') }, configuration: { enabled: false }, properties: { configFile } },
                { descriptor: { id: 'unused-declaration', index: index('unused-declaration') }, configuration: { level: 'error' }, properties: { configFile } }
            ].sort((a, b) => a.descriptor.index - b.descriptor.index)
        }]);
        for (const o of log.runs[0].invocations![0].ruleConfigurationOverrides!) expect(rules[o.descriptor.index!].id).toBe(o.descriptor.id);
        // The default levels stay the defaults: the override says what this run changed.
        expect(rules[index('unused-declaration')].defaultConfiguration).toEqual({ level: 'note' });
    });

    it('keeps each root\'s overrides apart, naming its config file; without a config the invocation has none', () => {
        const log = toSarif({ ...report([]), roots: [rootOf('/p/saas', '{ "unused-declaration": "warning" }'), rootOf('/p/retail', '{ "unused-declaration": "off" }')] }, { cwd: '/p', root: '/p' });
        expect(schemaErrors(log)).toEqual([]);
        expect(log.runs[0].invocations![0].ruleConfigurationOverrides!.map(o => `${(o.properties!.configFile as Sarif.ArtifactLocation).uri} ${o.descriptor.id} ${JSON.stringify(o.configuration)}`)).toEqual([
            'retail/copis.config.json unused-declaration {"enabled":false}',
            'saas/copis.config.json unused-declaration {"level":"warning"}'
        ]);
        expect(toSarif(report([]), { cwd: '/p', root: '/p' }).runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    });

    it('copis validate --format sarif reports the severities the model roots\' configs set, beside the results at those levels', async () => {
        const dir = repository({
            'retail/copis.config.json': '{ "rules": { "unused-declaration": "warning" } }',
            'retail/shop.copis': fixture('shop.copis'), 'retail/lonely.copis': 'system Lonely "Lonely" { type crm  owner "IT" }\n',
            'saas/copis.config.json': '{ "rules": { "unused-declaration": "off" } }', 'saas/lonely.copis': 'system Alone "Alone" { type crm  owner "IT" }\n'
        });
        const run = await copis(join(dir, 'retail'), 'validate', '..', '--format', 'sarif');
        const log = JSON.parse(run.stdout) as Sarif.Log;
        expect(schemaErrors(log)).toEqual([]);
        expect(githubProblems(log)).toEqual([]);
        const overrides = log.runs[0].invocations![0].ruleConfigurationOverrides!;
        expect(overrides.map(o => [(o.properties!.configFile as Sarif.ArtifactLocation).uri, o.descriptor.id, o.configuration])).toEqual([
            ['retail/copis.config.json', 'unused-declaration', { level: 'warning' }],
            ['saas/copis.config.json', 'unused-declaration', { enabled: false }]
        ]);
        const unused = results(log).filter(r => r.ruleId === 'unused-declaration');
        expect(unused.map(r => [uriOf(r)?.uri, r.level])).toEqual([['retail/lonely.copis', 'warning']]);
    });
});

describe('SARIF of the examples', () => {
    it('is valid and complete for GitHub', async () => {
        const examples = join(import.meta.dirname, '../../../examples');
        const run = await copis(examples, 'validate', '--format', 'sarif');
        const log = JSON.parse(run.stdout) as Sarif.Log;
        expect(schemaErrors(log)).toEqual([]);
        expect(githubProblems(log)).toEqual([]);
        mkdirSync(join(import.meta.dirname, '../../../out'), { recursive: true });
        writeFileSync(join(import.meta.dirname, '../../../out/examples.sarif'), run.stdout);
    });
});
