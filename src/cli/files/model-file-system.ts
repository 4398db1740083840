import { readFile, stat } from 'node:fs/promises';
import { ModelRootLocator, type ModelFileSystem } from '../../../language-server/workspace/model-files.js';

/** The rules of which files a model holds (shared with the language server), read from the disk. */
export const NODE_MODEL_FS: ModelFileSystem = {
    readText: uri => readFile(uri.fsPath, 'utf8').catch(() => undefined),
    exists: uri => stat(uri.fsPath).then(() => true, () => false)
};

export function nodeLocator(): ModelRootLocator {
    return new ModelRootLocator(NODE_MODEL_FS);
}
