import { AstUtils, WorkspaceCache, type AstNode, type AstReflection, type LangiumDocument, type LangiumDocuments, type Reference } from 'langium';
import * as ast from '../generated/ast.js';
import type { CopisServices } from '../copis-module.js';
import { TIER_RANK } from '../model/lifecycle.js';
import { quantityProp, textProp } from '../model/props.js';
import { closestName } from './did-you-mean.js';
import { compareDocumentUris, journeyMembers } from '../references/declarations.js';
import { referenceStatus, related } from '../references/reference-status.js';
import type { CopisIndexManager } from '../workspace/copis-index-manager.js';
import type { ModelRoots } from '../workspace/model-roots.js';
import { doesNotParse, lastParsed, workspaceModel, workspaceParse } from '../parser/last-parsed.js';

export interface TopLevelEntry {
    node: ast.Declaration;
    uri: string;
}

interface Facts {
    /** Top-level names (and the KPIs of top-level objectives), each in workspace order. */
    topLevel: { get(name: string): TopLevelEntry[] | undefined };
    /** Every declaration some reference resolves to (an objective, also when one of its KPIs is). */
    referenced: { has(node: AstNode): boolean };
    /** References that resolve to nothing: their text, the type they expect and their property. */
    unresolved: Array<{ text: string; type: string; key?: string }>;
    /** References that name a declaration of another kind (`target`) than the type they expect. */
    wrongKind: Array<{ target: AstNode; type: string; key?: string }>;
    /** KPIs that some opportunity's `improves` names. */
    improved: { has(node: AstNode): boolean };
    /** Customers named by a journey's `customers`, an objective's `for` or a moment's `customers`. */
    namedCustomers: { has(node: AstNode): boolean };
    /** Per currency, per tier rank: the highest-CLV customer of any lower tier. */
    richestBelowTier: Map<string, Map<number, { customer: ast.Customer; clv: number }>>;
}

/** What one document's references and customers add to the facts, for one linking of it. */
interface DocumentFacts {
    /** The linked references it was collected from: Langium replaces the array when it unlinks. */
    references: unknown[];
    referenceCount: number;
    parseResult: unknown;
    referenced: AstNode[];
    unresolved: Array<{ text: string; type: string; key?: string }>;
    wrongKind: Array<{ target: AstNode; type: string; key?: string }>;
    named: AstNode[];
    improved: AstNode[];
    customers: Array<{ customer: ast.Customer; tier: number; clv: number; currency: string }>;
}

/**
 * Facts about a whole model root that workspace-wide rules need, computed once per build and
 * root (never per node: iterating all documents inside a check would be quadratic). Each root is
 * a model of its own (model-roots.ts): its rules see its documents only.
 * Validation runs after every document of a build is linked, so the facts are complete.
 */
export class WorkspaceFacts {
    private readonly documents: LangiumDocuments;
    private readonly reflection: AstReflection;
    /** Per scope (ModelRoots.scopeOf). */
    private readonly cache: WorkspaceCache<string, Facts>;
    /** Whether `perDocument` is up to date with this build. */
    private readonly synced: WorkspaceCache<'synced', true>;
    private readonly index: CopisIndexManager;
    private readonly roots: ModelRoots;
    private readonly perDocument = new Map<string, DocumentFacts>();
    private readonly referencedCount = new Map<AstNode, number>();
    private readonly namedCount = new Map<AstNode, number>();
    private readonly improvedCount = new Map<AstNode, number>();

    constructor(services: CopisServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.reflection = services.shared.AstReflection;
        this.cache = new WorkspaceCache(services.shared);
        this.synced = new WorkspaceCache(services.shared);
        this.index = services.shared.workspace.IndexManager as CopisIndexManager;
        this.roots = services.shared.workspace.ModelRoots;
    }

    /** The facts of the model root that `node` belongs to. */
    get(node: AstNode): Facts {
        return this.ofScope(this.roots.scopeOf(AstUtils.getDocument(node).uri));
    }

    private ofScope(scope: string): Facts {
        return this.cache.get(scope, () => this.compute(scope));
    }

