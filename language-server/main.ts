import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createCopisLspServices } from './lsp/copis-lsp-services.js';
import { sendOpenDocumentDiagnosticsPromptly } from './lsp/prompt-diagnostics.js';
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

const connection = createConnection(ProposedFeatures.all);
const { shared } = createCopisLspServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
sendOpenDocumentDiagnosticsPromptly(shared);
answerOnBuiltText(shared);
