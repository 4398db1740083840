// Builds the bundles that ship. Each one is self-contained: the VSIX and `npx copis` need no node_modules.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
// Some dependencies are ESM that read import.meta.url; in a CommonJS bundle it must be defined.
const importMetaUrl = "const import_meta_url = require('node:url').pathToFileURL(__filename).href;";
const common = {
    bundle: true, sourcemap: true, minify: !process.env.COPIS_NO_MINIFY, logLevel: 'warning', target: 'node22', platform: 'node', format: 'cjs',
    define: { 'import.meta.url': 'import_meta_url' }
};

const entries = [
    // @resvg/resvg-js (copis export --to png) is a native addon: required from node_modules at run time, and only for png.
    { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.cjs', external: ['@resvg/resvg-js'], banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
    { entryPoints: ['language-server/main.ts'], outfile: 'dist/server.cjs', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
    { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.cjs', external: ['vscode'], banner: { js: importMetaUrl } },
    // The web extension (vscode.dev, github.dev): the client in VS Code's extension-host worker, the server in a worker of its own.
    { entryPoints: ['src/extension/main-browser.ts'], outfile: 'dist/extension-web.cjs', external: ['vscode'], platform: 'browser', format: 'cjs', target: 'es2022', define: {} },
    // csv-parse's Node build needs Buffer; its browser build brings its own.
    { entryPoints: ['language-server/main-browser.ts'], outfile: 'dist/server-web.js', platform: 'browser', format: 'iife', target: 'es2022', define: {}, alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' } },
    // The preview page (a webview): a browser script, loaded by nonce under a strict Content-Security-Policy.
    { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'chrome120', define: {} }
].filter(e => existsSync(e.entryPoints[0]));

const contexts = await Promise.all(entries.map(e => esbuild.context({ ...common, ...e })));
if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
} else {
    await Promise.all(contexts.map(c => c.rebuild()));
    await Promise.all(contexts.map(c => c.dispose()));
}
