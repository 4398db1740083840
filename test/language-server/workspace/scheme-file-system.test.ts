// The desktop server (dist/server.cjs) in a virtual workspace: a folder that is not on the disk
// (`vscode-vfs:` with Remote Repositories) is read through the client, as VS Code's extension answers.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import { describe, expect, it } from 'vitest';
import {
    DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification,
    ShutdownRequest, StreamMessageReader, StreamMessageWriter, createProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { ReadDirectoryRequest, ReadFileRequest } from '../../../language-server/protocol.js';
import { SchemeFileSystemProvider } from '../../../language-server/workspace/scheme-file-system.js';

const server = resolve(import.meta.dirname, '../../../dist/server.cjs');

function recording(name: string, calls: string[]): FileSystemProvider {
    const node = (uri: URI): FileSystemNode => ({ uri, isFile: true, isDirectory: false });
    const call = (method: string) => (uri: URI) => { calls.push(`${name}.${method} ${uri.toString()}`); return method; };
    return {
        stat: async uri => { call('stat')(uri); return node(uri); }, statSync: uri => { call('statSync')(uri); return node(uri); },
        exists: async uri => !!call('exists')(uri), existsSync: uri => !!call('existsSync')(uri),
        readBinary: async uri => { call('readBinary')(uri); return new Uint8Array(); }, readBinarySync: uri => { call('readBinarySync')(uri); return new Uint8Array(); },
        readFile: async uri => call('readFile')(uri), readFileSync: uri => call('readFileSync')(uri),
        readDirectory: async uri => { call('readDirectory')(uri); return []; }, readDirectorySync: uri => { call('readDirectorySync')(uri); return []; }
    };
}

describe('SchemeFileSystemProvider', () => {
    it('reads file: URIs from the disk and every other scheme through the client', async () => {
        const calls: string[] = [];
        const fs = new SchemeFileSystemProvider(recording('disk', calls), recording('client', calls));
        await fs.readFile(URI.parse('file:///a/b.copis'));
        await fs.readDirectory(URI.parse('vscode-vfs://github/org/repo/models'));
        fs.existsSync(URI.parse('untitled:Untitled-1'));
        await fs.stat(URI.parse('file:///a'));
        expect(calls).toEqual([
            'disk.readFile file:///a/b.copis',
            'client.readDirectory vscode-vfs://github/org/repo/models',
            'client.existsSync untitled:Untitled-1',
            'disk.stat file:///a'
        ]);
    });
});

describe('dist/server.cjs in a virtual workspace', () => {
    it('loads the folder\'s files through the client and resolves references into them', async () => {
        if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first (npm test does)`);
        const folder = 'vscode-vfs://github/team/models';
        const files: Record<string, string> = { [`${folder}/customers.copis`]: 'customer Shopper "Shopper" { value medium }\n' };
        const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', c => { stderr += c; });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        const asked: string[] = [];
        connection.onRequest(ReadDirectoryRequest.type, ({ uri }) => {
            asked.push(`dir ${uri}`);
            return uri === folder ? Object.keys(files).map(f => ({ uri: f, isFile: true, isDirectory: false })) : [];
        });
        connection.onRequest(ReadFileRequest.type, ({ uri }) => {
            asked.push(`file ${uri}`);
            return files[uri] ?? '';
        });
        const open = `${folder}/journey.copis`;
        const published = new Promise<PublishDiagnosticsParams>((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no diagnostics; stderr: ${stderr}`)), 20000);
            connection.onNotification(PublishDiagnosticsNotification.type, p => {
                if (p.uri === open) { clearTimeout(timer); done(p); }
            });
        });
        connection.listen();
        try {
            await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: folder, capabilities: {}, workspaceFolders: [{ uri: folder, name: 'models' }] });
            await connection.sendNotification(InitializedNotification.type, {});
            await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: open, languageId: 'copis', version: 1, text: 'journey J "J" {\n  customers Shopper, Nobody\n}\n' } });
            const { diagnostics } = await published;
            expect(diagnostics.filter(d => d.code === 'unresolved-reference').map(d => d.message)).toEqual([expect.stringContaining('`Nobody`')]);
            expect(asked).toContain(`dir ${folder}`);
            expect(asked).toContain(`file ${folder}/customers.copis`);
            await connection.sendRequest(ShutdownRequest.type);
            await connection.sendNotification(ExitNotification.type);
        } finally {
            connection.dispose();
            child.kill();
        }
    }, 40000);
});
