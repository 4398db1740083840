/**
 * The KPI actuals of a workspace (language §7): the CSV files it reads them from, and what they
 * say per KPI once matched with the workspace's KPIs, as of the as-of date. Every surface asks
 * here: validation (`kpi-off-target`, `kpi-stale`), the model (a KPI's `current`, `actual` and
 * `series`), the CLI (the files' own diagnostics). The files come in through `setFiles` (the CLI's
 * `--actuals`, later the config file's `actuals` globs) or one by one (`setFile`, the editor).
 */
import { WorkspaceCache, type LangiumDocuments } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { CopisServices } from '../copis-module.js';
import * as ast from '../generated/ast.js';
import { idOf, type ActualsOf } from '../model/build-model.js';
import type { KpiData } from '../model/journey-model.js';
import { textProp } from '../model/props.js';
import type { Value } from '../model/values.js';
import { compareDocumentUris } from '../references/declarations.js';
import type { AsOfDate } from '../validation/as-of.js';
import { readActualsFile, type ActualsFile } from './actuals-file.js';
import { daysBetween, resolveActuals, type KpiEntry, type ResolvedActuals } from './resolve-actuals.js';

export interface ActualsSource {
    uri: string;
    text: string;
}

/** `staleAfter` when the config says nothing (language §7). */
export const DEFAULT_STALE_AFTER_DAYS = 90;

interface Resolved {
    asOf: string;
    /** The KPIs' names and metrics it was matched with, and the files' revision: while they stay, so does it. */
    signature: string;
    revision: number;
    result: ResolvedActuals<string>;
    /** What `of` gave per KPI id (null: nothing), so that every model built shares it. */
    data: Map<string, KpiData | null>;
}

/** Per build: which KPI node holds each name (the first in workspace order), and the resolution. */
interface Build {
    nodes: Map<string, ast.Kpi>;
    resolved: Resolved;
}

export class Actuals {
    private readonly documents: LangiumDocuments;
    private readonly asOf: AsOfDate;
    /** Per file, its text and (read once per text) its rows; in the order given. */
    private readonly files = new Map<string, { text: string; file?: ActualsFile }>();
    private readonly cache: WorkspaceCache<'build', Build>;
    /**
     * The last resolution, kept across builds: a keystroke that changes no KPI's name or metric
     * (nearly all of them) matches 100,000 rows again for nothing.
     */
    private last: Resolved | undefined;
    private staleAfter = DEFAULT_STALE_AFTER_DAYS;
    private changes = 0;

    constructor(services: CopisServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.asOf = services.validation.AsOf;
        this.cache = new WorkspaceCache(services.shared);
    }

    /** The actuals files, replacing those there were. */
    setFiles(sources: readonly ActualsSource[]): void {
        this.files.clear();
        for (const s of sources) this.files.set(s.uri, { text: s.text });
        this.changed();
    }

    /** Adds or updates one file; false when it was there with the same text. */
    setFile(source: ActualsSource): boolean {
        if (this.files.get(source.uri)?.text === source.text) return false;
        this.files.set(source.uri, { text: source.text });
        this.changed();
        return true;
    }

    removeFile(uri: string): boolean {
        if (!this.files.delete(uri)) return false;
        this.changed();
        return true;
    }

    /** How old (in days) a KPI's latest actual may be before it is `kpi-stale`. */
    setStaleAfter(days: number | undefined): void {
        if (!Number.isFinite(days) || days! < 0) days = DEFAULT_STALE_AFTER_DAYS;
        if (days === this.staleAfter) return;
        this.staleAfter = days!;
        this.changed();
    }

    get staleAfterDays(): number {
        return this.staleAfter;
    }

