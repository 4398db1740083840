import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { ReadDirectoryRequest, ReadFileRequest, type WorkspaceEntry } from '../../../language-server/protocol.js';
import { ClientFileSystemProvider } from '../../../language-server/workspace/client-file-system.js';

// The web server's file system: every read is a request to the client (here, a fake client).
function fakeClient(files: Record<string, string>) {
    const asked: string[] = [];
    const connection = {
        sendRequest: async (type: { method: string }, params: { uri: string }) => {
            asked.push(`${type.method} ${params.uri}`);
            if (type.method === ReadFileRequest.method) {
                if (!(params.uri in files)) throw new Error(`no file ${params.uri}`);
                return files[params.uri];
            }
            if (type.method === ReadDirectoryRequest.method) {
                const prefix = params.uri.endsWith('/') ? params.uri : `${params.uri}/`;
                const names = new Set(Object.keys(files).filter(f => f.startsWith(prefix)).map(f => f.slice(prefix.length).split('/')[0]));
                return [...names].map((name): WorkspaceEntry => {
                    const uri = prefix + name;
                    const isFile = uri in files;
                    return { uri, isFile, isDirectory: !isFile };
                });
            }
            throw new Error(`unexpected request ${type.method}`);
        }
    };
    return { provider: new ClientFileSystemProvider(connection as never), asked };
}

describe('ClientFileSystemProvider', () => {
    const files = {
        'vscode-test-web://mount/retail/shared.copis': 'customer A "A" { value high }',
        'vscode-test-web://mount/retail/journey.copis': 'journey J "J" {}'
    };

    test('reads a file and a folder through the client', async () => {
        const { provider, asked } = fakeClient(files);
        expect(await provider.readFile(URI.parse('vscode-test-web://mount/retail/shared.copis'))).toBe('customer A "A" { value high }');
        const entries = await provider.readDirectory(URI.parse('vscode-test-web://mount/'));
        expect(entries.map(e => [e.uri.toString(), e.isFile, e.isDirectory])).toEqual([['vscode-test-web://mount/retail', false, true]]);
        expect(asked).toEqual(['copis/readFile vscode-test-web://mount/retail/shared.copis', 'copis/readDirectory vscode-test-web://mount/']);
    });

    test('stat and exists look the entry up in its folder', async () => {
        const { provider } = fakeClient(files);
        const stat = await provider.stat(URI.parse('vscode-test-web://mount/retail/journey.copis'));
        expect(stat.isFile).toBe(true);
        expect(await provider.exists(URI.parse('vscode-test-web://mount/retail/missing.copis'))).toBe(false);
        expect(await provider.readBinary(URI.parse('vscode-test-web://mount/retail/journey.copis'))).toEqual(new TextEncoder().encode('journey J "J" {}'));
    });

    test('a failed read rejects, and the synchronous calls say they cannot', async () => {
        const { provider } = fakeClient(files);
        await expect(provider.readFile(URI.parse('vscode-test-web://mount/nope.copis'))).rejects.toThrow('no file');
        expect(() => provider.readFileSync(URI.parse('vscode-test-web://mount/retail/shared.copis'))).toThrow(/only asynchronously/);
        expect(provider.existsSync()).toBe(false);
    });
});
