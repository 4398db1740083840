import { AstUtils, WorkspaceCache, type AstNode, type AstReflection, type LangiumDocument, type LangiumDocuments } from 'langium';
import * as ast from '../generated/ast.js';
import type { CopisServices } from '../copis-module.js';
import { TIER_RANK } from '../model/lifecycle.js';
import { quantityProp, textProp } from '../model/props.js';
import { closestName } from './did-you-mean.js';
import { compareDocumentUris, journeyMembers } from '../references/declarations.js';

export interface TopLevelEntry {
    node: ast.Declaration;
    uri: string;
}

interface Facts {
    /** Top-level names (and the KPIs of top-level objectives), each in workspace order. */
    topLevel: Map<string, TopLevelEntry[]>;
    /** Every declaration some reference resolves to (an objective, also when one of its KPIs is). */
    referenced: Set<AstNode>;
    /** References that resolve to nothing: their text and the type they expect. */
    unresolved: Array<{ text: string; type: string }>;
    /** Customers named by a journey's `customers`, an objective's `for` or a moment's `customers`. */
    namedCustomers: Set<AstNode>;
    /** Per currency, per tier rank: the highest-CLV customer of any lower tier. */
    richestBelowTier: Map<string, Map<number, { customer: ast.Customer; clv: number }>>;
}

/**
 * Facts about the whole workspace that workspace-wide rules need, computed once per build
 * (never per node: iterating all documents inside a check would be quadratic).
 * Validation runs after every document of a build is linked, so the facts are complete.
 */
export class WorkspaceFacts {
    private readonly documents: LangiumDocuments;
    private readonly reflection: AstReflection;
    private readonly cache: WorkspaceCache<'facts', Facts>;
    private readonly ids = new ObjectIds();

    constructor(services: CopisServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.reflection = services.shared.AstReflection;
        this.cache = new WorkspaceCache(services.shared);
    }

    get(): Facts {
        return this.cache.get('facts', () => this.compute());
    }

    /**
     * Whether an unresolved reference may have meant `node` (it expects its kind and its name is
     * `node`'s name or close to it): rules that a reference to `node` would silence stay silent then,
     * so that a typo gives one diagnostic (`unresolved-reference`), not also "unused".
     */
    mayBeMeant(node: ast.Declaration): boolean {
        if (!node.name) return false;
        return this.get().unresolved.some(({ text, type }) => {
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
        const facts = this.get();
        const model = document.parseResult.value as ast.Model;
        const parts: string[] = [];
        const usage = (node: ast.Declaration) => {
            const used = facts.referenced.has(node);
            parts.push(`${used ? 'u' : this.mayBeMeant(node) ? 'm' : '-'}${facts.namedCustomers.has(node) ? 'n' : ''}`);
        };
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
            if (ast.isObjective(element)) element.kpis.filter(k => k.name).forEach(topLevelName);
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
        const model = document.parseResult.value as ast.Model;
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
        for (const reference of document.references) {
            const target = 'ref' in reference ? reference.ref : undefined;
            if (!target) {
                parts.push(`?${reference.$refText}:${reference.error?.info ? this.reflection.getReferenceType(reference.error.info) : ''}`);
                continue;
            }
            const prop = reference.$refNode?.astNode as { key?: string; $container?: AstNode } | undefined;
            // Targets in other documents, by identity (a re-parsed document has new nodes: its fingerprint changes too).
            if (AstUtils.getDocument(target) !== document) parts.push(`>${this.ids.id(target)}:${prop?.key ?? ''}:${prop?.$container?.$type ?? ''}`);
        }
        return parts.join(' ');
    }

    private compute(): Facts {
        const topLevel = new Map<string, TopLevelEntry[]>();
        const referenced = new Set<AstNode>();
        const unresolved: Facts['unresolved'] = [];
        const namedCustomers = new Set<AstNode>();
        const customers: ast.Customer[] = [];
        const docs = this.documents.all.toArray().sort((a, b) => compareDocumentUris(a.uri.toString(), b.uri.toString()));
        for (const doc of docs) {
            const uri = doc.uri.toString();
            const model = doc.parseResult.value as ast.Model;
            const add = (node: ast.Declaration) => {
                if (!node.name) return;
                const list = topLevel.get(node.name);
                if (list) list.push({ node, uri }); else topLevel.set(node.name, [{ node, uri }]);
            };
            for (const element of model.elements ?? []) {
                add(element);
                if (ast.isObjective(element)) element.kpis.forEach(add);
                if (ast.isCustomer(element)) customers.push(element);
            }
            for (const reference of doc.references) {
                const target = 'ref' in reference ? reference.ref : undefined;
                if (!target) {
                    const info = reference.error?.info;
                    if (info && reference.$refText) unresolved.push({ text: reference.$refText, type: this.reflection.getReferenceType(info) });
                    continue;
                }
                referenced.add(target);
                // Measuring an objective's KPI uses the objective: removing it would break the reference.
                if (ast.isKpi(target)) referenced.add(target.$container);
                if (ast.isCustomer(target)) {
                    const prop = reference.$refNode?.astNode as { key?: string; $container?: AstNode } | undefined;
                    const owner = prop?.$container;
                    if (prop?.key === 'for' || (prop?.key === 'customers' && (ast.isJourney(owner) || ast.isMoment(owner)))) {
                        namedCustomers.add(target);
                    }
                }
            }
        }
        return { topLevel, referenced, unresolved, namedCustomers, richestBelowTier: richestBelow(customers) };
    }
}

function richestBelow(customers: ast.Customer[]): Facts['richestBelowTier'] {
    const best = new Map<string, Map<number, { customer: ast.Customer; clv: number }>>();
    for (const customer of customers) {
        const tier = TIER_RANK[textProp(customer, 'value') ?? ''];
        const clv = quantityProp(customer, 'clv')?.value;
        if (tier === undefined || clv?.form !== 'money') continue;
        let byTier = best.get(clv.currency);
        if (!byTier) best.set(clv.currency, byTier = new Map());
        for (let higher = tier + 1; higher <= 2; higher++) {
            const current = byTier.get(higher);
            if (!current || clv.value > current.clv) byTier.set(higher, { customer, clv: clv.value });
        }
    }
    return best;
}

/** A number per object, for fingerprints that compare by identity (nodes are never reused across parses). */
class ObjectIds {
    private readonly ids = new WeakMap<object, number>();
    private next = 0;
    id(value: object): number {
        let id = this.ids.get(value);
        if (id === undefined) this.ids.set(value, id = ++this.next);
        return id;
    }
}
