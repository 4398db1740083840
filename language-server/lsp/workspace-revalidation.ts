import { DocumentState, type AstNode, type LangiumDocument, type LangiumSharedCoreServices, type Reference } from 'langium';
import type { CopisScopeProvider } from '../references/copis-scope-provider.js';
import type { WorkspaceFacts } from '../validation/workspace-facts.js';
import type { CopisIndexManager } from '../workspace/copis-index-manager.js';

/**
 * Keeps workspace-wide diagnostics fresh in the editor. Langium rebuilds the documents that
 * changed and those that refer to them; but a document can also be affected without referring
 * to the change: its customer is now used elsewhere (no longer `unused-declaration`), or another
 * file now declares the same name (`duplicate-name`). After each build, documents whose
 * workspace-wide verdicts changed are validated again (validation only: no re-parse, no relink).
 *
 * Links can go stale the same way: when a name is declared in two files, references resolve to
 * the first in workspace order (by file), so a file that starts declaring a name another file
 * already declares can take over the references of a third file that Langium does not relink
 * (it refers to neither). Documents with such a reference are linked again.
 */
export function keepWorkspaceDiagnosticsFresh(shared: LangiumSharedCoreServices, facts: WorkspaceFacts): void {
    const builder = shared.workspace.DocumentBuilder;
    const documents = shared.workspace.LangiumDocuments;
    const signatures = new Map<string, string>();
    /**
     * True while the follow-up build this module asked for runs. Its own results do not ask for
     * another relink: a chain of follow-ups could otherwise go on as long as some reference kept
     * looking re-resolvable (one relink per edit is what the duplicate-name case needs).
     */
    let followingUp = false;

    /** Per document, what it contributes to the workspace-wide facts (see WorkspaceFacts.contribution). */
    const contributions = new Map<string, string>();
    /** Whether this build changed any contribution (or removed a document): only then can other documents' verdicts change. */
    let contributionsChanged = false;
    builder.onUpdate((_changed, deleted) => {
        for (const uri of deleted) {
            contributions.delete(uri.toString());
            signatures.delete(uri.toString());
        }
        if (deleted.length > 0) contributionsChanged = true;
    });
    builder.onDocumentPhase(DocumentState.Validated, document => {
        const uri = document.uri.toString();
        signatures.set(uri, facts.signature(document));
        const contribution = facts.contribution(document, shared.workspace.IndexManager.allElements(undefined, new Set([uri])));
        if (contributions.get(uri) !== contribution) contributionsChanged = true;
        contributions.set(uri, contribution);
    });
    builder.onBuildPhase(DocumentState.Validated, built => {
        // The common keystroke: a title, a value, a comment. Nothing another document reads changed.
        if (!contributionsChanged) return;
        contributionsChanged = false;
        const rebuilt = new Set(built.map(d => d.uri.toString()));
        const stale: LangiumDocument[] = [];
        const relink: LangiumDocument[] = [];
        const duplicated = followingUp ? new Set<string>() : (shared.workspace.IndexManager as CopisIndexManager).duplicatedNames();
        for (const document of documents.all) {
            const uri = document.uri.toString();
            if (rebuilt.has(uri) || document.state < DocumentState.Validated) continue;
            if (!followingUp && duplicated.size > 0 && resolvesElsewhere(shared, document, duplicated)) relink.push(document);
            else if (signatures.get(uri) !== facts.signature(document)) stale.push(document);
        }
        if (stale.length === 0 && relink.length === 0) return;
        stale.forEach(d => builder.resetToState(d, DocumentState.IndexedReferences));
        relink.forEach(d => builder.resetToState(d, DocumentState.ComputedScopes));
        // After this build has finished: `update` rebuilds every document below `Validated`.
        void shared.workspace.WorkspaceLock.write(async token => {
            followingUp = true;
            try {
                await builder.update([], [], token);
            } finally {
                followingUp = false;
            }
        });
    });
}

/** Whether a reference of `document` to one of the `duplicated` names would now resolve to another declaration. */
function resolvesElsewhere(shared: LangiumSharedCoreServices, document: LangiumDocument, duplicated: ReadonlySet<string>): boolean {
    const services = shared.ServiceRegistry.getServices(document.uri);
    const scopes = services.references.ScopeProvider as CopisScopeProvider;
    for (const reference of document.references) {
        if (!('ref' in reference) || reference.error || !duplicated.has(reference.$refText)) continue;
        const target = reference.ref;
        // Every reference is held by a property node: `ref` (single) or `refs` (a list).
        const container = reference.$refNode?.astNode as (AstNode & { ref?: Reference }) | undefined;
        if (!target || !container) continue;
        const property = container.ref === reference ? 'ref' : 'refs';
        const type = services.shared.AstReflection.getReferenceType({ container, property, reference });
        const now = scopes.getScopeForType(container, type).getElement(reference.$refText)?.node;
        // (A relinked document is not looked at in the build that relinks it: no loop.)
        if (now && now !== target) return true;
    }
    return false;
}
