import { AstUtils, DocumentCache, stream, type AstNode, type AstNodeDescription, type AstNodeDescriptionProvider, type LangiumDocument, type ReferenceInfo, type Scope, type Stream } from 'langium';
import { DefaultScopeProvider } from 'langium';
import * as ast from '../generated/ast.js';
import type { CopisServices } from '../copis-module.js';
import type { CopisIndexManager } from '../workspace/copis-index-manager.js';
import type { ModelRoots } from '../workspace/model-roots.js';
import { acceptedTypesOf, type AcceptedTypes } from './accepted-types.js';
import { compareDocumentUris, enclosingJourney, journeyMembers } from './declarations.js';

/**
 * Journey-local names first, then the model root's. Both levels are hash lookups: a journey's
 * members are indexed once per document version (Langium's default local scopes are linear
 * scans per reference, which makes one large file quadratic).
 */
export class CopisScopeProvider extends DefaultScopeProvider {
    private readonly journeyIndexes: DocumentCache<ast.Journey, Map<string, LazyDescription[]>>;
    private readonly workspaceScopes = new Map<string, Scope>();
    private readonly roots: ModelRoots;
    private readonly accepted: AcceptedTypes;

    constructor(services: CopisServices) {
        super(services);
        this.journeyIndexes = new DocumentCache(services.shared);
        this.roots = services.shared.workspace.ModelRoots;
        this.accepted = acceptedTypesOf(this.reflection);
    }

    override getScope(context: ReferenceInfo): Scope {
        return this.getScopeForType(context.container, this.reflection.getReferenceType(context));
    }

    /** The scope for a reference of `referenceType` made from `container`; `Declaration` gives every kind. */
    getScopeForType(container: AstNode, referenceType: string): Scope {
        const global = this.rootScope(this.roots.scopeOf(AstUtils.getDocument(container).uri), referenceType);
        const journey = enclosingJourney(container);
        if (!journey) return global;
        return new JourneyScope(journey.name, this.journeyIndex(journey), this.accepted.of(referenceType), global);
    }

    /**
     * What `getScopeForType(container, referenceType).getElement(name)` finds, for a container in the
     * model root `scope` and, when `members` is given, in the journey whose index it is: the linker
     * asks this for every reference (16,000 in the bench's workspace), where each made a JourneyScope,
     * a bound function and two arrays.
     */
    findElement(name: string, referenceType: string, scope: string, members: Map<string, LazyDescription[]> | undefined): AstNodeDescription | undefined {
        const accepted = this.accepted.of(referenceType);
        return (members && firstMember(members, name, accepted))
            ?? firstExport(this.indexManager as CopisIndexManager, name, scope, accepted);
    }

    /** The key of the model root whose names a document sees (see ModelRoots.scopeOf). */
    scopeOf(document: LangiumDocument): string {
        return this.roots.scopeOf(document.uri);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        return this.rootScope(this.roots.scopeOf(AstUtils.getDocument(context.container).uri), referenceType);
    }

    /**
     * The declarations of a type in one model root (`scope`, see ModelRoots.scopeOf), in workspace
     * order: files by URI (the order in which `duplicate-name` counts the first), each file's in
     * declaration order. A name declared twice then resolves to the same declaration however the
     * files were loaded or edited: Langium's index lists files in the order they were last indexed,
     * so after an edit the other one won.
     */
    private rootScope(scope: string, referenceType: string): Scope {
        const key = `${scope}\0${referenceType}`;
        let found = this.workspaceScopes.get(key);
        if (!found) {
            // Reads the live index: one per root and type for the server's lifetime.
            found = new WorkspaceScope(this.indexManager as CopisIndexManager, scope, referenceType, this.accepted.of(referenceType));
            this.workspaceScopes.set(key, found);
        }
        return found;
    }

