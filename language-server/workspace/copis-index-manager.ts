import { DefaultIndexManager, type AstNodeDescription, type LangiumDocument, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { compareDocumentUris } from '../references/declarations.js';

/**
 * Langium's index, plus the workspace's exports by name in workspace order (files by URI, each
 * file's in declaration order), kept up to date file by file as documents are indexed. Global
 * lookups and the duplicate-name check then cost nothing per build: regrouping all ~10,000
 * exports of a large workspace on every keystroke was a tenth of an edit's time.
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
        for (const description of this.symbolIndex.get(uri) ?? []) this.add(uri, description);
    }

    override removeContent(uri: URI): void {
        this.forget(uri.toString());
        super.removeContent(uri);
    }

    private forget(uri: string): void {
        for (const description of this.symbolIndex.get(uri) ?? []) {
            const list = this.byName.get(description.name);
            if (!list) continue;
            const kept = list.filter(d => d.documentUri.toString() !== uri);
            if (kept.length === 0) this.byName.delete(description.name);
            else this.byName.set(description.name, kept);
            if (kept.length < 2) this.duplicated.delete(description.name);
        }
    }

    private add(uri: string, description: AstNodeDescription): void {
        const list = this.byName.get(description.name);
        if (!list) {
            this.byName.set(description.name, [description]);
            return;
        }
        // After every export of files before this one and of this file so far.
        let at = list.length;
        while (at > 0 && compareDocumentUris(list[at - 1].documentUri.toString(), uri) > 0) at--;
        list.splice(at, 0, description);
        this.duplicated.add(description.name);
    }
}
