/**
 * The KPI actuals of a workspace (language §7): the CSV files it reads them from, and what they
 * say per KPI once matched with the workspace's KPIs, as of the as-of date. Every surface asks
 * here: validation (`kpi-off-target`, `kpi-stale`), the model (a KPI's `current`, `actual` and
 * `series`), the CLI (the files' own diagnostics).
 *
 * A file serves one model (a scope of ModelRoots: the model root whose config's `actuals` globs
 * name it), and its rows are matched with that model's KPIs only, since two model roots may
 * declare KPIs of the same name; the `staleAfter` of that root's config holds for them. A file
 * without a scope (the CLI's `--actuals FILE`) serves every model of the run: a row of it is
 * unknown when no model has its KPI.
 */
import { AstUtils, WorkspaceCache, type LangiumDocuments } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { CopisServices } from '../copis-module.js';
import { DEFAULT_CONFIG, type ConfigDuration } from '../config/copis-config.js';
import * as ast from '../generated/ast.js';
import { idOf, type ActualsOf } from '../model/build-model.js';
import type { KpiData } from '../model/journey-model.js';
import { textProp } from '../model/props.js';
import type { Value } from '../model/values.js';
import { compareDocumentUris } from '../references/declarations.js';
import type { AsOfDate } from '../validation/as-of.js';
import { closestName } from '../validation/did-you-mean.js';
import { applyRuleSettings } from '../validation/rule-settings.js';
import type { ModelRoots } from '../workspace/model-roots.js';
import { readActualsFile, type ActualsFile } from './actuals-file.js';
import { daysBetween, resolveActuals, type KpiEntry, type ResolvedActuals } from './resolve-actuals.js';

export interface ActualsSource {
    uri: string;
    text: string;
    /** The model it serves: a scope of ModelRoots (a model root's key). Absent: every model loaded. */
    scope?: string;
}

/** A KPI's latest actual, without where in its file it was read. */
export interface LatestActual {
    date: string;
    value: Value;
    uri: string;
    ageDays: number;
    /** Older than `staleAfter` before the as-of date. */
    stale: boolean;
    /** The `staleAfter` it was judged by (its model root's config, else the default). */
    staleAfter: ConfigDuration;
}

interface Resolved {
    asOf: string;
    /** The KPIs' names and metrics it was matched with, and the files' revision: while they stay, so does it. */
    signature: string;
    revision: number;
    result: ResolvedActuals<string>;
    /** What `of` gave per KPI id (null: nothing), so that every model built shares it. */
    data: Map<string, KpiData | null>;
}

/** Per build and scope: which KPI node holds each name (the first in workspace order), and the resolution. */
interface Build {
    nodes: Map<string, ast.Kpi>;
    resolved: Resolved;
}

export class Actuals {
    private readonly documents: LangiumDocuments;
    private readonly roots: ModelRoots;
    private readonly asOf: AsOfDate;
    /** Per file, its text, its scope and (read once per text) its rows; in the order given. */
    private readonly files = new Map<string, { text: string; scope?: string; file?: ActualsFile }>();
    private readonly cache: WorkspaceCache<string, Build>;
    /**
     * The last resolution per scope, kept across builds: a keystroke that changes no KPI's name or
     * metric (nearly all of them) matches 100,000 rows again for nothing.
     */
    private readonly last = new Map<string, Resolved>();
    private changes = 0;

    constructor(services: CopisServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.roots = services.shared.workspace.ModelRoots;
        this.asOf = services.validation.AsOf;
        this.cache = new WorkspaceCache(services.shared);
    }

    /** The actuals files, replacing those there were. */
    setFiles(sources: readonly ActualsSource[]): void {
        this.files.clear();
        for (const s of sources) this.files.set(s.uri, { text: s.text, scope: s.scope });
        this.changed();
    }

    /** Adds or updates one file; false when it was there with the same text and scope. */
    setFile(source: ActualsSource): boolean {
        const known = this.files.get(source.uri);
        if (known?.text === source.text && known.scope === source.scope) return false;
        this.files.set(source.uri, { text: source.text, scope: source.scope });
        this.changed();
        return true;
    }

    removeFile(uri: string): boolean {
        if (!this.files.delete(uri)) return false;
        this.changed();
        return true;
    }

    uris(): string[] {
        return [...this.files.keys()];
    }

    /** The scope a file serves (undefined: every model, or not an actuals file). */
    scopeOf(uri: string): string | undefined {
        return this.files.get(uri)?.scope;
    }

    has(uri: string): boolean {
        return this.files.has(uri);
    }

    /** Counts the changes of files and settings: what was validated with an older count is stale. */
    get revision(): number {
        return this.changes;
    }

