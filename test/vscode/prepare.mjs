// What both runners need: the suite as one bundle, and a scratch copy of the examples to open.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const out = resolve(root, 'out/vscode-tests');

/**
 * Bundles test/vscode/suite into out/vscode-tests/suite.cjs (CommonJS: the web worker extension host loads no ESM);
 * `entry` picks another suite of that folder (restricted-index.ts: Restricted Mode).
 */
export async function bundleSuite(entry = 'index.ts') {
    for (const needed of ['dist/extension.cjs', 'dist/extension-web.cjs', 'dist/server-web.js', 'dist/server.cjs', 'dist/webview.js']) {
        if (!existsSync(resolve(root, needed))) throw new Error(`${needed} is missing: run \`npm run build\` first (npm test does).`);
    }
    const suite = join(out, entry === 'index.ts' ? 'suite.cjs' : `${entry.replace(/\.ts$/, '')}.cjs`);
    await esbuild.build({
        entryPoints: [resolve(root, 'test/vscode/suite', entry)], outfile: suite, bundle: true, format: 'cjs', platform: 'browser',
        target: 'es2022', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning'
    });
    return suite;
}

/** A workspace folder with the examples, copied: the suite edits and renames. */
export function copyExamples() {
    const workspace = mkdtempSync(join(tmpdir(), 'copis-vscode-'));
    cpSync(resolve(root, 'examples'), workspace, { recursive: true });
    return workspace;
}
