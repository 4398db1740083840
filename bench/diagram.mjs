// `npm run bench`: model to SVG timing. The entry is TypeScript, so bundle it first.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const out = join(import.meta.dirname, '.work', 'diagram.mjs');
await build({ entryPoints: [join(import.meta.dirname, 'diagram-entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
const run = spawnSync(process.execPath, [out], { stdio: 'inherit' });
process.exit(run.status ?? 1);