    /**
     * Whether an unresolved reference may have meant `node` (it expects its kind and its name is
     * `node`'s name or close to it): rules that a reference to `node` would silence stay silent then,
     * so that a typo gives one diagnostic (`unresolved-reference`), not also "unused". A reference
     * that names a declaration of another kind may mean only what that one is related to
     * (reference-status.ts: `supports Nps`, a KPI, may mean its objective).
     * `key`: only references of that property count (`improves`, for `kpi-miss-unaddressed`).
     */
    mayBeMeant(node: ast.Declaration, key?: string): boolean {
        if (!node.name) return false;
        const facts = this.get(node);
        if (facts.wrongKind.some(w => (key === undefined || w.key === key) && this.reflection.isSubtype(node.$type, w.type) && related(w.target, node))) return true;
        return facts.unresolved.some(({ text, type, key: refKey }) => {
            if (key !== undefined && refKey !== key) return false;
            if (!this.reflection.isSubtype(node.$type, type)) return false;
            const simple = text.slice(text.lastIndexOf('.') + 1);
            return simple === node.name || closestName(simple, [node.name]) === node.name;
        });
    }

    /**
     * What the workspace-wide rules conclude about one document's declarations, as a string.
     * The language server compares it after each build: when it changed for a document that was
     * not rebuilt (a name declared or used elsewhere), that document's diagnostics are stale.
     */
    signature(document: LangiumDocument): string {
        // A file that does not parse shows its syntax errors only: nothing of the workspace's.
        if (doesNotParse(document.parseResult)) return '#';
        const facts = this.ofScope(this.roots.scopeOf(document.uri));
        const model = document.parseResult.value as ast.Model;
        const parts: string[] = [];
        const usage = (node: ast.Declaration) => {
            const used = facts.referenced.has(node);
            parts.push(`${used ? 'u' : this.mayBeMeant(node) ? 'm' : '-'}${facts.namedCustomers.has(node) ? 'n' : ''}`);
        };
        // Whether an opportunity anywhere improves a KPI (or may mean to): `kpi-miss-unaddressed`.
        const improvement = (kpi: ast.Kpi) => parts.push(facts.improved.has(kpi) ? 'i' : this.mayBeMeant(kpi, 'improves') ? 'j' : '-');
        // What the messages say about declarations of other files counts too: where the first
        // declaration of a name is (file and line) and its kind, the kind a member hides, the
        // customer a CLV is compared with.
        const topLevelName = (node: ast.Declaration) => {
            const entries = facts.topLevel.get(node.name) ?? [];
            const first = entries[0]?.node;
            parts.push(`${node.name}:${entries.length < 2 ? '' : first === node ? 'first' : `dup@${entries[0].uri}:${first.$cstNode?.range.start.line}:${first.$type}`}`);
        };
        for (const element of model.elements ?? []) {
            if (!element.name) continue;
            topLevelName(element);
            if (!ast.isJourney(element)) usage(element);
            if (ast.isObjective(element)) element.kpis.filter(k => k.name).forEach(k => { topLevelName(k); improvement(k); });
            if (ast.isCustomer(element)) {
                const clv = quantityProp(element, 'clv')?.value;
                const rank = TIER_RANK[textProp(element, 'value') ?? ''];
                if (clv?.form === 'money' && rank !== undefined) {
                    const richer = facts.richestBelowTier.get(clv.currency)?.get(rank);
                    parts.push(richer ? `r${richer.clv}:${richer.customer.name}:${textProp(richer.customer, 'value')}` : 'r');
                }
            }
            if (ast.isJourney(element)) {
                for (const member of journeyMembers(element)) {
                    if (!member.name) continue;
                    parts.push(`${member.name}:${facts.topLevel.get(member.name)?.[0]?.node.$type ?? ''}`);
                    if (ast.isProcess(member) || ast.isObjective(member)) usage(member);
                    if (ast.isKpi(member)) improvement(member);
                }
            }
        }
        return parts.join(' ');
    }

