import { DefaultLinker, interruptAndCheck, type AstNode, type AstNodeDescription, type LangiumCoreServices, type LangiumDocument, type LinkingError, type ReferenceInfo } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { CopisScopeProvider, type LazyDescription } from './copis-scope-provider.js';
import type { CopisLinkingError } from './reference-status.js';
import { forEachChild, forEachOwnReference, forEachReference } from './reference-walk.js';
import { workspaceModel } from '../parser/last-parsed.js';

/** Where the references link() is resolving are: the model root's key and, inside a journey, its members. */
interface Walk {
    scope: string;
    members: Map<string, LazyDescription[]> | undefined;
}

/**
 * Langium's linking, walking the tree without streams (see reference-walk.ts). An edit can
 * still cancel it: between top-level declarations rather than between any two nodes.
 * In a file that does not parse, the references of its last version that did are the ones linked
 * (they are what the rest of the workspace reads; see parser/last-parsed.ts); the current text's
 * resolve when an editor request reads them.
 */
export class CopisLinker extends DefaultLinker {
    private readonly scopes: CopisScopeProvider | undefined;
    /**
     * Set while link() walks one top-level declaration (synchronously: nothing else runs meanwhile):
     * every reference it meets is in that declaration, so the model root and the journey are looked
     * up once for all of them, not from each reference's container.
     */
    private walk?: Walk;

    constructor(services: LangiumCoreServices) {
        super(services);
        const scopes = services.references.ScopeProvider;
        this.scopes = scopes instanceof CopisScopeProvider ? scopes : undefined;
    }

    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const root = workspaceModel(document);
        forEachOwnReference(root, info => this.doLink(info, document));
        const children: AstNode[] = [];
        forEachChild(root, child => children.push(child));
        const scopes = this.scopes;
        for (const child of children) {
            await interruptAndCheck(cancelToken);
            if (scopes) this.walk = { scope: scopes.scopeOf(document), members: ast.isJourney(child) ? scopes.journeyIndex(child) : undefined };
            try {
                forEachReference(child, info => this.doLink(info, document));
            } finally {
                this.walk = undefined;
            }
        }
    }

    override getCandidate(refInfo: ReferenceInfo): AstNodeDescription | LinkingError {
        const walk = this.walk;
        if (!walk || !this.scopes) return super.getCandidate(refInfo);
        const found = this.scopes.findElement(refInfo.reference.$refText, this.reflection.getReferenceType(refInfo), walk.scope, walk.members);
        return found ?? this.createLinkingError(refInfo);
    }

    /**
     * A name that resolves to nothing of the expected kind may still name a declaration of
     * another kind: the error remembers it, for the `wrong-kind` message and for the rules that
     * such a reference does not silence (reference-status.ts). Documents with linking errors are
     * relinked on every build, so it never goes stale.
     */
    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error: CopisLinkingError = super.createLinkingError(refInfo, targetDescription);
        const text = refInfo.reference.$refText;
        const scopes = this.scopeProvider as Partial<CopisScopeProvider>;
        if (!targetDescription && text && scopes.getScopeForType) {
            const other = scopes.getScopeForType(refInfo.container, 'Declaration').getElement(text);
            if (other) error.otherKind = other;
        }
        return error;
    }
}
