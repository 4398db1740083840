import { DefaultLinker, interruptAndCheck, type AstNode, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
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
}