    /**
     * What one document puts into the workspace-wide facts that other documents' verdicts read:
     * its exported names (and the line of each top-level one, which messages quote), what it
     * refers to outside itself, its unresolved references, the customers it names and the tiers
     * and CLVs of its customers. When a build leaves this unchanged for every document it rebuilt,
     * no other document's signature can have changed.
     */
    contribution(document: LangiumDocument, exports: Iterable<{ name: string; type: string }>): string {
        const model = workspaceModel(document);
        const uri = document.uri.toString();
        const parts: string[] = [];
        for (const e of exports) parts.push(`${e.name}:${e.type}`);
        for (const element of model.elements ?? []) {
            parts.push(`@${element.name}:${element.$cstNode?.range.start.line}`);
            if (ast.isObjective(element)) element.kpis.forEach(k => parts.push(`@${k.name}:${k.$cstNode?.range.start.line}`));
            if (ast.isCustomer(element)) {
                const clv = quantityProp(element, 'clv')?.value;
                parts.push(`$${textProp(element, 'value') ?? ''}:${clv?.form === 'money' ? `${clv.value}${clv.currency}` : ''}`);
            }
        }
        for (const reference of workspaceReferences(document)) {
            const target = 'ref' in reference ? reference.ref : undefined;
            if (!target) {
                parts.push(`?${reference.$refText}:${reference.error?.info ? this.reflection.getReferenceType(reference.error.info) : ''}`);
                continue;
            }
            const prop = reference.$refNode?.astNode as { key?: string; $container?: AstNode } | undefined;
            // Targets in other documents, by file and path: in a document that was not rebuilt a path is
            // always the same node, and a rebuilt document's own verdicts are computed again anyway.
            const where = 'ref' in reference ? reference.$nodeDescription : undefined;
            if (where && where.documentUri.toString() !== uri) parts.push(`>${where.documentUri.toString()}#${where.path}:${prop?.key ?? ''}:${prop?.$container?.$type ?? ''}`);
        }
        return parts.join(' ');
    }

    /**
     * Per build, only the documents relinked since the last one are looked at again (a keystroke
     * relinks one file, not the 10,000 declarations around it); names come from the index.
     */
    private compute(scope: string): Facts {
        this.synced.get('synced', () => {
            this.sync();
            return true;
        });
        const inScope: Array<[string, DocumentFacts]> = [];
        for (const entry of this.perDocument) if (this.roots.scopeOf(entry[0]) === scope) inScope.push(entry);
        return {
            topLevel: this.topLevelByName(scope),
            referenced: this.referencedCount,
            // In no particular order: the rules only ask whether one of them may mean a declaration.
            unresolved: inScope.flatMap(([, d]) => d.unresolved),
            wrongKind: inScope.flatMap(([, d]) => d.wrongKind),
            namedCustomers: this.namedCount,
            improved: this.improvedCount,
            richestBelowTier: richestBelow(inScope)
        };
    }

    private sync(): void {
        const seen = new Set<string>();
        for (const doc of this.documents.all) {
            const uri = doc.uri.toString();
            seen.add(uri);
            const previous = this.perDocument.get(uri);
            if (previous && previous.references === doc.references && previous.referenceCount === doc.references.length && previous.parseResult === workspaceParse(doc)) continue;
            if (previous) this.count(previous, -1);
            const next = this.collect(doc);
            this.perDocument.set(uri, next);
            this.count(next, 1);
        }
        for (const [uri, previous] of this.perDocument) {
            if (seen.has(uri)) continue;
            this.count(previous, -1);
            this.perDocument.delete(uri);
        }
    }

    /**
     * The index's entries of a name in `scope`, made once per build, scope and name: the duplicate-name
     * check asks for the name of every declaration, and 20,000 declarations of one name made 20,000
     * lists of 20,000 entries each.
     */
    private topLevelByName(scope: string): Facts['topLevel'] {
        const index = this.index;
        const made = new Map<string, TopLevelEntry[]>();
        return {
            get: name => {
                let entries = made.get(name);
                if (!entries) made.set(name, entries = index.named(name, scope).map(d => ({ node: d.node as ast.Declaration, uri: d.documentUri.toString() })));
                return entries;
            }
        };
    }

