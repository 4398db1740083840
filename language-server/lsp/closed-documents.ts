import { URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { FileSystemNode } from 'langium';
import { lastParsed } from '../parser/last-parsed.js';

/**
 * What a document falls back to once the editor closes it. The editor's text (saved or not) was
 * the document's; after `didClose` only the file on disk can be. A file the workspace loads from
 * its folders is read again from disk, so an unsaved edit is forgotten and what depends on it is
 * checked again; any other document (an untitled buffer, a file deleted on disk, a file outside
 * the workspace's folders or one its scan skips) leaves the workspace with its declarations.
 * Langium did neither: a closed buffer's text stayed for the rest of the session, and every
 * untitled buffer ever opened stayed in the index. A buffer closed with its text saved changes
 * nothing (`unchanged`): nothing is built or checked again.
 */
export async function afterClose(shared: LangiumSharedServices, uri: URI): Promise<'unchanged' | 'disk' | 'drop'> {
    if (!isScannedByWorkspace(shared, uri)) return 'drop';
    let text: string;
    try {
        text = await shared.workspace.FileSystemProvider.readFile(uri);
    } catch {
        return 'drop';
    }
    // Saved before closing (the usual case): nothing changes, and nothing is checked again.
    const document = shared.workspace.LangiumDocuments.getDocument(uri);
    const current = document?.parseResult.value.$cstNode?.root.fullText;
    return document && current === text && !lastParsed(document) ? 'unchanged' : 'disk';
}

/** Whether the workspace's scan of its folders would load `uri` (inside a folder, through folders and a name it includes). */
function isScannedByWorkspace(shared: LangiumSharedServices, uri: URI): boolean {
    const manager = shared.workspace.WorkspaceManager as unknown as {
        workspaceFolders?: ReadonlyArray<{ uri: string; name: string }>;
        // Langium's rules for where a scan starts and which entries it takes (protected): ask them rather than copy them.
        getRootFolder(folder: { uri: string; name: string }): URI;
        shouldIncludeEntry(entry: FileSystemNode): boolean;
    };
    const folder = manager.workspaceFolders?.map(f => manager.getRootFolder(f)).find(f => UriUtils.contains(f, uri) && !UriUtils.equals(f, uri));
    if (!folder) return false;
    const segments = UriUtils.relative(folder, uri).split('/');
    let at = folder;
    for (let i = 0; i < segments.length; i++) {
        at = UriUtils.joinPath(at, segments[i]);
        const isFile = i === segments.length - 1;
        if (!manager.shouldIncludeEntry({ uri: at, isFile, isDirectory: !isFile })) return false;
    }
    return true;
}
