// `npm run pack:npm`: the publishable npm package `copis` (the CLI and the language server) as a
// tarball in out/npm/. The root package.json is the VS Code extension's manifest (private); this
// package gets its own, written into a staging folder with exactly what ships: the two bundles,
// a README for npm users, the docs it and the CLI's messages point at (docs/), LICENSE and the third-party
// notices of what the bundles contain.
// Prints what went in, and the tarball's path as its last line. `node scripts/pack-npm.mjs DIR` packs into DIR.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledPackages, packageLicences, renderNotices } from './notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'out', 'npm');
const staging = join(out, 'package');
// dist/cli.cjs (the `copis` bin) starts dist/cli-main.cjs, the CLI itself.
const BUNDLES = ['cli.cjs', 'cli-main.cjs', 'server.cjs'];
const SHIPPED_DOCS = ['language.md', 'cli.md', 'model.schema.json', 'diff.schema.json', 'config.schema.json'];

for (const needed of [...BUNDLES.map(b => `dist/${b}`), ...BUNDLES.map(b => `dist/meta/${b}.json`)]) {
    if (!existsSync(join(root, needed))) {
        console.error(`pack-npm: ${needed} is missing; run \`npm run build\` first (npm run pack:npm does)`);
        process.exit(1);
    }
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The npm package's own manifest: the CLI's bins, Node 22, and the PNG renderer as its only (optional) dependency. */
export const npmManifest = {
    name: 'copis',
    version: manifest.version,
    description: 'Customer-journey models as code: validate, format and export .copis files, and a language server for any editor.',
    keywords: ['customer journey', 'service blueprint', 'moments of truth', 'cx', 'lsp', 'language server', 'linter'],
    license: manifest.license,
    bin: { copis: 'dist/cli.cjs', 'copis-language-server': 'dist/server.cjs' },
    files: ['dist/cli.cjs', 'dist/cli-main.cjs', 'dist/server.cjs', 'dist/fonts/', 'copis.config.schema.json', 'docs/', 'THIRD-PARTY-NOTICES.md'],
    engines: { node: manifest.engines.node },
    optionalDependencies: { '@resvg/resvg-js': manifest.optionalDependencies['@resvg/resvg-js'] }
};

// Only the staging folder is cleared: DIR may hold other things.
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, 'dist'), { recursive: true });
for (const bundle of BUNDLES) copyFileSync(join(root, 'dist', bundle), join(staging, 'dist', bundle));
// The PNG's fonts with their licences (OFL, Bitstream Vera): the CLI finds them beside its bundle, so a PNG is the same on every machine.
mkdirSync(join(staging, 'dist', 'fonts'));
for (const font of readdirSync(join(root, 'dist', 'fonts'))) copyFileSync(join(root, 'dist', 'fonts', font), join(staging, 'dist', 'fonts', font));
// The config file's JSON Schema, for a `$schema` in a team's copis.config.json (node_modules/copis/copis.config.schema.json).
copyFileSync(join(root, 'docs', 'config.schema.json'), join(staging, 'copis.config.schema.json'));
// The docs that messages and --help point at (docs/language.md §9, docs/cli.md, the JSON outputs' schemas), where they say:
// node_modules/copis/docs/. The config schema beside them, for cli.md's links to it.
mkdirSync(join(staging, 'docs'));
for (const doc of SHIPPED_DOCS) copyFileSync(join(root, 'docs', doc), join(staging, 'docs', doc));
copyFileSync(join(root, 'docs', 'packaging', 'npm', 'README.md'), join(staging, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(staging, 'LICENSE'));
const metas = BUNDLES.map(b => JSON.parse(readFileSync(join(root, 'dist', 'meta', `${b}.json`), 'utf8')));
writeFileSync(join(staging, 'THIRD-PARTY-NOTICES.md'), renderNotices(packageLicences(root, bundledPackages(metas)), 'The copis npm package (dist/cli.cjs, dist/server.cjs)'));
writeFileSync(join(staging, 'package.json'), JSON.stringify(npmManifest, null, 2) + '\n');

// --ignore-scripts: the staging folder has none, and npm must not look for the root's.
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
const tarball = join(out, packed.filename);
console.log(`copis ${packed.version}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked`);
for (const f of packed.files) console.log(`  ${f.path} (${(f.size / 1024).toFixed(1)} KB)`);
console.log(tarball);
