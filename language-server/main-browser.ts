/**
 * The language server of the web extension (vscode.dev, github.dev, VS Code for the Web): the same
 * services as the desktop server, in a web worker. It has no file system; the workspace's files
 * come from the client (see workspace/client-file-system.ts), open documents from the editor.
 */
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createCopisLspServices } from './lsp/copis-lsp-services.js';
import { sendOpenDocumentDiagnosticsPromptly } from './lsp/prompt-diagnostics.js';
import { ShutdownGate } from './lsp/shutdown-gate.js';
import { answerOnBuiltText } from './lsp/built-text.js';
import { ClientFileSystemProvider } from './workspace/client-file-system.js';

type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];
const scope = globalThis as unknown as WorkerScope;

const shutdown = new ShutdownGate();
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope), { messageStrategy: shutdown });
shutdown.listenOn(connection);
const { shared } = createCopisLspServices({ connection, fileSystemProvider: () => new ClientFileSystemProvider(connection) });
startLanguageServer(shared);
sendOpenDocumentDiagnosticsPromptly(shared);
answerOnBuiltText(shared);
