/**
 * The workspace's files as the client sees them, for a language server without a file system of
 * its own (the web extension's worker on vscode.dev, github.dev and in VS Code for the Web).
 * Langium reads the workspace only through the asynchronous calls, so those ask the client; the
 * synchronous ones cannot wait for an answer and say so.
 */
import { URI, UriUtils, type FileSystemNode, type FileSystemProvider } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { ReadDirectoryRequest, ReadFileRequest } from '../protocol.js';

export class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly connection: Pick<Connection, 'sendRequest'>) {}

    async readFile(uri: URI): Promise<string> {
        return this.connection.sendRequest(ReadFileRequest.type, { uri: uri.toString() });
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const entries = await this.connection.sendRequest(ReadDirectoryRequest.type, { uri: uri.toString() });
        return entries.map(e => ({ uri: URI.parse(e.uri), isFile: e.isFile, isDirectory: e.isDirectory }));
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        const parent = await this.readDirectory(UriUtils.dirname(uri));
        const self = parent.find(e => e.uri.toString() === uri.toString());
        if (!self) throw new Error(`No such file in the workspace: ${uri.toString()}`);
        return self;
    }

    async exists(uri: URI): Promise<boolean> {
        return this.stat(uri).then(() => true, () => false);
    }

    statSync(uri: URI): FileSystemNode { return unavailable(uri); }
    existsSync(): boolean { return false; }
    readBinarySync(uri: URI): Uint8Array { return unavailable(uri); }
    readFileSync(uri: URI): string { return unavailable(uri); }
    readDirectorySync(uri: URI): FileSystemNode[] { return unavailable(uri); }
}

function unavailable(uri: URI): never {
    throw new Error(`The copis web language server reads workspace files only asynchronously (asked for ${uri.toString()}).`);
}
