// Builds the bundles that ship. Each one is self-contained: the VSIX and `npx copis` need no node_modules.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { nonAsciiMessage } from './ascii-bundle.mjs';
import { chevrotainStart } from './chevrotain-start.mjs';
import { fdirStart } from './fdir-start.mjs';
import { lazyBuiltins } from './lazy-builtins.mjs';
import { bundledPackages, packageLicences, renderNotices } from './notices.mjs';

const watch = process.argv.includes('--watch');
// Some dependencies are ESM that read import.meta.url; in a CommonJS bundle it must be defined.
const importMetaUrl = "const import_meta_url = require('node:url').pathToFileURL(__filename).href;";
const common = {
    bundle: true, sourcemap: true, minify: !process.env.COPIS_NO_MINIFY, logLevel: 'warning', target: 'node22', platform: 'node', format: 'cjs',
    // Licence comments (/*! */, @license, @preserve) stay, at the end of each bundle; the metafile says which packages went in (for the notices).
    legalComments: 'eof', metafile: true,
    define: { 'import.meta.url': 'import_meta_url' },
    // chevrotain's lexer table filled by ranges (scripts/chevrotain-start.mjs), in every bundle that holds chevrotain.
    plugins: [chevrotainStart]
};

// The static site's page script (copis site): a browser script, built first, because the CLI carries it
// (as COPIS_SITE_SCRIPT) and writes it into every site. In watch mode the CLI reads dist/site.js instead.
const siteScript = { entryPoints: ['src/site-page/main.ts'], outfile: 'dist/site.js', platform: 'browser', format: 'iife', target: ['chrome100', 'firefox100', 'safari15'], sourcemap: false, define: {}, legalComments: 'none' };
if (!watch) await esbuild.build({ ...common, ...siteScript });
const siteDefine = watch ? {} : { COPIS_SITE_SCRIPT: JSON.stringify(readFileSync('dist/site.js', 'utf8')) };

// `copis` itself: starts dist/cli-main.cjs with V8's code cache (src/cli/startup/code-cache.ts). Built after it, with
// the hash of its text (COPIS_MAIN_DIGEST), which names its cache: no run hashes the 1.2 MB again. In watch mode
// (no digest) every run hashes the text.
const starter = { entryPoints: ['src/cli/startup/start.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } };

const entries = [
    // @resvg/resvg-js (copis export --to png) is a native addon: required from node_modules at run time, and only for png.
    // `import()` becomes `require()`: dist/cli.cjs runs this bundle as a vm.Script, where Node 22 has no stable loader for import().
    // fdir's probe for a picomatch outside the bundle is taken out (scripts/fdir-start.mjs).
    // node:child_process and node:crypto are loaded when first used (scripts/lazy-builtins.mjs): `copis validate` never
    // runs a program, and hashes only for SARIF's fingerprints; only what writes files makes random names.
    { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.cjs', external: ['@resvg/resvg-js'], supported: { 'dynamic-import': false }, banner: { js: importMetaUrl }, define: { ...common.define, ...siteDefine }, plugins: [chevrotainStart, fdirStart, lazyBuiltins(['node:child_process', 'node:crypto'])] },
    { entryPoints: ['language-server/main.ts'], outfile: 'dist/server.cjs', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
    { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.cjs', external: ['vscode'], banner: { js: importMetaUrl } },
    // The web extension (vscode.dev, github.dev): the client in VS Code's extension-host worker, the server in a worker of its own.
    { entryPoints: ['src/extension/main-browser.ts'], outfile: 'dist/extension-web.cjs', external: ['vscode'], platform: 'browser', format: 'cjs', target: 'es2022', define: {} },
    // csv-parse's Node build needs Buffer; its browser build brings its own.
    { entryPoints: ['language-server/main-browser.ts'], outfile: 'dist/server-web.js', platform: 'browser', format: 'iife', target: 'es2022', define: {}, alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' } },
    // The preview page (a webview): a browser script, loaded by nonce under a strict Content-Security-Policy.
    { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'chrome120', define: {} },
    ...(watch ? [siteScript, starter] : [])
].filter(e => existsSync(e.entryPoints[0]));

// The fonts of the PNG export (copis export --to png), shipped beside the CLI so that a PNG is the same on every machine:
// Arimo (metric-compatible with Arial, which the layout measures with; SIL Open Font License 1.1) and, for the signs
// it lacks (✓ ✗ ↺), DejaVu Sans (Bitstream Vera licence, changes in the public domain).
const resolve = name => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
const arimo = resolve('@expo-google-fonts/arimo');
const dejavu = resolve('dejavu-fonts-ttf');
mkdirSync('dist/fonts', { recursive: true });
copyFileSync(join(arimo, '400Regular', 'Arimo_400Regular.ttf'), 'dist/fonts/Arimo-Regular.ttf');
copyFileSync(join(arimo, '700Bold', 'Arimo_700Bold.ttf'), 'dist/fonts/Arimo-Bold.ttf');
copyFileSync(join(arimo, 'LICENSE_FONT'), 'dist/fonts/OFL.txt');
copyFileSync(join(dejavu, 'ttf', 'DejaVuSans.ttf'), 'dist/fonts/DejaVuSans.ttf');
copyFileSync(join(dejavu, 'ttf', 'DejaVuSans-Bold.ttf'), 'dist/fonts/DejaVuSans-Bold.ttf');
copyFileSync(join(dejavu, 'LICENSE'), 'dist/fonts/DejaVu-LICENSE.txt');

const contexts = await Promise.all(entries.map(e => esbuild.context({ ...common, ...e })));
if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
} else {
    const results = await Promise.all(contexts.map(c => c.rebuild()));
    await Promise.all(contexts.map(c => c.dispose()));
    const mainDigest = createHash('sha256').update(readFileSync('dist/cli-main.cjs', 'utf8')).digest('hex');
    const starterResult = await esbuild.build({ ...common, ...starter, define: { ...common.define, COPIS_MAIN_DIGEST: JSON.stringify(mainDigest) } });
    entries.push(starter);
    results.push(starterResult);
    // What Node runs must be ASCII (scripts/ascii-bundle.mjs says why); an unminified build (for a readable profile) keeps the comments, which need not be.
    const problems = !common.minify ? [] : ['dist/cli-main.cjs', 'dist/cli.cjs', 'dist/server.cjs'].filter(existsSync).map(f => nonAsciiMessage(f, readFileSync(f, 'utf8'))).filter(Boolean);
    if (problems.length > 0) {
        for (const problem of problems) console.error(`scripts/bundle.mjs: ${problem}`);
        process.exit(1);
    }
    // Which packages each bundle holds (scripts/pack-npm.mjs writes the npm package's notices from them), and the extension's notices.
    mkdirSync('dist/meta', { recursive: true });
    const metas = new Map(entries.map((e, i) => [basename(e.outfile), results[i].metafile]));
    for (const [name, meta] of metas) writeFileSync(`dist/meta/${name}.json`, JSON.stringify(meta));
    const extension = ['extension.cjs', 'extension-web.cjs', 'server.cjs', 'server-web.js', 'webview.js'].filter(n => metas.has(n)).map(n => metas.get(n));
    writeFileSync('dist/THIRD-PARTY-NOTICES.md', renderNotices(packageLicences('.', bundledPackages(extension)), 'The COPIS extension (the VSIX)'));
}
