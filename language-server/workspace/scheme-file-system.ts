/**
 * The desktop server's file system: `file:` URIs from the disk, every other scheme through the
 * client (see client-file-system.ts). A virtual workspace — a GitHub repository opened with
 * Remote Repositories, a `vscode-vfs:` folder — has no path on the disk, and VS Code reads it.
 */
import type { FileSystemNode, FileSystemProvider, URI } from 'langium';

export class SchemeFileSystemProvider implements FileSystemProvider {
    constructor(private readonly disk: FileSystemProvider, private readonly client: FileSystemProvider) {}

    private for(uri: URI): FileSystemProvider {
        return uri.scheme === 'file' ? this.disk : this.client;
    }

    stat(uri: URI): Promise<FileSystemNode> { return this.for(uri).stat(uri); }
    statSync(uri: URI): FileSystemNode { return this.for(uri).statSync(uri); }
    exists(uri: URI): Promise<boolean> { return this.for(uri).exists(uri); }
    existsSync(uri: URI): boolean { return this.for(uri).existsSync(uri); }
    readBinary(uri: URI): Promise<Uint8Array> { return this.for(uri).readBinary(uri); }
    readBinarySync(uri: URI): Uint8Array { return this.for(uri).readBinarySync(uri); }
    readFile(uri: URI): Promise<string> { return this.for(uri).readFile(uri); }
    readFileSync(uri: URI): string { return this.for(uri).readFileSync(uri); }
    readDirectory(uri: URI): Promise<FileSystemNode[]> { return this.for(uri).readDirectory(uri); }
    readDirectorySync(uri: URI): FileSystemNode[] { return this.for(uri).readDirectorySync(uri); }
}
