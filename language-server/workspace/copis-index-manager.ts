import { DefaultIndexManager, type AstNodeDescription, type LangiumDocument, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { compareDocumentUris } from '../references/declarations.js';
import type { CopisSharedCoreServices } from '../copis-module.js';
import type { ModelRoots } from './model-roots.js';

/** One model's exports by name, and the names it exports more than once. */
interface ScopeIndex {
    byName: Map<string, AstNodeDescription[]>;
    duplicated: Set<string>;
    documents: Set<string>;
}

/**
 * Langium's index, plus each model root's exports by name in workspace order (files by URI, each
 * file's in declaration order), kept up to date file by file as documents are indexed. Global
 * lookups and the duplicate-name check then cost nothing per build: regrouping all ~10,000
 * exports of a large workspace on every keystroke was a tenth of an edit's time. Two roots never
 * see each other's names (model-roots.ts): each has an index of its own.
 *
 * A file's exports are added and removed one name at a time, as a block: 20,000 declarations of
 * one name (in one file or many) took one pass over the name's list each, which was quadratic.
 */
export class CopisIndexManager extends DefaultIndexManager {
    private readonly scopes = new Map<string, ScopeIndex>();
    /** The scope each indexed document's exports are filed under. */
    private readonly scopeOfDocument = new Map<string, string>();
    private readonly roots: ModelRoots;

    constructor(services: CopisSharedCoreServices) {
        super(services);
        this.roots = services.workspace.ModelRoots;
    }

    /** The exports called `name` in `scope` (a root's key, see ModelRoots.scopeOf), in workspace order (empty: none). */
    named(name: string, scope = ''): readonly AstNodeDescription[] {
        return this.scopes.get(scope)?.byName.get(name) ?? [];
    }

    /** The names exported more than once in some scope (usually none). */
    duplicatedNames(): ReadonlySet<string> {
        const all = new Set<string>();
        for (const scope of this.scopes.values()) for (const name of scope.duplicated) all.add(name);
        return all;
    }

    /** The documents whose exports `scope` sees. */
    documentsIn(scope: string): ReadonlySet<string> {
        return this.scopes.get(scope)?.documents ?? new Set();
    }

    /**
     * Files every indexed document under its scope again, after the roots changed (a config file
     * came or went, a folder was added). Returns the documents that moved, with their old scope.
     */
    rekey(): Map<string, string> {
        const moved = new Map<string, string>();
        for (const [uri, scope] of [...this.scopeOfDocument]) {
            if (this.roots.scopeOf(uri) === scope) continue;
            moved.set(uri, scope);
            this.forget(uri);
            this.file(uri, this.symbolIndex.get(uri) ?? []);
        }
        return moved;
    }

    override async updateContent(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        const uri = document.uri.toString();
        this.forget(uri);
        await super.updateContent(document, cancelToken);
        this.file(uri, this.symbolIndex.get(uri) ?? []);
    }

    override removeContent(uri: URI): void {
        this.forget(uri.toString());
        super.removeContent(uri);
    }

    private forget(uri: string): void {
        const scopeKey = this.scopeOfDocument.get(uri);
        if (scopeKey === undefined) return;
        this.scopeOfDocument.delete(uri);
        const scope = this.scopes.get(scopeKey)!;
        scope.documents.delete(uri);
        for (const name of byName(this.symbolIndex.get(uri)).keys()) {
            const list = scope.byName.get(name);
            if (!list) continue;
            const kept = list.filter(d => d.documentUri.toString() !== uri);
            if (kept.length === 0) scope.byName.delete(name);
            else scope.byName.set(name, kept);
            if (kept.length < 2) scope.duplicated.delete(name);
        }
        if (scope.documents.size === 0) this.scopes.delete(scopeKey);
    }

    /**
     * Files one document's exports (none of which are filed yet) under its scope, each name's in the
     * file's order after those of the files before it. A name no other file exports (nearly all of them)
     * gets a list of its own at once; the others are inserted into their lists once the file's are all known.
     */
    private file(uri: string, exports: readonly AstNodeDescription[]): void {
        if (exports.length === 0) return;
        let scopeKey = this.scopeOfDocument.get(uri);
        if (scopeKey === undefined) this.scopeOfDocument.set(uri, scopeKey = this.roots.scopeOf(uri));
        let scope = this.scopes.get(scopeKey);
        if (!scope) this.scopes.set(scopeKey, scope = { byName: new Map(), duplicated: new Set(), documents: new Set() });
        scope.documents.add(uri);
        /** This file's exports of names that other files export too, by name. */
        let shared: Map<string, AstNodeDescription[]> | undefined;
        for (let i = 0; i < exports.length; i++) {
            const description = exports[i];
            const name = description.name;
            const list = scope.byName.get(name);
            if (list === undefined) {
                scope.byName.set(name, [description]);
            } else if (list[0].documentUri.toString() === uri) {
                // A list made above: this file's only.
                list.push(description);
                scope.duplicated.add(name);
            } else {
                const mine = (shared ??= new Map()).get(name);
                if (mine) mine.push(description); else shared.set(name, [description]);
            }
        }
        if (shared) for (const [name, descriptions] of shared) this.insert(scope, uri, name, descriptions);
    }

    /** Inserts one file's exports of `name` (in its order) into the name's list of other files' exports, after those of the files before it. */
    private insert(scope: ScopeIndex, uri: string, name: string, descriptions: AstNodeDescription[]): void {
        const list = scope.byName.get(name)!;
        // The list is in file order and holds none of this file's: the first entry of a later file.
        let low = 0;
        let high = list.length;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (compareDocumentUris(list[middle].documentUri.toString(), uri) > 0) high = middle;
            else low = middle + 1;
        }
        // (Not `splice(low, 0, ...descriptions)`: a spread of 100,000 arguments overflows the stack.)
        scope.byName.set(name, list.slice(0, low).concat(descriptions, list.slice(low)));
        scope.duplicated.add(name);
    }
}

/** A file's exports grouped by name, each group in the file's order. */
function byName(descriptions: readonly AstNodeDescription[] | undefined): Map<string, AstNodeDescription[]> {
    const groups = new Map<string, AstNodeDescription[]>();
    for (const description of descriptions ?? []) {
        const group = groups.get(description.name);
        if (group) group.push(description); else groups.set(description.name, [description]);
    }
    return groups;
}
