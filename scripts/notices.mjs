// Third-party notices for what a bundle contains: esbuild's metafile names every input file, and the
// packages under node_modules among them are the code of others that ships. Each one's licence text
// (LICENSE, LICENCE, COPYING, NOTICE) goes into one Markdown file beside the bundles.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/a/node_modules/@b/c/lib/x.js` → `node_modules/a/node_modules/@b/c`. */
function packageDir(input) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
    return m?.[1];
}

/** The packages (their folders, relative to `root`) whose files are inputs of the metafiles. */
export function bundledPackages(metafiles) {
    const dirs = new Set();
    for (const meta of metafiles) {
        for (const input of Object.keys(meta.inputs)) {
            const dir = packageDir(input);
            if (dir) dirs.add(dir);
        }
    }
    return [...dirs];
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\b|[.-_])/i;

/** Every package once (by name and version), sorted by name, with its licence and the texts of its licence files. */
export function packageLicences(root, dirs) {
    const byKey = new Map();
    for (const dir of dirs) {
        const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
        const key = `${manifest.name}@${manifest.version}`;
        if (byKey.has(key)) continue;
        const files = readdirSync(join(root, dir)).filter(f => LICENCE_FILE.test(f)).sort();
        byKey.set(key, {
            name: manifest.name,
            version: manifest.version,
            license: typeof manifest.license === 'string' ? manifest.license : manifest.license?.type ?? 'see the package',
            homepage: typeof manifest.homepage === 'string' ? manifest.homepage : undefined,
            texts: files.map(f => ({ file: f, text: readFileSync(join(root, dir, f), 'utf8').trim() }))
        });
    }
    return [...byKey.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The notices file: what it covers, then per package its licence and the full texts. */
export function renderNotices(packages, what) {
    const parts = [
        '# Third-party notices',
        '',
        `${what} contains code from the following packages, bundled by esbuild. Their licences follow.`,
        '',
        ...packages.map(p => `- ${p.name} ${p.version} — ${p.license}`),
        ''
    ];
    for (const p of packages) {
        parts.push(`## ${p.name} ${p.version}`, '', `Licence: ${p.license}${p.homepage ? ` · ${p.homepage}` : ''}`, '');
        if (p.texts.length === 0) parts.push(`(The package ships no licence file; its package.json gives the licence as ${p.license}.)`, '');
        for (const t of p.texts) {
            // A fence longer than any run of backticks in the text, so that no licence can close it early.
            const fence = '`'.repeat(Math.max(3, ...[...t.text.matchAll(/`+/g)].map(m => m[0].length + 1)));
            parts.push(`${t.file}:`, '', `${fence}text`, t.text, fence, '');
        }
    }
    return parts.join('\n');
}