    /** A KPI's actual (the latest row on or before the as-of date) and series, or undefined when no row names it. */
    of(kpi: ast.Kpi): KpiData | undefined {
        const scope = this.scopeOfKpi(kpi);
        const id = this.idIfIndexed(kpi, scope);
        if (id === undefined) return undefined;
        const { resolved } = this.build(scope);
        let data = resolved.data.get(id);
        if (data === undefined) {
            const found = resolved.result.byKpi.get(id);
            const latest = this.latest(kpi);
            data = found && latest ? {
                series: found.series.map(p => ({ date: p.date, value: p.value })),
                actual: {
                    date: latest.date, value: latest.value, ageDays: latest.ageDays, stale: latest.stale, staleAfter: latest.staleAfter.text,
                    location: { uri: latest.uri, range: this.valueRange(latest.uri, found.actual!.row) }
                }
            } : null;
            resolved.data.set(id, data);
        }
        return data ?? undefined;
    }

    /**
     * A KPI's actual without where it was read (validation needs no more; finding the cell of the
     * row reads the row again, which 2,000 KPIs do not need to pay for).
     */
    latest(kpi: ast.Kpi): LatestActual | undefined {
        const scope = this.scopeOfKpi(kpi);
        const id = this.idIfIndexed(kpi, scope);
        if (id === undefined) return undefined;
        const { asOf, result } = this.build(scope).resolved;
        const actual = result.byKpi.get(id)?.actual;
        if (!actual) return undefined;
        const ageDays = daysBetween(actual.date, asOf);
        const staleAfter = this.staleAfterOf(scope);
        return { date: actual.date, value: actual.value, uri: actual.uri, ageDays, stale: ageDays * 86_400 > staleAfter.seconds, staleAfter };
    }

    /** The `staleAfter` of a scope: its model root's config's (language §7: default 90d). */
    staleAfterOf(scope: string): ConfigDuration {
        return this.roots.get(scope)?.config.staleAfter ?? DEFAULT_CONFIG.staleAfter;
    }

    private scopeOfKpi(kpi: ast.Kpi): string {
        const uri = AstUtils.findRootNode(kpi).$document?.uri;
        return uri ? this.roots.scopeOf(uri) : '';
    }

    /** The KPI's name as rows give it, when it is the KPI that name stands for in its model (the first of that name in workspace order). */
    private idIfIndexed(kpi: ast.Kpi, scope: string): string | undefined {
        if (this.files.size === 0 || !kpi.name) return undefined;
        const id = idOf(kpi);
        return this.build(scope).nodes.get(id) === kpi ? id : undefined;
    }

    /** `of`, as the model builder takes it. */
    readonly lookup: ActualsOf = kpi => this.of(kpi);

    /**
     * The KPI that a row of this actuals file names (`Journey.Kpi`, as `data.kpi` of its problems gives it): the
     * one that name stands for in the model the file serves (for a file that serves every model, the first
     * model in workspace order that has it). Undefined when no KPI has that name there.
     */
    kpiNamed(uri: string, name: string): ast.Kpi | undefined {
        const entry = this.files.get(uri);
        if (!entry) return undefined;
        for (const scope of entry.scope !== undefined ? [entry.scope] : this.scopesWithDocuments()) {
            const kpi = this.build(scope).nodes.get(name);
            if (kpi) return kpi;
        }
        return undefined;
    }

    /**
     * The rows of every actuals file that name one of `kpis` (the KPI their name stands for in the model the file
     * serves), each with the range of the name in its `kpi` cell: what a rename of those KPIs, or of what
     * qualifies them, rewrites.
     */
    rowsNaming(kpis: ReadonlySet<ast.Kpi>): { uri: string; range: Range; name: string }[] {
        const found: { uri: string; range: Range; name: string }[] = [];
        if (kpis.size === 0) return found;
        for (const [uri, entry] of this.files) {
            const file = entry.file ??= readActualsFile(entry.text);
            const { rows } = file;
            // Per way of writing a name: whether it names one of the KPIs (100,000 rows name a few hundred).
            const hits = rows.names.map(name => { const kpi = this.kpiNamed(uri, name); return kpi !== undefined && kpis.has(kpi); });
            for (let i = 0; i < rows.length; i++) {
                if (!hits[rows.kpi[i]]) continue;
                const name = rows.names[rows.kpi[i]];
                const cell = file.cellRange(rows.row[i], 'kpi');
                // The name as written in the cell (which may be quoted or padded).
                const at = entry.text.slice(cell.start, cell.end).indexOf(name);
                if (at < 0) continue;
                const start = cell.start + at;
                found.push({ uri, name, range: { start: file.positionAt(start), end: file.positionAt(start + name.length) } });
            }
        }
        return found;
    }

    /** The problems of one actuals file (empty for a file that is not one). */
    diagnostics(uri: string): Diagnostic[] {
        const entry = this.files.get(uri);
        if (!entry) return [];
        // The `rules` of the config that names the file (or, for `--actuals`, of the root it is in) have their say, as on a .copis file.
        const rules = (entry.scope !== undefined ? this.roots.get(entry.scope) : this.roots.rootOf(uri))?.config.rules ?? {};
        if (entry.scope !== undefined) return applyRuleSettings(this.build(entry.scope).resolved.result.diagnostics.get(uri) ?? [], rules);
        const scopes = this.scopesWithDocuments();
        const found = scopes.length === 1 ? this.build(scopes[0]).resolved.result.diagnostics.get(uri) ?? []
            : mergeAcrossScopes(scopes.map(scope => this.build(scope).resolved.result.diagnostics.get(uri) ?? []));
        return applyRuleSettings(found, rules);
    }

