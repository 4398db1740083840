import { DefaultIndexManager, type AstNodeDescription, type LangiumDocument, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { compareDocumentUris } from '../references/declarations.js';

/**
 * Langium's index, plus the workspace's exports by name in workspace order (files by URI, each
 * file's in declaration order), kept up to date file by file as documents are indexed. Global
 * lookups and the duplicate-name check then cost nothing per build: regrouping all ~10,000
 * exports of a large workspace on every keystroke was a tenth of an edit's time.
 *
 * A file's exports are added and removed one name at a time, as a block: 20,000 declarations of
 * one name (in one file or many) took one pass over the name's list each, which was quadratic.
 */
export class CopisIndexManager extends DefaultIndexManager {
    private readonly byName = new Map<string, AstNodeDescription[]>();
    private readonly duplicated = new Set<string>();

    /** The exports called `name`, in workspace order (empty: none). */
    named(name: string): readonly AstNodeDescription[] {
        return this.byName.get(name) ?? [];
    }

    /** The names exported more than once (usually none). */
    duplicatedNames(): ReadonlySet<string> {
        return this.duplicated;
    }

    override async updateContent(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        const uri = document.uri.toString();
        this.forget(uri);
        await super.updateContent(document, cancelToken);
        for (const [name, descriptions] of byName(this.symbolIndex.get(uri))) this.add(uri, name, descriptions);
    }

    override removeContent(uri: URI): void {
        this.forget(uri.toString());
        super.removeContent(uri);
    }

    private forget(uri: string): void {
        for (const name of byName(this.symbolIndex.get(uri)).keys()) {
            const list = this.byName.get(name);
            if (!list) continue;
            const kept = list.filter(d => d.documentUri.toString() !== uri);
            if (kept.length === 0) this.byName.delete(name);
            else this.byName.set(name, kept);
            if (kept.length < 2) this.duplicated.delete(name);
        }
    }

    /** Adds one file's exports of `name` (in its order) after those of the files before it. */
    private add(uri: string, name: string, descriptions: AstNodeDescription[]): void {
        const list = this.byName.get(name);
        if (!list) {
            this.byName.set(name, descriptions);
            if (descriptions.length > 1) this.duplicated.add(name);
            return;
        }
        // The list is in file order and holds none of this file's: the first entry of a later file.
        let low = 0;
        let high = list.length;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (compareDocumentUris(list[middle].documentUri.toString(), uri) > 0) high = middle;
            else low = middle + 1;
        }
        // (Not `splice(low, 0, ...descriptions)`: a spread of 100,000 arguments overflows the stack.)
        this.byName.set(name, list.slice(0, low).concat(descriptions, list.slice(low)));
        this.duplicated.add(name);
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
