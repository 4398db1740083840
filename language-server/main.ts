import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystemProvider } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createCopisLspServices } from './lsp/copis-lsp-services.js';
import { sendOpenDocumentDiagnosticsPromptly } from './lsp/prompt-diagnostics.js';
import { ClientFileSystemProvider } from './workspace/client-file-system.js';
import { SchemeFileSystemProvider } from './workspace/scheme-file-system.js';
import { watchModelFoldersWhenTheClientCannot } from './lsp/server-file-watcher.js';
import { ShutdownGate } from './lsp/shutdown-gate.js';
import { answerOnBuiltText } from './lsp/built-text.js';

// `copis-language-server --stdio` for any LSP editor; VS Code starts it over IPC.
// vscode-languageserver picks the transport from the command line (--stdio, --node-ipc, --socket).
if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write('Usage: copis-language-server --stdio\n\nThe copis language server (LSP) for .copis files. Start it from your editor with --stdio.\n');
    process.exit(0);
}
if (!process.argv.some(a => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.stderr.write('copis-language-server: choose a transport, e.g. `copis-language-server --stdio` (see --help).\n');
    process.exit(2);
}

// A promise of the server's that fails with nobody waiting for it (a client's error answer to one of
// the server's requests, for one) would end the process under Node's default; it is logged instead,
// and the editor keeps its server.
process.on('unhandledRejection', reason => {
    console.error('copis: an unexpected failure, the server goes on:', reason instanceof Error ? reason.stack ?? reason.message : reason);
});

const shutdown = new ShutdownGate();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: shutdown });
shutdown.listenOn(connection);
// Files on the disk directly; a virtual workspace's (not file:) through the client, as in the web extension.
const { shared } = createCopisLspServices({ connection, fileSystemProvider: () => new SchemeFileSystemProvider(new NodeFileSystemProvider(), new ClientFileSystemProvider(connection)) });
watchModelFoldersWhenTheClientCannot(shared);
startLanguageServer(shared);
sendOpenDocumentDiagnosticsPromptly(shared);
answerOnBuiltText(shared);