    /** The scopes of the workspace's documents, in workspace order ('' when it has none). */
    private scopesWithDocuments(): string[] {
        const scopes = new Set<string>();
        for (const document of this.sortedDocuments()) scopes.add(this.roots.scopeOf(document.uri));
        return scopes.size > 0 ? [...scopes] : [''];
    }

    /** Where a row's value cell is (worked out when asked: reading 100,000 rows does not). */
    private valueRange(uri: string, row: number): Range {
        const file = this.files.get(uri)?.file;
        if (!file) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const { start, end } = file.cellRange(row, 'value');
        return { start: file.positionAt(start), end: file.positionAt(end) };
    }

    private changed(): void {
        this.changes++;
        this.cache.clear();
        this.last.clear();
    }

    private build(scope: string): Build {
        const asOf = this.asOf.get();
        let build = this.cache.get(scope, () => this.makeBuild(scope, asOf));
        // "Today" moves on while a server runs.
        if (build.resolved.asOf !== asOf) {
            this.cache.clear();
            build = this.cache.get(scope, () => this.makeBuild(scope, asOf));
        }
        return build;
    }

    private makeBuild(scope: string, asOf: string): Build {
        const index = this.kpiIndex(scope);
        const nodes = new Map<string, ast.Kpi>();
        const entries = new Map<string, KpiEntry<string>>();
        const signature: string[] = [];
        for (const [id, { key, metric }] of index) {
            nodes.set(id, key);
            entries.set(id, { key: id, metric });
            signature.push(`${id}:${metric ?? ''}`);
        }
        // `staleAfter` too: what `of` keeps per KPI says whether its actual is stale.
        const key = `${signature.join(' ')} | ${this.staleAfterOf(scope).seconds}`;
        const last = this.last.get(scope);
        if (last && last.asOf === asOf && last.revision === this.changes && last.signature === key) return { nodes, resolved: last };
        const files = [...this.files].filter(([, entry]) => entry.scope === undefined || entry.scope === scope).map(([uri, entry]) => {
            entry.file ??= readActualsFile(entry.text);
            return { uri, file: entry.file };
        });
        const resolved: Resolved = { asOf, signature: key, revision: this.changes, result: resolveActuals(files, entries, asOf), data: new Map() };
        this.last.set(scope, resolved);
        return { nodes, resolved };
    }

    private sortedDocuments() {
        return this.documents.all.toArray().sort((a, b) => compareDocumentUris(a.uri.toString(), b.uri.toString()));
    }

    /** Every KPI of one model by the name an actuals row gives it; the first in workspace order wins. */
    private kpiIndex(scope: string): Map<string, KpiEntry<ast.Kpi>> {
        const index = new Map<string, KpiEntry<ast.Kpi>>();
        const add = (kpi: ast.Kpi) => {
            if (!kpi.name) return;
            const id = idOf(kpi);
            if (!index.has(id)) index.set(id, { key: kpi, metric: textProp(kpi, 'metric') });
        };
        for (const document of this.sortedDocuments()) {
            if (this.roots.scopeOf(document.uri) !== scope) continue;
            for (const element of (document.parseResult.value as ast.Model).elements ?? []) {
                if (ast.isObjective(element) && element.name) element.kpis.forEach(add);
                else if (ast.isJourney(element) && element.name) element.objectives.filter(o => o.name).forEach(o => o.kpis.forEach(add));
            }
        }
        return index;
    }
}


/**
 * The problems of a file that serves every model, from what each model found: a row is unknown
 * only when no model has its KPI (and then the closest name of any model is suggested); every other
 * problem once.
 */
function mergeAcrossScopes(lists: readonly Diagnostic[][]): Diagnostic[] {
    const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;
    const found = new Map<string, Diagnostic[]>();
    for (const list of lists) {
        for (const d of list) {
            const k = key(d);
            const same = found.get(k);
            if (same) same.push(d); else found.set(k, [d]);
        }
    }
    const merged: Diagnostic[] = [];
    for (const same of found.values()) {
        if (same[0].code !== 'actuals-unknown-kpi') merged.push(same[0]);
        else if (same.length === lists.length) merged.push(closestSuggestion(same));
    }
    return merged.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Of one row's `actuals-unknown-kpi` in each model, the one whose suggestion is closest to the name written. */
function closestSuggestion(same: readonly Diagnostic[]): Diagnostic {
    const data = (d: Diagnostic) => (d.data ?? {}) as { kpi?: string; suggestion?: string };
    const name = data(same[0]).kpi;
    const suggestions = same.map(d => data(d).suggestion).filter((s): s is string => s !== undefined);
    const best = name === undefined ? undefined : closestName(name, suggestions);
    return same.find(d => data(d).suggestion === best) ?? same[0];
}
