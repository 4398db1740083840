import { DefaultLinker, interruptAndCheck, type AstNode, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { forEachChild, forEachOwnReference, forEachReference } from './reference-walk.js';

/**
 * Langium's linking, walking the tree without streams (see reference-walk.ts). An edit can
 * still cancel it: between top-level declarations rather than between any two nodes.
 */
export class CopisLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const root = document.parseResult.value;
        forEachOwnReference(root, info => this.doLink(info, document));
        const children: AstNode[] = [];
        forEachChild(root, child => children.push(child));
        for (const child of children) {
            await interruptAndCheck(cancelToken);
            forEachReference(child, info => this.doLink(info, document));
        }
    }
}
