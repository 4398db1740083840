import { DefaultLinker, interruptAndCheck, type AstNode, type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { CopisScopeProvider } from './copis-scope-provider.js';
import type { CopisLinkingError } from './reference-status.js';
import { forEachChild, forEachOwnReference, forEachReference } from './reference-walk.js';
import { workspaceModel } from '../parser/last-parsed.js';

/**
 * Langium's linking, walking the tree without streams (see reference-walk.ts). An edit can
 * still cancel it: between top-level declarations rather than between any two nodes.
 * In a file that does not parse, the references of its last version that did are the ones linked
 * (they are what the rest of the workspace reads; see parser/last-parsed.ts); the current text's
 * resolve when an editor request reads them.
 */
export class CopisLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const root = workspaceModel(document);
        forEachOwnReference(root, info => this.doLink(info, document));
        const children: AstNode[] = [];
        forEachChild(root, child => children.push(child));
        for (const child of children) {
            await interruptAndCheck(cancelToken);
            forEachReference(child, info => this.doLink(info, document));
        }
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