    private collect(doc: LangiumDocument): DocumentFacts {
        const facts: DocumentFacts = { references: doc.references, referenceCount: doc.references.length, parseResult: workspaceParse(doc), referenced: [], unresolved: [], wrongKind: [], named: [], improved: [], customers: [] };
        for (const element of workspaceModel(doc).elements ?? []) {
            if (!ast.isCustomer(element)) continue;
            const tier = TIER_RANK[textProp(element, 'value') ?? ''];
            const clv = quantityProp(element, 'clv')?.value;
            if (tier !== undefined && clv?.form === 'money') facts.customers.push({ customer: element, tier, clv: clv.value, currency: clv.currency });
        }
        for (const reference of workspaceReferences(doc)) {
            const target = 'ref' in reference ? reference.ref : undefined;
            if (!target) {
                const prop = propertyOf(reference);
                const info = reference.error?.info;
                if (!info || !reference.$refText) continue;
                const type = this.reflection.getReferenceType(info);
                const status = referenceStatus(reference as Reference);
                if (status.state === 'wrong-kind') {
                    if (status.target) facts.wrongKind.push({ target: status.target, type, key: prop?.key });
                } else {
                    facts.unresolved.push({ text: reference.$refText, type, key: prop?.key });
                }
                continue;
            }
            facts.referenced.push(target);
            // Neither kind has subtypes: comparing the type is the same test as ast.isKpi and ast.isCustomer.
            const type = target.$type;
            // Measuring an objective's KPI uses the objective: removing it would break the reference.
            if (type === ast.Kpi.$type) {
                const kpi = target as ast.Kpi;
                facts.referenced.push(kpi.$container);
                if (propertyOf(reference)?.key === 'improves') facts.improved.push(kpi);
            } else if (type === ast.Customer.$type) {
                const prop = propertyOf(reference);
                const owner = prop?.$container;
                if (prop?.key === 'for' || (prop?.key === 'customers' && (ast.isJourney(owner) || ast.isMoment(owner)))) {
                    facts.named.push(target);
                }
            }
        }
        return facts;
    }

    private count(facts: DocumentFacts, by: 1 | -1): void {
        for (const node of facts.referenced) bump(this.referencedCount, node, by);
        for (const node of facts.named) bump(this.namedCount, node, by);
        for (const node of facts.improved) bump(this.improvedCount, node, by);
    }
}

/**
 * The document's linked references that the rest of the workspace reads. In a file that does not
 * parse, an editor request on its current text (hover, say) resolves references of that text too,
 * and Langium lists them with the others: they are left out.
 */
function workspaceReferences(document: LangiumDocument): LangiumDocument['references'] {
    const held = lastParsed(document);
    if (!held) return document.references;
    const root = held.value.$cstNode;
    return document.references.filter(r => r.$refNode?.root === root);
}

/**
 * The property node a reference is written in, with its key. Asked only of the references whose property
 * matters (unresolved ones, to KPIs and customers): finding it walks the CST up from the name, and most
 * references of a workspace name systems, information and objectives.
 */
function propertyOf(reference: LangiumDocument['references'][number]): { key?: string; $container?: AstNode } | undefined {
    return reference.$refNode?.astNode as { key?: string; $container?: AstNode } | undefined;
}

/** A multiset as a map to counts: a node is in it while some document still refers to it. */
function bump(counts: Map<AstNode, number>, node: AstNode, by: 1 | -1): void {
    const n = (counts.get(node) ?? 0) + by;
    if (n > 0) counts.set(node, n); else counts.delete(node);
}

/**
 * Of the customers with the highest CLV, the first in workspace order (files by URI, see compareDocumentUris), as
 * in the CLI. Files are compared only when two of them tie: sorting every file by URI with `localeCompare` made
 * ICU start its collation (5 ms of `copis validate`) in workspaces whose customers are all in one file.
 * `documents`: in the order they were first collected, which breaks ties between URIs that compare equal, as the
 * stable sort of them did.
 */
function richestBelow(documents: ReadonlyArray<[string, DocumentFacts]>): Facts['richestBelowTier'] {
    const best = new Map<string, Map<number, { customer: ast.Customer; clv: number; uri: string }>>();
    for (const [uri, facts] of documents) {
        for (const { customer, tier, clv, currency } of facts.customers) {
            let byTier = best.get(currency);
            if (!byTier) best.set(currency, byTier = new Map());
            for (let higher = tier + 1; higher <= 2; higher++) {
                const current = byTier.get(higher);
                // In one file the earlier customer is met first; of two files, the one first in workspace order wins.
                if (!current || clv > current.clv || (clv === current.clv && current.uri !== uri && compareDocumentUris(uri, current.uri) < 0)) {
                    byTier.set(higher, { customer, clv, uri });
                }
            }
        }
    }
    return best;
}
