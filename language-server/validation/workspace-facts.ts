import { WorkspaceCache, type AstNode, type LangiumDocuments } from 'langium';
import * as ast from '../generated/ast.js';
import type { CopisServices } from '../copis-module.js';
import { TIER_RANK } from '../model/lifecycle.js';
import { quantityProp, textProp } from '../model/props.js';

export interface TopLevelEntry {
    node: ast.Declaration;
    uri: string;
}

interface Facts {
    /** Top-level names (and the KPIs of top-level objectives), each in workspace order. */
    topLevel: Map<string, TopLevelEntry[]>;
    /** Every declaration some reference resolves to. */
    referenced: Set<AstNode>;
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
    private readonly cache: WorkspaceCache<'facts', Facts>;

    constructor(services: CopisServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(services.shared);
    }

    get(): Facts {
        return this.cache.get('facts', () => this.compute());
    }

    private compute(): Facts {
        const topLevel = new Map<string, TopLevelEntry[]>();
        const referenced = new Set<AstNode>();
        const namedCustomers = new Set<AstNode>();
        const customers: ast.Customer[] = [];
        const docs = this.documents.all.toArray().sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
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
                if (!target) continue;
                referenced.add(target);
                if (ast.isCustomer(target)) {
                    const prop = reference.$refNode?.astNode as { key?: string; $container?: AstNode } | undefined;
                    const owner = prop?.$container;
                    if (prop?.key === 'for' || (prop?.key === 'customers' && (ast.isJourney(owner) || ast.isMoment(owner)))) {
                        namedCustomers.add(target);
                    }
                }
            }
        }
        return { topLevel, referenced, namedCustomers, richestBelowTier: richestBelow(customers) };
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
