// Builds the bundles that ship. Each one is self-contained: the VSIX and `npx copis` need no node_modules.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'node22', platform: 'node', format: 'cjs' };

const entries = [
    { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } },
    { entryPoints: ['language-server/main.ts'], outfile: 'dist/server.cjs', banner: { js: '#!/usr/bin/env node' } },
    { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.cjs', external: ['vscode'] }
].filter(e => existsSync(e.entryPoints[0]));

const contexts = await Promise.all(entries.map(e => esbuild.context({ ...common, ...e })));
if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
} else {
    await Promise.all(contexts.map(c => c.rebuild()));
    await Promise.all(contexts.map(c => c.dispose()));
}
