import { join } from 'node:path';
import { codeCacheFolder, runWithCodeCache } from './code-cache.js';

// dist/cli.cjs, what `copis` runs: the CLI itself is dist/cli-main.cjs (src/cli/main.ts), started with V8's
// code cache (code-cache.ts). Both are CommonJS bundles in dist/, so __dirname is dist/.
const main = join(__dirname, 'cli-main.cjs');

/** The hash of dist/cli-main.cjs's text, made by scripts/bundle.mjs when it built both (undefined in watch mode). */
declare const COPIS_MAIN_DIGEST: string | undefined;

try {
    runWithCodeCache(main, codeCacheFolder(), { builtDigest: typeof COPIS_MAIN_DIGEST === 'string' ? COPIS_MAIN_DIGEST : undefined });
} catch (error) {
    // Only what stops the CLI from loading lands here: once it runs, src/cli/main.ts handles every failure.
    const reason = error instanceof Error ? error.message.split(/\r?\n/)[0] : String(error);
    process.stderr.write(`copis: cannot start (${reason}); reinstall copis\n`);
    process.exit(2);
}
