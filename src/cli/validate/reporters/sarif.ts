import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { ModelRoot } from '../../../../language-server/workspace/model-roots.js';
import { CODES, SEVERITY } from '../../../../language-server/validation/codes.js';
import type { CliDiagnostic, Report, Severity } from '../../diagnostics.js';
import { realOrSame, repositoryRoot } from '../repository-root.js';
import { RULE_DOCS } from './generated/rule-docs.js';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'note' };
const REFERENCE_LEVEL: Record<string, Level> = { error: 'error', warning: 'warning', info: 'note' };
// GitHub's `problem.severity`, which orders and filters alerts of tools that are not about security.
const PROBLEM_SEVERITY: Record<Level, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

export const SRCROOT = '%SRCROOT%';
/** The one key of `partialFingerprints` GitHub code scanning reads. */
export const FINGERPRINT_KEY = 'primaryLocationLineHash';

export interface SarifOptions {
    /** The directory the report's paths are relative to. */
    cwd: string;
    /** The root URIs are given from (`%SRCROOT%`); default: the git work tree of `cwd`, else `cwd`. */
    root?: string;
}

/** A relative path as a URI reference: each segment percent-encoded. */
function uriReference(path: string): string {
    return path.split('/').map(encodeURIComponent).join('/');
}

/** `unresolved-reference` → `UnresolvedReference`: SARIF's convention for a rule's `name`. */
function ruleName(id: string): string {
    return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Every code of the language, described from the language guide, in the guide's order; then codes met that it lacks. */
export function sarifRules(extraCodes: Iterable<string> = []): Sarif.ReportingDescriptor[] {
    const ids = [...CODES] as string[];
    for (const code of extraCodes) if (!ids.includes(code)) ids.push(code);
    return ids.map(id => {
        const reference = (SEVERITY as Record<string, string>)[id];
        const level = REFERENCE_LEVEL[reference] ?? 'warning';
        const doc = RULE_DOCS[id];
        const short = doc?.short ?? id;
        const full = doc?.full ?? `The copis diagnostic \`${id}\`.`;
        return {
            id,
            name: ruleName(id),
            shortDescription: { text: short },
            fullDescription: { text: full },
            help: { text: doc?.text ?? full, markdown: doc?.markdown ?? full },
            defaultConfiguration: { level },
            properties: { 'problem.severity': PROBLEM_SEVERITY[level] }
        };
    });
}

/** Where a file of the report is, for SARIF: relative to `root` with `%SRCROOT%`, or an absolute file URI outside it. */
function artifactLocation(file: string, cwd: string, root: string): Sarif.ArtifactLocation {
    const absolute = resolve(realOrSame(cwd), file);
    const fromRoot = relative(root, absolute);
    if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return { uri: pathToFileURL(absolute).href };
    return { uri: uriReference(fromRoot.split(sep).join('/')), uriBaseId: SRCROOT };
}

// Positions in messages (`(at line 12)`, `(at shop.copis:12)`) would change the fingerprint when lines move.
function withoutPositions(message: string): string {
    return message.replace(/\bline \d+\b/g, 'line #').replace(/(\.[A-Za-z0-9]+):\d+\b/g, '$1:#');
}

/**
 * Fingerprints that stay put when lines move: a hash of the code, the declaration the diagnostic is
 * in and its message without positions, then which occurrence of that in the file it is.
 */
export function fingerprints(diagnostics: readonly CliDiagnostic[]): string[] {
    const seen = new Map<string, number>();
    return diagnostics.map(d => {
        const hash = createHash('sha256').update([d.code, d.element ?? '', withoutPositions(d.message)].join('\u0000')).digest('hex').slice(0, 16);
        const key = `${d.file}\u0000${hash}`;
        const occurrence = (seen.get(key) ?? 0) + 1;
        seen.set(key, occurrence);
        return `${hash}:${occurrence}`;
    });
}

/**
 * What the configs of the model roots set in `rules`, as SARIF's runtime overrides of each rule's
 * `defaultConfiguration` (SARIF 2.1.0 §3.20.5 `invocation.ruleConfigurationOverrides`, §3.51
 * `configurationOverride`): the rule by id and index into the driver's rules (§3.52), `enabled: false`
 * for `off`, else the `level`. A setting equal to the default overrides nothing and is left out. Each
 * override names the config file it comes from (`properties.configFile`), since model roots may set one
 * rule differently. In the order of the roots, then of the rules.
 */
export function ruleOverrides(roots: readonly ModelRoot[], rules: readonly Sarif.ReportingDescriptor[], location: (path: string) => Sarif.ArtifactLocation): Sarif.ConfigurationOverride[] {
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const overrides: { root: string; index: number; override: Sarif.ConfigurationOverride }[] = [];
    for (const root of roots) {
        if (!root.configUri) continue;
        const configFile = location(realOrSame(fileURLToPath(root.configUri)));
        for (const [code, setting] of Object.entries(root.config.rules)) {
            const i = index.get(code);
            if (i === undefined || setting === undefined) continue;
            const level = setting === 'off' ? undefined : LEVEL[setting];
            if (level !== undefined && level === rules[i].defaultConfiguration?.level) continue;
            overrides.push({
                root: root.uri, index: i,
                override: { descriptor: { id: code, index: i }, configuration: level === undefined ? { enabled: false } : { level }, properties: { configFile } }
            });
        }
    }
    return overrides.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0) || a.index - b.index).map(o => o.override);
}

/**
 * SARIF 2.1.0 as code scanning takes it: one run of the `copis` driver with every rule of the
 * language, columns in UTF-16 code units (as LSP counts them), paths relative to the repository root,
 * and the invocation with the rule severities the model roots' configs set.
 */
export function toSarif(report: Report, options: SarifOptions): Sarif.Log {
    const root = realOrSame(options.root ?? repositoryRoot(options.cwd));
    const rules = sarifRules(report.diagnostics.map(d => d.code));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const overrides = ruleOverrides(report.roots ?? [], rules, path => artifactLocation(path, options.cwd, root));
    const prints = fingerprints(report.diagnostics);
    const rootUri = pathToFileURL(root).href;
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'copis', version: report.toolVersion, rules } },
            // A report was made: the run succeeded, whatever it found (§3.20.14).
            invocations: [{ executionSuccessful: true, ...(overrides.length > 0 ? { ruleConfigurationOverrides: overrides } : {}) }],
            originalUriBaseIds: { [SRCROOT]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
            columnKind: 'utf16CodeUnits',
            artifacts: report.files.map(file => ({ location: artifactLocation(file, options.cwd, root) })),
            results: report.diagnostics.map((d, i) => ({
                ruleId: d.code,
                ruleIndex: ruleIndex.get(d.code),
                level: LEVEL[d.severity],
                message: { text: d.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: artifactLocation(d.file, options.cwd, root),
                        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
                    }
                }],
                partialFingerprints: { [FINGERPRINT_KEY]: prints[i] }
            }))
        }]
    };
}

export function formatSarif(report: Report, cwd: string): string {
    return JSON.stringify(toSarif(report, { cwd }), null, 2) + '\n';
}