    /**
     * The journey's members by simple name, in document order. Descriptions are made on first
     * use: most members are never the target of a simple-name reference.
     */
    journeyIndex(journey: ast.Journey): Map<string, LazyDescription[]> {
        const document = AstUtils.getDocument(journey);
        return this.journeyIndexes.get(document.uri, journey, () => {
            const index = new Map<string, LazyDescription[]>();
            for (const member of journeyMembers(journey)) {
                if (!member.name) continue;
                const entry = new LazyDescription(member, document, this.descriptions);
                const list = index.get(member.name);
                if (list) list.push(entry); else index.set(member.name, [entry]);
            }
            return index;
        });
    }
}

/** The index lists each file's descriptions together: sort the files, keep each file's order. */
function inWorkspaceOrder(descriptions: AstNodeDescription[]): AstNodeDescription[] {
    const byFile = new Map<string, AstNodeDescription[]>();
    for (const d of descriptions) {
        const uri = d.documentUri.toString();
        const list = byFile.get(uri);
        if (list) list.push(d); else byFile.set(uri, [d]);
    }
    return [...byFile.keys()].sort(compareDocumentUris).flatMap(uri => byFile.get(uri)!);
}

/** One model root's exports of one type, looked up by name in the index (no per-build copy). */
class WorkspaceScope implements Scope {
    constructor(
        private readonly index: CopisIndexManager,
        private readonly scope: string,
        private readonly referenceType: string,
        private readonly accepted: ReadonlySet<string>
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return firstExport(this.index, name, this.scope, this.accepted);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.index.named(name, this.scope).filter(d => this.accepted.has(d.type)));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(inWorkspaceOrder(this.index.allElements(this.referenceType, this.index.documentsIn(this.scope) as Set<string>).toArray()));
    }
}

/** The first of the exports called `name` in `scope` whose type is `accepted` (see AcceptedTypes). */
function firstExport(index: CopisIndexManager, name: string, scope: string, accepted: ReadonlySet<string>): AstNodeDescription | undefined {
    const named = index.named(name, scope);
    for (let i = 0; i < named.length; i++) if (accepted.has(named[i].type)) return named[i];
    return undefined;
}

/** The first of a journey's members called `name` whose type is `accepted`. */
function firstMember(members: Map<string, LazyDescription[]>, name: string, accepted: ReadonlySet<string>): AstNodeDescription | undefined {
    const entries = members.get(name);
    if (!entries) return undefined;
    for (let i = 0; i < entries.length; i++) if (accepted.has(entries[i].node.$type)) return entries[i].description;
    return undefined;
}

/** A member's description, made when first read (no closure per member: there are thousands). */
export class LazyDescription {
    private made?: AstNodeDescription;
    constructor(readonly node: ast.Declaration, private readonly document: LangiumDocument, private readonly descriptions: AstNodeDescriptionProvider) {}
    get description(): AstNodeDescription {
        return this.made ??= this.descriptions.createDescription(this.node, this.node.name, this.document);
    }
}

class JourneyScope implements Scope {
    constructor(
        private readonly journeyName: string | undefined,
        private readonly index: Map<string, LazyDescription[]>,
        private readonly accepted: ReadonlySet<string>,
        private readonly outer: Scope
    ) {}

    private local(name: string): AstNodeDescription[] {
        const entries = this.index.get(name);
        if (!entries) return [];
        return entries.filter(e => this.accepted.has(e.node.$type)).map(e => e.description);
    }

    getElement(name: string): AstNodeDescription | undefined {
        return firstMember(this.index, name, this.accepted) ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const local = this.local(name);
        return local.length > 0 ? stream(local) : this.outer.getElements(name);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const local = [...this.index.values()].flat().filter(e => this.accepted.has(e.node.$type)).map(e => e.description);
        const localNames = new Set(local.map(d => d.name));
        // `ThisJourney.Name` is the same declaration as the local `Name`: list it once, by its short name.
        const ownPrefix = this.journeyName ? `${this.journeyName}.` : undefined;
        return stream(local).concat(this.outer.getAllElements().filter(d => !localNames.has(d.name) && !(ownPrefix && d.name.startsWith(ownPrefix))));
    }
}
