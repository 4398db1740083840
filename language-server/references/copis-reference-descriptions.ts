import {
    DefaultReferenceDescriptionProvider, interruptAndCheck, isReference, UriUtils, type AstNode, type AstNodeLocator,
    type CstNode, type DocumentSegment, type LangiumDocument, type LangiumCoreServices, type ReferenceDescription
} from 'langium';
import { CstUtils } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { forEachChild, forEachReference } from './reference-walk.js';
import { workspaceModel } from '../parser/last-parsed.js';

/**
 * The workspace's reference index, made on every build for every reference of the rebuilt
 * documents but read only by find-references, rename and Langium's "is this document affected"
 * check. That check needs the target's file; the source path and position are computed when
 * first read. A file that does not parse is indexed as its last version that did.
 */
export class CopisReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    private readonly locator: AstNodeLocator;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.locator = services.workspace.AstNodeLocator;
    }

    override async createDescriptions(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const children: AstNode[] = [];
        forEachChild(workspaceModel(document), child => children.push(child));
        for (const child of children) {
            await interruptAndCheck(cancelToken);
            forEachReference(child, info => {
                const reference = info.reference;
                // Multi-references (not in this grammar) take Langium's way.
                if (!isReference(reference)) {
                    descriptions.push(...this.createInfoDescriptions(info));
                    return;
                }
                const target = reference.$nodeDescription;
                if (reference.error || !reference.$refNode || !target) return;
                descriptions.push(new LazyReferenceDescription(document.uri, info.container, reference.$refNode, target.documentUri, target.path, this.locator));
            });
        }
        return descriptions;
    }
}

class LazyReferenceDescription implements ReferenceDescription {
    readonly local: boolean;
    private path?: string;
    private documentSegment?: DocumentSegment;

    constructor(
        readonly sourceUri: LangiumDocument['uri'],
        private readonly container: AstNode,
        private readonly refNode: CstNode,
        readonly targetUri: LangiumDocument['uri'],
        readonly targetPath: string,
        private readonly locator: AstNodeLocator
    ) {
        this.local = UriUtils.equals(targetUri, sourceUri);
    }

    get sourcePath(): string {
        return this.path ??= this.locator.getAstNodePath(this.container);
    }

    get segment(): DocumentSegment {
        return this.documentSegment ??= CstUtils.toDocumentSegment(this.refNode);
    }
}