    uris(): string[] {
        return [...this.files.keys()];
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
        const id = this.idIfIndexed(kpi);
        if (id === undefined) return undefined;
        const { resolved } = this.build();
        let data = resolved.data.get(id);
        if (data === undefined) {
            const found = resolved.result.byKpi.get(id);
            const latest = this.latest(kpi);
            data = found && latest ? {
                series: found.series.map(p => ({ date: p.date, value: p.value })),
                actual: { ...latest, location: { uri: latest.uri, range: this.valueRange(latest.uri, found.actual!.row) } }
            } : null;
            resolved.data.set(id, data);
        }
        return data ?? undefined;
    }

    /**
     * A KPI's actual without where it was read (validation needs no more; finding the cell of the
     * row reads the row again, which 2,000 KPIs do not need to pay for).
     */
    latest(kpi: ast.Kpi): { date: string; value: Value; uri: string; ageDays: number; stale: boolean } | undefined {
        const id = this.idIfIndexed(kpi);
        if (id === undefined) return undefined;
        const { asOf, result } = this.build().resolved;
        const actual = result.byKpi.get(id)?.actual;
        if (!actual) return undefined;
        const ageDays = daysBetween(actual.date, asOf);
        return { date: actual.date, value: actual.value, uri: actual.uri, ageDays, stale: ageDays > this.staleAfter };
    }

    /** The KPI's name as rows give it, when it is the KPI that name stands for (the first of that name in workspace order). */
    private idIfIndexed(kpi: ast.Kpi): string | undefined {
        if (this.files.size === 0 || !kpi.name) return undefined;
        const id = idOf(kpi);
        return this.build().nodes.get(id) === kpi ? id : undefined;
    }

    /** `of`, as the model builder takes it. */
    readonly lookup: ActualsOf = kpi => this.of(kpi);

    /** The problems of one actuals file (empty for a file that is not one). */
    diagnostics(uri: string): Diagnostic[] {
        if (!this.files.has(uri)) return [];
        return this.build().resolved.result.diagnostics.get(uri) ?? [];
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
        this.last = undefined;
    }

    private build(): Build {
        const asOf = this.asOf.get();
        let build = this.cache.get('build', () => this.makeBuild(asOf));
        // "Today" moves on while a server runs.
        if (build.resolved.asOf !== asOf) {
            this.cache.clear();
            build = this.cache.get('build', () => this.makeBuild(asOf));
        }
        return build;
    }

    private makeBuild(asOf: string): Build {
        const index = this.kpiIndex();
        const nodes = new Map<string, ast.Kpi>();
        const entries = new Map<string, KpiEntry<string>>();
        const signature: string[] = [];
        for (const [id, { key, metric }] of index) {
            nodes.set(id, key);
            entries.set(id, { key: id, metric });
            signature.push(`${id}:${metric ?? ''}`);
        }
        const key = signature.join(' ');
        const last = this.last;
        if (last && last.asOf === asOf && last.revision === this.changes && last.signature === key) return { nodes, resolved: last };
        const files = [...this.files].map(([uri, entry]) => {
            entry.file ??= readActualsFile(entry.text);
            return { uri, file: entry.file };
        });
        this.last = { asOf, signature: key, revision: this.changes, result: resolveActuals(files, entries, asOf), data: new Map() };
        return { nodes, resolved: this.last };
    }

    /** Every KPI of the workspace by the name an actuals row gives it; the first in workspace order wins. */
    private kpiIndex(): Map<string, KpiEntry<ast.Kpi>> {
        const index = new Map<string, KpiEntry<ast.Kpi>>();
        const add = (kpi: ast.Kpi) => {
            if (!kpi.name) return;
            const id = idOf(kpi);
            if (!index.has(id)) index.set(id, { key: kpi, metric: textProp(kpi, 'metric') });
        };
        const documents = this.documents.all.toArray().sort((a, b) => compareDocumentUris(a.uri.toString(), b.uri.toString()));
        for (const document of documents) {
            for (const element of (document.parseResult.value as ast.Model).elements ?? []) {
                if (ast.isObjective(element) && element.name) element.kpis.forEach(add);
                else if (ast.isJourney(element) && element.name) element.objectives.filter(o => o.name).forEach(o => o.kpis.forEach(add));
            }
        }
        return index;
    }
}
